"""VietQR payloads against published sample strings, the bank list, and the image."""

from __future__ import annotations

import pytest

from desktop.services.bank.banks import BANKS, bank_by_bin, find_banks
from desktop.services.bank.vietqr import crc16_ccitt_false, plain_purpose, qr_png, vietqr_payload
from desktop.services.core.errors import ValidationError

# Published samples, each with the inputs its source gives:
# - vietqr.io's API example (api.vietqr.io /v2/generate docs, and the README of the public
#   repository vietqr-io/vietqr-api): the fund "QUY VAC XIN PHONG CHONG COVID 19" at
#   VietinBank (970415), account 113366668888, 79,000 đ, "Ung Ho Quy Vac Xin"; the static
#   code of the same account is the example of the Go package giautm.dev/sgqr;
# - the README of the npm package vietnam-qr-pay (github.com/xuannghia/vietnam-qr-pay):
#   ACB (970416), account 257678859, static; 10,000 đ and 1,000 đ "Chuyen tien".
PUBLISHED = [
    (("970415", "113366668888", 79000, "Ung Ho Quy Vac Xin"),
     ("00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA53037045405790005802VN"
     "62220818Ung Ho Quy Vac Xin63043ACF")),
    (("970415", "113366668888", None, None),
     "00020101021138560010A0000007270126000697041501121133666688880208QRIBFTTA53037045802VN6304F443"),
    (("970416", "257678859", None, None),
     "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"),
    (("970416", "257678859", 10000, "Chuyen tien"),
     ("00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN"
     "62150811Chuyen tien630453E6")),
    (("970416", "257678859", 1000, "Chuyen tien"),
     ("00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN"
     "62150811Chuyen tien6304BBB8")),
]


@pytest.mark.parametrize(("args", "expected"), PUBLISHED)
def test_payload_is_the_published_string(args, expected):
    assert vietqr_payload(*args) == expected


def test_crc_is_ccitt_false():
    # The catalogue check value of CRC-16/CCITT-FALSE over "123456789".
    assert crc16_ccitt_false(b"123456789") == 0x29B1
    payload = vietqr_payload("970436", "0011001234567", 150000, "CDT451NEQ0D679R5N")
    assert payload[-8:-4] == "6304"
    assert int(payload[-4:], 16) == crc16_ccitt_false(payload[:-4].encode())


def test_dues_payload_fields():
    payload = vietqr_payload("970436", "0011 0012 34567", 150000, "CDT451NEQ0D679R5N")
    # account spaces dropped; the amount and the reference in their tags
    assert "0006970436" + "01130011001234567" in payload
    assert "5406150000" in payload
    assert "62210817CDT451NEQ0D679R5N6304" in payload
    assert payload.startswith("000201010212")


def test_purpose_made_plain_and_short():
    assert plain_purpose("Đoàn phí tháng 3/2026 — Nguyễn Văn Ấn") == "Doan phi thang 3 2026 Ngu"
    assert len(plain_purpose("x" * 40)) == 25
    assert "62" not in vietqr_payload("970436", "123", None, None)[50:]


@pytest.mark.parametrize(("args", "field"), [
    (("97043", "123", 1000, "x"), "bank_bin"),
    (("999999", "123", 1000, "x"), "bank_bin"),
    (("970436", "12345678901234567890", 1000, "x"), "account"),
    (("970436", "123-456", 1000, "x"), "account"),
    (("970436", "123", 0, "x"), "amount"),
    (("970436", "123", -5, "x"), "amount"),
    (("970436", "123", 10**13, "x"), "amount"),
    (("970436", "123", 1000, "—…"), "purpose"),
])
def test_refused_with_the_reason(args, field):
    with pytest.raises(ValidationError) as e:
        vietqr_payload(*args)
    assert field in e.value.errors
    assert e.value.message  # a Vietnamese sentence, shown as it is


def test_bank_list():
    bins = [b.bin for b in BANKS]
    assert len(bins) == len(set(bins))
    assert all(len(b) == 6 and b.isdigit() for b in bins)
    # DOMAIN.md's six
    for code, name in [("970436", "Vietcombank"), ("970415", "VietinBank"), ("970418", "BIDV"),
                       ("970405", "Agribank"), ("970407", "Techcombank"), ("970422", "MB")]:
        bank = bank_by_bin(code)
        assert bank is not None and bank.short_name == name
    assert [b.bin for b in find_banks("cong thuong")] == ["970415", "970400"]
    assert [b.bin for b in find_banks("lienviet")] == ["970449"]
    assert len(find_banks("")) == len(BANKS)


def test_image_renders():
    png = qr_png(vietqr_payload("970415", "113366668888", 79000, "Ung Ho Quy Vac Xin"), scale=4)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # version 6 (41 modules) + 2 x 4 quiet zone, 4 pixels a module: the IHDR width
    width = int.from_bytes(png[16:20], "big")
    assert width % 4 == 0 and width >= (37 + 8) * 4
