"""the sync history's epoch, set anew after a restore from a backup

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit_sync', schema=None) as batch_op:
        batch_op.add_column(sa.Column('epoch', sa.String(length=36), server_default='', nullable=False))
        batch_op.add_column(sa.Column('epoch_seq', sa.BigInteger(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('unit_sync', schema=None) as batch_op:
        batch_op.drop_column('epoch_seq')
        batch_op.drop_column('epoch')
