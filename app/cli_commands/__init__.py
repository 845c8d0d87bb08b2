"""Sub-commands of the ``repat`` command, grouped by area."""
