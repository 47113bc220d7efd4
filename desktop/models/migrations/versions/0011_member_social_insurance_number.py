"""member social insurance number (mã số BHXH)

Revision ID: 0011
Revises: 0010

Issue 12, item 10: the employer's social-insurance list (D02-LT) updates the members'
dues bases; a member is matched first by the mã số BHXH, kept on the member once it has
been matched. It syncs like the other member fields. Added and dropped with ALTER TABLE
(no rebuild of the member table, which would lose the functional index of 0005).
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('social_insurance_number', sa.String(length=20), nullable=True))
    op.create_index('ix_member_social_insurance_number', 'member', ['social_insurance_number'])


def downgrade() -> None:
    op.drop_index('ix_member_social_insurance_number', table_name='member')
    op.execute("ALTER TABLE member DROP COLUMN social_insurance_number")
