"""the dated history of the hierarchy: units moved to a new parent by decision

Revision ID: 0007
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'unit_move',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('old_parent_id', sa.Integer(), nullable=True),
        sa.Column('new_parent_id', sa.Integer(), nullable=False),
        sa.Column('valid_from', sa.String(length=7), nullable=False),
        sa.Column('decision_no', sa.String(length=50), nullable=False),
        sa.Column('decision_date', sa.Date(), nullable=False),
        sa.Column('moved_by', sa.String(length=100), nullable=False),
        sa.Column('moved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unit_move_unit_id_unit')),
        sa.ForeignKeyConstraint(['old_parent_id'], ['unit.id'], name=op.f('fk_unit_move_old_parent_id_unit')),
        sa.ForeignKeyConstraint(['new_parent_id'], ['unit.id'], name=op.f('fk_unit_move_new_parent_id_unit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_move')),
    )
    op.create_index(op.f('ix_unit_move_unit_id'), 'unit_move', ['unit_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_unit_move_unit_id'), table_name='unit_move')
    op.drop_table('unit_move')
