"""The VietQR code of a transfer to the unit's account: the NAPAS merchant-presented
payload (EMVCo tag-length-value, NAPAS QR Switching Technical Specifications v1.5.2;
DOMAIN.md) and its image.

Written here rather than taken from a library: the payload is a few nested
tag-length-value fields and a CRC, and the Python packages for it are young one-author
projects; segno (BSD, maintained) draws the image. The payload carries the account, the
amount and the purpose (the dues payment reference), so that any Vietnamese bank app that
scans it opens the transfer with all three filled in.
"""

from __future__ import annotations

import io
import re
import unicodedata

from desktop.services.bank.banks import bank_by_bin
from desktop.services.core.errors import ValidationError
from protocol.limits import MAX_MONEY

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"  # inter-bank fund transfer 24/7 to an account (not to a card)
CURRENCY_VND = "704"
MAX_ACCOUNT = 19
MAX_PURPOSE = 25
_ACCOUNT = re.compile(r"[0-9A-Za-z]{1,19}")
_BIN = re.compile(r"\d{6}")


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    # Lengths are two digits: every value here is checked to be far shorter than 100.
    return f"{tag}{len(value):02d}{value}"


def plain_purpose(text: str) -> str:
    """The purpose as every bank passes it on: ASCII letters, digits and single spaces
    ("Đoàn phí T3" → "Doan phi T3"), at most 25 characters."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
                   if not unicodedata.combining(ch))
    kept = re.sub(r"[^0-9A-Za-z ]", " ", bare)
    return " ".join(kept.split())[:MAX_PURPOSE].rstrip()


def vietqr_payload(bank_bin: str, account: str, amount: int | None = None, purpose: str | None = None) -> str:
    """The text of the QR code: a transfer to account at the bank whose BIN is bank_bin,
    of amount đồng (None: the payer types it) with purpose as the transfer's content.
    Refused with the reason (ValidationError, Vietnamese) when a part cannot go in."""
    errors: dict[str, str] = {}
    bank_bin = bank_bin.strip()
    account = account.strip().replace(" ", "")
    if not _BIN.fullmatch(bank_bin):
        errors["bank_bin"] = "Mã ngân hàng (BIN) phải gồm 6 chữ số, ví dụ 970436 của Vietcombank."
    elif bank_by_bin(bank_bin) is None:
        errors["bank_bin"] = f"Không có ngân hàng nào mang mã BIN {bank_bin} trong danh sách ngân hàng nhận VietQR."
    if not _ACCOUNT.fullmatch(account):
        errors["account"] = (f"Số tài khoản “{account}” không dùng được: chỉ gồm chữ số (hoặc chữ cái không dấu), "
                             f"tối đa {MAX_ACCOUNT} ký tự.")
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0):
        errors["amount"] = "Số tiền trên mã QR phải là số đồng nguyên lớn hơn 0."
    elif amount is not None and amount > MAX_MONEY:
        errors["amount"] = "Số tiền trên mã QR quá lớn."
    text = plain_purpose(purpose or "")
    if purpose and not text:
        errors["purpose"] = "Nội dung chuyển khoản phải có chữ cái hoặc chữ số (không dấu)."
    if errors:
        raise ValidationError(errors)
    beneficiary = _tlv("00", bank_bin) + _tlv("01", account)
    merchant = _tlv("00", NAPAS_GUID) + _tlv("01", beneficiary) + _tlv("02", TO_ACCOUNT)
    # "11": a static code, the payer types the amount; "12": one transfer, amount given.
    body = (_tlv("00", "01") + _tlv("01", "12" if amount is not None else "11") + _tlv("38", merchant)
            + _tlv("53", CURRENCY_VND))
    if amount is not None:
        body += _tlv("54", str(amount))
    body += _tlv("58", "VN")
    if text:
        body += _tlv("62", _tlv("08", text))
    body += "6304"  # the CRC covers its own tag and length
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def qr_png(payload: str, *, scale: int = 8) -> bytes:
    """The code as a PNG (black on white, the four-module quiet zone the scanners need),
    error correction M: a printed notice can take a fold or a smudge."""
    import segno

    qr = segno.make_qr(payload, error="m", boost_error=False)
    out = io.BytesIO()
    qr.save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
