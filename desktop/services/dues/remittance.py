"""The share of đoàn phí sent to the upper level: computed from what was collected in a
period (the part at the law's rate; the unit keeps 100% of any higher-rate excess),
recorded as a payment voucher in the cash book.

One model for the `dues remit` command, its printed statement and the remittance report
(reports.remittance): a plan covers months under one share, the one in force on the last
day of its last month (or the unit's own setting); a longer period is cut into plans where
the share changes (01/01/2023: 40% → 30%, QĐ 8108/QĐ-TLĐ). What a plan remits is rounded once, on its
whole standard part, and spread over its months so that they add up to it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import CashDoc, CashDocVoid, RemitRule, Remittance, Unit
from desktop.services.cash.service import CashService, DocInfo, doc_info
from desktop.services.core.context import Context
from desktop.services.core.errors import DomainError, ValidationError
from desktop.services.dues.arrears import COMMON
from desktop.services.dues.calc import (
    Due,
    member_due,
    month_end,
    month_index,
    month_label,
    month_start,
    period_label,
    round_to,
    shape_due,
)
from desktop.services.dues.service import DuesService, PaymentError, parse_month, raw_connection

UNIT_SETTING = "theo cài đặt của đơn vị"  # the source of a share the unit set itself


class ShareRule(NamedTuple):
    effective_from: date
    share_bp: int  # of the dues at the law's rate (3000 = 30%)
    source: str


class ShareStretch(NamedTuple):
    """Months first..last under one share."""

    first: int
    last: int
    share_bp: int
    source: str


def share_text(bp: int) -> str:
    return f"{bp / 100:g}%".replace(".", ",")


def remit_amount(standard: int, share_bp: int) -> int:
    """The share of dues collected at the law's rate, rounded to the đồng."""
    return round_to(standard * share_bp, 10000, 1)


def share_in(rules: Sequence[ShareRule], m: int) -> ShareRule | None:
    """The share in force on the last day of month m (rules in date order)."""
    found = None
    end = month_end(m)
    for r in rules:
        if r.effective_from <= end:
            found = r
    return found


def share_stretches(rules: Sequence[ShareRule], first: int, last: int) -> list[ShareStretch]:
    """The months first..last cut where the share in force changes."""
    out: list[ShareStretch] = []
    for m in range(first, last + 1):
        rule = share_in(rules, m)
        if rule is None:
            raise ValidationError({"date_from": f"chưa có quy định tỷ lệ nộp cấp trên cho tháng {month_label(m)}: "
                                                "thêm trong Cài đặt › Quy định đoàn phí."})
        if out and (out[-1].share_bp, out[-1].source) == (rule.share_bp, rule.source):
            out[-1] = out[-1]._replace(last=m)
        else:
            out.append(ShareStretch(m, m, rule.share_bp, rule.source))
    return out


@dataclass(frozen=True)
class RemittanceMonth:
    month: int
    collected: int  # dues receipts dated in the month, not voided
    standard: int  # of which at the law's rate
    share_bp: int  # the share of the standard part sent upward (3000 = 30%)
    due: int  # this month's part of what the plan remits (the months add up to it)

    @property
    def excess(self) -> int:
        return self.collected - self.standard


@dataclass(frozen=True)
class RemittancePlan:
    first: int
    last: int
    months: list[RemittanceMonth]
    share_bp: int
    share_source: str

    @property
    def collected(self) -> int:
        return sum(m.collected for m in self.months)

    @property
    def standard(self) -> int:
        return sum(m.standard for m in self.months)

    @property
    def excess(self) -> int:
        return self.collected - self.standard

    @property
    def amount(self) -> int:
        return remit_amount(self.standard, self.share_bp)

    @property
    def kept(self) -> int:
        return self.collected - self.amount

    @property
    def share_text(self) -> str:
        return share_text(self.share_bp)

    @property
    def period_text(self) -> str:
        return period_label(self.first, self.last)


def make_plan(stretch: ShareStretch, collected: dict[int, int], standard: dict[int, int]) -> RemittancePlan:
    """The plan of the stretch's months, from what was collected (and at the law's rate)
    by month of receipt. Each month remits its share rounded, the last one what is left
    of the plan's amount: as printed on the statement, the rows add up to the total."""
    months = range(stretch.first, stretch.last + 1)
    dues = [remit_amount(standard.get(m, 0), stretch.share_bp) for m in months]
    dues[-1] += remit_amount(sum(standard.get(m, 0) for m in months), stretch.share_bp) - sum(dues)
    return RemittancePlan(stretch.first, stretch.last,
                          [RemittanceMonth(m, collected.get(m, 0), standard.get(m, 0), stretch.share_bp, due)
                           for m, due in zip(months, dues)],
                          stretch.share_bp, stretch.source)


def _share_rules(s: Session) -> list[ShareRule]:
    """The shares by date: the unit's own setting for every month, else the dated rules."""
    u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
    if u is not None and u.remit_share_bp is not None:
        return [ShareRule(date.min, u.remit_share_bp, UNIT_SETTING)]
    return sorted((ShareRule(r.effective_from, r.share_bp, r.source)
                   for r in s.scalars(select(RemitRule).where(RemitRule.deleted_at.is_(None)))),
                  key=lambda r: r.effective_from)


# The payments dated in a period (:a..:b), by receipts and by bank credits, not voided.
_PAID = (
    "SELECT substr(d.doc_date, 1, 7) AS at, p.member_id, p.month, p.amount FROM cash_doc d "
    "JOIN dues_payment p ON p.doc_id = d.id WHERE d.doc_date BETWEEN :a AND :b "
    "AND d.id NOT IN (SELECT doc_id FROM cash_doc_void) "
    "UNION ALL SELECT substr(d.entry_date, 1, 7), p.member_id, p.month, p.amount FROM bank_entry d "
    # The index named: statistics gathered before any dues came by transfer (every
    # bank_entry_id NULL) make the planner read every payment for each entry (1 s at 50,000).
    "JOIN dues_payment p INDEXED BY ix_dues_payment_bank_entry_id ON p.bank_entry_id = d.id "
    "WHERE d.entry_date BETWEEN :a AND :b AND d.id NOT IN (SELECT entry_id FROM bank_entry_void)")
# Whether a common member owed dues for the payment's month: from the month admitted, after
# the months paid on paper before the app (as DuesService.histories makes their history).
_OWED = ("(c.joined IS NULL OR substr(p.month, 1, 7) >= substr(c.joined, 1, 7)) "
         "AND (c.paid_to IS NULL OR substr(p.month, 1, 7) > substr(c.paid_to, 1, 7))")
# (month received "YYYY-MM", month paid for, amount, member id (the others only), common?,
# owed?, basis, salary (common and owed only), how many payments).
_COLLECTED = (
    f"SELECT p.at, p.month, p.amount, CASE WHEN c.id IS NULL THEN p.member_id END, c.id IS NOT NULL, "
    f"c.id IS NOT NULL AND {_OWED}, CASE WHEN c.id IS NOT NULL AND {_OWED} THEN c.basis END, "
    f"CASE WHEN c.id IS NOT NULL AND {_OWED} THEN c.salary END, COUNT(*) "
    f"FROM ({_PAID}) p LEFT JOIN (SELECT m.id, m.dues_basis AS basis, m.salary, e.event_date AS joined, "
    f"m.dues_paid_through AS paid_to FROM member m JOIN member_event e ON e.member_id = m.id WHERE {COMMON}) c "
    "ON c.id = p.member_id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8")


class RemittanceService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.dues = DuesService(ctx)
        self.cash = CashService(ctx)

    def _collected(self, s: Session, a: int, b: int) -> tuple[dict[int, int], dict[int, int]]:
        """Dues collected by receipts, and by bank credits (paid by transfer), dated in
        months a..b, and their part at the law's rate, by month of receipt.

        Each payment counts at the law's rate up to the member's due for its month (all of
        it when nothing was due). The payments are read grouped, in one query: those of
        members of the common shape (arrears.COMMON) by what their due depends on (the
        month, whether it is owed, basis and salary), each group's due computed once; the
        others one by one through the member's history (DuesService.histories)."""
        rows = raw_connection(s).execute(_COLLECTED, {"a": month_start(a).isoformat(),
                                                      "b": month_end(b).isoformat()}).fetchall()
        months = {month: month_index(date.fromisoformat(month)) for month in {r[1] for r in rows}}
        others = sorted({r[3] for r in rows if not r[4]})
        last_month = max([b, *months.values()])
        law, unit, histories = self.dues.calculator(s, others, last_month)
        collected: dict[int, int] = defaultdict(int)
        standard: dict[int, int] = defaultdict(int)
        for at, month, amount, mid, common, owed, basis, salary, n in rows:
            m = months[month]
            if not common:
                d: Due | None = member_due(law, unit, histories[mid], m)
            else:  # None: before the member's first month owed
                d = shape_due(law, unit, m, basis, salary) if owed else None
            received = int(at[:4]) * 12 + int(at[5:7]) - 1
            collected[received] += n * amount
            standard[received] += n * (min(amount, d.standard) if d is not None and d.total else amount)
        return collected, standard

    def share_for(self, m: int) -> ShareRule | None:
        """The share in force on the last day of month m (the unit's own setting first)."""
        with self.ctx.read() as s:
            return share_in(_share_rules(s), m)

    def plan(self, first: str | date, last: str | date | None = None) -> RemittancePlan:
        """What to remit for months first..last, at the share in force on the last day of
        the last month."""
        a = parse_month(first)
        b = parse_month(last) if last else a
        if b < a:
            raise ValidationError({"month": "tháng cuối trước tháng đầu."})
        with self.ctx.read() as s:
            collected, standard = self._collected(s, a, b)
            rule = share_in(_share_rules(s), b)
        if rule is None:
            raise PaymentError("Chưa có quy định tỷ lệ nộp cấp trên cho kỳ này.")
        return make_plan(ShareStretch(a, b, rule.share_bp, rule.source), collected, standard)

    def plans(self, first: int, last: int) -> list[RemittancePlan]:
        """Months first..last as plans, one for each stretch of months under one share
        (each month at the share in force on its last day)."""
        if last < first:
            raise ValidationError({"month": "tháng cuối trước tháng đầu."})
        with self.ctx.read() as s:
            stretches = share_stretches(_share_rules(s), first, last)
            collected, standard = self._collected(s, first, last)
        return [make_plan(st, collected, standard) for st in stretches]

    def record(self, first: str | date, last: str | date | None = None, *, doc_date: date | None = None,
               receiver: str | None = None) -> tuple[RemittancePlan, DocInfo]:
        plan = self.plan(first, last)
        if plan.amount <= 0:
            raise PaymentError(f"Chưa thu được đoàn phí nào {plan.period_text}: không có gì để nộp cấp trên.")
        with self.ctx.write() as s:
            overlap = s.execute(
                select(Remittance, CashDoc).join(CashDoc, CashDoc.id == Remittance.voucher_id)
                .outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
                .where(CashDocVoid.id.is_(None), Remittance.period_from <= month_start(plan.last),
                       Remittance.period_to >= month_start(plan.first))).first()
            if overlap:
                r, doc = overlap
                raise PaymentError(
                    f"Đã nộp cấp trên cho tháng {month_label(month_index(r.period_from))}–"
                    f"{month_label(month_index(r.period_to))} bằng phiếu chi {doc.book_code}/{doc.number:04d}: "
                    "hủy phiếu đó trước nếu cần lập lại.")
            u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            if u is None:  # plan() found the unit: this only tells the type checker
                raise DomainError("Chưa khởi tạo đơn vị.")
            voucher = self.cash.issue(
                s, kind="chi", category="nop_cap_tren", doc_date=doc_date or date.today(),
                person_name=receiver or u.upper_name, amount=plan.amount,
                reason=f"Nộp {plan.share_text} đoàn phí {plan.period_text} về {u.upper_name}",
                attachments="Bảng kê trích nộp đoàn phí")
            s.add(Remittance(period_from=month_start(plan.first), period_to=month_start(plan.last),
                             collected=plan.collected, standard_collected=plan.standard, share_bp=plan.share_bp,
                             amount=plan.amount, voucher_id=voucher.id, device_id=self.ctx.device_id))
            s.flush()
            return plan, doc_info(voucher, None)
