"""the closes of the fiscal year, the lock on a closed year's documents, adjusting documents

Revision ID: 0019
Revises: 0020

Issue 14, item 11. year_close: each close and reopening of a year, append-only and synced
(the database refuses to edit or delete a row). cash_doc and bank_entry get corrects_id:
an adjusting document in the open year names the closed year's document it corrects.

The lock: a BEFORE INSERT trigger on every ledger table (cash documents and their voids,
bank entries and their voids, dues payments, remittances, activity payments) refuses a
row dated in a year whose last event is a close, so nothing written on this PC bypasses
the services' own check. Silent while the sync applies pulled rows (sync_state.applying):
a row another PC wrote before the close may arrive after it; the server is the one that
refuses rows pushed into a year it knows closed, and flags a close whose fingerprint the
synced rows do not give (server/sync/years.py).
The sync capture and audit triggers are made from the models at open, not here.
"""
import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0020'
branch_labels = None
depends_on = None

SYNC = ["id", "created_at", "updated_at", "deleted_at", "device_id"]
# Kept here, not imported from the models: a migration must not change when a model does.
CASH_DOC = ["kind", "book_id", "book_code", "number", "doc_date", "category", "person_name", "address", "member_id",
            "reason", "amount", "attachments", "debit_account", "credit_account"] + SYNC
BANK_ENTRY = ["account_id", "kind", "entry_date", "amount", "category", "content", "counterpart", "reference",
              "cash_doc_id", "debit_account", "credit_account"] + SYNC + ["fingerprint"]
YEAR_CLOSE = ["event", "year", "at", "by_name", "reason", "fingerprint", "rows", "cash_opening", "cash_closing",
              "bank_opening", "bank_closing", "income", "spending"] + SYNC
CASH_REFUSAL = "Chứng từ đã lập không được sửa hay xóa: hãy hủy phiếu và lập phiếu mới."
BANK_REFUSAL = "Bút toán sổ tiền gửi đã ghi không được sửa hay xóa: hãy hủy bút toán và ghi lại."
CLOSE_REFUSAL = "Việc khoá sổ, mở lại sổ đã ghi không được sửa hay xóa: hãy ghi lần khoá hoặc mở sổ mới."
LOCKED = ("Năm tài chính của chứng từ đã khoá sổ: không lập, hủy hay sửa chứng từ có ngày trong năm đó; "
          "lập chứng từ điều chỉnh trong năm đang mở.")

# The date each ledger row stands at, in SQL (NEW: the row being written).
_DOC_DATE = "(SELECT doc_date FROM cash_doc WHERE id = NEW.{})"
_ENTRY_DATE = "(SELECT entry_date FROM bank_entry WHERE id = NEW.{})"
LOCKS = {
    "cash_doc": ["NEW.doc_date"],
    "cash_doc_void": ["NEW.void_date", _DOC_DATE.format("doc_id")],
    "bank_entry": ["NEW.entry_date"],
    "bank_entry_void": ["NEW.void_date", _ENTRY_DATE.format("entry_id")],
    "dues_payment": [_DOC_DATE.format("doc_id"), _ENTRY_DATE.format("bank_entry_id")],
    "remittance": [_DOC_DATE.format("voucher_id")],
    "activity_payment": [_DOC_DATE.format("doc_id")],
}


def _closed(day: str) -> str:
    """True when the year of the date `day` (ISO text, or NULL) is closed: its last event a close."""
    return (f"(SELECT event FROM year_close WHERE deleted_at IS NULL AND year = CAST(substr({day}, 1, 4) AS INTEGER) "
            "ORDER BY at DESC, id DESC LIMIT 1) = 'close'")


def _insert_only(table: str, columns: list[str], refusal: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
    op.execute(f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {", ".join(columns)} ON {table}
        BEGIN SELECT RAISE(ABORT, '{refusal}'); END""")
    op.execute(f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{refusal}'); END""")


def upgrade() -> None:
    op.create_table('year_close',
    sa.Column('event', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_name', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=True),
    sa.Column('rows', sa.Integer(), nullable=True),
    sa.Column('cash_opening', sa.Integer(), nullable=True),
    sa.Column('cash_closing', sa.Integer(), nullable=True),
    sa.Column('bank_opening', sa.Integer(), nullable=True),
    sa.Column('bank_closing', sa.Integer(), nullable=True),
    sa.Column('income', sa.Integer(), nullable=True),
    sa.Column('spending', sa.Integer(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_year_close'))
    )
    op.create_index('ix_year_close_year', 'year_close', ['year'])
    _insert_only("year_close", YEAR_CLOSE, CLOSE_REFUSAL)
    # A plain ADD COLUMN: no table rebuild, so the tables keep their other triggers.
    op.add_column('cash_doc', sa.Column('corrects_id', sa.String(length=36), nullable=True))
    op.add_column('bank_entry', sa.Column('corrects_id', sa.String(length=36), nullable=True))
    _insert_only("cash_doc", CASH_DOC + ["corrects_id"], CASH_REFUSAL)
    _insert_only("bank_entry", BANK_ENTRY + ["corrects_id"], BANK_REFUSAL)
    for table, days in LOCKS.items():
        closed = " OR ".join(_closed(d) for d in days)
        events = ("INSERT", "UPDATE") if table == "activity_payment" else ("INSERT",)
        for event in events:
            # Cheap when no year is closed (the first test): a large import pays nothing more.
            op.execute(f"""CREATE TRIGGER year_lock_{event.lower()}_{table} BEFORE {event} ON {table}
                WHEN (SELECT applying FROM sync_state WHERE id = 1) = 0
                AND EXISTS (SELECT 1 FROM year_close WHERE event = 'close') AND ({closed})
                BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END""")


def downgrade() -> None:
    for table in LOCKS:
        op.execute(f"DROP TRIGGER IF EXISTS year_lock_insert_{table}")
        op.execute(f"DROP TRIGGER IF EXISTS year_lock_update_{table}")
    for table in ("cash_doc", "bank_entry"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('corrects_id')
    # The rebuilt tables lost their triggers: the refusals back (the capture's are made at open).
    _insert_only("cash_doc", CASH_DOC, CASH_REFUSAL)
    _insert_only("bank_entry", BANK_ENTRY, BANK_REFUSAL)
    op.execute("DROP TRIGGER IF EXISTS year_close_no_update")
    op.execute("DROP TRIGGER IF EXISTS year_close_no_delete")
    op.drop_index('ix_year_close_year', table_name='year_close')
    op.drop_table('year_close')
