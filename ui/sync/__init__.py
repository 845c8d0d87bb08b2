"""Exchange between laptops and the headquarters: export, the import wizard, trusted devices, conflicts and probable duplicates."""
