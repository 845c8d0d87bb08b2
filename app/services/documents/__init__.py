"""Documents: handover certificates (forms, content, issue, void, supersede), their verification, bag labels, case
sheets, and the letter for the family liaison officers (``liaison_letter``)."""
