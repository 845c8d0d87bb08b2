"""Reports: the reconciliation of rounds as a bilingual PDF (the certificates' fonts and page
style, from ``app.documents.layout``) and as CSV. They render a report the services built
(``app.services.reconciliation.report.build_report``) and never read the database themselves;
``reconciliation_file.write_report`` builds, renders and writes one.
"""
