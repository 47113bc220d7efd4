"""The dues arithmetic (DOMAIN.md, law): what a member owes for a month, with the rule
and lương cơ sở in force in that month. Pure: the data comes in, integers go out.

Months are integers (year * 12 + month - 1) so that ranges of months are cheap."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def month_start(m: int) -> date:
    return date(m // 12, m % 12 + 1, 1)


def month_end(m: int) -> date:
    return month_start(m + 1) - timedelta(days=1)


def month_label(m: int) -> str:
    return f"{m % 12 + 1:02d}/{m // 12}"


def period_label(first: int, last: int) -> str:
    """"tháng 03/2026" or "từ tháng 01/2026 đến tháng 05/2026"."""
    if first == last:
        return f"tháng {month_label(first)}"
    return f"từ tháng {month_label(first)} đến tháng {month_label(last)}"


def round_to(numerator: int, denominator: int, step: int) -> int:
    """numerator/denominator rounded half up to a multiple of step (integers only)."""
    unit = denominator * step
    return (2 * numerator + unit) // (2 * unit) * step


@dataclass(frozen=True)
class Rule:
    rate_bp: int
    cap_bp: int | None
    fixed_min_bp: int


@dataclass(frozen=True)
class UnitDues:
    group: int
    higher_rate_bp: int | None
    rounding: int


@dataclass(frozen=True)
class Due:
    standard: int  # the share that follows the law's rate
    excess: int  # above it, by the unit's own higher rate; kept 100% by the unit
    basis_amount: int | None
    why_zero: str | None = None  # when nothing is owed: the reason, in words

    @property
    def total(self) -> int:
        return self.standard + self.excess


# A due computed once for everyone alike: (unit, month, basis, amount).
DueKey = tuple[UnitDues, int, str | None, int | None]
# The total of months a..b for everyone alike: (unit, a, b, basis, amount).
SumKey = tuple[UnitDues, int, int, str | None, int | None]


class LawTables:
    """Rules and base salaries by date, looked up by month; also memos of computed dues
    and sums, since a large unit has many members with the same salary in the same month."""

    def __init__(self, rules: list[tuple[date, int, Rule]], bases: list[tuple[date, int]]) -> None:
        self._rules: dict[int, tuple[list[int], list[Rule]]] = {}
        for d, group, rule in sorted(rules, key=lambda r: r[0]):
            months, items = self._rules.setdefault(group, ([], []))
            months.append(month_index(d))
            items.append(rule)
        ordered = sorted((month_index(d), a) for d, a in bases)
        self._base_months = [m for m, _ in ordered]
        self._bases = [a for _, a in ordered]
        self.memo: dict[DueKey, Due] = {}
        self.sums: dict[SumKey, int] = {}
        self.change_months = sorted({m for months, _ in self._rules.values() for m in months} |
                                    set(self._base_months))

    def rule(self, group: int, m: int) -> Rule | None:
        months, items = self._rules.get(group, ([], []))
        i = bisect.bisect_right(months, m) - 1
        return items[i] if i >= 0 else None

    def base_salary(self, m: int) -> int | None:
        i = bisect.bisect_right(self._base_months, m) - 1
        return self._bases[i] if i >= 0 else None


def compute_due(law: LawTables, unit: UnitDues, m: int, basis: str | None, amount: int | None) -> Due:
    """Dues of an active, not exempt member for month m."""
    rule = law.rule(unit.group, m)
    base = law.base_salary(m)
    if rule is None or base is None:
        return Due(0, 0, amount, f"chưa có quy định đoàn phí cho tháng {month_label(m)}")
    if amount is None or amount <= 0:
        return Due(0, 0, amount, "chưa có tiền lương làm căn cứ đóng")
    step = unit.rounding or 1
    if basis == "fixed":
        floor = round_to(base * rule.fixed_min_bp, 10000, 1)
        return Due(round_to(max(amount, floor), 1, step), 0, amount)
    standard = amount * rule.rate_bp  # in đồng × 10000
    if rule.cap_bp is not None:
        standard = min(standard, base * rule.cap_bp)
    standard_rounded = round_to(standard, 10000, step)
    excess = 0
    if unit.higher_rate_bp and unit.group in (2, 3) and unit.higher_rate_bp > rule.rate_bp:
        excess = max(0, round_to(amount * unit.higher_rate_bp, 10000, step) - standard_rounded)
    return Due(standard_rounded, excess, amount)


NOT_OWING = {
    "honorary": "là đoàn viên danh dự",
    "suspended": "đang tạm dừng sinh hoạt",
    "transferred_out": "đã chuyển đi",
    "left": "đã ra khỏi tổ chức",
    "expelled": "đã bị khai trừ",
    "deceased": "đã từ trần",
}
EXEMPT_REASONS = {
    "sickness": "hưởng BHXH ốm đau",
    "maternity": "hưởng BHXH thai sản",
    "unpaid_leave": "nghỉ không lương",
    "no_income": "không có thu nhập",
    "unemployed": "mất việc làm",
    "other": "miễn theo quyết định",
}
SINCE_ALWAYS = -10**6


@dataclass(slots=True)
class MemberHistory:
    """What the arithmetic needs of one member."""

    # Sequences, read only: members of the same shape share them (DuesService.histories).
    events: Sequence[tuple[str, date | None]]  # (status after the event, its date), in order
    active: Sequence[tuple[int, int]]  # month ranges (inclusive) in which the member owes dues
    basis: Sequence[tuple[int, str | None, int | None]]  # (from month, basis, amount), sorted
    exempt: Sequence[tuple[int, int, str]]  # (from, to, reason)
    # Dues paid on paper up to and including this month, before the app's records
    # (member.dues_paid_through): `active` starts after it, as if not owing before.
    settled_through: int | None = None

    def is_active(self, m: int) -> bool:
        return any(a <= m <= b for a, b in self.active)

    def why_not_active(self, m: int) -> str:
        if self.settled_through is not None and m <= self.settled_through:
            return f"đã đóng trước khi dùng phần mềm (đến tháng {month_label(self.settled_through)})"
        first = self.events[0][1] if self.events else None
        if not self.events or (first and m < month_index(first)):
            return "chưa vào công đoàn" + (f" (vào tháng {month_label(month_index(first))})" if first else "")
        end = month_end(m)
        status = None
        for st, when in self.events:
            if when is None or when <= end:
                status = st
        return NOT_OWING.get(status or "", "không là đoàn viên đang sinh hoạt")

    def basis_at(self, m: int) -> tuple[str | None, int | None]:
        if not self.basis:
            return None, None
        found = self.basis[0][1], self.basis[0][2]  # before the first recorded change, the first known basis
        for start, basis, amount in self.basis:
            if start > m:
                break
            found = (basis, amount)
        return found

    def exemption(self, m: int) -> str | None:
        for a, b, reason in self.exempt:
            if a <= m <= b:
                return reason
        return None


def active_ranges(events: Sequence[tuple[str, date | None]], open_end: int) -> list[tuple[int, int]]:
    """Months in which the member was active on at least one day: those owe dues.

    events are (status after the event, date) in order; a None date (joining date not
    known) means "since always"."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for status, when in events:
        if status == "active" and start is None:
            start = month_index(when) if when else SINCE_ALWAYS
        elif status != "active" and start is not None and when is not None:
            end = month_index(when - timedelta(days=1))  # not active from `when` on
            if end >= start:
                ranges.append((start, end))
            start = None
    if start is not None:
        ranges.append((start, open_end))
    return ranges


def settle_before(ranges: list[tuple[int, int]], settled_through: int | None) -> list[tuple[int, int]]:
    """The active ranges without the months paid on paper up to settled_through."""
    if settled_through is None:
        return ranges
    return [(max(a, settled_through + 1), b) for a, b in ranges if b > settled_through]


def shape_due(law: LawTables, unit: UnitDues, m: int, basis: str | None, amount: int | None) -> Due:
    """The due for month m of every active, not exempt member with this basis and amount:
    computed once, as member_due does (which has the same lookup inline, being hotter)."""
    key = (unit, m, basis, amount)
    due = law.memo.get(key)
    if due is None:
        due = law.memo[key] = compute_due(law, unit, m, basis, amount)
    return due


def member_due(law: LawTables, unit: UnitDues, h: MemberHistory, m: int) -> Due:
    active = h.active
    one_range = len(active) == 1 and active[0][0] <= m <= active[0][1]  # most members: checked inline
    if not one_range and not h.is_active(m):
        return Due(0, 0, None, h.why_not_active(m))
    if reason := h.exemption(m):
        return Due(0, 0, None, f"được miễn: {EXEMPT_REASONS.get(reason, reason)}")
    basis, amount = h.basis_at(m)
    key = (unit, m, basis, amount)
    due = law.memo.get(key)
    if due is None:
        due = law.memo[key] = compute_due(law, unit, m, basis, amount)
    return due


def sum_due(law: LawTables, unit: UnitDues, h: MemberHistory, a: int, b: int) -> int:
    """Total due for months a..b. The due only changes where the law, the member's
    status, basis or exemptions change, so each run of equal months is one multiplication."""
    if b < a:
        return 0
    if len(h.basis) == 1 and not h.exempt and len(h.active) == 1 and h.active[0][0] <= a and b <= h.active[0][1]:
        # The common case: active all along, one basis: the same for everyone with that
        # salary, so it is computed once.
        key = (unit, a, b, h.basis[0][1], h.basis[0][2])
        total = law.sums.get(key)
        if total is None:
            total = law.sums[key] = sum(compute_due(law, unit, m, h.basis[0][1], h.basis[0][2]).total
                                        for m in range(a, b + 1))
        return total
    points = {a, b + 1}
    points.update(law.change_months)
    for x, y in h.active:
        points.update((x, y + 1))
    points.update(start for start, _, _ in h.basis)
    for x, y, _ in h.exempt:
        points.update((x, y + 1))
    cuts = sorted(p for p in points if a <= p <= b + 1)
    return sum(member_due(law, unit, h, start).total * (end - start) for start, end in zip(cuts, cuts[1:]))
