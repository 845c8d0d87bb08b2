"""Administration: accounts and role grants, backups, the audit of the records, the demonstration data."""
