"""roles of the administrator accounts (quản trị / chỉ xem), who created them, disabled
accounts, password changes, and the append-only audit log of what accounts did

Revision ID: 0006
Revises: 0005
"""
import unicodedata

from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

APPEND_ONLY = "Nhật ký quản trị chỉ được ghi thêm, không được sửa hay xóa."


def upgrade() -> None:
    with op.batch_alter_table('admin_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username_key', sa.String(length=100), nullable=True))
        # Accounts that exist today are administrators, as they have been until now.
        batch_op.add_column(sa.Column('role', sa.String(length=10), nullable=False, server_default='admin'))
        batch_op.add_column(sa.Column('created_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('disabled', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('password_changed_at', sa.DateTime(), nullable=True))
    conn = op.get_bind()
    taken: set[str] = set()
    for id_, username, created_at in conn.execute(
            sa.text("SELECT id, username, created_at FROM admin_account ORDER BY id")).all():
        key = unicodedata.normalize("NFC", username).casefold()[:100]
        if key in taken:  # "An" next to an older "an": it keeps its exact name for logging in
            key = f"{key[:80]}#{id_}"
        taken.add(key)
        conn.execute(sa.text("UPDATE admin_account SET username_key = :k, password_changed_at = :t WHERE id = :i"),
                     {"k": key, "t": created_at, "i": id_})
    with op.batch_alter_table('admin_account', schema=None) as batch_op:
        batch_op.alter_column('username_key', existing_type=sa.String(length=100), nullable=False)
        batch_op.alter_column('password_changed_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_admin_account_username_key'), ['username_key'])
        batch_op.create_check_constraint('role', "role IN ('admin', 'viewer')")
        batch_op.create_foreign_key(batch_op.f('fk_admin_account_created_by_admin_account'), 'admin_account',
                                    ['created_by'], ['id'])

    op.create_table(
        'admin_audit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('actor_name', sa.String(length=100), nullable=False),
        sa.Column('address', sa.String(length=64), nullable=True),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('detail', sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['admin_account.id'], name=op.f('fk_admin_audit_actor_id_admin_account')),
        sa.ForeignKeyConstraint(['account_id'], ['admin_account.id'],
                                name=op.f('fk_admin_audit_account_id_admin_account')),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_admin_audit_unit_id_unit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_audit')),
    )
    with op.batch_alter_table('admin_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_audit_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_admin_audit_unit_id'), ['unit_id'], unique=False)
    # Append-only in the database itself, not only in the code that writes it.
    if conn.dialect.name == 'postgresql':
        op.execute(f"""CREATE FUNCTION admin_audit_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END; $$ LANGUAGE plpgsql""")
        op.execute("CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE ON admin_audit "
                   "FOR EACH ROW EXECUTE FUNCTION admin_audit_append_only()")
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER admin_audit_no_{verb.lower()} BEFORE {verb} ON admin_audit "
                       f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == 'postgresql':
        op.execute("DROP TRIGGER admin_audit_append_only ON admin_audit")
        op.execute("DROP FUNCTION admin_audit_append_only()")
    op.drop_table('admin_audit')
    with op.batch_alter_table('admin_account', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_admin_account_created_by_admin_account'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_admin_account_username_key'), type_='unique')
        batch_op.drop_constraint(batch_op.f('ck_admin_account_role'), type_='check')
        batch_op.drop_column('password_changed_at')
        batch_op.drop_column('disabled')
        batch_op.drop_column('created_by')
        batch_op.drop_column('role')
        batch_op.drop_column('username_key')
