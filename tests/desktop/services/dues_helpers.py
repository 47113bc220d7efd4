"""Small builders for dues tests: a unit in a given group and members with known salaries."""

from datetime import date

from sqlalchemy import select

from desktop.models import Unit
from desktop.services.members.service import MemberService
from desktop.services.units.service import UnitInfo, UnitService


def setup_unit(ctx, *, group=3, higher_rate_bp=None, rounding=1, dues_from=date(2025, 1, 1)):
    UnitService(ctx).save(UnitInfo(name="CĐCS Công ty TNHH Giày Da Phú Lâm", upper_name="Công đoàn KCN Tân Tạo"))
    with ctx.write() as s:
        u = s.scalar(select(Unit))
        u.dues_group, u.higher_rate_bp, u.rounding, u.dues_from = group, higher_rate_bp, rounding, dues_from


def add_member(ctx, name="Nguyễn Thị Lan", salary=8_000_000, joined="01/01/2020", basis="bhxh", **kw):
    raw = {"full_name": name, "birth_date": kw.pop("birth", "1990"), "gender": kw.pop("gender", "Nữ"),
           "salary": salary, "joined_date": joined, "dues_basis": basis, **kw}
    return MemberService(ctx).add(raw, confirm_similar=True).id
