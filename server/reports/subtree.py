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
from server.units.history import UnitMove, paths_at
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


def member_line(f: UnitFigures, period: Period, code: str, name: str, months: set[str] | None = None) -> MemberLine:
    """Members at the period's end: today's count, less those who arrived after it, plus
    those who went after it (each status change is an event of its month). `months`: the
    period's months the unit was below the node (all by default); none at the end when it
    was elsewhere then."""
    inside = set(period.months) if months is None else months
    after = {m for m in f.events_by_month if m > period.months[-1]}
    at_end = current_members(f) - _sum_kinds(f, after, ARRIVING) + _sum_kinds(f, after, OUT)
    here_at_end = period.months[-1] in inside
    return MemberLine(code, name, max(0, at_end) if here_at_end else 0,
                      f.current_by_gender.get("Nữ", 0) if months is None or here_at_end else 0,
                      _sum_kinds(f, inside, ("admitted",)), _sum_kinds(f, inside, ("transferred_in",)),
                      _sum_kinds(f, inside, ("transferred_out",)), _sum_kinds(f, inside, LEAVING))


def dues_line(f: UnitFigures, period: Period, code: str, name: str, months: set[str] | None = None) -> DuesLine:
    months = set(period.months) if months is None else months
    due = [v for m, v in f.dues_due_by_month.items() if m in months]
    return DuesLine(code, name, sum(due) if due else None,
                    sum(v for m, v in f.dues_collected_by_month.items() if m in months),
                    sum(v for m, v in f.remitted_by_month.items() if m in months))


def _has_data(f: UnitFigures) -> bool:
    return bool(f.members_by_status or f.events_by_month or f.dues_due_by_month or f.dues_collected_by_month
                or f.remitted_by_month or f.activities_by_month)


def _months_below(s: Session, node: Unit, unit_id: int, period: Period) -> set[str]:
    """The period's months in which the unit was below the node (units moved by decision:
    server/units/history.py)."""
    paths = paths_at(s, unit_id, period.months)
    return {m for m in period.months if node.id in paths[m]}


def _moved_away(s: Session, node: Unit, period: Period, current: set[int]) -> list[tuple[Unit, UnitMove]]:
    """Units no longer below the node that were below it in some month of the period: moved
    by a decision taking effect after the period began, from a parent below the node."""
    inside = {uid for (uid,) in s.execute(select(Unit.id).where(Unit.path.startswith(node.path)))}
    out: dict[int, tuple[Unit, UnitMove]] = {}
    for move in s.scalars(select(UnitMove).where(UnitMove.valid_from > period.months[0],
                                                 UnitMove.old_parent_id.in_(inside)).order_by(UnitMove.valid_from)):
        if move.unit_id not in current and move.unit_id not in inside and move.unit_id not in out:
            out[move.unit_id] = (s.get_one(Unit, move.unit_id), move)
    return list(out.values())


def _sum_lines(lines: list, make):
    """The total line: each column summed over the lines, so that the lines add up to it
    whatever moved (a due of None, unknown, stays None only when every line's is)."""
    total = make()
    for name in vars(total):
        if name in ("code", "name"):
            continue
        values = [getattr(line, name) for line in lines]
        known = [v for v in values if v is not None]
        setattr(total, name, sum(known) if known else (None if name == "due" else 0))
    return total


def build(s: Session, node: Unit, period: Period, today: date) -> SubtreeReport:
    rows, _total = figures(s, node)
    own, below = rows[0], rows[1:]
    parent = s.get(Unit, node.parent_id) if node.parent_id is not None else None
    report = SubtreeReport(node.code, node.name, parent.name if parent else None, period, today=today)
    units_below = {u.code: u for u in _units_below(s, node)}
    lines: list[tuple[UnitFigures, str, str, set[str] | None]] = []
    # A unit moved in or out by decision counts here only for its months below the node.
    for f in below:
        months = _months_below(s, node, units_below[f.code].id, period)
        if months == set(period.months):
            lines.append((f, f.code, f.name, None))
        elif months:
            since = min(months)
            lines.append((f, f.code, f"{f.name} (chuyển đến từ tháng {since[5:]}/{since[:4]})", months))
    for unit, move in _moved_away(s, node, period, {u.id for u in units_below.values()}):
        months = _months_below(s, node, unit.id, period)
        if months:
            moved = figures(s, unit, below=[])[1]
            since = f"{move.valid_from[5:]}/{move.valid_from[:4]}"
            lines.append((moved, unit.code, f"{unit.name} (đã chuyển đi từ tháng {since})", months))
    # The node's own line only when it keeps members or money of its own (a commune union
    # usually keeps none: its figures are those of the units below it), or has nothing below.
    if _has_data(own) or not lines:
        lines.insert(0, (own, node.code, f"{node.name} (đơn vị mình)" if lines else node.name, None))
    report.members = [member_line(f, period, code, name, months) for f, code, name, months in lines]
    report.dues = [dues_line(f, period, code, name, months) for f, code, name, months in lines]
    report.members.append(_sum_lines(report.members, lambda: MemberLine("", "Tổng cộng", 0, 0, 0, 0, 0, 0)))
    report.dues.append(_sum_lines(report.dues, lambda: DuesLine("", "Tổng cộng", None, 0, 0)))
    inside = [set(period.months) if months is None else months for _f, _c, _n, months in lines]
    kinds = sorted({k for (f, _c, _n, _m), ms in zip(lines, inside) for m, by in f.activities_by_month.items()
                    if m in ms for k in by})
    report.activities = []
    for k in kinds:
        counts = [sum(by.get(k, 0) for m, by in f.activities_by_month.items() if m in ms)
                  for (f, _c, _n, _m), ms in zip(lines, inside)]
        report.activities.append((ACTIVITY_LABELS.get(k, k or "(không ghi loại)"), [*counts, sum(counts)]))
    if not period.half:
        report.settlements = settlements(s, node, list(units_below.values()), period.year)
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
