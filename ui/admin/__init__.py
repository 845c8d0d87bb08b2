"""Administration: user accounts and their roles, backups, the verification of the records."""
