"""The account pair (Nợ / Có) each kind of income and spending prints on its document.

DOMAIN.md, Money: what is sourced is law, the rest is data the unit corrects.
- Law: cash deposited in the bank is Nợ 112 / Có 111, withdrawn Nợ 111 / Có 112; 111 is
  cash, 112 the deposit account (TT 107/2017/TT-BTC). A transfer's pair is not editable.
- Not confirmed from an official text: the union's accounts against which its income and
  spending are booked. The app seeds them below, each with where the seed comes from, and
  the unit (or its federation's guidance) sets its own in Settings → Tài khoản kế toán.

A pair is looked up when a document is issued and stored on it (cash_doc, bank_entry):
a document keeps what it printed when the unit later changes the pair. Deriving it again
at print time would silently rewrite the accounts of documents already signed and filed,
and two PCs that had not yet synced a change would print one document two ways."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import AccountPair, utcnow
from desktop.services.cash.kinds import INCOME, SPENDING, TRANSFERS
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.core.text import clean

CASH, BANK = "cash", "bank"
PLACES = {CASH: "Tiền mặt", BANK: "Tiền gửi"}
# Where the money is: the cash box or the unit's bank or treasury account.
MONEY_ACCOUNTS = {CASH: "111", BANK: "112"}
# Bank interest and fees: kinds of the bank book that carry no category of their own.
BANK_ONLY = {"lai_tien_gui": "Lãi tiền gửi", "phi_ngan_hang": "Phí ngân hàng"}
LABELS = INCOME | SPENDING | BANK_ONLY | TRANSFERS

_MONEY_NOTE = "111 tiền mặt, 112 tiền gửi ngân hàng, kho bạc (TT 107/2017/TT-BTC)."
_UNCONFIRMED = "Chưa xác nhận từ văn bản; hãy sửa theo hướng dẫn của công đoàn cấp trên."
_OLD = f"3371: tài khoản phần mềm in trước đây trên mọi phiếu. {_UNCONFIRMED}"


def _code_note(code: str, what: str) -> str:
    return f"{code}: mã {what} một phần mềm công đoàn công khai đã dùng. {_UNCONFIRMED}"


# The counter-account of each kind: credited by income, debited by spending.
_COUNTER: dict[str, tuple[str, str]] = {
    "doan_phi": ("22.01", _code_note("22.01", "thu đoàn phí")),
    "kinh_phi": ("28.01", _code_note("28.01", "thu kinh phí công đoàn cấp trên cấp lại")),
    "cap_tren": ("3371", _OLD),
    "thu_khac": ("3371", _OLD),
    "nop_cap_tren": ("39", _code_note("39", "chi nộp đoàn phí lên cấp trên")),
    "tham_hoi": ("31.03", _code_note("31.03", "chi thăm hỏi")),
    "hoat_dong": ("3371", _OLD),
    "khen_thuong": ("3371", _OLD),
    "hanh_chinh": ("3371", _OLD),
    "chi_khac": ("3371", _OLD),
    "lai_tien_gui": ("3371", _OLD),
    "phi_ngan_hang": ("3371", _OLD),
}
_INCOMING = set(INCOME) | {"lai_tien_gui"}
_LAW_NOTE = "Theo quy định: nộp tiền mặt vào tài khoản Nợ 112 / Có 111, rút về quỹ Nợ 111 / Có 112."
LAW: dict[str, tuple[str, str]] = {"rut_ngan_hang": ("111", "112"), "nop_ngan_hang": ("112", "111")}

# An account as accountants write it: digits, a sub-account or code after dots (1121, 22.01).
_ACCOUNT = re.compile(r"\d{1,10}(\.\d{1,5}){0,2}")
_NS = uuid.UUID("5d0c2f4a-7b1e-4e6a-9c3d-2f8b1a6e4c90")


class Pair(NamedTuple):
    debit: str
    credit: str


@dataclass(frozen=True)
class PairInfo:
    kind: str
    place: str
    debit: str
    credit: str
    note: str
    seeded: Pair | None  # None for a pair set by law, which the unit cannot change
    changed: bool  # the unit set its own pair

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)

    @property
    def place_label(self) -> str:
        return PLACES[self.place]


def _places(kind: str) -> tuple[str, ...]:
    return (BANK,) if kind in BANK_ONLY else (CASH, BANK)


def seeded(kind: str, place: str) -> tuple[Pair, str]:
    """The pair the app proposes for a kind and where the money is, with its source."""
    counter, note = _COUNTER[kind]
    money = MONEY_ACCOUNTS[place]
    pair = Pair(money, counter) if kind in _INCOMING else Pair(counter, money)
    return pair, f"{note} {_MONEY_NOTE}"


def pair_id(kind: str, place: str) -> str:
    """The row of a kind's own pair: the same on every PC, so two PCs write one row."""
    return str(uuid.uuid5(_NS, f"account_pair/{kind}/{place}"))


def pair_for(s: Session, kind: str, place: str) -> Pair:
    """The pair a document of this kind prints now: the law's for a transfer, else the
    unit's own if it set one, else the seed."""
    if kind in LAW:
        return Pair(*LAW[kind])
    row = s.get(AccountPair, pair_id(kind, place))
    if row is not None and row.deleted_at is None:
        return Pair(row.debit_account, row.credit_account)
    return seeded(kind, place)[0]


def _check_kind(kind: str, place: str) -> None:
    if kind in LAW:
        raise ValidationError({"kind": f"“{LABELS[kind]}” có cặp tài khoản theo quy định, không sửa được."})
    if kind not in _COUNTER:
        raise ValidationError({"kind": f"không có loại thu/chi “{kind}”: xem danh sách bằng lệnh cash accounts."})
    if place not in _places(kind):
        raise ValidationError({"place": f"“{LABELS[kind]}” chỉ có ở tiền gửi ngân hàng."})


class AccountPairs:
    """The pairs as the Settings tab and the CLI show and set them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(self) -> list[PairInfo]:
        with self.ctx.read() as s:
            own = {(r.kind, r.place): r for r in s.scalars(select(AccountPair).where(AccountPair.deleted_at.is_(None)))}
        out = []
        for kind in _COUNTER:
            for place in _places(kind):
                seed, note = seeded(kind, place)
                row = own.get((kind, place))
                if row is None:
                    out.append(PairInfo(kind, place, seed.debit, seed.credit, note, seed, False))
                else:
                    out.append(PairInfo(kind, place, row.debit_account, row.credit_account,
                                        row.note or "Đơn vị tự đặt.", seed, True))
        for kind, (debit, credit) in LAW.items():
            out.append(PairInfo(kind, CASH, debit, credit, _LAW_NOTE, None, False))
        return out

    def set(self, kind: str, place: str, debit: str, credit: str, note: str | None = None) -> PairInfo:
        """The unit's own pair for a kind: documents issued from now on print it."""
        _check_kind(kind, place)
        debit, credit = clean(debit) or "", clean(credit) or ""
        errors = {}
        for field, value, side in (("debit", debit, "Nợ"), ("credit", credit, "Có")):
            if not _ACCOUNT.fullmatch(value):
                errors[field] = (f"tài khoản {side} “{value}” không đúng: chỉ gồm chữ số, có thể thêm tiểu khoản sau "
                                 "dấu chấm (111, 1121, 22.01).")
        if not errors and debit == credit:
            errors["credit"] = f"tài khoản Nợ và Có cùng là {debit}."
        if errors:
            raise ValidationError(errors)
        why = clean(note)
        with self.ctx.write() as s:
            row = s.get(AccountPair, pair_id(kind, place))
            if row is None:
                row = AccountPair(id=pair_id(kind, place), kind=kind, place=place, device_id=self.ctx.device_id)
                s.add(row)
            row.debit_account, row.credit_account, row.note, row.deleted_at = debit, credit, why, None
            s.flush()
        return next(p for p in self.list() if (p.kind, p.place) == (kind, place))

    def reset(self, kind: str, place: str) -> PairInfo:
        """Back to the seeded pair (the unit's row is deleted, so a later corrected seed applies)."""
        _check_kind(kind, place)
        with self.ctx.write() as s:
            row = s.get(AccountPair, pair_id(kind, place))
            if row is not None and row.deleted_at is None:
                row.deleted_at = utcnow()
                s.flush()
        return next(p for p in self.list() if (p.kind, p.place) == (kind, place))
