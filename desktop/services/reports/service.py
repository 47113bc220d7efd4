"""The reports the upper level asks for (DOMAIN.md "Reports sent upward"): figures as
frozen dataclasses, one function per report, computed with SQL aggregates (and the dues
arithmetic of dues_calc), and each turned into a printing.reports.Report that the screen,
the PDF and the Excel file all show the same way."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from desktop.printing.reports import Chart, Report, Table, render_report
from desktop.services.cash.service import INCOME, SPENDING, CashService
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.core.excel_io import write_report
from desktop.services.core.statuses import EVENT_KINDS
from desktop.services.core.text import collation_key
from desktop.services.documents.service import Documents
from desktop.services.dues.arrears import THRESHOLDS, members_behind
from desktop.services.dues.calc import month_index, month_label, month_start
from desktop.services.dues.service import LIVE_PAYMENT, DuesService, raw_connection
from desktop.services.dues.totals import due_by_group_and_month
from desktop.services.reports.activities import activities_report, activities_report_view
from desktop.services.reports.b07 import record_closing, settlement_b07
from desktop.services.reports.b07_output import b07_view, write_b07
from desktop.services.reports.dashboard import AGE_BANDS, age_band_sql
from desktop.services.reports.periods import dues_period_text, period_text
from desktop.services.reports.remittance import remittance_report, remittance_report_view
from desktop.services.year import YearService

REPORTS = {"members": "Thống kê đoàn viên", "dues": "Báo cáo đoàn phí", "remittance": "Nộp đoàn phí cấp trên",
           "cashbook": "Sổ quỹ tiền mặt", "settlement": "Quyết toán thu chi năm (Mẫu B07-TLĐ)",
           "activities": "Hoạt động, thăm hỏi, trợ cấp"}
ON_BOOKS_KINDS = tuple(k for k, ev in EVENT_KINDS.items() if ev.to_status in ("active", "suspended", "honorary"))
UNKNOWN = "Không rõ"


def _check(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise ValidationError({"date_to": "ngày cuối kỳ trước ngày đầu kỳ."})


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%".replace(".", ",") if whole else "-"


# ------------------------------------------------------------------ member statistics


@dataclass(frozen=True)
class MemberStats:
    date_from: date
    date_to: date
    total: int  # on the books at the end of the period
    women: int
    party: int
    by_sex: tuple[tuple[str, int], ...]
    by_age: tuple[tuple[str, int, int], ...]  # (band, members, of them women)
    by_ethnicity: tuple[tuple[str, int, int], ...]
    by_education: tuple[tuple[str, int, int], ...]
    by_group: tuple[tuple[str, int, int], ...]
    admitted: int  # admitted or transferred in during the period
    left: int  # transferred out, left, expelled, deceased during the period
    moves: tuple[tuple[str, int], ...]  # by event kind


def member_stats(ctx: Context, date_from: date, date_to: date) -> MemberStats:
    """Members on the books at the end of the period (status replayed from the events up
    to that day), by sex, age band (age on the last day), ethnicity, education, group;
    Party members; admissions and leavers during the period."""
    _check(date_from, date_to)
    to = date_to.isoformat()
    case, params = age_band_sql(date_to)
    kinds = ", ".join(f"'{k}'" for k in ON_BOOKS_KINDS)
    with ctx.read() as s:
        conn = raw_connection(s)
        combos = conn.execute(
            "WITH last AS (SELECT member_id, kind FROM (SELECT member_id, kind, ROW_NUMBER() OVER "
            "(PARTITION BY member_id ORDER BY seq DESC) AS rn FROM member_event WHERE deleted_at IS NULL "
            "AND (event_date IS NULL OR event_date <= ?)) WHERE rn = 1) "
            f"SELECT m.gender, m.party_member, {case}, COALESCE(m.ethnicity, ''), COALESCE(m.education, ''), "
            "COALESCE(g.name, ''), COUNT(*) FROM member m JOIN last l ON l.member_id = m.id "
            "LEFT JOIN unit_group g ON g.id = m.group_id "
            f"WHERE m.deleted_at IS NULL AND l.kind IN ({kinds}) GROUP BY 1, 2, 3, 4, 5, 6",
            (to, *params)).fetchall()
        moves = conn.execute(
            "SELECT e.kind, COUNT(DISTINCT e.member_id) FROM member_event e JOIN member m ON m.id = e.member_id "
            "WHERE e.deleted_at IS NULL AND m.deleted_at IS NULL AND e.event_date BETWEEN ? AND ? GROUP BY 1",
            (date_from.isoformat(), to)).fetchall()
    total = women = party = 0
    sex: Counter[str] = Counter()
    # [members, of them women] by age band (its index; None: birth unknown), and by
    # ethnicity, education and group
    by_band: defaultdict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    dims: list[defaultdict[str, list[int]]] = [defaultdict(lambda: [0, 0]) for _ in range(3)]
    for gender, is_party, band, ethnicity, education, group, n in combos:
        total += n
        w = n if gender == "Nữ" else 0
        women += w
        party += n if is_party else 0
        sex[gender or UNKNOWN] += n
        by_band[band][0] += n
        by_band[band][1] += w
        for d, key in zip(dims, (ethnicity or UNKNOWN, education or UNKNOWN, group or "Chưa xếp tổ")):
            d[key][0] += n
            d[key][1] += w

    def ordered(d: dict[str, list[int]]) -> tuple[tuple[str, int, int], ...]:
        return tuple(sorted(((k, v[0], v[1]) for k, v in d.items()), key=lambda r: (-r[1], collation_key(r[0]))))

    ages = tuple((label, *by_band.get(i, (0, 0))) for i, (_, _, label) in enumerate(AGE_BANDS))
    if None in by_band:
        ages += ((UNKNOWN, *by_band[None]),)
    by_kind: dict[str, int] = dict(moves)
    return MemberStats(
        date_from, date_to, total, women, party,
        tuple((k, sex[k]) for k in ("Nam", "Nữ", UNKNOWN) if sex[k]), ages, ordered(dims[0]), ordered(dims[1]),
        tuple(sorted(((k, v[0], v[1]) for k, v in dims[2].items()), key=lambda r: collation_key(r[0]))),
        sum(by_kind.get(k, 0) for k in ("admitted", "transferred_in")),
        sum(by_kind.get(k, 0) for k in ("transferred_out", "left", "expelled", "deceased")),
        tuple((EVENT_KINDS[k].label, by_kind[k]) for k in EVENT_KINDS if by_kind.get(k)))


def member_stats_report(st: MemberStats) -> Report:
    def rows(items: tuple[tuple[str, int, int], ...]) -> list[tuple[str, int, int, str]]:
        return [(name, n, w, _pct(n, st.total)) for name, n, w in items]

    head = ("", "Số đoàn viên", "Trong đó nữ", "Tỷ lệ")
    cols = ("text", "int", "int", "text")
    summary = [("Tổng số đoàn viên cuối kỳ", st.total), ("Đoàn viên nữ", st.women),
               ("Đảng viên", st.party), ("Kết nạp, chuyển đến trong kỳ", st.admitted),
               ("Chuyển đi, ra khỏi tổ chức, từ trần trong kỳ", st.left)]
    tables = [Table("1. Theo độ tuổi (tính đến cuối kỳ)", ("Độ tuổi",) + head[1:], cols, rows(st.by_age)),
              Table("2. Theo dân tộc", ("Dân tộc",) + head[1:], cols, rows(st.by_ethnicity)),
              Table("3. Theo trình độ học vấn", ("Trình độ",) + head[1:], cols, rows(st.by_education)),
              Table("4. Theo tổ công đoàn", ("Tổ công đoàn",) + head[1:], cols, rows(st.by_group),
                    total=("Cộng", st.total, st.women, _pct(st.total, st.total) if st.total else "-")),
              Table("5. Biến động trong kỳ", ("Nội dung", "Số đoàn viên"), ("text", "int"), list(st.moves))]
    charts = [Chart("Đoàn viên theo độ tuổi", [b for b, _, _ in st.by_age], [n for _, n, _ in st.by_age]),
              Chart("Đoàn viên theo giới tính", [k for k, _ in st.by_sex], [n for _, n in st.by_sex])]
    return Report("members", "BÁO CÁO THỐNG KÊ ĐOÀN VIÊN", period_text(st.date_from, st.date_to),
                  summary, tables, charts)


# ------------------------------------------------------------------------------ dues


@dataclass(frozen=True)
class DuesFigures:
    """due / collected: what the members owed for the months of the period and what
    non-voided receipts paid for those months; owed = due − collected."""

    group: str
    due: int
    collected: int

    @property
    def owed(self) -> int:
        return self.due - self.collected


@dataclass(frozen=True)
class DuesReport:
    first: int
    last: int
    by_month: tuple[tuple[int, DuesFigures], ...]
    by_group: tuple[DuesFigures, ...]
    due: int
    collected: int
    behind: tuple[int, ...]  # members behind THRESHOLDS months or more after the period (or now)

    @property
    def owed(self) -> int:
        return self.due - self.collected


def dues_report(ctx: Context, first: int, last: int) -> DuesReport:
    """Dues due and collected for months first..last, by group and by month."""
    if last < first:
        raise ValidationError({"month": "tháng cuối trước tháng đầu."})
    dues = DuesService(ctx)
    with ctx.read() as s:
        conn = raw_connection(s)
        names = dict(conn.execute("SELECT id, name FROM unit_group"))
        due_group, due_month = due_by_group_and_month(dues, s, first, last)
        # Two passes over the period's payments in month order (ix_dues_payment_month): a join
        # to member for each of a million payments cost four times as much (measured).
        span = (month_start(first).isoformat(), month_start(last).isoformat())
        live = LIVE_PAYMENT + " AND p.month BETWEEN ? AND ?"
        paid_by_month = conn.execute(
            f"SELECT p.month, SUM(p.amount) FROM dues_payment p INDEXED BY ix_dues_payment_month WHERE {live} "
            "GROUP BY 1", span).fetchall()
        paid_by_member = conn.execute(
            f"SELECT p.member_id, SUM(p.amount) FROM dues_payment p INDEXED BY ix_dues_payment_month WHERE {live} "
            "GROUP BY 1", span).fetchall()
        group_of = dict(conn.execute("SELECT id, group_id FROM member"))
        # Behind after the period, but a month still being collected is not yet missed:
        # a period that runs to this month counts up to last month, as the home page does.
        behind = members_behind(dues, s, min(last + 1, month_index(date.today())))
    collected_month = {month_index(date.fromisoformat(month)): amount for month, amount in paid_by_month}
    collected_group: dict[str | None, int] = defaultdict(int)
    for mid, amount in paid_by_member:
        collected_group[group_of.get(mid)] += amount
    groups = sorted(set(due_group) | set(collected_group), key=lambda g: (g is None, collation_key(names.get(g, ""))))
    by_group = tuple(DuesFigures(names.get(g) or "Chưa xếp tổ", due_group[g], collected_group[g]) for g in groups)
    by_month = tuple((m, DuesFigures(month_label(m), due_month[m], collected_month.get(m, 0)))
                     for m in range(first, last + 1))
    return DuesReport(first, last, by_month, by_group, sum(f.due for f in by_group),
                      sum(f.collected for f in by_group),
                      tuple(sum(1 for a in behind if a.months >= t) for t in THRESHOLDS))


def dues_report_view(r: DuesReport) -> Report:
    head = ("Phải thu", "Đã thu", "Tỷ lệ thu", "Còn phải thu")
    cols = ("text", "money", "money", "text", "money")

    def row(f: DuesFigures) -> tuple[str, int, int, str, int]:
        return (f.group, f.due, f.collected, _pct(f.collected, f.due), f.owed)

    total = ("Cộng", r.due, r.collected, _pct(r.collected, r.due), r.owed)
    summary = [("Đoàn phí phải thu trong kỳ", r.due, "money"), ("Đoàn phí đã thu cho các tháng trong kỳ",
                                                                 r.collected, "money"),
               ("Tỷ lệ thu", _pct(r.collected, r.due)), ("Còn phải thu", r.owed, "money")]
    summary += [(f"Đoàn viên nợ đoàn phí từ {t} tháng liên tiếp trở lên (sau kỳ)", n)
                for t, n in zip(THRESHOLDS, r.behind)]
    tables = [Table("1. Theo tháng", ("Tháng",) + head, cols, [row(f) for _, f in r.by_month], total=total),
              Table("2. Theo tổ công đoàn", ("Tổ công đoàn",) + head, cols, [row(f) for f in r.by_group],
                    total=total)]
    charts = [Chart("Đoàn phí đã thu và phải thu theo tháng (đồng)", [month_label(m)[:2] + "/" + month_label(m)[5:]
                                                                      for m, _ in r.by_month],
                    [f.collected for _, f in r.by_month], money=True, second=[f.due for _, f in r.by_month],
                    legend=("Đã thu", "Phải thu"))]
    return Report("dues", "BÁO CÁO THU ĐOÀN PHÍ", dues_period_text(r.first, r.last), summary, tables, charts)


# ----------------------------------------------------------------- cash and settlement


@dataclass(frozen=True)
class Settlement:
    year: int
    opening: int
    income: tuple[tuple[str, int], ...]  # by source (cash.INCOME), every source listed
    spending: tuple[tuple[str, int], ...]  # by item (cash.SPENDING)
    closing: int

    @property
    def total_income(self) -> int:
        return sum(a for _, a in self.income)

    @property
    def total_spending(self) -> int:
        return sum(a for _, a in self.spending)


def settlement(ctx: Context, year: int) -> Settlement:
    """The yearly financial settlement: opening balance on 01/01, income by source,
    spending by item (non-voided documents of the year), closing balance on 31/12."""
    cash = CashService(ctx)
    first, last = date(year, 1, 1), date(year, 12, 31)
    opening = cash.cash_book(first, first).opening
    with ctx.read() as s:
        sums = {(k, c): a for k, c, a in raw_connection(s).execute(
            "SELECT d.kind, d.category, SUM(d.amount) FROM cash_doc d WHERE d.doc_date BETWEEN ? AND ? "
            "AND d.id NOT IN (SELECT doc_id FROM cash_doc_void) GROUP BY 1, 2",
            (first.isoformat(), last.isoformat()))}
    income = tuple((label, sums.get(("thu", k), 0)) for k, label in INCOME.items())
    spending = tuple((label, sums.get(("chi", k), 0)) for k, label in SPENDING.items())
    closing = opening + sum(a for _, a in income) - sum(a for _, a in spending)
    return Settlement(year, opening, income, spending, closing)


def settlement_year(date_from: date, date_to: date) -> int:
    """The year a settlement period stands for. The settlement (quyết toán) is made for
    the fiscal year, which is the calendar year (DOMAIN.md): a period that is not one whole
    year is refused, naming the field that is off, rather than silently widened to the
    year; the income and spending of part of a year are the cash book's."""
    _check(date_from, date_to)
    year = date_from.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    errors = {}
    if date_from != first:
        errors["date_from"] = (f"quyết toán năm {year} tính từ ngày {first:%d/%m/%Y}, không phải từ ngày "
                               f"{date_from:%d/%m/%Y}.")
    if date_to != last:
        errors["date_to"] = (f"quyết toán năm {year} tính đến ngày {last:%d/%m/%Y}, không phải đến ngày "
                             f"{date_to:%d/%m/%Y}.")
    if errors:
        key = "date_to" if "date_to" in errors else "date_from"
        errors[key] += (" Quyết toán lập cho cả năm tài chính (năm dương lịch, 01/01 đến 31/12); thu, chi của "
                        "một phần năm xem ở báo cáo Sổ quỹ tiền mặt (cashbook).")
        raise ValidationError(errors)
    return year


def settlement_report(st: Settlement) -> Report:
    summary = [("Số dư đầu năm", st.opening, "money"), ("Tổng thu trong năm", st.total_income, "money"),
               ("Tổng chi trong năm", st.total_spending, "money"), ("Số dư cuối năm", st.closing, "money")]
    tables = [Table("I. Thu theo nguồn", ("Nguồn thu", "Số tiền"), ("text", "money"), list(st.income),
                    total=("Cộng thu", st.total_income)),
              Table("II. Chi theo nội dung", ("Nội dung chi", "Số tiền"), ("text", "money"), list(st.spending),
                    total=("Cộng chi", st.total_spending))]
    charts = [Chart("Thu theo nguồn (đồng)", [k for k, _ in st.income], [a for _, a in st.income], money=True),
              Chart("Chi theo nội dung (đồng)", [k for k, _ in st.spending], [a for _, a in st.spending],
                    money=True)]
    return Report("settlement", "BÁO CÁO QUYẾT TOÁN THU, CHI TÀI CHÍNH CÔNG ĐOÀN", f"năm {st.year}",
                  summary, tables, charts)


def with_close(ctx: Context, r: Report, year: int) -> Report:
    """The settlement of a closed year names its close: the day, who, and the fingerprint
    of the ledger it recorded (issue 14, item 11), under the title, on screen and on paper."""
    status = next((st for st in YearService(ctx).status(verify=False) if st.year == year), None)
    if status is None or not status.closed or status.last is None or status.last.figures is None:
        return r
    e = status.last
    assert e.figures is not None  # checked above; for the type checker
    note = (f"{r.period} — đã khoá sổ ngày {e.day:%d/%m/%Y} ({e.by_name}), dấu vân tay sổ sách "
            f"{e.figures.fingerprint[:16]}")
    return replace(r, period=note)


def cashbook_report(ctx: Context, date_from: date, date_to: date) -> Report:
    _check(date_from, date_to)
    book = CashService(ctx).cash_book(date_from, date_to)
    rows = [(ln.doc.doc_date, ln.doc.ref if ln.doc.kind == "thu" else "", ln.doc.ref if ln.doc.kind == "chi" else "",
             ln.doc.reason + (" (đã hủy)" if ln.doc.voided else ""), ln.amount_in, ln.amount_out, ln.balance)
            for ln in book.lines]
    summary = [("Số dư đầu kỳ", book.opening, "money"), ("Tổng thu", book.total_in, "money"),
               ("Tổng chi", book.total_out, "money"), ("Số dư cuối kỳ", book.closing, "money")]
    table = Table("Chi tiết thu, chi", ("Ngày", "Số phiếu thu", "Số phiếu chi", "Diễn giải", "Thu", "Chi", "Tồn"),
                  ("date", "text", "text", "text", "money", "money", "money"), rows,
                  total=("Cộng phát sinh", "", "", "", book.total_in, book.total_out, book.closing))
    return Report("cashbook", "SỔ QUỸ TIỀN MẶT", period_text(date_from, date_to), summary, [table], [],
                  dates=(date_from, date_to))


# -------------------------------------------------------------------------- building


def build(ctx: Context, kind: str, date_from: date, date_to: date) -> Report:
    """The report `kind` (a key of REPORTS) for the period, ready to show or save."""
    _check(date_from, date_to)
    if kind == "members":
        return member_stats_report(member_stats(ctx, date_from, date_to))
    if kind == "dues":
        return dues_report_view(dues_report(ctx, month_index(date_from), month_index(date_to)))
    if kind == "settlement":  # the form B07-TLĐ (b07.py), cash and bank; a closed year says so
        year = settlement_year(date_from, date_to)
        return with_close(ctx, b07_view(settlement_b07(ctx, year)), year)
    if kind == "cashbook":
        return cashbook_report(ctx, date_from, date_to)
    if kind == "remittance":
        return remittance_report_view(remittance_report(ctx, month_index(date_from), month_index(date_to)))
    if kind == "activities":
        return activities_report_view(activities_report(ctx, date_from, date_to))
    raise ValidationError({"report": "chọn một trong: " + ", ".join(REPORTS) + "."})


def check_out(out: Path | str) -> Path:
    """The file a report is to be saved to, checked before anything is computed or
    stored for it: a .pdf or .xlsx in a folder that exists and can be written."""
    out = Path(out)
    if out.suffix.lower() not in (".pdf", ".xlsx"):
        raise ValidationError({"out": f"tệp {out.name}: chỉ lưu được .pdf hoặc .xlsx."})
    folder = out.parent
    if out.is_dir():
        raise ValidationError({"out": f"{out} là một thư mục, không phải tệp."})
    if not folder.is_dir():
        raise ValidationError({"out": f"không có thư mục {folder} để lưu tệp {out.name}."})
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ValidationError({"out": f"không ghi được tệp {out.name} vào thư mục {folder}."})
    return out


def save(ctx: Context, report: Report, out: Path | str) -> Path:
    """To .pdf (with the union's document header) or .xlsx, by the file's extension."""
    out = check_out(out)
    suffix = out.suffix.lower()
    if report.kind == "settlement" and report.dates and suffix in (".pdf", ".xlsx"):
        # The form's own layout, figures read again from the ledger as it is now.
        st = settlement_b07(ctx, report.dates[0].year)
        write_b07(Documents(ctx).header(), st, out)
        record_closing(ctx, st)
    elif suffix == ".pdf" and report.kind == "cashbook" and report.dates:
        Documents(ctx).cash_book(*report.dates, out)  # one cash book form, the Thu chi page's
    elif suffix == ".pdf":
        render_report(Documents(ctx).header(), report, out)
    else:
        write_report(out, Documents(ctx).header(), report)
    return out
