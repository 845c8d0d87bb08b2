"""Printed documents: handover certificates, bag labels, case sheets and the letter for the family
liaison officers (ReportLab, A4).

Every function here works on plain data (dicts and dataclasses) and returns PDF bytes; the
services in ``app.services.documents`` read the database, check permissions and decide what
is printed. The fonts are bundled in ``resources/fonts`` (DejaVu Sans, with Cyrillic), so the
output is the same on a computer with no fonts installed.
"""
