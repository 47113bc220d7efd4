"""accounts and audit log

Revision ID: 0006
Revises: 0005

Local user accounts (not synced), the one-row audit_session the audit triggers read
(who is writing; the bulk switch), and the synced, insert-only audit_log. The audit
triggers themselves, like the sync capture triggers, are made from the metadata at open
(desktop/models/audit.py). audit_log refuses UPDATE and DELETE, as issued documents do
(0002), except that a value may be redacted (erasure of a leaver's personal data).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

REDACTED = "(đã xóa)"
REFUSAL = "Nhật ký thay đổi không được sửa hay xóa."
# Kept here, not imported from the model: a migration must not change when the model does.
LOCKED = ("at", "user_name", "tbl", "row_id", "action", "field", "id", "created_at", "updated_at", "deleted_at",
          "device_id")


def upgrade() -> None:
    op.create_table('user_account',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=50), nullable=False),
    sa.Column('full_name', sa.String(length=150), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('disabled_at', sa.DateTime(), nullable=True),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('username', name=op.f('uq_user_account_username'))
    )
    op.create_table('audit_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_name', sa.String(length=50), nullable=False),
    sa.Column('bulk', sa.Integer(), nullable=False),
    sa.Column('trigger_hash', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_session'))
    )
    op.execute("INSERT INTO audit_session(id, user_name, bulk) VALUES (1, '', 0)")
    op.create_table('audit_log',
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_name', sa.String(length=50), nullable=True),
    sa.Column('tbl', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=True),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('label', sa.String(length=300), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_at', ['at'], unique=False)
        batch_op.create_index('ix_audit_log_row', ['row_id'], unique=False)
    locked = ", ".join(LOCKED)
    same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in LOCKED)
    kept = " AND ".join(f"(NEW.{c} IS OLD.{c} OR NEW.{c} = '{REDACTED}')" for c in ("old_value", "new_value", "label"))
    op.execute(f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF {locked}, old_value, new_value, label
        ON audit_log WHEN NOT ({same} AND {kept})
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""")
    op.execute(f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""")


def downgrade() -> None:
    # The audit triggers on the other tables write into audit_log: they go first.
    bind = op.get_bind()
    for (name,) in bind.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                        "AND name GLOB 'trail_*'").all():
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    for name in ("audit_log", "audit_session", "user_account"):
        op.execute(f"DROP TABLE IF EXISTS {name}")
