"""Demo data: a realistic union of N members, for trying the app and for benchmarks."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

from sqlalchemy import insert, select

from desktop.models import Member, MemberEvent, new_id, utcnow
from desktop.models.audit import bulk_begin, bulk_end
from desktop.services.core.context import Context
from desktop.services.core.errors import SetupError
from desktop.services.demo.year import fill_year
from desktop.services.members.cccd import PROVINCES
from desktop.services.members.importing import member_values
from desktop.services.members.rules import MemberInput
from desktop.services.units.service import GroupInfo, UnitInfo, UnitService

# Family names with their rough share among Vietnamese people.
FAMILY = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 3),
          ("Phan", 4), ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2),
          ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Đinh", 1), ("Trương", 1), ("Lương", 1), ("Mai", 1)]
MIDDLE_M = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Đình", "Ngọc"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Mỹ", "Phương"]
GIVEN_M = ["An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu",
           "Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Kiên", "Long", "Lộc", "Mạnh", "Minh", "Nam",
           "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Tiến", "Toàn",
           "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ"]
GIVEN_F = ["An", "Anh", "Ánh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
           "Hoa", "Huệ", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân",
           "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thơm", "Thủy", "Trang", "Trinh",
           "Tuyết", "Uyên", "Vân", "Xuân", "Yến"]
ETHNIC = [("Kinh", 90), ("Tày", 2), ("Thái", 2), ("Mường", 2), ("Khmer", 2), ("Hoa", 1), ("Nùng", 1)]
EDU = ["12/12", "12/12", "12/12", "9/12", "9/12", "Đại học", "Cao đẳng", "Trung cấp"]
JOBS = ["Công nhân may", "Công nhân cắt", "Công nhân đóng gói", "Công nhân lắp ráp", "Kỹ thuật viên",
        "Tổ trưởng sản xuất", "Nhân viên kho", "Nhân viên văn phòng", "Kế toán", "Lái xe", "Bảo vệ",
        "Kiểm hàng (QC)"]
DEPTS = ["Xưởng May", "Xưởng Cắt", "Xưởng Hoàn thiện", "Phòng Kỹ thuật", "Phòng Kế toán",
         "Phòng Hành chính - Nhân sự", "Kho vận", "Phòng QC"]
PLACES = ["Hà Nội", "Nam Định", "Thái Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Ngãi",
          "Bình Định", "Đồng Nai", "Bình Dương", "Long An", "An Giang", "Cần Thơ", "Hải Dương"]
WARDS = ["Phường Linh Trung", "Phường Dĩ An", "Xã Tân Đông Hiệp", "Phường Thuận Giao", "Xã Bình Mỹ",
         "Phường Tân Phong", "Xã An Khánh"]


T = TypeVar("T")


def _weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


GROUP_BASES = ["Tổ May", "Tổ Cắt", "Tổ Hoàn thiện", "Tổ Đóng gói", "Tổ Kỹ thuật", "Tổ QC",
               "Tổ Kho vận", "Tổ Văn phòng"]


def _group_names(n_members: int) -> list[str]:
    count = max(2, min(200, n_members // 400 + 2))
    return [f"{GROUP_BASES[i % len(GROUP_BASES)]} {i // len(GROUP_BASES) + 1}" for i in range(count)]


def demo_member(rng: random.Random, today: date, group_ids: list[str], serial: int) -> tuple[MemberInput, date]:
    """A member with the day they joined."""
    female = rng.random() < 0.62  # garment and electronics factories employ mostly women
    gender = "Nữ" if female else "Nam"
    name = " ".join([_weighted(rng, FAMILY), rng.choice(MIDDLE_F if female else MIDDLE_M),
                     rng.choice(GIVEN_F if female else GIVEN_M)])
    birth = today - timedelta(days=rng.randint(18 * 365 + 5, 58 * 365))
    year_only = rng.random() < 0.02
    if year_only:
        birth = date(birth.year, 1, 1)
    province = rng.choice(list(PROVINCES))
    century = (birth.year - 1900) // 100 * 2 + (1 if female else 0)
    cccd = f"{province}{century}{birth.year % 100:02d}{serial % 1_000_000:06d}"
    joined = birth + timedelta(days=rng.randint(18 * 365, max(18 * 365 + 1, (today - birth).days - 30)))
    salary = rng.randrange(5_310_000, 18_000_000, 10_000)
    return MemberInput(
        full_name=name, gender=gender, birth_date=birth, birth_year_only=year_only,
        ethnicity=_weighted(rng, ETHNIC), religion="Không" if rng.random() < 0.85 else "Phật giáo",
        nationality="Việt Nam", id_type="CCCD", id_number=cccd,
        id_issue_date=min(today, max(birth + timedelta(days=14 * 365), date(2021, 1, 1)) + timedelta(days=rng.randint(0, 900))),
        id_issue_place="Cục Cảnh sát QLHC về TTXH",
        hometown=f"{rng.choice(PLACES)}", permanent_address=f"{rng.choice(WARDS)}, {rng.choice(PLACES)}",
        phone=f"0{rng.choice('3579')}{rng.randint(10_000_000, 99_999_999)}",
        email=None, education=rng.choice(EDU), qualification=None, job_title=rng.choice(JOBS),
        department=rng.choice(DEPTS), group_id=rng.choice(group_ids) if group_ids else None,
        union_position=None, joined_date=joined, card_number=f"DV{serial:07d}",
        party_member=rng.random() < 0.05, dues_basis="bhxh", salary=salary, notes=None,
    ), joined


def make_demo(ctx: Context, members: int = 300, *, seed: int = 2026, today: date | None = None,
              year_of_use: bool = False) -> int:
    """Fill an empty database with a unit, its groups and `members` members; with
    year_of_use, also the moves of the last year and a year of dues, cash and activities
    (demo_year.fill_year): what `congdoan demo` makes."""
    today = today or date.today()
    rng = random.Random(seed)
    # The moves of the year come from their own generator: the members stay the same.
    moves = random.Random(seed + 1) if year_of_use else None
    year_ago = today - timedelta(days=360)
    with ctx.read() as s:
        if s.scalar(select(Member.id).limit(1)):
            raise SetupError("Cơ sở dữ liệu đã có đoàn viên: dữ liệu mẫu chỉ tạo trong tệp mới.")
    units = UnitService(ctx)
    if not units.is_set_up():
        units.save(UnitInfo(
            name="Công đoàn cơ sở Công ty TNHH May mặc Sao Việt",
            upper_name="Công đoàn các Khu công nghiệp tỉnh Bình Dương",
            code="CDCS-0123", address="Lô C5, KCN Sóng Thần 2, Dĩ An, Bình Dương",
            tax_code="3701234567", chair_name="Nguyễn Thị Hồng Nhung",
            accountant_name="Trần Văn Bình", treasurer_name="Lê Thị Thu Hà"))
    groups = units.save_groups([GroupInfo(None, n) for n in _group_names(members)])
    group_ids = [g.id for g in groups if g.id is not None]  # saved: all have one
    now = utcnow()
    rows: list[dict[str, object]] = []
    events: list[dict[str, object]] = []
    for i in range(members):
        v, joined = demo_member(rng, today, group_ids, i + 1)
        mid = new_id()
        kinds = [("admitted", joined)]
        roll = rng.random()
        later = min(today, joined + timedelta(days=rng.randint(30, 3000)))
        if roll < 0.03:
            kinds.append(("left", later))
        elif roll < 0.04:
            kinds.append(("suspended", later))
        elif roll < 0.045:
            kinds.append(("transferred_out", later))
        if moves is not None:
            kinds = _year_moves(moves, joined, kinds, year_ago, today)
            v = replace(v, joined_date=kinds[0][1])
        v = replace(v, first_event=kinds[0][0])
        row = member_values(v, mid, now, ctx.device_id)
        row["status"] = {"left": "left", "suspended": "suspended",
                         "transferred_out": "transferred_out"}.get(kinds[-1][0], "active")
        row["joined_date"] = kinds[0][1]
        rows.append(row)
        for seq, (kind, when) in enumerate(kinds, start=1):
            events.append(dict(id=new_id(), member_id=mid, kind=kind, event_date=when, seq=seq,
                               reason=LEAVING_REASONS.get(kind),
                               created_at=now, updated_at=now, device_id=ctx.device_id))
    with ctx.write() as s:
        # One audit row for the demo members, not one per member and event.
        bulk_begin(s.connection(), "member", f"Tạo dữ liệu mẫu: {members:,} đoàn viên".replace(",", "."))
        for start in range(0, len(rows), 10000):
            s.execute(insert(Member), rows[start:start + 10000])
        for start in range(0, len(events), 10000):
            s.execute(insert(MemberEvent), events[start:start + 10000])
        bulk_end(s.connection())
    if year_of_use:
        fill_year(ctx, today, seed)
    return members


LEAVING_REASONS = {"left": "Nghỉ việc", "transferred_out": "Chuyển công tác"}


def _year_moves(rng: random.Random, joined: date, kinds: list[tuple[str, date]], year_ago: date, today: date
                ) -> list[tuple[str, date]]:
    """Some members joined during the last year (admitted, a few transferred in), some
    left or were transferred out during it."""
    span = (today - year_ago).days
    r = rng.random()
    if len(kinds) == 1 and r < 0.05:
        day = year_ago + timedelta(days=rng.randint(0, span - 20))
        return [("transferred_in" if r < 0.01 else "admitted", day)]
    if len(kinds) == 1 and r < 0.08 and joined < year_ago:
        day = year_ago + timedelta(days=rng.randint(20, span))
        return kinds + [("transferred_out" if r < 0.06 else "left", day)]
    return kinds
