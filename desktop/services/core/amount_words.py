"""Read an amount of đồng in Vietnamese words, for receipts and vouchers (DOMAIN.md,
"Amount in words"). Pure Python on purpose: libraries get empty groups wrong.

The amount (0 … 999 999 999 999 999) is split into groups of three digits, highest
first: nghìn tỷ, tỷ, triệu, nghìn, units. Each group is read on its own, then its scale
word is added. The exact rules:

* An all-zero group is skipped entirely, scale word included ("Một triệu năm trăm
  đồng" for 1 000 500). The one exception is "tỷ": the nghìn-tỷ and tỷ groups form one
  count of tỷ (up to 999 999) read as a number and followed by a single "tỷ", so
  1 000 000 000 000 is "Một nghìn tỷ" and 1 200 000 000 000 is "Một nghìn hai trăm tỷ"
  (never "một nghìn tỷ hai trăm tỷ").
* "không trăm" is said when a group's hundreds digit is 0, the group is not all zero,
  and some higher group is non-zero (it is not the leading group). The leading group
  never says "không trăm": 5 is "năm", 50 000 is "năm mươi nghìn".
* "linh" ("lẻ" with southern_linh) is said when a group's tens digit is 0 and its units
  digit is not, and a hundreds word was said for that group — "X trăm" or "không
  trăm". Equivalently: the group has hundreds or is preceded by a higher non-zero
  group. 101 "một trăm linh một", 1 005 "một nghìn không trăm linh năm", 5 "năm".
* When tens and units are both 0 nothing follows "trăm": 500 "năm trăm", never
  "năm trăm linh không".
* Tens: 1 is "mười", 2–9 are "X mươi". Units after tens: 1 is "mốt" after tens ≥ 2
  (21 "hai mươi mốt", but 11 "mười một", 101 "một trăm linh một"); 4 is "tư" after
  tens ≥ 2 (24 "hai mươi tư", but 4, 14, 104 "bốn"); 5 is "lăm" after tens ≥ 1
  (15 "mười lăm", 25 "hai mươi lăm", but 5, 105 "năm").
* "nghìn" becomes "ngàn" with southern_nghin, also in "nghìn tỷ".
* 0 is "Không đồng". The first word is capitalised and the reading ends in "đồng".
"""

from __future__ import annotations

MAX_AMOUNT = 999_999_999_999_999

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _read_group(n: int, *, full: bool, linh: str) -> list[str]:
    """Words for 1 ≤ n ≤ 999. `full`: a higher group is non-zero, so the hundreds
    are always spoken (as "không trăm" when the hundreds digit is 0)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(linh)
            words.append(_DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 4 and tens >= 2:
        words.append("tư")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return words


def amount_in_words(amount: int, *, southern_linh: bool = False, southern_nghin: bool = False) -> str:
    """1 050 000 → "Một triệu không trăm năm mươi nghìn đồng". See the module docstring."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"Số tiền phải là số nguyên đồng, không phải {type(amount).__name__}: {amount!r}")
    if amount < 0:
        raise ValueError(f"Số tiền không được âm: {amount}")
    if amount > MAX_AMOUNT:
        raise ValueError(f"Số tiền quá lớn để đọc thành chữ (tối đa 999.999.999.999.999 đồng): {amount}")
    if amount == 0:
        return "Không đồng"

    linh = "lẻ" if southern_linh else "linh"
    nghin = "ngàn" if southern_nghin else "nghìn"
    groups: list[int] = []
    n = amount
    for _ in range(5):
        n, g = divmod(n, 1000)
        groups.append(g)
    groups.reverse()  # [nghìn tỷ, tỷ, triệu, nghìn, units]
    scales = (nghin, "", "triệu", nghin, "")

    words: list[str] = []
    for i, g in enumerate(groups):
        if g:
            words += _read_group(g, full=bool(words), linh=linh)
            if scales[i]:
                words.append(scales[i])
        if i == 1 and (groups[0] or groups[1]):
            words.append("tỷ")
    words.append("đồng")
    text = " ".join(words)
    return text[0].upper() + text[1:]
