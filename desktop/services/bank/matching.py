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
from typing import Any

from desktop.services.bank.reference import (
    LENGTH,
    PREFIX,
    PaymentReference,
    PaymentReferenceError,
    decode_reference,
    find_references,
    member_number,
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


# A member as the index reads them: id, full name, CCCD (or None), the full name folded
# (member.sort_key holds it; None: folded here). Plain tuples: 100,000 objects made for
# each preview cost more than the whole index (measured).
MemberRow = tuple[str, str, "str | None", "str | None"]


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


def looks_like_fee(description: str) -> bool:
    """A payment out that the bank's own words call a fee (phí SMS, phí quản lý tài khoản…)."""
    return _has(" ".join(_words(description)), FEE_WORDS)


class MemberIndex:
    """The unit's members by reference key (every member: a key cannot be looked up in the
    database), and by CCCD digits and folded full name for those a statement may name
    (learn(): the caller looks up what wanted() lists, through the member table's indexes,
    instead of folding 100,000 names at each preview)."""

    def __init__(self, unit_id: str, member_ids: Iterable[str], upper_name: str | None = None) -> None:
        self.unit_id = unit_id
        self.unit_key = unit_key(unit_id)
        self.names: dict[str, str] = {}
        # A key, number or name shared by two members is rare but must be seen: the first
        # member is kept alone, the others in `shared` (no list made per member).
        self.by_key: dict[int, str] = {}
        self.by_id_number: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.shared: dict[tuple[str, object], list[str]] = {}
        self._refs: dict[str, list[PaymentReference]] = {}
        for mid in member_ids:
            self._add(self.by_key, "key", member_number(mid), mid)
        upper = " ".join(_words(upper_name or ""))
        # The upper union's own name, when the unit wrote it, names the sender as well.
        self.upper_words = UPPER_WORDS + ((upper,) if len(upper.split()) >= 2 else ())

    def learn(self, members: Iterable[MemberRow]) -> None:
        """Members a statement may name (by CCCD or folded name), or whose names it shows."""
        for mid, full_name, id_number, folded in members:
            if mid in self.names:
                continue
            self.names[mid] = full_name
            if id_number:
                digits = id_number if id_number.isdigit() else re.sub(r"\D", "", id_number)
                if len(digits) in (9, 12):
                    self._add(self.by_id_number, "id", digits, mid)
            name = folded if folded and folded.replace(" ", "").isalpha() and folded.isascii() \
                else " ".join(_words(full_name))
            if name.count(" ") + 1 in _NAME_WORDS:
                self._add(self.by_name, "name", name, mid)

    def references(self, description: str) -> list[PaymentReference]:
        found = self._refs.get(description)
        if found is None:
            found = self._refs[description] = find_references(description)
        return found

    def wanted(self, description: str) -> tuple[list[str], list[str], list[str]]:
        """(folded names, CCCD digits, member ids of this unit's references) the description
        may name: what learn() must be given members for."""
        refs = [r for r in self.references(description) if r.unit_key == self.unit_key]
        if refs:
            return [], [], [m for r in refs for m in self._get(self.by_key, "key", r.member_number)]
        words = _words(description)
        grams = [" ".join(words[i:i + n]) for n in _NAME_WORDS for i in range(len(words) - n + 1)]
        return grams, _ID_DIGITS.findall(re.sub(r"[ .]", "", description)), []

    def _add(self, index: dict[Any, str], kind: str, key: object, member_id: str) -> None:
        first = index.setdefault(key, member_id)
        if first != member_id:
            self.shared.setdefault((kind, key), [first]).append(member_id)

    def _get(self, index: dict[Any, str], kind: str, key: object) -> tuple[str, ...]:
        first = index.get(key)
        if first is None:
            return ()
        return tuple(self.shared.get((kind, key), (first,)))

    def find(self, description: str) -> Found:
        every = self.references(description)
        references = tuple((ref, self._get(self.by_key, "key", ref.member_number))
                           for ref in every if ref.unit_key == self.unit_key)
        problems = self._reference_problems(description, every, bool(references))
        if references:  # the reference leads: nothing else is looked for
            return Found(references, problems, False, False, False, (), ())
        words = _words(description)
        text = " ".join(words)
        ids: list[str] = []
        for digits in _ID_DIGITS.findall(re.sub(r"[ .]", "", description)):
            ids += [i for i in self._get(self.by_id_number, "id", digits) if i not in ids]
        named: list[str] = []
        for n in _NAME_WORDS:
            for i in range(len(words) - n + 1):
                named += [m for m in self._get(self.by_name, "name", " ".join(words[i:i + n])) if m not in named]
        return Found(references, problems, _has(text, self.upper_words), _has(text, FEE_WORDS),
                     _has(text, INTEREST_WORDS), tuple(ids), tuple(named))

    def _reference_problems(self, description: str, every: Sequence[PaymentReference],
                            valid: bool) -> tuple[str, ...]:
        """Why a reference written in the description is not used: another unit's, or
        one that does not decode (a character mistyped or cut off)."""
        out = [f"Mã thanh toán “{ref.text}” là của một công đoàn khác, không phải của đơn vị này."
               for ref in every if ref.unit_key != self.unit_key]
        if valid or out or "CD" not in description.upper():
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
