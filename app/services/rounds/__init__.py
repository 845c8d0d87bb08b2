"""Rounds (handover events), their transport units and the manifest the sending side declared."""
