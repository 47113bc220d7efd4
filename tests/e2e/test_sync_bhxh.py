"""Issue 12, item 10: the mã số BHXH kept on a member by the social-insurance list is a
synced field (schema 0011): another PC gets it, with the new dues basis, through the
real server on SQLite and PostgreSQL."""

from datetime import date

from desktop.services.payroll.social_insurance import SocialInsuranceImport
from tests.desktop.services.d02_excel import plain_layout
from tests.e2e.helpers import add_member, rows


def test_the_social_insurance_number_and_basis_reach_the_other_pc(server, make_device, tmp_path):
    unit = server.unit("CĐCS Công ty May Sao Việt")
    a, sa = make_device(server, unit, "ke-toan")
    mid = add_member(a, "Nguyễn Thị Lan")
    cccd = rows(a, "SELECT id_number FROM member WHERE id = ?", mid)[0][0]
    birth = rows(a, "SELECT birth_date FROM member WHERE id = ?", mid)[0][0]
    path = plain_layout(tmp_path / "d02.xlsx", [("Nguyễn Thị Lan", "7912000111", date.fromisoformat(birth), "Nữ",
                                                 cccd, "Công nhân", 6_500_000, "03/2026")])
    si = SocialInsuranceImport(a)
    assert si.commit(si.preview(path)) == 1
    sa.sync_now()
    b, sb = make_device(server, unit, "chu-tich")
    sb.sync_now()
    assert rows(b, "SELECT social_insurance_number, salary FROM member WHERE id = ?", mid) == [("7912000111", 6_500_000)]
    assert rows(b, "SELECT amount FROM dues_basis WHERE member_id = ? AND from_month = '2026-03-01'", mid) == [
        (6_500_000,)]
