"""Report: đoàn phí remitted to the upper level, month by month over a period (DOMAIN.md
"Dues": the CĐCS sends the upper level a share of the dues at the law's rate, 40% until
28/08/2025 and 30% since; dues above that rate stay with the CĐCS in full).

For each month of the period: the dues collected (receipts dated in that month, as the
`dues remit` command and RemittanceService.plan count them), their part at the law's
rate, what is to be remitted for them, the vouchers "nộp cấp trên" dated in the month,
and the remittance that covers the month's collections, if any. The amounts to remit are
those of RemittanceService.plan over each stretch of months under one share rule, spread
over the months the way the remittance statement prints them (the rows add up to the
plan's rounded total)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.models import RemitRule, Unit
from desktop.printing.reports import Chart, Report, Table
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.dues.calc import month_end, month_index, month_label, month_start, round_to
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import raw_connection

TITLE = "BÁO CÁO TRÍCH NỘP ĐOÀN PHÍ VỀ CÔNG ĐOÀN CẤP TRÊN"
NOT_YET = "chưa nộp"


@dataclass(frozen=True)
class RemitMonth:
    month: int
    collected: int  # dues receipts dated in the month, not voided
    standard: int  # of which at the law's rate
    share_bp: int  # the share of the standard part sent upward (3000 = 30%)
    due: int  # to remit for this month's collections
    paid: int  # vouchers "nộp cấp trên" dated in the month, not voided
    covered_by: tuple[str, ...]  # vouchers of the remittances that cover this month

    @property
    def excess(self) -> int:
        return self.collected - self.standard


@dataclass(frozen=True)
class RemitVoucher:
    doc_id: str
    doc_date: date
    ref: str
    reason: str
    period: str  # the months the remittance covers ("" for a voucher entered by hand)
    amount: int


@dataclass(frozen=True)
class RemittanceReport:
    first: int
    last: int
    months: tuple[RemitMonth, ...]
    vouchers: tuple[RemitVoucher, ...]
    shares: tuple[tuple[int, int, int, str], ...]  # (first month, last month, share_bp, source)

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
    def due(self) -> int:
        return sum(m.due for m in self.months)

    @property
    def paid(self) -> int:
        return sum(v.amount for v in self.vouchers)

    @property
    def outstanding(self) -> int:
        """Still to remit (negative: remitted more than the period's collections call for)."""
        return self.due - self.paid

    @property
    def kept(self) -> int:
        return self.collected - self.due


def share_text(bp: int) -> str:
    return f"{bp / 100:g}%".replace(".", ",")


def months_text(first: int, last: int) -> str:
    return month_label(first) if first == last else f"{month_label(first)} – {month_label(last)}"


def _share_stretches(ctx: Context, first: int, last: int) -> list[tuple[int, int, int, str]]:
    """The months first..last cut where the share in force changes: (from, to, bp, source).
    The share of a month is the one in force on its last day, as RemittanceService.plan
    takes it; a share set in the unit's settings applies to every month."""
    with ctx.read() as s:
        u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
        if u is not None and u.remit_share_bp is not None:
            return [(first, last, u.remit_share_bp, "theo cài đặt của đơn vị")]
        rules = sorted(((r.effective_from, r.share_bp, r.source) for r in s.scalars(
            select(RemitRule).where(RemitRule.deleted_at.is_(None)))), key=lambda r: r[0])
    out: list[list] = []
    for m in range(first, last + 1):
        rule = None
        for r in rules:
            if r[0] <= month_end(m):
                rule = r
        if rule is None:
            raise ValidationError({"date_from": f"chưa có quy định tỷ lệ nộp cấp trên cho tháng {month_label(m)}: "
                                                "thêm trong Cài đặt › Quy định đoàn phí."})
        if out and out[-1][2:] == [rule[1], rule[2]]:
            out[-1][1] = m
        else:
            out.append([m, m, rule[1], rule[2]])
    return [tuple(x) for x in out]


def remittance_report(ctx: Context, first: int, last: int) -> RemittanceReport:
    """Dues collected and remitted upward for months first..last."""
    if last < first:
        raise ValidationError({"month": "tháng cuối trước tháng đầu."})
    stretches = _share_stretches(ctx, first, last)
    service = RemittanceService(ctx)
    plan_months = []
    for a, b, _, _ in stretches:
        plan = service.plan(month_start(a), month_start(b))
        dues = [round_to(m.standard * plan.share_bp, 10000, 1) for m in plan.months]
        dues[-1] += plan.amount - sum(dues)  # as on the printed statement: the rows add up to the total
        plan_months += [(m, d, plan.share_bp) for m, d in zip(plan.months, dues)]
    span = (month_start(first).isoformat(), month_end(last).isoformat())
    with ctx.read() as s:
        conn = raw_connection(s)
        live = "d.id NOT IN (SELECT doc_id FROM cash_doc_void)"
        vouchers = conn.execute(
            "SELECT d.id, d.doc_date, d.book_code, d.number, d.reason, d.amount, "
            "(SELECT MIN(r.period_from) FROM remittance r WHERE r.voucher_id = d.id AND r.deleted_at IS NULL), "
            "(SELECT MAX(r.period_to) FROM remittance r WHERE r.voucher_id = d.id AND r.deleted_at IS NULL) "
            f"FROM cash_doc d WHERE d.kind = 'chi' AND d.category = 'nop_cap_tren' AND {live} "
            "AND d.doc_date BETWEEN ? AND ? ORDER BY d.doc_date, d.book_code, d.number", span).fetchall()
        # The remittances of months of the period, whenever their voucher was dated.
        covering = conn.execute(
            "SELECT r.period_from, r.period_to, d.book_code, d.number FROM remittance r "
            f"JOIN cash_doc d ON d.id = r.voucher_id WHERE r.deleted_at IS NULL AND {live} "
            "AND r.period_from <= ? AND r.period_to >= ? ORDER BY d.doc_date, d.number",
            (month_start(last).isoformat(), month_start(first).isoformat())).fetchall()
    paid_in: dict[int, int] = {}
    listed = []
    for doc_id, when, book, number, reason, amount, p_from, p_to in vouchers:
        when = date.fromisoformat(when)
        paid_in[month_index(when)] = paid_in.get(month_index(when), 0) + amount
        period = months_text(month_index(date.fromisoformat(p_from)), month_index(date.fromisoformat(p_to))) \
            if p_from else ""
        listed.append(RemitVoucher(doc_id, when, f"{book}/{number:04d}", reason, period, amount))
    covers: dict[int, list[str]] = {}
    for p_from, p_to, book, number in covering:
        for m in range(month_index(date.fromisoformat(p_from)), month_index(date.fromisoformat(p_to)) + 1):
            covers.setdefault(m, []).append(f"{book}/{number:04d}")
    months = tuple(RemitMonth(pm.month, pm.collected, pm.standard, bp, due, paid_in.get(pm.month, 0),
                              tuple(covers.get(pm.month, ()))) for pm, due, bp in plan_months)
    return RemittanceReport(first, last, months, tuple(listed), tuple(stretches))


def remittance_report_view(r: RemittanceReport) -> Report:
    from desktop.services.reports.service import dues_period_text
    if len(r.shares) == 1:
        shares = [("Tỷ lệ trích nộp cấp trên (trên đoàn phí theo mức quy định)", share_text(r.shares[0][2]))]
    else:  # the share changed inside the period (29/08/2025: 40% → 30%)
        shares = [(f"Tỷ lệ trích nộp cấp trên, tháng {months_text(a, b)}", share_text(bp)) for a, b, bp, _ in r.shares]
    summary = [("Đoàn phí đã thu trong kỳ (theo ngày phiếu thu)", r.collected, "money"),
               ("Trong đó: theo mức quy định", r.standard, "money"),
               ("Trong đó: thu cao hơn mức quy định (công đoàn cơ sở giữ lại 100%)", r.excess, "money"),
               *shares,
               ("Số phải trích nộp công đoàn cấp trên", r.due, "money"),
               ("Số đã nộp cấp trên trong kỳ (phiếu chi)", r.paid, "money"),
               ("Còn phải nộp cấp trên (số âm: đã nộp thừa)", r.outstanding, "money"),
               ("Số công đoàn cơ sở được giữ lại", r.kept, "money")]

    def covered(m: RemitMonth) -> str:
        if m.covered_by:
            return ", ".join(m.covered_by)
        return NOT_YET if m.due else ""

    months = Table("1. Theo tháng thu đoàn phí",
                   ("Tháng", "Đoàn phí đã thu", "Theo mức quy định", "Phải nộp cấp trên", "Đã nộp trong tháng",
                    "Nộp cho tháng này theo phiếu"),
                   ("text", "money", "money", "money", "money", "text"),
                   [(month_label(m.month), m.collected, m.standard, m.due, m.paid, covered(m)) for m in r.months],
                   total=("Cộng", r.collected, r.standard, r.due, r.paid, ""),
                   widths=(0.13, 0.17, 0.17, 0.17, 0.16, 0.20))
    vouchers = Table("2. Phiếu chi nộp cấp trên trong kỳ",
                     ("Ngày", "Số phiếu", "Nội dung", "Cho các tháng", "Số tiền"),
                     ("date", "text", "text", "text", "money"),
                     [(v.doc_date, v.ref, v.reason, v.period, v.amount) for v in r.vouchers],
                     total=("Cộng", "", "", "", r.paid), widths=(0.14, 0.18, 0.36, 0.15, 0.17))
    labels = [month_label(m.month)[:2] + "/" + month_label(m.month)[5:] for m in r.months]
    charts = [Chart("Đoàn phí đã thu và số phải nộp cấp trên theo tháng (đồng)", labels,
                    [m.collected for m in r.months], money=True, second=[m.due for m in r.months],
                    legend=("Đã thu", "Phải nộp cấp trên"))]
    return Report("remittance", TITLE, dues_period_text(r.first, r.last), summary, [months, vouchers], charts)
