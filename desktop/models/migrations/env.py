"""Alembic environment: migrations run on the connection the app hands over."""

from alembic import context

from desktop.models.base import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when run by the alembic command line
    raise SystemExit("Run migrations through desktop.models.db.run_migrations")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
)
with context.begin_transaction():
    context.run_migrations()
