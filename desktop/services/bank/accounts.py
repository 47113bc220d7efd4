"""The unit's bank and treasury accounts (several allowed), each with the balance it had
when the unit began keeping its bank book here (opening balance and date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import BankAccount
from desktop.services.bank.banks import bank_by_bin
from desktop.services.bank.ledger import lowest_balance_from
from desktop.services.core.context import Context
from desktop.services.core.errors import NotFoundError, ValidationError
from desktop.services.core.money import format_money, money_bound_problem
from desktop.services.core.text import clean

ACCOUNT_KINDS = {"bank": "Ngân hàng", "treasury": "Kho bạc Nhà nước"}
# Bank account numbers are digits; a treasury's (e.g. "9527.1.1054321") has dots.
_NUMBER_CHARS = frozenset("0123456789.-")


@dataclass(frozen=True)
class AccountInfo:
    id: str
    kind: str
    bank_bin: str | None
    institution: str
    account_number: str
    account_name: str
    opening_balance: int
    opening_date: date

    @property
    def title(self) -> str:
        """"Vietcombank — 0071001234567" as a list or a book's header names it."""
        return f"{self.institution} — {self.account_number}"


@dataclass(frozen=True)
class AccountInput:
    kind: str
    account_number: str
    account_name: str
    opening_date: date
    opening_balance: int = 0
    bank_bin: str | None = None
    # A bank's name defaults to its short name in the list; a treasury's office is required.
    institution: str | None = None


def account_info(row: BankAccount) -> AccountInfo:
    return AccountInfo(row.id, row.kind, row.bank_bin, row.institution, row.account_number, row.account_name,
                       row.opening_balance, row.opening_date)


def live_account(s: Session, account_id: str) -> BankAccount:
    row = s.get(BankAccount, account_id)
    if row is None or row.deleted_at is not None:
        raise ValidationError({"account_id": f"Tài khoản tiền gửi “{account_id}” không có trong sổ của đơn vị."})
    return row


def _checked(s: Session, data: AccountInput, own_id: str | None) -> dict[str, object]:
    """The columns to write, or ValidationError naming every field that is wrong."""
    errors: dict[str, str] = {}
    institution = clean(data.institution)
    bank_bin = clean(data.bank_bin)
    if data.kind not in ACCOUNT_KINDS:
        errors["account_kind"] = "Loại tài khoản chỉ là ngân hàng hoặc kho bạc."
    elif data.kind == "bank":
        bank = bank_by_bin(bank_bin) if bank_bin else None
        if bank is None:
            errors["bank_bin"] = (f"Ngân hàng: mã BIN “{bank_bin}” không có trong danh sách ngân hàng." if bank_bin
                                  else "Ngân hàng: cần chọn ngân hàng trong danh sách.")
        else:
            institution = institution or bank.short_name
    elif bank_bin:
        errors["bank_bin"] = "Ngân hàng: tài khoản kho bạc không có mã BIN ngân hàng."
    if data.kind == "treasury" and not institution:
        errors["institution"] = "Kho bạc: cần ghi tên kho bạc nơi mở tài khoản (ví dụ “KBNN Hà Đông”)."
    number = clean(data.account_number)
    if not number:
        errors["account_number"] = "Số tài khoản: cần ghi số tài khoản."
    elif not set(number) <= _NUMBER_CHARS:
        errors["account_number"] = f"Số tài khoản “{number}” chỉ gồm chữ số (kho bạc: chữ số và dấu chấm)."
    elif len(number) > 30:
        errors["account_number"] = "Số tài khoản dài quá 30 ký tự."
    name = clean(data.account_name)
    if not name:
        errors["account_name"] = "Tên tài khoản: cần ghi tên chủ tài khoản như trên sổ ngân hàng."
    balance = data.opening_balance
    if not isinstance(balance, int) or isinstance(balance, bool):
        errors["account_opening_balance"] = "Số dư đầu kỳ phải là số đồng."
    elif problem := money_bound_problem(balance, "Số dư đầu kỳ"):
        errors["account_opening_balance"] = problem
    if data.opening_date > date.today():
        errors["opening_date"] = "Ngày số dư đầu kỳ ở trong tương lai."
    if number and "account_number" not in errors:
        same_bank = BankAccount.bank_bin.is_(None) if bank_bin is None else BankAccount.bank_bin == bank_bin
        same = s.scalar(select(BankAccount.id).where(
            BankAccount.account_number == number, same_bank, BankAccount.deleted_at.is_(None),
            BankAccount.id != (own_id or "")))
        if same is not None:
            errors["account_number"] = f"Số tài khoản {number} của {institution or 'kho bạc'} đã có trong sổ."
    if errors:
        raise ValidationError(errors)
    return {"kind": data.kind, "bank_bin": bank_bin, "institution": institution, "account_number": number,
            "account_name": name, "opening_balance": balance, "opening_date": data.opening_date}


class BankAccountService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add(self, data: AccountInput) -> AccountInfo:
        with self.ctx.write() as s:
            return self.add_in(s, data)

    def add_in(self, s: Session, data: AccountInput) -> AccountInfo:
        """add inside the caller's transaction (the first start's, with the unit)."""
        row = BankAccount(**_checked(s, data, None), device_id=self.ctx.device_id)
        s.add(row)
        s.flush()
        return account_info(row)

    def check(self, data: AccountInput) -> None:
        """ValidationError naming every field add would refuse, writing nothing (a form
        that writes later, as the first-start wizard on its last page, asks at once)."""
        with self.ctx.read() as s:
            _checked(s, data, None)

    def update(self, account_id: str, data: AccountInput) -> AccountInfo:
        """Names, number and opening balance corrected; refused when the book would then hold
        an entry before the opening date or the account would go below zero."""
        with self.ctx.write() as s:
            row = live_account(s, account_id)
            values = _checked(s, data, account_id)
            for key, value in values.items():
                setattr(row, key, value)
            s.flush()
            lowest = lowest_balance_from(s, row, date.min)
            if lowest.early is not None:
                raise ValidationError({"opening_date": (
                    f"Ngày số dư đầu kỳ {data.opening_date:%d/%m/%Y} sau bút toán ngày {lowest.early:%d/%m/%Y} "
                    "đã ghi trong sổ của tài khoản này.")})
            if lowest.amount < 0:
                raise ValidationError({"account_opening_balance": (
                    f"Số dư đầu kỳ {format_money(row.opening_balance)} làm số dư tài khoản ngày "
                    f"{lowest.on:%d/%m/%Y} âm {format_money(-lowest.amount)}.")})
            return account_info(row)

    def accounts(self) -> list[AccountInfo]:
        with self.ctx.read() as s:
            rows = s.scalars(select(BankAccount).where(BankAccount.deleted_at.is_(None))
                             .order_by(BankAccount.kind, BankAccount.institution, BankAccount.account_number))
            return [account_info(r) for r in rows]

    def get(self, account_id: str) -> AccountInfo:
        with self.ctx.read() as s:
            row = s.get(BankAccount, account_id)
            if row is None or row.deleted_at is not None:
                raise NotFoundError(f"Không tìm thấy tài khoản tiền gửi “{account_id}”.")
            return account_info(row)
