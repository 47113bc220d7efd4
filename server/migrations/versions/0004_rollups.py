"""rollups of each unit and month for the upper levels, built from the stored rows

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import Session

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'rollup',
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('scope', sa.String(length=1), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('metric', sa.String(length=20), nullable=False),
        sa.Column('key', sa.String(length=100), nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_rollup_unit_id_unit')),
        sa.PrimaryKeyConstraint('unit_id', 'scope', 'month', 'metric', 'key', name=op.f('pk_rollup')),
    )
    op.create_index(op.f('ix_unit_parent_id'), 'unit', ['parent_id'])
    # What is already stored gets its rollups now (the code of this revision, as it runs).
    from server.rollups.rebuild import rebuild
    s = Session(bind=op.get_bind())
    rebuild(s)
    s.flush()


def downgrade() -> None:
    op.drop_index(op.f('ix_unit_parent_id'), table_name='unit')
    op.drop_table('rollup')
