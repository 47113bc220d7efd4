"""Report: đoàn phí remitted to the upper level, month by month over a period (DOMAIN.md
"Dues": the CĐCS sends the upper level a share of the dues at the law's rate, 40% until
28/08/2025 and 30% since; dues above that rate stay with the CĐCS in full).

For each month of the period: the month of the remittance model (dues.remittance: what
was collected, its part at the law's rate, the share and what is to be remitted for it,
over each stretch of months under one share, as `dues remit` and its statement count
them), with what the cash book says of it: the vouchers "nộp cấp trên" dated in the
month, and the remittance that covers the month's collections, if any."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from desktop.printing.reports import Chart, Report, Table
from desktop.services.core.context import Context
from desktop.services.dues.calc import month_end, month_index, month_label, month_start, period_label
from desktop.services.dues.remittance import RemittanceMonth, RemittanceService, ShareStretch, share_text
from desktop.services.dues.service import raw_connection

TITLE = "BÁO CÁO TRÍCH NỘP ĐOÀN PHÍ VỀ CÔNG ĐOÀN CẤP TRÊN"
NOT_YET = "chưa nộp"


@dataclass(frozen=True)
class RemitMonth(RemittanceMonth):
    paid: int  # vouchers "nộp cấp trên" dated in the month, not voided
    covered_by: tuple[str, ...]  # vouchers of the remittances that cover this month


class _VoucherRow(NamedTuple):
    doc_id: str
    doc_date: str  # ISO
    book_code: str
    number: int
    reason: str
    amount: int
    period_from: str | None  # the months its remittances cover (ISO), None for one entered by hand
    period_to: str | None


class _CoverRow(NamedTuple):
    period_from: str  # ISO
    period_to: str
    book_code: str
    number: int


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
    shares: tuple[ShareStretch, ...]

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


def months_text(first: int, last: int) -> str:
    return month_label(first) if first == last else f"{month_label(first)} – {month_label(last)}"


def remittance_report(ctx: Context, first: int, last: int) -> RemittanceReport:
    """Dues collected and remitted upward for months first..last."""
    plans = RemittanceService(ctx).plans(first, last)
    span = (month_start(first).isoformat(), month_end(last).isoformat())
    with ctx.read() as s:
        conn = raw_connection(s)
        live = "d.id NOT IN (SELECT doc_id FROM cash_doc_void)"
        vouchers = [_VoucherRow(*r) for r in conn.execute(
            "SELECT d.id, d.doc_date, d.book_code, d.number, d.reason, d.amount, "
            "(SELECT MIN(r.period_from) FROM remittance r WHERE r.voucher_id = d.id AND r.deleted_at IS NULL), "
            "(SELECT MAX(r.period_to) FROM remittance r WHERE r.voucher_id = d.id AND r.deleted_at IS NULL) "
            f"FROM cash_doc d WHERE d.kind = 'chi' AND d.category = 'nop_cap_tren' AND {live} "
            "AND d.doc_date BETWEEN ? AND ? ORDER BY d.doc_date, d.book_code, d.number", span)]
        # The remittances of months of the period, whenever their voucher was dated.
        covering = [_CoverRow(*r) for r in conn.execute(
            "SELECT r.period_from, r.period_to, d.book_code, d.number FROM remittance r "
            f"JOIN cash_doc d ON d.id = r.voucher_id WHERE r.deleted_at IS NULL AND {live} "
            "AND r.period_from <= ? AND r.period_to >= ? ORDER BY d.doc_date, d.number",
            (month_start(last).isoformat(), month_start(first).isoformat()))]
    paid_in: dict[int, int] = {}
    listed = []
    for v in vouchers:
        when = date.fromisoformat(v.doc_date)
        paid_in[month_index(when)] = paid_in.get(month_index(when), 0) + v.amount
        period = months_text(month_index(date.fromisoformat(v.period_from)),
                             month_index(date.fromisoformat(v.period_to))) if v.period_from and v.period_to else ""
        listed.append(RemitVoucher(v.doc_id, when, f"{v.book_code}/{v.number:04d}", v.reason, period, v.amount))
    covers: dict[int, list[str]] = {}
    for c in covering:
        for m in range(month_index(date.fromisoformat(c.period_from)), month_index(date.fromisoformat(c.period_to)) + 1):
            covers.setdefault(m, []).append(f"{c.book_code}/{c.number:04d}")
    months = tuple(RemitMonth(m.month, m.collected, m.standard, m.share_bp, m.due, paid_in.get(m.month, 0),
                              tuple(covers.get(m.month, ()))) for p in plans for m in p.months)
    shares = tuple(ShareStretch(p.first, p.last, p.share_bp, p.share_source) for p in plans)
    return RemittanceReport(first, last, months, tuple(listed), shares)


def remittance_report_view(r: RemittanceReport) -> Report:
    if len(r.shares) == 1:
        shares = [("Tỷ lệ trích nộp cấp trên (trên đoàn phí theo mức quy định)", share_text(r.shares[0][2]))]
    else:  # the share changed inside the period (01/01/2023: 40% → 30%)
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
    return Report("remittance", TITLE, period_label(r.first, r.last), summary, [months, vouchers], charts)
