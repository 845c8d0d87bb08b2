"""The missing-persons register: the relatives' applications, and the candidates each case most
likely answers (ranked, with their reasons, never an identification).

``candidates`` ranks the register's entries for a case or for a whole round (the scoring is in
``candidates_scoring``, the blocking index of the register in ``candidates_index``, the reasons
and their English wording in ``candidates_reasons``); ``decisions`` records what a supervisor or
field officer decided about a candidate: compare it first, or not.
"""
