"""dues, receipts and the cash book

Revision ID: 0002
Revises: 0001
"""
import uuid
from datetime import date, datetime

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


SYNC = ["id", "created_at", "updated_at", "deleted_at", "server_seq", "device_id"]
# Issued documents and what they pay are never edited or deleted (DOMAIN.md): the
# database itself refuses it; only the sync's server_seq may be filled in later.
INSERT_ONLY = {
    "cash_doc": ["kind", "book_id", "book_code", "number", "doc_date", "category", "person_name", "address",
                 "member_id", "reason", "amount", "attachments", "debit_account", "credit_account"] + SYNC,
    "cash_doc_void": ["doc_id", "void_date", "reason"] + SYNC,
    "dues_payment": ["doc_id", "member_id", "month", "amount"] + SYNC,
    "remittance": ["period_from", "period_to", "collected", "standard_collected", "share_bp", "amount",
                   "voucher_id"] + SYNC,
}
REFUSAL = "Chứng từ đã lập không được sửa hay xóa: hãy hủy phiếu và lập phiếu mới."

# The law as dated rows (DOMAIN.md). Ids are fixed so that every device seeds the same
# rows and sync sees one row, not one per device.
NS = uuid.UUID("6f1c1d5e-8a43-4c1b-9d4e-3c0b8f1a2d70")
LAW_TIME = datetime(2026, 11, 1)
DUES_RULES = [
    # from, group, rate, cap (of lương cơ sở), floor of fixed dues, source
    (date(2017, 1, 1), 1, 100, None, 100, "QĐ 1908/QĐ-TLĐ ngày 19/12/2016, điều 23"),
    (date(2017, 1, 1), 2, 100, 1000, 100, "QĐ 1908/QĐ-TLĐ ngày 19/12/2016, điều 23"),
    (date(2017, 1, 1), 3, 100, 1000, 100, "QĐ 1908/QĐ-TLĐ ngày 19/12/2016, điều 23"),
    (date(2025, 7, 1), 1, 50, None, 50, "QĐ 61/QĐ-TLĐ ngày 29/07/2025, hiệu lực 01/07/2025"),
    (date(2025, 7, 1), 2, 50, 1000, 50, "QĐ 61/QĐ-TLĐ ngày 29/07/2025, hiệu lực 01/07/2025"),
    (date(2025, 7, 1), 3, 50, 1000, 50, "QĐ 61/QĐ-TLĐ ngày 29/07/2025, hiệu lực 01/07/2025"),
]
BASE_SALARIES = [
    (date(2019, 7, 1), 1_490_000, "NĐ 38/2019/NĐ-CP"),
    (date(2023, 7, 1), 1_800_000, "NĐ 24/2023/NĐ-CP"),
    (date(2024, 7, 1), 2_340_000, "NĐ 73/2024/NĐ-CP"),
    (date(2026, 7, 1), 2_530_000, "NĐ 161/2026/NĐ-CP"),
]
REMIT_RULES = [
    (date(2022, 1, 1), 4000, "QĐ 4290/QĐ-TLĐ năm 2022: công đoàn cơ sở giữ 60%, nộp cấp trên 40%"),
    (date(2025, 8, 29), 3000, "Hướng dẫn của Tổng Liên đoàn ngày 29/08/2025: giữ 70%, nộp cấp trên 30%"),
]


def seed_law() -> None:
    sync = dict(created_at=LAW_TIME, updated_at=LAW_TIME, deleted_at=None, server_seq=None, device_id=None)
    rules = sa.table("dues_rule", *(sa.column(c) for c in ["effective_from", "unit_group", "rate_bp", "cap_bp",
                                                              "fixed_min_bp", "source"] + SYNC))
    op.bulk_insert(rules, [dict(id=str(uuid.uuid5(NS, f"dues_rule/{d}/{g}")), effective_from=d, unit_group=g,
                                rate_bp=r, cap_bp=c, fixed_min_bp=f, source=src, **sync)
                           for d, g, r, c, f, src in DUES_RULES])
    bases = sa.table("base_salary", *(sa.column(c) for c in ["effective_from", "amount", "source"] + SYNC))
    op.bulk_insert(bases, [dict(id=str(uuid.uuid5(NS, f"base_salary/{d}")), effective_from=d, amount=a,
                                source=src, **sync) for d, a, src in BASE_SALARIES])
    remit = sa.table("remit_rule", *(sa.column(c) for c in ["effective_from", "share_bp", "source"] + SYNC))
    op.bulk_insert(remit, [dict(id=str(uuid.uuid5(NS, f"remit_rule/{d}")), effective_from=d, share_bp=b,
                                source=src, **sync) for d, b, src in REMIT_RULES])


def upgrade() -> None:
    op.create_table('base_salary',
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_base_salary'))
    )
    op.create_table('dues_rule',
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('unit_group', sa.Integer(), nullable=False),
    sa.Column('rate_bp', sa.Integer(), nullable=False),
    sa.Column('cap_bp', sa.Integer(), nullable=True),
    sa.Column('fixed_min_bp', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_rule'))
    )
    op.create_table('receipt_book',
    sa.Column('kind', sa.String(length=5), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('owner_device', sa.String(length=36), nullable=False),
    sa.Column('next_number', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_book')),
    sa.UniqueConstraint('kind', 'code', name=op.f('uq_receipt_book_kind_code'))
    )
    op.create_table('remit_rule',
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('share_bp', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remit_rule'))
    )
    op.create_table('cash_doc',
    sa.Column('kind', sa.String(length=5), nullable=False),
    sa.Column('book_id', sa.String(length=36), nullable=False),
    sa.Column('book_code', sa.String(length=30), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('doc_date', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('person_name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('member_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('attachments', sa.String(length=200), nullable=True),
    sa.Column('debit_account', sa.String(length=20), nullable=True),
    sa.Column('credit_account', sa.String(length=20), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['book_id'], ['receipt_book.id'], name=op.f('fk_cash_doc_book_id_receipt_book')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_cash_doc_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_doc')),
    sa.UniqueConstraint('book_id', 'number', name=op.f('uq_cash_doc_book_id_number'))
    )
    with op.batch_alter_table('cash_doc', schema=None) as batch_op:
        batch_op.create_index('ix_cash_doc_date', ['doc_date'], unique=False)

    op.create_table('dues_basis',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('from_month', sa.Date(), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_dues_basis_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_basis'))
    )
    with op.batch_alter_table('dues_basis', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dues_basis_member_id'), ['member_id'], unique=False)

    op.create_table('dues_exemption',
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('from_month', sa.Date(), nullable=False),
    sa.Column('to_month', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=30), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_dues_exemption_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_exemption'))
    )
    with op.batch_alter_table('dues_exemption', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dues_exemption_member_id'), ['member_id'], unique=False)

    op.create_table('cash_doc_void',
    sa.Column('doc_id', sa.String(length=36), nullable=False),
    sa.Column('void_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['cash_doc.id'], name=op.f('fk_cash_doc_void_doc_id_cash_doc')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_doc_void')),
    sa.UniqueConstraint('doc_id', name=op.f('uq_cash_doc_void_doc_id'))
    )
    op.create_table('dues_payment',
    sa.Column('doc_id', sa.String(length=36), nullable=False),
    sa.Column('member_id', sa.String(length=36), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['cash_doc.id'], name=op.f('fk_dues_payment_doc_id_cash_doc')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_dues_payment_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dues_payment'))
    )
    with op.batch_alter_table('dues_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dues_payment_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index('ix_dues_payment_member_month', ['member_id', 'month'], unique=False)
        batch_op.create_index('ix_dues_payment_month', ['month'], unique=False)

    op.create_table('remittance',
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('collected', sa.Integer(), nullable=False),
    sa.Column('standard_collected', sa.Integer(), nullable=False),
    sa.Column('share_bp', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('voucher_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('server_seq', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['voucher_id'], ['cash_doc.id'], name=op.f('fk_remittance_voucher_id_cash_doc')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittance'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dues_group', sa.Integer(), server_default='3', nullable=False))
        batch_op.add_column(sa.Column('higher_rate_bp', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('rounding', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('dues_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('remit_share_bp', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('qhns_code', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('place', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('circular_c40', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('circular_c41', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('words_linh_le', sa.String(length=5), server_default='linh', nullable=False))
        batch_op.add_column(sa.Column('words_nghin_ngan', sa.String(length=5), server_default='nghìn', nullable=False))
        batch_op.add_column(sa.Column('opening_balance', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('opening_date', sa.Date(), nullable=True))

    seed_law()
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
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('opening_date')
        batch_op.drop_column('opening_balance')
        batch_op.drop_column('words_nghin_ngan')
        batch_op.drop_column('words_linh_le')
        batch_op.drop_column('circular_c41')
        batch_op.drop_column('circular_c40')
        batch_op.drop_column('place')
        batch_op.drop_column('qhns_code')
        batch_op.drop_column('remit_share_bp')
        batch_op.drop_column('dues_from')
        batch_op.drop_column('rounding')
        batch_op.drop_column('higher_rate_bp')
        batch_op.drop_column('dues_group')

    op.drop_table('remittance')
    with op.batch_alter_table('dues_payment', schema=None) as batch_op:
        batch_op.drop_index('ix_dues_payment_month')
        batch_op.drop_index('ix_dues_payment_member_month')
        batch_op.drop_index(batch_op.f('ix_dues_payment_doc_id'))

    op.drop_table('dues_payment')
    op.drop_table('cash_doc_void')
    with op.batch_alter_table('dues_exemption', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dues_exemption_member_id'))

    op.drop_table('dues_exemption')
    with op.batch_alter_table('dues_basis', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dues_basis_member_id'))

    op.drop_table('dues_basis')
    with op.batch_alter_table('cash_doc', schema=None) as batch_op:
        batch_op.drop_index('ix_cash_doc_date')

    op.drop_table('cash_doc')
    op.drop_table('remit_rule')
    op.drop_table('receipt_book')
    op.drop_table('dues_rule')
    op.drop_table('base_salary')
    # ### end Alembic commands ###
