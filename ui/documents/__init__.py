"""Handover certificates, bag labels, case sheets, the letter for the family liaison officers and
the verification of a printed certificate.

``texts`` (translated names and messages), ``preview`` (the PDF preview and printing),
``case_documents`` (bag labels and case sheets), ``certificate_form`` (the certificate form's
widgets), ``certificate`` (the certificate dialog), ``certificate_list`` (a round's certificates),
``liaison_letter`` (the letter about a round, from the dashboard), ``verify`` (the verify field
and dialog).
"""
