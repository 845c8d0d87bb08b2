"""The missing-persons register's windows: the register itself (search, Ukrainian order, the
entry in full) and the import of its spreadsheet, reached from the main window's menu."""
