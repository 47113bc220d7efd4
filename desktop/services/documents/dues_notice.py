"""THÔNG BÁO ĐOÀN PHÍ: what a member owes for some months, month by month, with the
payment reference and the VietQR code of a transfer of that sum to the unit's receiving
account (issue 14, item 4). When the bank statement brings the transfer, the reference
says whose dues for which months.

A notice covers consecutive months: the reference names a first month and a count, so a
notice for January and March would also name February. Months already paid or exempt
inside the range show with nothing owed; the code's amount is what is still owed.

The collection list carries no code: a reference names one member, so a code for a
group's total would bring a transfer the statement cannot share out among the members.
A group gets its members' notices, one each, printed together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop.models import Member, Unit, UnitGroup
from desktop.models.chunks import in_chunks
from desktop.printing import data as p
from desktop.printing import render_dues_notices
from desktop.services.bank.receiving import NO_ACCOUNT, DuesAccount, dues_account_in
from desktop.services.bank.reference import make_reference
from desktop.services.bank.vietqr import qr_png, vietqr_payload
from desktop.services.cash.service import words
from desktop.services.core.context import Context
from desktop.services.core.dates import format_date
from desktop.services.core.errors import DomainError, NotFoundError, SetupError, ValidationError
from desktop.services.core.safe_files import write_to
from desktop.services.documents.service import Documents, period_title
from desktop.services.dues.calc import member_due, month_index, month_label, month_start
from desktop.services.dues.service import MAX_MONTHS_AHEAD, DuesService, months_text, parse_month


class NoticeError(DomainError):
    code = "dues_notice"


@dataclass(frozen=True)
class NoticeLine:
    month: int
    due: int
    paid: int
    why_zero: str | None

    @property
    def owed(self) -> int:
        return max(0, self.due - self.paid)


@dataclass(frozen=True)
class Notice:
    """One member's notice: the months, what is owed, the reference and the code's text."""

    member_id: str
    full_name: str
    birth: str
    group_name: str | None
    lines: tuple[NoticeLine, ...]
    reference: str
    payload: str
    account: DuesAccount  # the account in the payload, printed under the code as it is

    @property
    def total(self) -> int:
        return sum(line.owed for line in self.lines)

    @property
    def first(self) -> int:
        return self.lines[0].month

    @property
    def last(self) -> int:
        return self.lines[-1].month


def notice_months(months: Sequence[str | date]) -> list[int]:
    """The months asked for, in order; refused unless they follow one another and can be
    paid now (at most MAX_MONTHS_AHEAD months ahead, as at the cash desk)."""
    wanted = sorted({parse_month(m) for m in months})
    if not wanted:
        raise ValidationError({"months": "chọn ít nhất một tháng."})
    if wanted != list(range(wanted[0], wanted[-1] + 1)):
        raise NoticeError(f"Các tháng trên một thông báo phải liền nhau ({months_text(wanted)}): mã thanh toán "
                          "ghi tháng đầu và số tháng. Hãy in mỗi đoạn tháng liền nhau một thông báo.")
    furthest = month_index(date.today()) + MAX_MONTHS_AHEAD
    if wanted[-1] > furthest:
        raise NoticeError(f"Chỉ thu trước tối đa {MAX_MONTHS_AHEAD} tháng: tháng {month_label(wanted[-1])} quá xa "
                          f"(xa nhất là tháng {month_label(furthest)}).")
    return wanted


class DuesNotices:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.dues = DuesService(ctx)

    def notices(self, months: Sequence[str | date], *, member_ids: Sequence[str] | None = None,
                group_id: str | None = None) -> list[Notice]:
        """A notice for each of the members, or for each member of the group, who owes
        anything for the months; refused with the reason when none can be made (for one
        member: why that member owes nothing)."""
        if (not member_ids) == (group_id is None):
            raise ValidationError({"member_id": "chọn đoàn viên hoặc một tổ."})
        wanted = notice_months(months)
        first, last = wanted[0], wanted[-1]
        with self.ctx.read() as s:
            unit = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            if unit is None:
                raise SetupError("Chưa khởi tạo đơn vị.")
            account = dues_account_in(s)
            if account is None:
                raise NoticeError(NO_ACCOUNT)
            query = select(Member.id, Member.full_name, Member.birth_date, Member.birth_year_only, Member.group_id)
            if member_ids:
                live = query.where(Member.deleted_at.is_(None))
                found = {m.id: m for part, _ in in_chunks(list(member_ids))
                         for m in s.execute(live.where(Member.id.in_(part)))}
                missing = [mid for mid in member_ids if mid not in found]
                if missing:
                    raise NotFoundError(f"Không tìm thấy đoàn viên có mã {missing[0]}.")
                members = [found[mid] for mid in dict.fromkeys(member_ids)]
            else:
                group = s.get(UnitGroup, group_id)
                if group is None or group.deleted_at is not None:
                    raise NotFoundError("Không tìm thấy tổ công đoàn đã chọn.")
                members = list(s.execute(query.where(Member.group_id == group_id, Member.deleted_at.is_(None))
                                         .order_by(Member.sort_key, Member.id)))
            ids = [m.id for m in members]
            calc = self.dues.calculator(s, ids, last)
            paid = self.dues.paid_by_month(s, ids, first, last)
            groups = {gid: name for gid, name in s.execute(select(UnitGroup.id, UnitGroup.name))}
        out: list[Notice] = []
        owing_nothing: list[str] = []
        for m in members:
            lines = []
            for month in wanted:
                due = member_due(calc.law, calc.unit, calc.histories[m.id], month)
                lines.append(NoticeLine(month, due.total, paid.get((m.id, month), 0), due.why_zero))
            if not any(line.owed for line in lines):
                owing_nothing.append(_nothing_owed(m.full_name, lines))
                continue
            reference = make_reference(unit.id, m.id, month_start(first), month_start(last))
            total = sum(line.owed for line in lines)
            payload = vietqr_payload(account.bank.bin, account.account.account_number, total, reference)
            out.append(Notice(m.id, m.full_name, format_date(m.birth_date, year_only=m.birth_year_only),
                              groups.get(m.group_id) if m.group_id else None, tuple(lines), reference, payload,
                              account))
        if not out:
            if len(members) == 1:
                raise NoticeError(owing_nothing[0])
            who = f"của {groups.get(group_id, '')}" if group_id else "đã chọn"
            raise NoticeError(f"Không đoàn viên nào {who} còn phải nộp đoàn phí {months_text(wanted)}: "
                              "không có thông báo nào để in.")
        return out

    def render(self, notices: Sequence[Notice], out: Path | str) -> int:
        """The notices to a PDF; returns its pages."""
        if not notices:
            raise ValidationError({"member_id": "chưa có thông báo nào để in."})
        with self.ctx.read() as s:
            in_words = {n.member_id: words(s, n.total) for n in notices}
        today = date.today()
        printable = [
            p.DuesNotice(member_name=n.full_name, birth=n.birth, group_name=n.group_name,
                         period=period_title(n.first, n.last),
                         months=[p.NoticeMonth(month_label(line.month), line.due, line.paid, line.owed,
                                               line.why_zero or "") for line in n.lines],
                         total=n.total, total_words=in_words[n.member_id], reference=n.reference,
                         qr_png=qr_png(n.payload), bank_name=f"{n.account.bank.short_name} ({n.account.bank.name})",
                         account_number=n.account.account.account_number,
                         account_name=n.account.account.account_name, made_on=today)
            for n in notices]
        header = Documents(self.ctx).header()
        return write_to(out, lambda f: render_dues_notices(header, printable, f))


def _nothing_owed(name: str, lines: Sequence[NoticeLine]) -> str:
    months = [line.month for line in lines]
    if all(line.due == 0 for line in lines):
        why = next((line.why_zero for line in lines if line.why_zero), "không phải nộp")
        return f"{name} không phải nộp đoàn phí {months_text(months)}: {why}."
    return f"{name} đã nộp đủ đoàn phí {months_text(months)}: không còn gì để thông báo."
