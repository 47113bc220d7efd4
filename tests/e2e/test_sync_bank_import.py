"""Issue 14, items 2 and 5: dues paid by transfer and recorded from a bank statement on
one PC reach another through the real server, on SQLite and PostgreSQL: the bank credit
with its statement line's fingerprint and the dues allocated on it (no cash receipt).
There the member owes nothing for the month, and the same statement imported again finds
every line already in the book."""

from datetime import date, timedelta

from openpyxl import Workbook
from sqlalchemy import select

from desktop.models import Unit
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.bank.reference import make_reference
from desktop.services.bank.statement_import import IMPORTED, StatementImportService
from desktop.services.dues.calc import month_index, month_start
from desktop.services.dues.service import DuesService
from tests.e2e.helpers import add_member, rows

T = month_index(date.today()) - 1
PAID_ON = date.today() - timedelta(days=3)


def statement(path, lines):
    wb = Workbook()
    ws = wb.active
    ws.append(["Số tài khoản/Account number: 12010000123456"])
    ws.append(["Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Mô tả"])
    for i, (credit, text) in enumerate(lines):
        ws.append([PAID_ON.strftime("%d/%m/%Y"), f"FT{i}", None, credit, text])
    wb.save(path)
    return path


def test_dues_paid_by_transfer_reach_the_other_pc(server, make_device, tmp_path):
    unit = server.unit("CĐCS Công ty Giày Da Phú Lâm")
    a, sa = make_device(server, unit, "ke-toan")
    account = BankAccountService(a).add(AccountInput(
        kind="bank", bank_bin="970418", account_number="12010000123456", account_name="CĐCS PHÚ LÂM",
        opening_date=PAID_ON - timedelta(days=30), opening_balance=1_000_000)).id
    lan = add_member(a, "Nguyễn Thị Lan", salary=6_000_000)
    due = DuesService(a).due(lan, month_start(T)).total
    assert due > 0
    with a.read() as s:
        unit_id = s.scalar(select(Unit.id))
    ref = make_reference(unit_id, lan, month_start(T), month_start(T))
    path = statement(tmp_path / "sao-ke.xlsx", [(due, f"MBVCB.123.{ref}.CT tu NGUYEN THI LAN"),
                                                (3_000_000, "LDLD CHUYEN KINH PHI CONG DOAN")])
    importer = StatementImportService(a)
    preview = importer.preview(account, path)
    assert len(importer.confirm(preview, preview.automatic()).recorded) == 2
    assert sa.sync_now().rejected == 0

    b, sb = make_device(server, unit, "chu-tich")
    sb.sync_now()
    assert rows(b, "SELECT p.doc_id, e.kind, e.category, p.amount, e.fingerprint IS NOT NULL FROM dues_payment p "
                   "JOIN bank_entry e ON e.id = p.bank_entry_id WHERE p.member_id = ?", lan) == [
        (None, "credit", "doan_phi", due, 1)]
    assert rows(b, "SELECT count(*) FROM cash_doc") == [(0,)]
    line = {x.member_id: x for x in DuesService(b).period(month_start(T))}[lan]
    assert (line.paid, line.owed) == (due, 0)
    again = StatementImportService(b).preview(account, path)
    assert [p.state for p in again.lines] == [IMPORTED, IMPORTED]


def test_a_voided_bank_credit_takes_its_dues_out_of_the_upper_levels_figures(server, make_device, tmp_path):
    """The upper levels' rollups count dues paid by transfer while their bank credit stands;
    voiding the credit on the PC takes them out, as a void of a cash receipt does, and the
    rebuild from the stored rows agrees with what the pushes kept."""
    import requests

    from desktop.services.bank.book import BankBookService
    from server.rollups.rebuild import rebuild

    commune = server.unit("Công đoàn phường Phú Lâm")
    unit = server.unit("CĐCS Công ty Dệt Phú Lâm", parent=commune)
    a, sa = make_device(server, unit, "ke-toan")
    account = BankAccountService(a).add(AccountInput(
        kind="bank", bank_bin="970418", account_number="12010000123456", account_name="CĐCS DỆT PHÚ LÂM",
        opening_date=PAID_ON - timedelta(days=30), opening_balance=1_000_000)).id
    lan = add_member(a, "Trần Thị Lan", salary=6_000_000)
    due = DuesService(a).due(lan, month_start(T)).total
    with a.read() as s:
        unit_id = s.scalar(select(Unit.id))
    ref = make_reference(unit_id, lan, month_start(T), month_start(T))
    importer = StatementImportService(a)
    preview = importer.preview(account, statement(tmp_path / "sao-ke.xlsx", [(due, f"CT {ref} TRAN THI LAN")]))
    (_row, entry_id), = importer.confirm(preview, preview.automatic()).recorded
    assert sa.sync_now().rejected == 0

    server.admin(commune, f"phuong-{commune}")
    token = requests.post(server.base + "/api/v1/admin/login",
                          json={"username": f"phuong-{commune}", "password": "matkhau-123"}).json()["token"]

    def collected() -> dict:
        r = requests.get(server.base + f"/api/v1/units/{commune}/figures",
                         headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200, r.text
        return r.json()["total"]["dues_collected_by_month"]

    month = f"{month_start(T):%Y-%m}"
    assert collected() == {month: due}
    BankBookService(a).void(entry_id, "Ngân hàng báo ghi nhầm tài khoản")
    assert sa.sync_now().rejected == 0
    assert collected().get(month, 0) == 0
    with server.sessions() as s:
        try:
            assert rebuild(s) == {}  # the set-wise rebuild agrees with what the pushes kept
        finally:
            s.rollback()
