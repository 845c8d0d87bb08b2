"""Forensic progress of a case: examination, samples, identification, release to the family.

Each step writes real records, so the reconciliation's "examined / identified / released"
figures count what was recorded here:

- **Examination**: status (not started → in progress → completed), when, by whom, notes.
  Completing it appends an ``examined`` custody event and moves the case to ``examined``. A
  completed examination is final (the custody chain is append-only); its notes may still grow.
- **Samples**: what was taken (bone, tooth, tissue...), the laboratory's number, when, by whom,
  where it was sent. A sample recorded in error is withdrawn (a tombstone), never erased.
- **Identification** (after a completed examination): the established identity — name, birth
  date, citizenship — with the method, who identified and when. It is stored in the
  ``established_*`` fields and never touches the claimed identity; the case is flagged
  ``identity_disputed`` when the two differ (see ``identity.identity_differences``).
- **Release to the family** (after identification): recipient, relationship, document, when,
  where, by whom; appends a ``released`` custody event and moves the case to ``released``.

Every change is an ORM change of a synced row, so it is versioned and travels in bundles.

The modules: ``identity`` compares the claimed and the established identity; ``case_record``
holds the vocabulary (roles, statuses, sample types, methods), the record the dialog reads and
the checks every step shares; ``examination`` records the examination and the samples;
``identification`` records the identification and the release to the family.
"""
