"""Alembic environment: migrations run on the connection the app hands over."""

from alembic import context

import server.models  # noqa: F401  (every table registered)
from server.base import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when run by the alembic command line
    raise SystemExit("Run migrations through server.db.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
