"""Rounds and their transport units, and the import of the sending side's manifest."""
