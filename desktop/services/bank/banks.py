"""Vietnamese banks that take VietQR transfers to an account, with their NAPAS BIN (the
6-digit acquirer code that goes into a VietQR code) and the short name people know.

Data, not logic: a bank that opens, merges or changes its name is a new or changed row
here. Source: the VietQR bank list (NAPAS BINs) as republished in the public, MIT-licensed
package vietnam-qr-pay (src/constants/banks.ts, 2025), cross-checked with DOMAIN.md's six
(Vietcombank 970436, VietinBank 970415, BIDV 970418, Agribank 970405, Techcombank 970407,
MB 970422). Renamed banks keep their BIN; the earlier name is kept in `formerly` so that a
search by the old name still finds them (LienVietPostBank → LPBank 2024, OceanBank → MBV
2025, DongA Bank → Vikki Bank 2025,
Petrolimex's PG Bank renamed 2024). Only banks that can receive VietQR transfers are listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.core.text import fold


@dataclass(frozen=True)
class Bank:
    bin: str
    short_name: str
    name: str
    formerly: str = ""


BANKS: tuple[Bank, ...] = (
    Bank("970436", "Vietcombank", "Ngân hàng TMCP Ngoại thương Việt Nam"),
    Bank("970415", "VietinBank", "Ngân hàng TMCP Công thương Việt Nam"),
    Bank("970418", "BIDV", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"),
    Bank("970405", "Agribank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"),
    Bank("970407", "Techcombank", "Ngân hàng TMCP Kỹ thương Việt Nam"),
    Bank("970422", "MB", "Ngân hàng TMCP Quân đội"),
    Bank("970416", "ACB", "Ngân hàng TMCP Á Châu"),
    Bank("970432", "VPBank", "Ngân hàng TMCP Việt Nam Thịnh Vượng"),
    Bank("970423", "TPBank", "Ngân hàng TMCP Tiên Phong"),
    Bank("970403", "Sacombank", "Ngân hàng TMCP Sài Gòn Thương Tín"),
    Bank("970437", "HDBank", "Ngân hàng TMCP Phát triển TP. Hồ Chí Minh"),
    Bank("970441", "VIB", "Ngân hàng TMCP Quốc tế Việt Nam"),
    Bank("970443", "SHB", "Ngân hàng TMCP Sài Gòn - Hà Nội"),
    Bank("970431", "Eximbank", "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam"),
    Bank("970426", "MSB", "Ngân hàng TMCP Hàng Hải Việt Nam"),
    Bank("970448", "OCB", "Ngân hàng TMCP Phương Đông"),
    Bank("970440", "SeABank", "Ngân hàng TMCP Đông Nam Á"),
    Bank("970449", "LPBank", "Ngân hàng TMCP Lộc Phát Việt Nam", formerly="LienVietPostBank"),
    Bank("970425", "ABBANK", "Ngân hàng TMCP An Bình"),
    Bank("970409", "BacABank", "Ngân hàng TMCP Bắc Á"),
    Bank("970438", "BaoVietBank", "Ngân hàng TMCP Bảo Việt"),
    Bank("970454", "VietCapitalBank", "Ngân hàng TMCP Bản Việt"),
    Bank("970452", "KienLongBank", "Ngân hàng TMCP Kiên Long"),
    Bank("970428", "NamABank", "Ngân hàng TMCP Nam Á"),
    Bank("970419", "NCB", "Ngân hàng TMCP Quốc Dân"),
    Bank("970430", "PGBank", "Ngân hàng TMCP Thịnh vượng và Phát triển", formerly="Xăng dầu Petrolimex"),
    Bank("970412", "PVcomBank", "Ngân hàng TMCP Đại Chúng Việt Nam"),
    Bank("970400", "SaigonBank", "Ngân hàng TMCP Sài Gòn Công Thương"),
    Bank("970429", "SCB", "Ngân hàng TMCP Sài Gòn"),
    Bank("970427", "VietABank", "Ngân hàng TMCP Việt Á"),
    Bank("970433", "VietBank", "Ngân hàng TMCP Việt Nam Thương Tín"),
    Bank("970446", "Co-opBank", "Ngân hàng Hợp tác xã Việt Nam"),
    Bank("970414", "MBV", "Ngân hàng TNHH MTV Việt Nam Hiện Đại", formerly="OceanBank"),
    Bank("970406", "Vikki", "Ngân hàng TNHH MTV Số Vikki", formerly="DongA Bank"),
    Bank("970444", "CBBank", "Ngân hàng TNHH MTV Xây dựng Việt Nam"),
    Bank("970408", "GPBank", "Ngân hàng TNHH MTV Dầu Khí Toàn Cầu"),
    Bank("970424", "ShinhanBank", "Ngân hàng TNHH MTV Shinhan Việt Nam"),
    Bank("970439", "PublicBank", "Ngân hàng TNHH MTV Public Việt Nam"),
    Bank("970442", "HongLeong", "Ngân hàng TNHH MTV Hong Leong Việt Nam"),
    Bank("970410", "StandardChartered", "Ngân hàng TNHH MTV Standard Chartered Bank Việt Nam"),
    Bank("970457", "Woori", "Ngân hàng TNHH MTV Woori Việt Nam"),
    Bank("970458", "UOB", "Ngân hàng United Overseas Bank Việt Nam"),
    Bank("970434", "IndovinaBank", "Ngân hàng TNHH Indovina"),
    Bank("970421", "VRB", "Ngân hàng Liên doanh Việt - Nga"),
    Bank("970455", "IBK HN", "Ngân hàng Công nghiệp Hàn Quốc - Chi nhánh Hà Nội"),
    Bank("970456", "IBK HCM", "Ngân hàng Công nghiệp Hàn Quốc - Chi nhánh TP. Hồ Chí Minh"),
    Bank("970462", "KookminHN", "Ngân hàng Kookmin - Chi nhánh Hà Nội"),
    Bank("970463", "KookminHCM", "Ngân hàng Kookmin - Chi nhánh TP. Hồ Chí Minh"),
    Bank("422589", "CIMB", "Ngân hàng TNHH MTV CIMB Việt Nam"),
    Bank("458761", "HSBC", "Ngân hàng TNHH MTV HSBC (Việt Nam)"),
    Bank("796500", "DBSBank", "DBS Bank Ltd - Chi nhánh TP. Hồ Chí Minh"),
    Bank("801011", "Nonghyup", "Ngân hàng Nonghyup - Chi nhánh Hà Nội"),
    Bank("668888", "KBank", "Ngân hàng Đại chúng TNHH Kasikornbank - Chi nhánh TP. Hồ Chí Minh"),
    Bank("546034", "CAKE", "Ngân hàng số CAKE by VPBank"),
    Bank("546035", "Ubank", "Ngân hàng số Ubank by VPBank"),
    Bank("963388", "Timo", "Ngân hàng số Timo by Bản Việt Bank"),
)

_BY_BIN = {b.bin: b for b in BANKS}


def bank_by_bin(bin_code: str) -> Bank | None:
    return _BY_BIN.get(bin_code.strip())


def find_banks(query: str) -> list[Bank]:
    """The banks whose BIN, short name, full name or former name contains query (folded:
    "vietin", "cong thuong", "970415" and "lienviet" all find theirs); all when empty."""
    q = fold(query).replace(" ", "")
    if not q:
        return list(BANKS)
    return [b for b in BANKS
            if q in b.bin or any(q in fold(t).replace(" ", "") for t in (b.short_name, b.name, b.formerly))]
