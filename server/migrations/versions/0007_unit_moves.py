"""the dated history of the hierarchy: units moved to a new parent by decision; the
levels of the hierarchy as data (their Vietnamese names), each unit's level

Revision ID: 0007
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


LEVELS = [
    (1, 'Tổng Liên đoàn Lao động Việt Nam', 1),
    (2, 'Liên đoàn Lao động tỉnh, thành phố', 2),
    (3, 'Công đoàn ngành trung ương và tương đương', 2),
    (4, 'Công đoàn phường, xã, đặc khu', 3),
    (5, 'Công đoàn khu công nghiệp, khu kinh tế', 3),
    (6, 'Công đoàn ngành địa phương', 3),
    (7, 'Công đoàn cơ sở', 4),
    (8, 'Công đoàn cơ sở thành viên, công đoàn bộ phận', 5),
]


def upgrade() -> None:
    level = op.create_table(
        'unit_level',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_level')),
        sa.UniqueConstraint('name', name=op.f('uq_unit_level_name')),
    )
    op.bulk_insert(level, [{'id': i, 'name': n, 'rank': r} for i, n, r in LEVELS])
    if op.get_bind().dialect.name == 'postgresql':  # the next level added gets the next id
        op.execute(f"SELECT setval('unit_level_id_seq', {len(LEVELS)})")
    with op.batch_alter_table('unit') as batch:
        batch.add_column(sa.Column('level_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_unit_level_id_unit_level'), 'unit_level', ['level_id'], ['id'])
    op.create_table(
        'unit_move',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('old_parent_id', sa.Integer(), nullable=True),
        sa.Column('new_parent_id', sa.Integer(), nullable=False),
        sa.Column('valid_from', sa.String(length=7), nullable=False),
        sa.Column('decision_no', sa.String(length=50), nullable=False),
        sa.Column('decision_date', sa.Date(), nullable=False),
        sa.Column('moved_by', sa.String(length=100), nullable=False),
        sa.Column('moved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unit_move_unit_id_unit')),
        sa.ForeignKeyConstraint(['old_parent_id'], ['unit.id'], name=op.f('fk_unit_move_old_parent_id_unit')),
        sa.ForeignKeyConstraint(['new_parent_id'], ['unit.id'], name=op.f('fk_unit_move_new_parent_id_unit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_move')),
    )
    op.create_index(op.f('ix_unit_move_unit_id'), 'unit_move', ['unit_id'])


def downgrade() -> None:
    with op.batch_alter_table('unit') as batch:
        batch.drop_constraint(op.f('fk_unit_level_id_unit_level'), type_='foreignkey')
        batch.drop_column('level_id')
    op.drop_table('unit_level')
    op.drop_index(op.f('ix_unit_move_unit_id'), table_name='unit_move')
    op.drop_table('unit_move')
