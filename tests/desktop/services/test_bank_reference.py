"""The dues payment reference: made, read back, found inside a bank's description, and
refused with the reason when damaged."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.bank.reference import (
    ALPHABET,
    LENGTH,
    PaymentReferenceError,
    decode_reference,
    find_references,
    make_reference,
    member_key,
    member_of,
    members_by_key,
    unit_key,
)

UNIT = "0190f2a4-1c2b-7d3e-8f40-123456789abc"
MEMBER = "0190f2a4-5e6f-7a8b-9c0d-abcdef012345"


def test_round_trip():
    ref = make_reference(UNIT, MEMBER, date(2026, 1, 1), date(2026, 6, 1))
    assert len(ref) == LENGTH <= 19
    assert ref.isascii() and ref.isalnum() and ref.isupper()
    got = decode_reference(ref, UNIT)
    assert (got.text, got.unit_key, got.member_key) == (ref, unit_key(UNIT), member_key(MEMBER))
    assert (got.first_month, got.last_month, got.months) == (date(2026, 1, 1), date(2026, 6, 1), 6)


@pytest.mark.parametrize(("first", "last"), [(date(2000, 1, 1), date(2000, 1, 1)), (date(2085, 4, 1), date(2085, 4, 1)),
                                             (date(2025, 12, 1), date(2028, 7, 1))])
def test_month_range_edges(first, last):
    got = decode_reference(make_reference(UNIT, MEMBER, first, last))
    assert (got.first_month, got.last_month) == (first, last)


@pytest.mark.parametrize(("first", "last", "words"), [
    (date(2026, 6, 1), date(2026, 1, 1), "trước tháng đầu"),
    (date(2026, 1, 1), date(2028, 9, 1), "tối đa 32 tháng"),
    (date(1999, 12, 1), date(2000, 1, 1), "từ 01/2000"),
])
def test_make_refuses(first, last, words):
    with pytest.raises(PaymentReferenceError, match=words):
        make_reference(UNIT, MEMBER, first, last)


def test_typed_by_hand_is_forgiven():
    ref = make_reference(UNIT, MEMBER, date(2026, 3, 1), date(2026, 3, 1))
    spaced = " ".join(ref[i:i + 4] for i in range(0, len(ref), 4)).lower()
    assert decode_reference(spaced).text == ref
    # O for 0, I and L for 1 (Crockford), where the reference has those digits
    ambiguous = ref[:2] + ref[2:].replace("0", "O").replace("1", "l")
    assert decode_reference(ambiguous).text == ref


def test_every_single_wrong_character_is_refused():
    ref = make_reference(UNIT, MEMBER, date(2026, 3, 1), date(2026, 5, 1))
    for i in range(2, len(ref)):
        for ch in ALPHABET:
            if ch != ref[i]:
                with pytest.raises(PaymentReferenceError, match="ký tự kiểm tra không khớp"):
                    decode_reference(ref[:i] + ch + ref[i + 1:])


@pytest.mark.parametrize(("text", "words"), [
    ("", "Chưa có mã"),
    ("DP1234567890123456", "bắt đầu bằng CD"),
    ("CD123", "có đúng 17 ký tự, mã này có 5"),
    ("CD12345678901234U", r"ký tự không dùng trong mã \(U\)"),
    ("CD1234567890123#5", r"ký tự không dùng trong mã \(#\)"),
])
def test_damaged_refused_in_vietnamese(text, words):
    with pytest.raises(PaymentReferenceError, match=words):
        decode_reference(text)


def test_other_unit_refused():
    ref = make_reference(UNIT, MEMBER, date(2026, 3, 1), date(2026, 3, 1))
    with pytest.raises(PaymentReferenceError, match="công đoàn khác"):
        decode_reference(ref, "another-unit")


def test_found_inside_bank_descriptions():
    ref = make_reference(UNIT, MEMBER, date(2026, 1, 1), date(2026, 3, 1))
    other = make_reference(UNIT, "another-member", date(2026, 1, 1), date(2026, 1, 1))
    descriptions = [
        f"MBVCB.123456.{ref}.CT tu 0123 NGUYEN VAN A toi 0011001234567",  # dots around it
        f"MBVCB123456{ref}CT tu 0123 NGUYEN VAN A",  # glued to its neighbours
        f"{ref.lower()} chuyen tien",  # lower case
        f"IBFT {ref[:8]} {ref[8:]} Đoàn phí",  # a space put inside by the bank, marks elsewhere
        f"TRICH TK {ref}-{ref}",  # twice: once
    ]
    for text in descriptions:
        assert [r.text for r in find_references(text, UNIT)] == [ref], text
    assert [r.text for r in find_references(f"{ref} {other}")] == [ref, other]
    assert find_references(f"MBVCB.123456.{ref}.CT", "another-unit") == []
    # "CD" of other words and a damaged reference are not taken for one
    damaged = ref[:5] + ("X" if ref[5] != "X" else "Y") + ref[6:]
    assert find_references(f"CHUYEN TIEN CDCS CONG DOAN {damaged}", UNIT) == []


def test_member_named_by_the_reference():
    members = [MEMBER] + [f"member-{i}" for i in range(2000)]
    by_key = members_by_key(members)
    ref = decode_reference(make_reference(UNIT, MEMBER, date(2026, 1, 1), date(2026, 1, 1)), UNIT)
    assert member_of(ref, by_key) == MEMBER
    with pytest.raises(PaymentReferenceError, match="không ứng với đoàn viên nào"):
        member_of(ref, members_by_key(members[1:]))
    with pytest.raises(PaymentReferenceError, match="ứng với 2 đoàn viên"):
        member_of(ref, {ref.member_key: [MEMBER, "twin"]})
