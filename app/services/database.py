"""Opening the database, for the GUI and the command line.

``ui/`` never imports ``app.persistence``: it opens the database through this module and hands
the ``Database`` to the services, which are the only code that holds sessions.
"""

from __future__ import annotations

from app.persistence.db import Database, open_database, schema_version

__all__ = ["Database", "open_database", "schema_version"]
