"""The reports an upper level sends upward for its sub-tree (issue 15, item 5): member
statistics in the federation's indicators, dues and remittance by unit, activities, and
the grassroots settlements received; six-monthly or yearly, each unit directly below the
node on a line with its whole sub-tree, and the total.

Everything comes from the rollups (server/rollups) through `figures()`, so a report of the
root reads a few rows per unit directly below it, plus the year closes of the sub-tree for
a yearly report. The screen (server/web/report_page.py), the Excel and the PDF
(report_files.py) all show this one model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from protocol.ledger import latest_events
from server.reports.service import UnitFigures, current_members, figures
from server.sync.models import Record
from server.units.models import Unit

# Remittance is measured against this share of the dues collected (as the unit page does).
EXPECTED_SHARE_BP = 3000
ARRIVING = ("admitted", "transferred_in")
LEAVING = ("left", "expelled", "deceased")
OUT = ("transferred_out", *LEAVING)
ACTIVITY_LABELS = {"hop": "Họp, hội nghị", "tham_hoi": "Thăm hỏi, trợ cấp", "ky_niem": "Kỷ niệm, tặng quà",
                   "tap_huan": "Tập huấn, đào tạo", "van_the": "Văn hóa, thể thao", "khen_thuong": "Khen thưởng",
                   "khac": "Hoạt động khác"}
_PERIOD = re.compile(r"([0-9]{4})(?:-(6T|6t|H1|h1))?")
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Period:
    """Six months (January to June) or a whole year: the federation's two reporting periods."""

    year: int
    half: bool = False

    @property
    def code(self) -> str:
        return f"{self.year}-6T" if self.half else str(self.year)

    @property
    def label(self) -> str:
        return f"6 tháng đầu năm {self.year}" if self.half else f"năm {self.year}"

    @property
    def months(self) -> list[str]:
        return [f"{self.year}-{m:02d}" for m in range(1, 7 if self.half else 13)]

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half else date(self.year, 12, 31)


def parse_period(text: str | None, today: date) -> Period:
    """"2026" (the year) or "2026-6T" (its first six months); nothing: the last period that
    has ended, or the current year's first half while it runs. Raises ValueError with a
    Vietnamese message."""
    if not text:
        return Period(today.year, half=True) if today.month <= 6 else Period(today.year)
    match = _PERIOD.fullmatch(text.strip())
    if not match or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise ValueError(f"Kỳ báo cáo «{text[:20]}» không hợp lệ: ghi năm (ví dụ 2026) hoặc 6 tháng đầu năm "
                         f"(ví dụ 2026-6T), năm từ {FIRST_YEAR} đến {LAST_YEAR}.")
    return Period(int(match[1]), half=match[2] is not None)


@dataclass
class MemberLine:
    code: str
    name: str
    members: int  # on the books at the period's end
    women: int  # on the books today (the rollups keep sex for today's members only)
    admitted: int
    transferred_in: int
    transferred_out: int
    left: int


@dataclass
class DuesLine:
    code: str
    name: str
    due: int | None  # None: no month of the period has its dues due synced (PCs send the last twelve)
    collected: int
    remitted: int

    @property
    def outstanding(self) -> int | None:
        return None if self.due is None else max(0, self.due - self.collected)

    @property
    def expected(self) -> int:
        return self.collected * EXPECTED_SHARE_BP // 10_000

    @property
    def remit_outstanding(self) -> int:
        return max(0, self.expected - self.remitted)


@dataclass
class SettlementLine:
    """The year closes (yearly settlements) received from the grassroots units of a sub-tree."""

    code: str
    name: str
    grassroots: int = 0
    closed: int = 0
    cash_opening: int = 0
    bank_opening: int = 0
    income: int = 0
    spending: int = 0
    cash_closing: int = 0
    bank_closing: int = 0


@dataclass
class SubtreeReport:
    code: str
    name: str
    parent_name: str | None
    period: Period
    members: list[MemberLine] = field(default_factory=list)
    dues: list[DuesLine] = field(default_factory=list)
    activities: list[tuple[str, list[int]]] = field(default_factory=list)  # kind label, count per line + total
    settlements: list[SettlementLine] = field(default_factory=list)  # yearly reports only
    today: date | None = None
    as_of: str = ""  # as of when the figures are (server/reading.py), printed under the title

    @property
    def line_names(self) -> list[str]:
        return [m.name for m in self.members]


def _sum_kinds(f: UnitFigures, months: set[str], kinds: tuple[str, ...]) -> int:
    return sum(c for m, by_kind in f.events_by_month.items() if m in months
               for k, c in by_kind.items() if k in kinds)


def member_line(f: UnitFigures, period: Period, code: str, name: str) -> MemberLine:
    """Members at the period's end: today's count, less those who arrived after it, plus
    those who went after it (each status change is an event of its month)."""
    inside = set(period.months)
    after = {m for m in f.events_by_month if m > period.months[-1]}
    at_end = current_members(f) - _sum_kinds(f, after, ARRIVING) + _sum_kinds(f, after, OUT)
    return MemberLine(code, name, max(0, at_end), f.current_by_gender.get("Nữ", 0),
                      _sum_kinds(f, inside, ("admitted",)), _sum_kinds(f, inside, ("transferred_in",)),
                      _sum_kinds(f, inside, ("transferred_out",)), _sum_kinds(f, inside, LEAVING))


def dues_line(f: UnitFigures, period: Period, code: str, name: str) -> DuesLine:
    months = set(period.months)
    due = [v for m, v in f.dues_due_by_month.items() if m in months]
    return DuesLine(code, name, sum(due) if due else None,
                    sum(v for m, v in f.dues_collected_by_month.items() if m in months),
                    sum(v for m, v in f.remitted_by_month.items() if m in months))


def _has_data(f: UnitFigures) -> bool:
    return bool(f.members_by_status or f.events_by_month or f.dues_due_by_month or f.dues_collected_by_month
                or f.remitted_by_month or f.activities_by_month)


def build(s: Session, node: Unit, period: Period, today: date) -> SubtreeReport:
    rows, total = figures(s, node)
    own, below = rows[0], rows[1:]
    parent = s.get(Unit, node.parent_id) if node.parent_id is not None else None
    report = SubtreeReport(node.code, node.name, parent.name if parent else None, period, today=today)
    # The node's own line only when it keeps members or money of its own (a commune union
    # usually keeps none: its figures are those of the units below it).
    lines = ([(own, node.code, f"{node.name} (đơn vị mình)")] if _has_data(own) and below else
             [(own, node.code, node.name)] if not below else [])
    lines += [(f, f.code, f.name) for f in below]
    lines.append((total, "", "Tổng cộng"))
    report.members = [member_line(f, period, code, name) for f, code, name in lines]
    report.dues = [dues_line(f, period, code, name) for f, code, name in lines]
    months = set(period.months)
    kinds = sorted({k for f, _c, _n in lines for m, by in f.activities_by_month.items() if m in months for k in by})
    report.activities = [(ACTIVITY_LABELS.get(k, k or "(không ghi loại)"),
                          [sum(by.get(k, 0) for m, by in f.activities_by_month.items() if m in months)
                           for f, _c, _n in lines]) for k in kinds]
    if not period.half:
        report.settlements = settlements(s, node, _units_below(s, node), period.year)
    return report


def _units_below(s: Session, node: Unit) -> list[Unit]:
    return list(s.scalars(select(Unit).where(Unit.parent_id == node.id).order_by(Unit.code)))


def settlements(s: Session, node: Unit, below: list[Unit], year: int) -> list[SettlementLine]:
    """For each unit directly below (with its sub-tree) and in total: how many grassroots
    units (units with nothing below them) the sub-tree has, how many of them closed the
    year (their last close event is a close), and the sums of those closes' figures."""
    units = list(s.execute(select(Unit.id, Unit.path).where(Unit.path.startswith(node.path))))
    parents = {p for _id, path in units for p in path.strip("/").split("/")[:-1]}
    leaves = {uid: path for uid, path in units if str(uid) not in parents}
    heads = [(u, u.path) for u in below] or [(node, node.path)]
    out = {u.id: SettlementLine(u.code, u.name) for u, _p in heads}
    total = SettlementLine("", "Tổng cộng")

    def head_of(path: str) -> int | None:
        for u, prefix in heads:
            if path.startswith(prefix):
                return u.id
        return None

    for _uid, path in leaves.items():
        h = head_of(path)
        if h is not None:
            out[h].grassroots += 1
            total.grassroots += 1
    closes: dict[int, list[dict]] = {}
    ids = sorted(leaves)
    for i in range(0, len(ids), 2000):  # by the primary key (unit, table): a few rows a unit
        for unit_id, data in s.execute(select(Record.unit_id, Record.data).where(
                Record.unit_id.in_(ids[i:i + 2000]), Record.tbl == "year_close", Record.deleted.is_(False))):
            if isinstance(data, dict) and data.get("year") == year:
                closes.setdefault(unit_id, []).append(data)
    for unit_id, rows in closes.items():
        last = latest_events(rows).get(year)
        if not last or last.get("event") != "close":
            continue
        h = head_of(leaves[unit_id])
        if h is None:
            continue
        for line in (out[h], total):
            line.closed += 1
            for name in ("cash_opening", "bank_opening", "income", "spending", "cash_closing", "bank_closing"):
                setattr(line, name, getattr(line, name) + _int(last.get(name)))
    return [out[u.id] for u, _p in heads] + [total]


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
