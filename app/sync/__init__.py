"""Export bundles and the merge of row versions from many devices.

- ``merge``: the version DAG of one row and the deterministic three-way merge (pure Python).
- ``bundle``: the bundle file (ZIP with a signed manifest): writing, reading and verifying.
- ``crypto``: signatures and the optional transport encryption (passphrase or HQ key).
- ``exporter`` / ``importer``: the database side, in one transaction each.
- ``tables``: what the engine knows about the synced tables (order, keys, types, scope).

The services in ``app.services.sync`` (``export``, ``imports``, ...) check permissions and call these.
"""
