"""Dues by payroll deduction: the employer transfers one sum with a list of members and
amounts. The list is matched to members (by ID or card number, then by name and birth
date), checked against what each owes, and recorded as one receipt allocated to them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import select

from desktop.models import Member
from desktop.services.cash.service import DocInfo, doc_info
from desktop.services.core.context import Context
from desktop.services.core.dates import DateFormatError, parse_date
from desktop.services.core.errors import ImportFileError, ValidationError
from desktop.services.core.excel_io import read_rows
from desktop.services.core.fields import header_index
from desktop.services.core.money import MoneyFormatError, format_money, money_bound_problem, parse_money
from desktop.services.core.statuses import CURRENT_STATUSES
from desktop.services.core.text import clean, clean_name, fold
from desktop.services.dues.calc import member_due, month_label
from desktop.services.dues.service import DuesService, PaymentError, parse_month
from desktop.services.members.cccd import normalize_id_number
from desktop.services.members.rules import dup_key

AMOUNT_HEADERS = ("so tien", "doan phi", "tien doan phi", "so tien trich", "trich nop", "thanh tien",
                  "so tien doan phi", "doan phi cong doan", "muc dong", "so tien nop")


@dataclass(frozen=True)
class PayrollRow:
    row_number: int
    name: str
    id_text: str | None
    amount: int | None
    member_id: str | None
    owed: int | None
    status: str  # ok | warning | unmatched | error
    problem: str | None


@dataclass
class PayrollPreview:
    path: Path
    month: int
    rows: list[PayrollRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(r.amount or 0 for r in self.rows)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def blocking(self) -> list[PayrollRow]:
        return [r for r in self.rows if r.status in ("unmatched", "error")]


class _Known(NamedTuple):
    """A member the list's rows are matched with."""

    id: str
    full_name: str
    id_number: str | None
    card_number: str | None
    dup_key: str | None
    birth_date: date | None
    birth_year_only: bool
    status: str


class _Matched(NamedTuple):
    """A row of the list matched with a member, before its dues are checked."""

    row_number: int
    name: str | None
    id_text: str | None
    amount: int | None
    member: _Known
    how: str  # id | card | name
    problem: str | None


def _cell(cells: Sequence[object], cols: dict[str, int], key: str) -> object:
    return cells[cols[key]] if key in cols and cols[key] < len(cells) else None


def _columns(rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]]:
    index = header_index()
    for r, row in enumerate(rows[:30]):
        cols: dict[str, int] = {}
        for c, cell in enumerate(row):
            h = " ".join(fold(clean(cell) or "").replace("(", " ").replace(")", " ").split())
            if not h:
                continue
            if any(h == a or h.startswith(a + " ") for a in AMOUNT_HEADERS) and "amount" not in cols:
                cols["amount"] = c
            elif (key := index.get(h)) in ("full_name", "id_number", "card_number", "birth_date") and key not in cols:
                cols[key] = c
        if "full_name" in cols and "amount" in cols:
            return r, cols
    raise ImportFileError("Không tìm thấy dòng tiêu đề của bảng kê: cần cột “Họ và tên” và cột “Số tiền” "
                          "(hoặc “Đoàn phí”), thêm “Số CCCD” hoặc “Số thẻ” để đối chiếu chắc chắn.")


class PayrollService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.dues = DuesService(ctx)

    def preview(self, path: Path | str, month: str | date) -> PayrollPreview:
        m = parse_month(month)
        _, rows = read_rows(path)
        header, cols = _columns(rows)
        with self.ctx.read() as s:
            members = [_Known._make(r) for r in s.execute(
                select(Member.id, Member.full_name, Member.id_number, Member.card_number, Member.dup_key,
                       Member.birth_date, Member.birth_year_only, Member.status).where(Member.deleted_at.is_(None)))]
            by_id: dict[str | None, _Known] = {r.id_number: r for r in members if r.id_number}
            by_card = {r.card_number: r for r in members if r.card_number}
            by_key: dict[str | None, list[_Known]] = {}
            by_name: dict[str, list[_Known]] = {}
            for r in members:
                by_key.setdefault(r.dup_key, []).append(r)
                by_name.setdefault(fold(r.full_name), []).append(r)
            matched_ids: set[str] = set()
            preview = PayrollPreview(Path(path), m)
            pending: list[_Matched] = []
            for i, cells in enumerate(rows[header + 1:], start=header + 2):
                get = partial(_cell, cells, cols)
                name = clean_name(get("full_name"))
                raw_amount = get("amount")
                if not name and raw_amount in (None, ""):
                    continue
                if name and fold(name).startswith(("tong", "cong")):
                    continue
                problem: str | None = None
                amount: int | None = None
                try:
                    amount = parse_money(raw_amount)
                    if amount is None or amount <= 0:
                        problem = "số tiền trống hoặc không dương."
                    elif bound := money_bound_problem(amount, "Số tiền"):
                        problem = bound
                except MoneyFormatError:
                    problem = f"không đọc được số tiền “{clean(raw_amount)}”."
                id_text = normalize_id_number(get("id_number")) or clean(get("card_number"))
                found: _Known | None = None
                how = ""
                if get("id_number") and (hit := by_id.get(normalize_id_number(get("id_number")))):
                    found, how = hit, "id"
                elif get("card_number") and (hit := by_card.get((clean(get("card_number")) or "").upper())):
                    found, how = hit, "card"
                elif name:
                    try:
                        parsed = parse_date(get("birth_date"), allow_year_only=True)
                    except DateFormatError:
                        parsed = None
                    if parsed:
                        hits = [h for h in by_key.get(dup_key(name, parsed.value), [])
                                if h.birth_year_only or parsed.year_only or h.birth_date == parsed.value]
                    else:
                        hits = [h for h in by_name.get(fold(name), []) if h.status in CURRENT_STATUSES]
                    if len(hits) == 1:
                        found, how = hits[0], "name"
                    elif len(hits) > 1:
                        problem = problem or f"có {len(hits)} đoàn viên tên {name}: thêm số CCCD hoặc số thẻ vào bảng kê."
                if found is None:
                    preview.rows.append(PayrollRow(i, name or "", id_text, amount, None, None, "unmatched",
                                                   problem or "không tìm thấy đoàn viên này."))
                    continue
                if found.id in matched_ids:
                    problem = problem or f"{found.full_name} có hai dòng trong bảng kê."
                matched_ids.add(found.id)
                pending.append(_Matched(i, name, id_text, amount, found, how, problem))
            law, unit, histories = self.dues.calculator(s, [p[4].id for p in pending], m)
            paid = self.dues.paid_by_month(s, [p[4].id for p in pending], m, m)
        for p in pending:
            found, problem = p.member, p.problem
            d = member_due(law, unit, histories[found.id], m)
            owed = d.total - paid.get((found.id, m), 0)
            status = "error" if problem else "ok"
            if not problem:
                if d.total == 0:
                    status, problem = "error", f"không phải nộp tháng {month_label(m)}: {d.why_zero}."
                elif owed <= 0:
                    status, problem = "error", f"đã nộp đủ tháng {month_label(m)}."
                elif p.amount != owed:
                    status, problem = "warning", f"số tiền khác đoàn phí tính được ({format_money(owed)})."
                elif p.how == "name":
                    status, problem = "warning", "đối chiếu theo họ tên (không có số CCCD/số thẻ)."
            preview.rows.append(PayrollRow(p.row_number, found.full_name, p.id_text, p.amount, found.id, owed, status,
                                           problem))
        preview.rows.sort(key=lambda r: r.row_number)
        return preview

    def commit(self, preview: PayrollPreview, *, employer: str, declared_total: int,
               doc_date: date | None = None) -> DocInfo:
        if preview.blocking:
            first = preview.blocking[0]
            raise PaymentError(f"Bảng kê còn {len(preview.blocking)} dòng chưa khớp hoặc lỗi (dòng {first.row_number}: "
                               f"{first.name} — {first.problem}); sửa bảng kê rồi nhập lại.")
        if problem := money_bound_problem(declared_total, "Số tiền chuyển khoản"):
            raise PaymentError(problem)
        if problem := money_bound_problem(preview.total, "Tổng bảng kê"):
            raise PaymentError(problem)
        if declared_total != preview.total:
            raise PaymentError(f"Tổng bảng kê {format_money(preview.total)} khác số tiền chuyển khoản "
                               f"{format_money(declared_total)}.")
        if not preview.rows:
            raise PaymentError("Bảng kê không có dòng nào.")
        if not clean(employer):
            raise ValidationError({"person_name": "cần tên đơn vị chuyển tiền."})
        m = preview.month
        # No row blocks: each has its member, a different one, and its amount.
        amounts = {r.member_id: r.amount for r in preview.rows if r.member_id is not None and r.amount is not None}
        with self.ctx.write() as s:
            ids = list(amounts)
            law, unit, histories = self.dues.calculator(s, ids, m)
            paid = self.dues.paid_by_month(s, ids, m, m)
            for r in preview.rows:  # the books may have changed since the preview
                if r.member_id is not None and \
                        member_due(law, unit, histories[r.member_id], m).total - paid.get((r.member_id, m), 0) <= 0:
                    raise PaymentError(f"{r.name} đã nộp đủ tháng {month_label(m)} từ lúc xem trước: xem trước lại.")
            doc = self.dues.cash.issue(
                s, kind="thu", category="doan_phi", doc_date=doc_date or date.today(), person_name=employer,
                amount=preview.total, attachments=f"Bảng kê {len(preview.rows)} đoàn viên",
                reason=f"Thu đoàn phí tháng {month_label(m)} trích qua bảng lương ({len(preview.rows)} đoàn viên)")
            self.dues.write_allocations(s, doc, {mid: [(m, amount)] for mid, amount in amounts.items()})
            return doc_info(doc, None)
