"""The case list and the case file: table model, the file's tabs, field display and voiding a case."""
