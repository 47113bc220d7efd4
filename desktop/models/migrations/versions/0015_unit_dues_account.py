"""the unit's account for dues by transfer (VietQR)

Revision ID: 0015
Revises: 0014

Issue 14, item 4: the dues notice carries a VietQR code for a transfer to the unit's
account; which of the unit's bank accounts receives dues is a unit-level setting, so it
is a column of the unit row and syncs to every PC like the other settings. Added and
dropped with ALTER TABLE (SQLite allows a REFERENCES clause on an added column whose
default is NULL), so the unit table is not rebuilt.
"""
from alembic import op


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE unit ADD COLUMN dues_account_id VARCHAR(36) REFERENCES bank_account (id)")


def downgrade() -> None:
    # The capture and audit triggers of the unit name every column: SQLite refuses to
    # drop one they name. They go first; the app makes them anew for the schema it finds
    # when it next opens the file.
    conn = op.get_bind()
    names = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'unit' "
                                 "AND (name GLOB 'sync_*' OR name GLOB 'trail_*')").scalars().all()
    for name in names:
        op.execute(f'DROP TRIGGER "{name}"')
    op.execute("ALTER TABLE unit DROP COLUMN dues_account_id")
