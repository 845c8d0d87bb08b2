"""The commands of `repat`, one module per area of work."""
