"""Exchange: export and import of bundles, trusted devices, conflicts, probable duplicates, a re-installed laptop's resume file.

Who may do what:

- export: anyone logged in (a field officer exports the laptop's day; a clerk's or the
  headquarters' database exports the same way);
- import from trusted devices: anyone logged in (corrections reach the field);
- trust or revoke a device, import a bundle from an unknown device at once (``trust=True``),
  resolve conflicts, link or dismiss probable duplicates, make the headquarters key: supervisors.

A bundle from an unknown or revoked device is never applied: it is kept in quarantine (a copy
in the data folder and a row in ``quarantine``) until a supervisor trusts the device.

Long operations take ``progress(done, total, message)`` and a ``CancelToken``; a cancel leaves
the database exactly as it was.

- ``export``: a bundle of the changes not exported yet;
- ``imports``: bundle files verified and applied (or previewed), with ``opening`` (their working
  folder and the threads that verify them), ``trust`` (whose bundles are applied; quarantine) and
  ``report`` (what each file did);
- ``devices``: trusted devices and keys; ``conflicts``; ``duplicates`` (probable duplicates);
- ``status``: held records, the sync status and the rounds this device receives;
- ``common``: permissions, local settings and transactions the others share;
- ``resume``: a re-installed laptop's resume file.
"""
