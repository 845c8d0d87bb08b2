"""The PySide6 user interface. Widgets receive the services' context in their constructor and
never touch a database session."""
