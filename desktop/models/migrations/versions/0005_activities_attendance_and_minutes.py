"""activities, attendance and minutes

Revision ID: 0005
Revises: 0004

Activities, the members they concern (with attendance and support amounts), the vouchers
that paid for them, and their documents (biên bản, quyết định, thông báo). A finished
document is locked by triggers, as issued cash documents are in 0002: only a new version
corrects it. The capture triggers of sync are made from the metadata at open.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Kept here, not imported from the model: a migration must not change when the model does.
LOCKED = (
    "activity_id", "doc_type", "chain_id", "version", "correction_reason", "status", "finished_at",
    "meeting_kind", "number", "year", "suffix", "doc_date", "place_name", "title", "start_at", "end_at",
    "location", "chair_name", "chair_role", "secretary_name", "secretary_role", "expected_count",
    "present_count", "participants", "agenda", "conclusions", "closing_note", "bases", "body", "annex",
    "signer_title", "signer_name", "recipients", "deleted_at",
)
REFUSAL = "Văn bản đã hoàn thành không được sửa hay xóa: hãy lập bản sửa (phiên bản mới)."


def upgrade() -> None:
    op.create_table('activity',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subkind', sa.String(length=20), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('organiser', sa.String(length=200), nullable=True),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('group_id', sa.String(length=36), nullable=True),
    sa.Column('budget', sa.Integer(), nullable=True),
    sa.Column('spent_outside', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['unit_group.id'], name=op.f('fk_activity_group_id_unit_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index('ix_activity_start', ['start_date', 'deleted_at'], unique=False)

    op.create_table('activity_doc',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('doc_type', sa.String(length=5), nullable=False),
    sa.Column('chain_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('correction_reason', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('meeting_kind', sa.String(length=20), nullable=True),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('suffix', sa.String(length=30), nullable=False),
    sa.Column('doc_date', sa.Date(), nullable=False),
    sa.Column('place_name', sa.String(length=100), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('start_at', sa.DateTime(), nullable=True),
    sa.Column('end_at', sa.DateTime(), nullable=True),
    sa.Column('location', sa.String(length=300), nullable=True),
    sa.Column('chair_name', sa.String(length=150), nullable=True),
    sa.Column('chair_role', sa.String(length=150), nullable=True),
    sa.Column('secretary_name', sa.String(length=150), nullable=True),
    sa.Column('secretary_role', sa.String(length=150), nullable=True),
    sa.Column('expected_count', sa.Integer(), nullable=True),
    sa.Column('present_count', sa.Integer(), nullable=True),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('agenda', sa.Text(), nullable=False),
    sa.Column('conclusions', sa.Text(), nullable=True),
    sa.Column('closing_note', sa.Text(), nullable=True),
    sa.Column('bases', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('annex', sa.Text(), nullable=False),
    sa.Column('signer_title', sa.String(length=150), nullable=True),
    sa.Column('signer_name', sa.String(length=150), nullable=True),
    sa.Column('recipients', sa.Text(), nullable=True),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_doc_activity_id_activity')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_doc'))
    )
    with op.batch_alter_table('activity_doc', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_doc_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_doc_chain_id'), ['chain_id'], unique=False)
        batch_op.create_index('ix_activity_doc_number', ['doc_type', 'year', 'number'], unique=False)

    op.create_table('activity_member',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('attendance', sa.String(length=10), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=True),
    sa.Column('amount', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_member_activity_id_activity')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_activity_member_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_member'))
    )
    with op.batch_alter_table('activity_member', schema=None) as batch_op:
        batch_op.create_index('ix_activity_member_activity', ['activity_id', 'deleted_at', 'attendance'], unique=False)
        batch_op.create_index('ix_activity_member_member', ['member_id'], unique=False)

    op.create_table('activity_payment',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('doc_id', sa.String(length=36), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_payment_activity_id_activity')),
    sa.ForeignKeyConstraint(['doc_id'], ['cash_doc.id'], name=op.f('fk_activity_payment_doc_id_cash_doc')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_activity_payment_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_payment'))
    )
    with op.batch_alter_table('activity_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_payment_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_payment_doc_id'), ['doc_id'], unique=False)

    # The calendar of the activities page finds members' birthdays by month and day.
    op.create_index('ix_member_birthday', 'member', [sa.text('substr(birth_date, 6, 5)'), 'deleted_at', 'status',
                                                     'birth_year_only', 'sort_key'], unique=False)
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in LOCKED)
    op.execute(f"""CREATE TRIGGER activity_doc_final_no_update BEFORE UPDATE ON activity_doc
        WHEN OLD.status = 'final' AND ({changed})
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""")
    op.execute(f"""CREATE TRIGGER activity_doc_final_no_delete BEFORE DELETE ON activity_doc
        WHEN OLD.status = 'final'
        BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END""")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS activity_doc_final_no_update")
    op.execute("DROP TRIGGER IF EXISTS activity_doc_final_no_delete")
    op.drop_index('ix_member_birthday', table_name='member')
    with op.batch_alter_table('activity_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_payment_doc_id'))
        batch_op.drop_index(batch_op.f('ix_activity_payment_activity_id'))

    op.drop_table('activity_payment')
    with op.batch_alter_table('activity_member', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_member_member')
        batch_op.drop_index('ix_activity_member_activity')

    op.drop_table('activity_member')
    with op.batch_alter_table('activity_doc', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_doc_number')
        batch_op.drop_index(batch_op.f('ix_activity_doc_chain_id'))
        batch_op.drop_index(batch_op.f('ix_activity_doc_activity_id'))

    op.drop_table('activity_doc')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_start')

    op.drop_table('activity')
