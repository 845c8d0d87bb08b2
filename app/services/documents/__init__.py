"""Documents: handover certificates (forms, content, issue, void, supersede), their verification, bag labels and case sheets."""
