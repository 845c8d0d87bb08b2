"""Cases: intake of remains, the case list, the case file and its history, reception times, voiding."""
