"""the erased members found by an index (issue 17: a pull page's redaction check)

Revision ID: 0023
Revises: 0022

Each pulled page asks whether any member was erased (then the audit log's copies of
their data are redacted): without an index that read every member, 50 ms a page at
100,000 members. A partial index holds only the erased ones (usually none).
"""
import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_member_erased', 'member', ['erased_at'], unique=False,
                    sqlite_where=sa.text('erased_at IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_member_erased', table_name='member')
