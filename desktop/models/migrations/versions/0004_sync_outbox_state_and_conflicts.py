"""sync: outbox, state, conflicts; receipt books can be closed

Revision ID: 0004
Revises: 0003

The capture triggers are not made here: desktop.models.sync generates them from the
model metadata when the database is opened, so they always match the tables.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sync_outbox',
        sa.Column('local_seq', sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column('mutation_id', sa.String(36), nullable=True),
        sa.Column('tbl', sa.String(40), nullable=False),
        sa.Column('row_id', sa.String(36), nullable=False),
        sa.Column('op', sa.String(10), nullable=False),
        sa.Column('fields', sa.Text(), nullable=False),
        sa.Column('base_seq', sa.Integer(), nullable=True),
        sa.Column('hlc', sa.Integer(), nullable=False),
        sa.Column('rejected', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('local_seq', name='pk_sync_outbox'),
        sa.UniqueConstraint('mutation_id', name='uq_sync_outbox_mutation_id'),
        sqlite_autoincrement=True,
    )
    op.create_table(
        'sync_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('applying', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('hlc', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('clock_offset_ms', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('cursor', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('target_seq', sa.Integer(), nullable=True),
        sa.Column('server_url', sa.String(300), nullable=True),
        sa.Column('server_device_id', sa.String(36), nullable=True),
        sa.Column('unit_code', sa.String(50), nullable=True),
        sa.Column('unit_name', sa.String(200), nullable=True),
        sa.Column('device_number', sa.Integer(), nullable=True),
        sa.Column('enrolled_at', sa.DateTime(), nullable=True),
        sa.Column('last_sync_at', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('trigger_hash', sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint('id', name='pk_sync_state'),
    )
    op.execute("INSERT INTO sync_state(id, applying, hlc, clock_offset_ms, cursor) VALUES (1, 0, 0, 0, 0)")
    op.create_table(
        'sync_conflict',
        sa.Column('id', sa.String(36), nullable=False),
        sa.Column('tbl', sa.String(40), nullable=False),
        sa.Column('row_id', sa.String(36), nullable=False),
        sa.Column('field', sa.String(60), nullable=False),
        sa.Column('kept_value', sa.Text(), nullable=True),
        sa.Column('lost_value', sa.Text(), nullable=True),
        sa.Column('kept_device', sa.String(100), nullable=True),
        sa.Column('lost_device', sa.String(100), nullable=True),
        sa.Column('kept_hlc', sa.Integer(), nullable=True),
        sa.Column('lost_hlc', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('reviewed_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name='pk_sync_conflict'),
    )
    with op.batch_alter_table('receipt_book', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('receipt_book', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
    for (name,) in op.get_bind().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND name GLOB 'sync_*'").fetchall():
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table('sync_conflict')
    op.drop_table('sync_state')
    op.drop_table('sync_outbox')
