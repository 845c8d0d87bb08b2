"""Repat: an offline-first registry for the repatriation of human remains."""

__version__ = "0.1.0"
