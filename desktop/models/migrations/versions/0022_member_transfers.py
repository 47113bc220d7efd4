"""members' transfers between units of the platform (issue 15, item 8)

Revision ID: 0022
Revises: 0021

A transfer out is recorded with the member's transferred_out event; its row syncs, and
the server hands a copy to the receiving unit, whose PCs accept or decline it. The sync
capture and audit triggers are made from the models at open, not here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('member_transfer',
    sa.Column('direction', sa.String(length=5), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('from_unit_code', sa.String(length=50), nullable=True),
    sa.Column('from_unit_name', sa.String(length=200), nullable=True),
    sa.Column('to_unit_code', sa.String(length=50), nullable=False),
    sa.Column('transfer_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('with_personal_data', sa.Boolean(), nullable=False),
    sa.Column('consent_date', sa.Date(), nullable=True),
    sa.Column('member_data', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answer_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_transfer'))
    )
    op.create_index('ix_member_transfer_status', 'member_transfer', ['direction', 'status'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_member_transfer_status', table_name='member_transfer')
    op.drop_table('member_transfer')
