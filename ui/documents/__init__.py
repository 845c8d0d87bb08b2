"""Handover certificates, bag labels, case sheets and the verification of a printed certificate.

``texts`` (translated names and messages), ``preview`` (the PDF preview and printing),
``case_documents`` (bag labels and case sheets), ``certificate_form`` (the certificate form's
widgets), ``certificate`` (the certificate dialog), ``certificate_list`` (a round's certificates),
``verify`` (the verify field and dialog).
"""
