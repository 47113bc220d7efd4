"""Amount in words (DOMAIN.md, "Money and receipts"). Every expected string is written
by hand from the rules, never produced by the function under test."""

from decimal import Decimal

import pytest

from desktop.services.core.amount_words import amount_in_words

CASES = [
    # units group alone
    (0, "Không đồng"),
    (1, "Một đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (9, "Chín đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (19, "Mười chín đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (31, "Ba mươi mốt đồng"),
    (44, "Bốn mươi tư đồng"),
    (55, "Năm mươi lăm đồng"),
    (99, "Chín mươi chín đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (114, "Một trăm mười bốn đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (124, "Một trăm hai mươi tư đồng"),
    (125, "Một trăm hai mươi lăm đồng"),
    (500, "Năm trăm đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    # nghìn
    (1_000, "Một nghìn đồng"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_005, "Một nghìn không trăm linh năm đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_015, "Một nghìn không trăm mười lăm đồng"),
    (1_021, "Một nghìn không trăm hai mươi mốt đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (1_101, "Một nghìn một trăm linh một đồng"),
    (5_004, "Năm nghìn không trăm linh bốn đồng"),
    (10_000, "Mười nghìn đồng"),
    (11_000, "Mười một nghìn đồng"),
    (14_014, "Mười bốn nghìn không trăm mười bốn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (24_000, "Hai mươi tư nghìn đồng"),
    (24_024, "Hai mươi tư nghìn không trăm hai mươi tư đồng"),
    (25_500, "Hai mươi lăm nghìn năm trăm đồng"),
    (100_000, "Một trăm nghìn đồng"),
    (101_000, "Một trăm linh một nghìn đồng"),
    (105_000, "Một trăm linh năm nghìn đồng"),
    (120_000, "Một trăm hai mươi nghìn đồng"),
    (250_000, "Hai trăm năm mươi nghìn đồng"),
    (999_999, "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng"),
    # triệu
    (1_000_000, "Một triệu đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
    (1_000_050, "Một triệu không trăm năm mươi đồng"),
    (1_000_500, "Một triệu năm trăm đồng"),
    (1_001_000, "Một triệu không trăm linh một nghìn đồng"),
    (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
    (1_500_000, "Một triệu năm trăm nghìn đồng"),
    (2_000_001, "Hai triệu không trăm linh một đồng"),
    (5_500_000, "Năm triệu năm trăm nghìn đồng"),
    (10_000_010, "Mười triệu không trăm mười đồng"),
    (15_000_000, "Mười lăm triệu đồng"),
    (21_021_021, "Hai mươi mốt triệu không trăm hai mươi mốt nghìn không trăm hai mươi mốt đồng"),
    (100_000_000, "Một trăm triệu đồng"),
    (105_000_000, "Một trăm linh năm triệu đồng"),
    # tỷ
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    (1_000_000_500, "Một tỷ năm trăm đồng"),
    (1_000_001_000, "Một tỷ không trăm linh một nghìn đồng"),
    (1_001_000_000, "Một tỷ không trăm linh một triệu đồng"),
    (1_001_001_001, "Một tỷ không trăm linh một triệu không trăm linh một nghìn không trăm linh một đồng"),
    (1_200_000_000, "Một tỷ hai trăm triệu đồng"),
    (25_000_000_000, "Hai mươi lăm tỷ đồng"),
    (100_000_000_000, "Một trăm tỷ đồng"),
    (999_999_999_999, ("Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu "
                       "chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng")),
    # nghìn tỷ: one count of tỷ, a single "tỷ"
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_000_000_000_001, "Một nghìn tỷ không trăm linh một đồng"),
    (1_000_000_500_000, "Một nghìn tỷ năm trăm nghìn đồng"),
    (1_005_000_000_000, "Một nghìn không trăm linh năm tỷ đồng"),
    (1_200_000_000_000, "Một nghìn hai trăm tỷ đồng"),
    (2_000_000_020_000, "Hai nghìn tỷ không trăm hai mươi nghìn đồng"),
    (3_004_005_006_007, ("Ba nghìn không trăm linh bốn tỷ không trăm linh năm triệu "
                         "không trăm linh sáu nghìn không trăm linh bảy đồng")),
    (999_000_000_000_000, "Chín trăm chín mươi chín nghìn tỷ đồng"),
    (999_999_999_999_999, ("Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ "
                           "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
                           "chín trăm chín mươi chín đồng")),
]


@pytest.mark.parametrize(("amount", "expected"), CASES, ids=[f"{a:_}" for a, _ in CASES])
def test_amount_in_words(amount, expected):
    assert amount_in_words(amount) == expected


def test_table_is_large_and_has_no_duplicates():
    assert len(CASES) >= 60
    assert len({a for a, _ in CASES}) == len(CASES)


SOUTHERN_CASES = [
    # (amount, southern_linh, southern_nghin, expected)
    (105, True, False, "Một trăm lẻ năm đồng"),
    (101, True, False, "Một trăm lẻ một đồng"),
    (1_001, True, False, "Một nghìn không trăm lẻ một đồng"),
    (2_000_001, True, False, "Hai triệu không trăm lẻ một đồng"),
    (1_000, False, True, "Một ngàn đồng"),
    (120_000, False, True, "Một trăm hai mươi ngàn đồng"),
    (1_000_000_000_000, False, True, "Một ngàn tỷ đồng"),
    (1_005_000_000_000, False, True, "Một ngàn không trăm linh năm tỷ đồng"),
    (5_004, True, True, "Năm ngàn không trăm lẻ bốn đồng"),
    (1_001_001_001, True, True, "Một tỷ không trăm lẻ một triệu không trăm lẻ một ngàn không trăm lẻ một đồng"),
    # the options leave everything else alone
    (21, True, True, "Hai mươi mốt đồng"),
    (24, True, True, "Hai mươi tư đồng"),
    (15, True, True, "Mười lăm đồng"),
    (110, True, True, "Một trăm mười đồng"),
    (1_200_000_000, True, True, "Một tỷ hai trăm triệu đồng"),
    (0, True, True, "Không đồng"),
]


@pytest.mark.parametrize(("amount", "linh", "nghin", "expected"), SOUTHERN_CASES)
def test_southern_options(amount, linh, nghin, expected):
    assert amount_in_words(amount, southern_linh=linh, southern_nghin=nghin) == expected


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        amount_in_words(105, True)  # type: ignore[misc]


@pytest.mark.parametrize("amount", [-1, -5_000, -1_000_000_000])
def test_negative_raises_value_error_in_vietnamese(amount):
    with pytest.raises(ValueError, match="không được âm"):
        amount_in_words(amount)


def test_too_large_raises_value_error():
    with pytest.raises(ValueError, match="quá lớn"):
        amount_in_words(1_000_000_000_000_000)


@pytest.mark.parametrize("value", [True, False, 1.0, 1000.5, "1000", None, Decimal(1000)])
def test_non_int_raises_type_error(value):
    with pytest.raises(TypeError):
        amount_in_words(value)  # type: ignore[arg-type]
