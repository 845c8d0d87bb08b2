"""The missing-persons register: the relatives' applications for missing people, imported from the
register's spreadsheet (CSV or XLSX), listed in Ukrainian order and searched by name or number.

``columns`` names the fields and the headers that name them, ``values`` reads a cell (dates, sex),
``check`` finds every problem of a file by line, ``importing`` writes the good rows (a re-import
updates, never duplicates) and ``listing`` pages through the entries.
"""
