"""Handover certificates, bag labels, case sheets and the verification of a printed certificate."""
