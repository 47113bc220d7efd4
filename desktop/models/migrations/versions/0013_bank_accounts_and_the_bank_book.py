"""bank and treasury accounts and the bank book (S12-H)

Revision ID: 0013
Revises: 0012

Issue 14, item 1. The unit's deposit accounts (at a bank or at the State Treasury), each
with its opening balance and date; the bank book's entries (bank advices, fees, interest,
transfers with the cash book) and their voids. All three sync; entries and voids are
insert-only like cash documents (0002): the database refuses to edit or delete them.
The sync capture and audit triggers are made from the models at open, not here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

SYNC = ["id", "created_at", "updated_at", "deleted_at", "server_seq", "device_id"]
# Kept here, not imported from the model: a migration must not change when the model does.
INSERT_ONLY = {
    "bank_entry": ["account_id", "kind", "entry_date", "amount", "category", "content", "counterpart", "reference",
                   "cash_doc_id", "debit_account", "credit_account"] + SYNC,
    "bank_entry_void": ["entry_id", "void_date", "reason"] + SYNC,
}
REFUSAL = "Bút toán sổ tiền gửi đã ghi không được sửa hay xóa: hãy hủy bút toán và ghi lại."


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
        sa.Column('server_seq', sa.Integer(), nullable=True),
        sa.Column('device_id', sa.String(length=36), nullable=True),
    ]


def upgrade() -> None:
    op.create_table('bank_account',
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('bank_bin', sa.String(length=6), nullable=True),
    sa.Column('institution', sa.String(length=200), nullable=False),
    sa.Column('account_number', sa.String(length=30), nullable=False),
    sa.Column('account_name', sa.String(length=200), nullable=False),
    sa.Column('opening_balance', sa.Integer(), nullable=False),
    sa.Column('opening_date', sa.Date(), nullable=False),
    *_sync_columns(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_account'))
    )
    op.create_table('bank_entry',
    sa.Column('account_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('counterpart', sa.String(length=200), nullable=True),
    sa.Column('reference', sa.String(length=50), nullable=True),
    sa.Column('cash_doc_id', sa.String(length=36), nullable=True),
    sa.Column('debit_account', sa.String(length=20), nullable=True),
    sa.Column('credit_account', sa.String(length=20), nullable=True),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['account_id'], ['bank_account.id'], name=op.f('fk_bank_entry_account_id_bank_account')),
    sa.ForeignKeyConstraint(['cash_doc_id'], ['cash_doc.id'], name=op.f('fk_bank_entry_cash_doc_id_cash_doc')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_entry'))
    )
    op.create_index('ix_bank_entry_account_date', 'bank_entry', ['account_id', 'entry_date'])
    op.create_table('bank_entry_void',
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('void_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    *_sync_columns(),
    sa.ForeignKeyConstraint(['entry_id'], ['bank_entry.id'], name=op.f('fk_bank_entry_void_entry_id_bank_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_entry_void')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_bank_entry_void_entry_id'))
    )
    for table, columns in INSERT_ONLY.items():
        changeable = ", ".join(c for c in columns if c != "server_seq")
        op.execute(f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {changeable} ON {table}
            BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""")
        op.execute(f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""")


def downgrade() -> None:
    for table in INSERT_ONLY:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    op.drop_table('bank_entry_void')
    op.drop_index('ix_bank_entry_account_date', table_name='bank_entry')
    op.drop_table('bank_entry')
    op.drop_table('bank_account')
