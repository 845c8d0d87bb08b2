"""Exchange: export and import of bundles, trusted devices, conflicts, probable duplicates, a re-installed laptop's resume file."""
