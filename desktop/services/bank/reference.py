"""The dues payment reference: what a member writes (or the VietQR code fills in) as the
transfer's content, so that the bank statement says whose dues, for which months.

    CD U U U M M M M M M M M F F N K        17 characters, [0-9A-Z]

- "CD" (công đoàn) marks it in a bank's description;
- U: the unit, 3 characters of a hash of its id (a reference of another unit is refused);
- M: the member, 8 characters (40 bits) of a hash of their id: among 100,000 members two
  share a key about once in 200 units, and the matcher shows such a line as matching two
  members rather than choosing;
- F: the first month, counted from 01/2000 (2 characters: to 2085);
- N: the number of months, 1 to 32;
- K: a check character (Luhn mod 32), which catches any one wrong character and two
  neighbours swapped (but for the pair 0 and Z).

Characters are Crockford's base 32 (digits and capitals without I, L, O, U), so that a
reference copied by hand reads back: O is taken as 0, I and L as 1. At most 19 characters
(DOMAIN.md: some gateways cut the content there), plain ASCII: banks keep it as it is.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from desktop.services.core.errors import DomainError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
PREFIX = "CD"
UNIT_CHARS = 3
MEMBER_CHARS = 8
LENGTH = len(PREFIX) + UNIT_CHARS + MEMBER_CHARS + 2 + 1 + 1
MAX_MONTHS = 32
_FIRST_YEAR = 2000
_NOT_BANK_CHAR = re.compile(r"[^0-9A-Z]")
_LAST_MONTH = 32 * 32 - 1  # two characters of months from 01/2000: up to 04/2085


class PaymentReferenceError(DomainError):
    code = "payment_reference"


@dataclass(frozen=True)
class PaymentReference:
    text: str
    unit_key: str
    member_key: str
    first_month: date  # the first day of the month
    months: int

    @property
    def last_month(self) -> date:
        return _month_date(_month_number(self.first_month) + self.months - 1)

    @property
    def member_number(self) -> int:
        """The member's key as a number: see member_number()."""
        return _decode(self.member_key)


def _key(value: str, chars: int) -> str:
    number = int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big")
    return _encode(number >> (64 - 5 * chars), chars)


def unit_key(unit_id: str) -> str:
    return _key(f"unit/{unit_id}", UNIT_CHARS)


def member_key(member_id: str) -> str:
    return _key(f"member/{member_id}", MEMBER_CHARS)


def member_number(member_id: str) -> int:
    """member_key(member_id) as the number its characters spell (the hash's first 40 bits),
    without spelling it: what an index of a whole unit's members is built from (a tenth of
    the time for 100,000 members)."""
    digest = hashlib.blake2b(f"member/{member_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest[:MEMBER_CHARS * 5 // 8], "big")


def members_by_key(member_ids: Iterable[str]) -> dict[str, list[str]]:
    """The unit's members by their reference key, built once for a whole statement."""
    out: dict[str, list[str]] = {}
    for member_id in member_ids:
        out.setdefault(member_key(member_id), []).append(member_id)
    return out


def member_of(ref: PaymentReference, by_key: Mapping[str, Sequence[str]]) -> str:
    """The id of the member the reference names; refused with the reason when it names
    no member of the unit (a deleted one, or a code made up) or, rarely, two."""
    found = by_key.get(ref.member_key, ())
    if len(found) == 1:
        return found[0]
    if not found:
        raise PaymentReferenceError(f"Mã thanh toán “{ref.text}” không ứng với đoàn viên nào của đơn vị: hãy ghi "
                                    "khoản này bằng tay sau khi hỏi người chuyển.")
    raise PaymentReferenceError(f"Mã thanh toán “{ref.text}” ứng với {len(found)} đoàn viên: hãy chọn đúng người.")


def _encode(number: int, chars: int) -> str:
    out = []
    for _ in range(chars):
        number, digit = divmod(number, 32)
        out.append(ALPHABET[digit])
    return "".join(reversed(out))


def _decode(text: str) -> int:
    number = 0
    for ch in text:
        number = number * 32 + _VALUE[ch]
    return number


def _month_number(month: date) -> int:
    return (month.year - _FIRST_YEAR) * 12 + month.month - 1


def _month_date(number: int) -> date:
    return date(_FIRST_YEAR + number // 12, number % 12 + 1, 1)


def _check_char(body: str) -> str:
    # Luhn mod N: every second character from the right doubled, digits of base N added.
    total = 0
    for i, ch in enumerate(reversed(body)):
        addend = _VALUE[ch] * (2 if i % 2 == 0 else 1)
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def make_reference(unit_id: str, member_id: str, first_month: date, last_month: date) -> str:
    """The reference for a member's dues of the months first_month..last_month."""
    first, last = _month_number(first_month), _month_number(last_month)
    if last < first:
        raise PaymentReferenceError("Tháng cuối của mã thanh toán đứng trước tháng đầu.")
    if last - first + 1 > MAX_MONTHS:
        raise PaymentReferenceError(f"Một mã thanh toán ghi được tối đa {MAX_MONTHS} tháng: hãy chia làm nhiều lần.")
    if first < 0 or last > _LAST_MONTH:
        raise PaymentReferenceError("Tháng của mã thanh toán phải từ 01/2000 đến 04/2085.")
    body = PREFIX + unit_key(unit_id) + member_key(member_id) + _encode(first, 2) + ALPHABET[last - first]
    return body + _check_char(body)


def decode_reference(text: str, unit_id: str | None = None) -> PaymentReference:
    """What a reference says; a damaged one, or one of another unit (when unit_id is
    given), is refused with the reason in Vietnamese. Spaces, dashes and dots typed
    inside it and small letters are forgiven."""
    shown = " ".join(text.split())[:40]
    if not shown:
        raise PaymentReferenceError("Chưa có mã thanh toán.")
    compact = re.sub(r"[\s.\-_/]", "", text).upper()
    problem = _problem(compact)
    if problem:
        raise PaymentReferenceError(f"Mã thanh toán “{shown}” không đúng: {problem}")
    ref = _read(compact)
    if unit_id is not None and ref.unit_key != unit_key(unit_id):
        raise PaymentReferenceError(f"Mã thanh toán “{shown}” là của một công đoàn khác, không phải của đơn vị này.")
    return ref


def _problem(compact: str) -> str | None:
    if not compact.startswith(PREFIX):
        return f"mã đoàn phí bắt đầu bằng {PREFIX}."
    if len(compact) != LENGTH:
        return f"mã có đúng {LENGTH} ký tự, mã này có {len(compact)}."
    wrong = sorted({ch for ch in compact if ch not in _VALUE})
    if wrong:
        return f"có ký tự không dùng trong mã ({', '.join(wrong)})."
    if _check_char(_canonical(compact[:-1])) != _canonical(compact[-1]):
        return "ký tự kiểm tra không khớp (có thể gõ hoặc chép nhầm một ký tự)."
    return None


def _canonical(compact: str) -> str:
    return "".join(ALPHABET[_VALUE[ch]] for ch in compact)


def _read(compact: str) -> PaymentReference:
    canonical = _canonical(compact)
    at = len(PREFIX)
    unit = canonical[at:at + UNIT_CHARS]
    at += UNIT_CHARS
    member = canonical[at:at + MEMBER_CHARS]
    at += MEMBER_CHARS
    first = _decode(canonical[at:at + 2])
    months = _VALUE[canonical[at + 2]] + 1
    return PaymentReference(canonical, unit, member, _month_date(first), months)


def _bank_text(description: str) -> str:
    """The description as a bank may have altered it, reduced to capitals and digits:
    marks dropped (đ → D), and spaces and punctuation, which banks add, change or drop
    ("MBVCB.4530998360.CD…CT tu …"), removed."""
    if description.isascii():  # most bank descriptions: no marks to drop (a statement has 10,000)
        return _NOT_BANK_CHAR.sub("", description.upper())
    bare = unicodedata.normalize("NFD", description.replace("đ", "d").replace("Đ", "D"))
    return _NOT_BANK_CHAR.sub("", "".join(ch for ch in bare if not unicodedata.combining(ch)).upper())


def find_references(description: str, unit_id: str | None = None) -> list[PaymentReference]:
    """The valid references inside a bank's free-text description (of this unit, when
    unit_id is given), each once, in the order they appear. A reference glued to the
    words around it is still found: a candidate is any "CD" followed by enough
    characters whose check character holds."""
    text = _bank_text(description)
    wanted = unit_key(unit_id) if unit_id is not None else None
    found: dict[str, PaymentReference] = {}
    start = text.find(PREFIX)
    while start != -1:
        candidate = text[start:start + LENGTH]
        if _problem(candidate) is None:
            ref = _read(candidate)
            if wanted is None or ref.unit_key == wanted:
                found.setdefault(ref.text, ref)
        start = text.find(PREFIX, start + 1)
    return list(found.values())
