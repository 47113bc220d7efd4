"""The account that receives dues by transfer: one of the unit's bank accounts, chosen in
Settings and kept on the unit row (unit.dues_account_id), so every PC of the unit prints
the same VietQR code. Only an account at a bank in the VietQR list can be chosen: a
treasury account has no BIN, and no bank app can open a transfer to it from a code."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import BankAccount, Unit
from desktop.services.bank.accounts import AccountInfo, account_info
from desktop.services.bank.banks import Bank, bank_by_bin
from desktop.services.core.context import Context
from desktop.services.core.errors import SetupError, ValidationError

NO_ACCOUNT = ("Chưa chọn tài khoản nhận đoàn phí: vào Cài đặt, thẻ “Tài khoản nhận đoàn phí”, chọn tài khoản "
              "ngân hàng của công đoàn (thêm tài khoản ở trang Ngân hàng nếu chưa có).")


@dataclass(frozen=True)
class DuesAccount:
    """The receiving account with its bank, as the VietQR code and the notice need them."""

    account: AccountInfo
    bank: Bank


def _receiving(row: BankAccount | None) -> DuesAccount | None:
    if row is None or row.deleted_at is not None or row.kind != "bank" or not row.bank_bin:
        return None
    bank = bank_by_bin(row.bank_bin)
    return DuesAccount(account_info(row), bank) if bank is not None else None


def dues_account_in(s: Session) -> DuesAccount | None:
    """The unit's receiving account inside the caller's session; None when none is chosen
    or the chosen one was deleted since (on this PC or another)."""
    unit = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
    if unit is None or unit.dues_account_id is None:
        return None
    return _receiving(s.get(BankAccount, unit.dues_account_id))


class DuesAccountService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def choices(self) -> list[AccountInfo]:
        """The unit's accounts a dues transfer can go to: those at a bank with a BIN."""
        with self.ctx.read() as s:
            rows = s.scalars(select(BankAccount).where(BankAccount.deleted_at.is_(None), BankAccount.kind == "bank")
                             .order_by(BankAccount.institution, BankAccount.account_number))
            return [r.account for r in map(_receiving, rows) if r is not None]

    def get(self) -> DuesAccount | None:
        with self.ctx.read() as s:
            return dues_account_in(s)

    def set(self, account_id: str | None) -> DuesAccount | None:
        """Choose the receiving account (None: none, the notices are then refused)."""
        with self.ctx.write() as s:
            unit = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            if unit is None:
                raise SetupError("Chưa khởi tạo đơn vị.")
            chosen = None
            if account_id is not None:
                row = s.get(BankAccount, account_id)
                if row is None or row.deleted_at is not None:
                    raise ValidationError({"dues_account": "Tài khoản này không còn trong sổ của đơn vị."})
                chosen = _receiving(row)
                if chosen is None:
                    raise ValidationError({"dues_account": (
                        f"{row.institution} — {row.account_number} không nhận được chuyển khoản bằng mã VietQR: "
                        "chọn một tài khoản ngân hàng (không phải kho bạc).")})
            if unit.dues_account_id != account_id:
                unit.dues_account_id = account_id
                unit.device_id = self.ctx.device_id
            return chosen
