"""Alembic environment. The application runs migrations itself at start-up
(``app.persistence.db.migrate``) and hands its connection in through
``config.attributes["connection"]``."""

from __future__ import annotations

import logging.config

from alembic import context
from sqlalchemy import create_engine

from app.persistence import models

config = context.config
target_metadata = models.Base.metadata

if config.config_file_name is not None and not logging.getLogger().handlers and config.file_config.has_section("formatters"):
    logging.config.fileConfig(config.config_file_name)


def run_with(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as conn:
        run_with(conn)


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
