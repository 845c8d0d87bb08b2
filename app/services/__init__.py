"""Services: the only way the GUI and the CLI read or change data.

Each service checks permissions and validates input itself, so both front ends get the same
guarantees.
"""
