"""The merge wizard: import one or more bundle files into this database.

1. choose the files (and the passphrase of encrypted ones);
2. preview: what each file would do — new, updated and unchanged records, conflicts, probable
   duplicates, files held in quarantine or refused, with the reason (``imports.preview_import`` runs
   the import for real in a transaction that is rolled back, off the GUI thread);
3. apply (``imports.apply_import``, one transaction) with a progress bar; Stop cancels it and the
   database stays exactly as it was;
4. the result, with the way to the conflicts, the probable duplicates and the devices.

One module per page: ``files``, ``preview``, ``apply`` and ``result``; ``summary`` holds the
table of files and the totals the preview and the result show; ``wizard`` puts the pages together
(``MergeWizard``).
"""
