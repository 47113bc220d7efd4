"""What the forms print: plain frozen dataclasses, the only inputs of desktop.printing.

Services fill them (amounts already computed, amounts in words already read, texts
already NFC and trimmed); the forms only lay them out. Money is integer đồng.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

DEFAULT_CIRCULAR = ("(Ban hành kèm theo Thông tư số 24/2024/TT-BTC ngày 17 tháng 4 năm 2024 "
                    "của Bộ trưởng Bộ Tài chính)")


@dataclass(frozen=True, slots=True)
class UnitHeader:
    """The union printing the form, and the people whose names go under signatures.

    circular_c40 / circular_c41: the circular line printed under "Mẫu số C40-BB" /
    "C41-BB" (a setting: it changes when the accounting regime does)."""

    unit_name: str
    upper_name: str
    qhns_code: str | None
    address: str | None
    place: str
    circular_c40: str = DEFAULT_CIRCULAR
    circular_c41: str = DEFAULT_CIRCULAR
    chair_name: str | None = None
    accountant_name: str | None = None
    treasurer_name: str | None = None


@dataclass(frozen=True, slots=True)
class CashDoc:
    """A phiếu thu (kind "thu", form C40-BB) or phiếu chi (kind "chi", form C41-BB)."""

    kind: Literal["thu", "chi"]
    book: str
    number: int
    doc_date: date
    person_name: str
    address: str | None
    reason: str
    amount: int
    amount_words: str
    attachments: str | None
    debit_account: str | None
    credit_account: str | None
    voided: bool = False
    void_reason: str | None = None
    # An adjusting document: the closed year's document it corrects, as people read it.
    corrects: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("thu", "chi"):
            raise ValueError(f"CashDoc.kind must be 'thu' or 'chi', not {self.kind!r}")


@dataclass(frozen=True, slots=True)
class BankAdvice:
    """One entry of the bank book printed as the unit's accounting voucher of it: a giấy
    báo Có (money in: a credit, interest, cash deposited) or giấy báo Nợ (money out: a
    debit, a fee, cash withdrawn), with its account pair. reference: the bank's number of
    the transaction, or the cash document's for a transfer with the cash book."""

    incoming: bool
    kind_label: str  # what the money was: "Kinh phí công đoàn (2%)", "Phí ngân hàng"…
    reference: str | None
    entry_date: date
    institution: str  # the bank or the treasury
    account_number: str
    account_name: str
    counterpart: str | None
    content: str
    amount: int
    amount_words: str
    debit_account: str | None
    credit_account: str | None
    voided: bool = False
    void_reason: str | None = None


@dataclass(frozen=True, slots=True)
class CollectionRow:
    """One member on the dues collection sheet. basis_amount: the salary the dues are
    computed on (None when the member pays a fixed amount); due: this period's dues;
    arrears: owed from earlier periods; paid: already paid for the period; total: what
    is left to collect (due + arrears - paid, never below 0); status: the status of a
    member who is not an active one ("Tạm dừng sinh hoạt"), None for an active one."""

    no: int
    full_name: str
    birth: str
    basis_amount: int | None
    due: int
    arrears: int
    total: int
    paid: int
    status: str | None = None


@dataclass(frozen=True, slots=True)
class CollectionSheet:
    """title_month: "tháng 03/2026" or "quý I/2026"; group_name: the tổ công đoàn, or
    None for the whole union."""

    title_month: str
    group_name: str | None
    rows: Sequence[CollectionRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One month of a member's dues: month "03/2026", the receipts that paid it
    ("Q01/125, Q01/131") and the running balance still owed after the month."""

    month: str
    basis_amount: int | None
    due: int
    paid: int
    receipts: str
    balance: int
    note: str


@dataclass(frozen=True, slots=True)
class MemberLedger:
    member_name: str
    birth: str
    id_number: str | None
    group_name: str | None
    from_month: str
    to_month: str
    lines: Sequence[LedgerLine]
    total_due: int
    total_paid: int
    balance: int


@dataclass(frozen=True, slots=True)
class CashBookLine:
    """A receipt (number_in) or voucher (number_out) in the cash book; balance is the
    cash on hand after it. A voided document keeps its line and moves no money."""

    doc_date: date
    number_in: str | None
    number_out: str | None
    reason: str
    amount_in: int
    amount_out: int
    balance: int
    voided: bool


@dataclass(frozen=True, slots=True)
class CashBook:
    """period: "tháng 03/2026", "quý I/2026", "năm 2026"…"""

    period: str
    opening: int
    lines: Sequence[CashBookLine]
    total_in: int
    total_out: int
    closing: int


@dataclass(frozen=True, slots=True)
class RemittanceStatement:
    """The part of the dues sent to the upper level for a period.

    standard_part: dues at the regulation rate, shared (share_percent, e.g. "30%", goes
    up); excess_part: dues above it by the union's own resolution, kept in full.
    rows: per month (label, collected, remitted)."""

    period: str
    collected: int
    standard_part: int
    excess_part: int
    share_percent: str
    remit_amount: int
    kept_amount: int
    amount_words: str
    voucher_ref: str | None
    rows: Sequence[tuple[str, int, int]]
    made_on: date | None = None  # the statement's date; None: dotted, to fill in by hand
    number: str = "……/BK-CĐCS"  # "Số:" of the statement, numbered in the union's register


# ---- activities: minutes, decisions and notices, attendance sheets ------------------------


@dataclass(frozen=True, slots=True)
class DocPerson:
    """Someone named in a document: "Nguyễn Thị Lan", role "Chủ tịch Công đoàn cơ sở";
    reason: why absent."""

    name: str
    role: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class MinutesItem:
    """One point of the agenda. votes: (for, against, abstain), or None when no vote
    was taken."""

    title: str
    proceedings: str | None = None
    opinions: str | None = None
    votes: tuple[int, int, int] | None = None
    conclusion: str | None = None


@dataclass(frozen=True, slots=True)
class Minutes:
    """A biên bản họp (DOMAIN.md "Documents"). number: "05/BB-CĐCS" (dots for a draft
    without a number yet); title: the trích yếu under "BIÊN BẢN" ("Họp Ban Chấp hành
    Công đoàn cơ sở tháng 3/2026"). expected / present_count: counts given by hand (a
    congress), else the lists are counted. list_present: name everyone present (small
    meetings) or give the count only. note: a line under the title (a draft, a
    correction)."""

    number: str
    place: str
    doc_date: date | None
    title: str
    start: datetime | None
    end: datetime | None
    location: str | None
    chair: DocPerson | None
    secretary: DocPerson | None
    present: Sequence[DocPerson] = ()
    absent: Sequence[DocPerson] = ()
    guests: Sequence[DocPerson] = ()
    expected: int | None = None
    present_count: int | None = None
    list_present: bool = True
    items: Sequence[MinutesItem] = ()
    conclusions: str | None = None
    closing_note: str | None = None
    recipients: Sequence[str] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class AnnexLine:
    """A member in the list attached to a decision: who, their group, what for, how much."""

    name: str
    group: str | None
    content: str | None
    amount: int | None


@dataclass(frozen=True, slots=True)
class Letter:
    """A quyết định (kind "qd") or thông báo ("tb") of the union's executive committee.

    authority: who decides ("BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ …"), printed above the bases
    of a decision; bases: "Căn cứ …" lines; paragraphs: the articles of a decision
    (numbered "Điều 1." … when printed) or the paragraphs of a notice. annex: the list
    of members attached (a support payment), with annex_title and its total in words."""

    kind: Literal["qd", "tb"]
    number: str
    place: str
    doc_date: date | None
    title: str
    paragraphs: Sequence[str]
    signer_title: str
    signer_name: str | None
    recipients: Sequence[str] = ()
    authority: str | None = None
    bases: Sequence[str] = ()
    annex_title: str | None = None
    annex: Sequence[AnnexLine] = ()
    annex_total_words: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("qd", "tb"):
            raise ValueError(f"Letter.kind must be 'qd' or 'tb', not {self.kind!r}")


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    """mark: "Có mặt", "Vắng", "Vắng có phép" or "" (to be filled in by hand)."""

    no: int
    full_name: str
    group: str | None
    role: str | None
    mark: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    """The list people sign at a meeting or event. title: the activity; when: its date
    and place as one line; totals: "Có mặt: 8; vắng: 1" (empty on a blank sheet)."""

    title: str
    when: str
    lines: Sequence[AttendanceLine]
    totals: str = ""


@dataclass(frozen=True, slots=True)
class DataSection:
    """One part of a member's personal data: a table of texts. shares: the width of each
    column as a share of the text width (None: equal)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    shares: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class PersonalDataSheet:
    """Everything the union keeps about one member, to hand to them on request."""

    subject: str
    made_on: date
    sections: Sequence[DataSection]


@dataclass(frozen=True, slots=True)
class BankBookLine:
    """An entry of the bank book (S12-H): money in (gửi vào) or out (rút ra) of the
    account by a bank advice, interest, a fee or a transfer with the cash book; balance
    is the account's after it. A voided entry keeps its line and moves no money (its
    amounts are 0; incoming says in which column its 0 stands)."""

    entry_date: date
    reference: str | None  # the advice's or statement line's number, the cash document's for a transfer
    content: str
    incoming: bool
    amount_in: int
    amount_out: int
    balance: int
    voided: bool


@dataclass(frozen=True, slots=True)
class BankBook:
    """One account's book for a period. institution: "Vietcombank", "KBNN Hà Đông"…;
    period: "từ ngày 01/03/2026 đến ngày 31/03/2026"."""

    institution: str
    account_number: str
    account_name: str
    period: str
    opening: int
    lines: Sequence[BankBookLine]
    total_in: int
    total_out: int
    closing: int


@dataclass(frozen=True, slots=True)
class NoticeMonth:
    """One month on a dues notice: month "03/2026", what was due, paid, and is still owed
    (due − paid, never below 0); note: why nothing is due (an exemption…) or empty."""

    month: str
    due: int
    paid: int
    owed: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class DuesNotice:
    """THÔNG BÁO ĐOÀN PHÍ to one member: the months and what is owed, and the VietQR code
    (qr_png, made by the services) for a transfer of `total` to the unit's account with
    `reference` as the transfer's content."""

    member_name: str
    birth: str
    group_name: str | None
    period: str  # "tháng 03/2026", "quý I/2026", "từ tháng 01/2026 đến tháng 05/2026"
    months: Sequence[NoticeMonth]
    total: int
    total_words: str
    reference: str
    qr_png: bytes
    bank_name: str  # "Vietcombank (Ngân hàng TMCP Ngoại thương Việt Nam)"
    account_number: str
    account_name: str
    made_on: date
