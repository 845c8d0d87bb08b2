"""The forensic officer's window: examination, samples, identification and release."""
