"""the server's check of each close of a unit's year against the rows it synced

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'year_check',
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('close_id', sa.String(length=36), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('matches', sa.Boolean(), nullable=False),
        sa.Column('differences', sa.String(length=2000), nullable=False),
        sa.Column('figures', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
        sa.Column('checked_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_year_check_unit_id_unit')),
        sa.PrimaryKeyConstraint('unit_id', 'close_id', name=op.f('pk_year_check')),
    )


def downgrade() -> None:
    op.drop_table('year_check')
