"""The missing-persons register: the relatives' applications for missing people, imported from the
register's spreadsheet (CSV or XLSX), listed in Ukrainian order and searched by name or number;
and the candidates each case most likely answers (ranked, with their reasons, never an
identification).

``columns`` names the fields and the headers that name them, ``values`` reads a cell (dates, sex),
``check`` finds every problem of a file by line, ``importing`` writes the good rows (a re-import
updates, never duplicates) and ``listing`` pages through the entries. ``candidates`` ranks the
register's entries for a case or for a whole round (the scoring is in ``candidates_scoring``, the
blocking index of the register in ``candidates_index``, the reasons and their English wording in
``candidates_reasons``); ``decisions`` records what a supervisor or field officer decided about a
candidate: compare it first, or not.
"""
