"""Import: apply the row versions of verified bundles to the database, in the caller's transaction.

For each bundle:

1. versions of rounds this device does not receive are skipped (when it receives only some);
2. versions already known are skipped; the others are appended to the version log;
3. each touched row is brought to the state its versions determine: a new row or a
   fast-forward directly, anything else through ``app.sync.merge`` (which may add a merge
   version and conflicts);
4. the states are written with Core statements, tables in foreign-key order, each row checked
   first: a row that refers to a record not received yet is held in ``sync_pending`` and retried
   at every import; natural keys two installations may both issue (case and certificate numbers,
   device codes) are settled: every row holding a shared value is kept and marked (``KEY_CLASH``
   in the models) and the pair flagged for the supervisor; of several links between one
   certificate and one case (links made before their ids were derived from the pair), the one
   with the smallest id carries the pair and every live version of the others is superseded by a
   deletion every replica derives alike;
5. attachment bytes are stored, held rows retried, probable duplicates flagged.

Everything happens in one transaction opened by the caller, so a cancel or an error leaves the
database as it was. The outcome depends only on which versions are known, never on the order in
which bundles arrived.

Because rows are checked before they are written, writes need no savepoint each; should a write
still break a constraint, the caller rolls the transaction back and applies the bundles again with
``careful`` set (each bundle, and each part of it, in a savepoint; failing rows held). The bulk of
an import is new rows: on SQLite they become statement parameters through C-level iteration
(item getters, ``zip``, ``map``) and are written with ``executemany``.

The ``Importer`` (``engine``) is put together from one class per stage, each in its module:

- ``base``: what every stage shares (the importer's state, ``Stats``, a row's target state);
- ``records``: the bundle's records read and checked (``parse_versions``), and the version log;
- ``rounds``: 1, the versions of rounds this device does not receive left out;
- ``merging``: 3, a row's state from its whole history (merges and conflicts);
- ``keys``: 4, natural keys two installations may both issue, and doubled certificate links;
- ``writing``: 4, the states written in foreign-key order; held rows recorded and retried;
- ``duplicates``: 5, probable duplicates flagged, and flags that no longer hold dropped;
- ``engine``: the ``Importer`` itself: one file applied from start to end, rows brought up to
  date (2, 3) and attachment bytes stored (5).
"""
