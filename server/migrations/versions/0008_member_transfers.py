"""the mailbox of members' transfers between units (issue 15, item 8)

Revision ID: 0008
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'member_transfer_letter',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('from_unit_id', sa.Integer(), nullable=False),
        sa.Column('to_unit_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('proposal', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
        sa.Column('delivered', sa.Boolean(), nullable=False),
        sa.Column('answered_at', sa.String(length=32), nullable=True),
        sa.Column('answer_reason', sa.String(length=5000), nullable=True),
        sa.Column('answer_delivered', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['from_unit_id'], ['unit.id'], name=op.f('fk_member_transfer_letter_from_unit_id_unit')),
        sa.ForeignKeyConstraint(['to_unit_id'], ['unit.id'], name=op.f('fk_member_transfer_letter_to_unit_id_unit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_member_transfer_letter')),
    )
    op.create_index('ix_member_transfer_letter_to', 'member_transfer_letter', ['to_unit_id', 'delivered'])
    op.create_index('ix_member_transfer_letter_from', 'member_transfer_letter', ['from_unit_id', 'answer_delivered'])


def downgrade() -> None:
    op.drop_index('ix_member_transfer_letter_from', table_name='member_transfer_letter')
    op.drop_index('ix_member_transfer_letter_to', table_name='member_transfer_letter')
    op.drop_table('member_transfer_letter')
