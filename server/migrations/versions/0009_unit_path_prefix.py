"""unit.path searchable by prefix on PostgreSQL (issue 15: the latest sync below a node)

A sub-tree is `path LIKE '/1/7/%'`. PostgreSQL takes a prefix LIKE from a plain btree
index only under the "C" collation; a database made with another (C.UTF-8 here, a
Vietnamese or English locale elsewhere) read the whole unit table for every sub-tree.
An index in varchar_pattern_ops order serves the prefix whatever the collation. SQLite
keeps its plain index (a server on SQLite is a small one).

Revision ID: 0009
Revises: 0008
"""
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_unit_path_prefix ON unit (path varchar_pattern_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_unit_path_prefix")
