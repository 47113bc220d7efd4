"""Who or what a bank statement's line is, read from its description: the dues payment
reference (bank/reference.py), the upper level sending kinh phí, a member's CCCD or
name, bank fees and interest. Nothing here reads the database: the import builds the
index once for a whole statement and asks it line by line (10,000 lines against
100,000 members: every look-up is a dictionary's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.services.bank.reference import (
    LENGTH,
    PREFIX,
    PaymentReference,
    PaymentReferenceError,
    decode_reference,
    find_references,
    member_key,
    unit_key,
)
from desktop.services.core.text import fold

# The upper level as a statement names it (folded): the federation (Liên đoàn Lao động,
# LĐLĐ), a branch union, and kinh phí công đoàn (KPCĐ), which only the upper level
# sends back to a grassroots union (NĐ 105/2026/NĐ-CP, art. 3; DOMAIN.md Money).
UPPER_WORDS = ("cap tren", "ldld", "lien doan lao dong", "kinh phi cong doan", "kpcd", "cong doan nganh",
               "cong doan tong cong ty", "cong doan khu cong nghiep", "tong lien doan")
FEE_WORDS = ("phi dich vu", "phi quan ly tai khoan", "phi sms", "phi chuyen tien", "phi duy tri", "phi thuong nien",
             "phi giao dich", "thu phi", "service fee", "fee", "vat phi")
INTEREST_WORDS = ("tra lai", "lai tien gui", "lai nhap goc", "lai tk", "interest", "tien lai")
_NAME_WORDS = (2, 3, 4, 5)  # a member's full name is two to five words
_ID_DIGITS = re.compile(r"(?<!\d)(\d{12}|\d{9})(?!\d)")  # CCCD (12 digits) or the old CMND (9)
# A word that looks like a dues reference (CD and 15 more letters and digits, as banks keep it).
_REFERENCE_LIKE = re.compile(r"(?<![0-9A-Z])CD[0-9A-Z.\-]{15,19}(?![0-9A-Z])")


@dataclass(frozen=True)
class MemberRow:
    id: str
    full_name: str
    id_number: str | None


@dataclass(frozen=True)
class Found:
    """What a description says about itself. Only one of its parts leads: a reference
    (of this unit) first, then the upper level, then CCCD or name."""

    references: tuple[tuple[PaymentReference, tuple[str, ...]], ...]  # each with the member ids of its key
    problems: tuple[str, ...]  # references that do not decode or are another unit's
    upper: bool
    fee: bool
    interest: bool
    by_id_number: tuple[str, ...]  # member ids
    by_name: tuple[str, ...]


def _words(text: str) -> list[str]:
    return re.sub(r"[^0-9a-z]", " ", fold(text)).split()


def _has(words: str, phrases: Iterable[str]) -> bool:
    padded = f" {words} "
    return any(f" {p} " in padded for p in phrases)


class MemberIndex:
    """The unit's members by reference key, CCCD digits and folded full name."""

    def __init__(self, unit_id: str, members: Sequence[MemberRow], upper_name: str | None = None) -> None:
        self.unit_id = unit_id
        self.unit_key = unit_key(unit_id)
        self.names = {m.id: m.full_name for m in members}
        self.by_key: dict[str, list[str]] = {}
        self.by_id_number: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}
        for m in members:
            self.by_key.setdefault(member_key(m.id), []).append(m.id)
            digits = re.sub(r"\D", "", m.id_number or "")
            if len(digits) in (9, 12):
                self.by_id_number.setdefault(digits, []).append(m.id)
            name = " ".join(_words(m.full_name))
            if len(name.split()) in _NAME_WORDS:
                self.by_name.setdefault(name, []).append(m.id)
        upper = " ".join(_words(upper_name or ""))
        # The upper union's own name, when the unit wrote it, names the sender as well.
        self.upper_words = UPPER_WORDS + ((upper,) if len(upper.split()) >= 2 else ())

    def find(self, description: str) -> Found:
        references = tuple((ref, tuple(self.by_key.get(ref.member_key, ())))
                           for ref in find_references(description, self.unit_id))
        problems = self._reference_problems(description, {r.text for r, _ in references})
        words = _words(description)
        text = " ".join(words)
        ids: list[str] = []
        for digits in _ID_DIGITS.findall(re.sub(r"[ .]", "", description)):
            ids += [i for i in self.by_id_number.get(digits, ()) if i not in ids]
        named: list[str] = []
        for n in _NAME_WORDS:
            for i in range(len(words) - n + 1):
                named += [m for m in self.by_name.get(" ".join(words[i:i + n]), ()) if m not in named]
        return Found(references, problems, _has(text, self.upper_words), _has(text, FEE_WORDS),
                     _has(text, INTEREST_WORDS), tuple(ids), tuple(named))

    def _reference_problems(self, description: str, valid: set[str]) -> tuple[str, ...]:
        """Why a reference written in the description is not used: another unit's, or
        one that does not decode (a character mistyped or cut off)."""
        out: list[str] = []
        for ref in find_references(description):
            if ref.unit_key != self.unit_key:
                out.append(f"Mã thanh toán “{ref.text}” là của một công đoàn khác, không phải của đơn vị này.")
        if valid or out:
            return tuple(out)
        bare = fold(description).upper()
        for word in _REFERENCE_LIKE.findall(bare):
            compact = re.sub(r"[.\-]", "", word)
            if len(compact) < LENGTH - 2 or not compact.startswith(PREFIX):
                continue
            try:
                decode_reference(compact[:LENGTH], self.unit_id)
            except PaymentReferenceError as exc:
                out.append(exc.message)
        return tuple(out)
