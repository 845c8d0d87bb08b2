"""Persistence: the ORM models, the engine, migrations at start-up."""
