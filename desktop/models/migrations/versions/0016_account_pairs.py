"""the unit's own account pairs (Nợ / Có) per kind of income and spending

Revision ID: 0016
Revises: 0015

Issue 14, item 6. Each kind of income and spending prints its account pair on its receipt,
voucher or bank advice. The app seeds the pairs (desktop/services/cash/accounts.py); this
table holds only the pairs a unit set itself, and it syncs, so that every PC of the unit
prints the same. No rows are seeded here: a seed corrected in a later version then reaches
every unit that kept it. Documents keep the pair they printed (cash_doc and bank_entry
store it when issued), so nothing already issued changes.
The sync capture and audit triggers are made from the models at open, not here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('account_pair',
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('place', sa.String(length=10), nullable=False),
    sa.Column('debit_account', sa.String(length=20), nullable=False),
    sa.Column('credit_account', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_pair'))
    )


def downgrade() -> None:
    op.drop_table('account_pair')
