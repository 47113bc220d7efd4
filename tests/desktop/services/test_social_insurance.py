"""Issue 12, item 10: the employer's social-insurance list (D02-LT) in the layouts the
declaration software and offices export, read into a real unit: members matched by
mã số BHXH, CCCD, name and birth date; their dues bases changed from the month, in one
transaction after a preview; the others on the recruitment list, printed and admitted."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from desktop.cli import main
from desktop.models import DuesBasis, Member, MemberEvent
from desktop.services.dues.service import DuesService
from desktop.services.payroll.social_insurance import SocialInsuranceImport, read_insurance_list
from desktop.services.units.service import GroupInfo, UnitInfo, UnitService
from tests.desktop.printing.pdfcheck import pages_text
from tests.desktop.services.d02_excel import coefficient_layout, plain_layout, three_row_layout

LAN = ("Nguyễn Thị Lan", "7912000111", date(1990, 3, 2), "Nữ", "079190001234", "Công nhân may, Tổ May 1",
       5_310_000, None, 500_000, 200_000, "03/2026")
BINH = ("Trần Văn Bình", "7912345678", date(1985, 7, 15), "Nam", None, "Tổ trưởng, Tổ Cắt", "7.200.000", 400_000,
        None, None, None)
HOA = ("Lê Thị Hoa", "7912000333", "20/11/1995", "Nữ", None, "Công nhân đóng gói", 5_500_000, None, None, None,
       "04/2026")
DUC = ("Phạm Văn Đức", None, date(1988, 1, 9), "Nam", "079088005555", "Bảo vệ", 6_000_000, None, None, None, None)
MAI = ("Võ Thị Mai", "7998765432", date(1998, 4, 4), "Nữ", "079198004321", "Công nhân may", 5_310_000, None,
       300_000, None, "03/2026")
HUNG = ("Đặng Văn Hùng", "7911112222", date(2000, 9, 1), None, "079200006789", "Kỹ thuật viên", 8_000_000, None,
        None, None, "03/2026")
NAM = ("Hồ Văn Nam", "7913334444", date(1979, 5, 5), "Nam", "079079001111", "Lái xe", 7_000_000, None, None, None,
       "03/2026")


@pytest.fixture
def unit(ctx):
    UnitService(ctx).save_settings(UnitInfo("Công đoàn cơ sở Công ty TNHH May mặc Sao Việt",
                                            "Công đoàn các KCN tỉnh Bình Dương", chair_name="Nguyễn Thị Hồng Nhung"),
                                   [GroupInfo(None, "Tổ May 1")])
    from desktop.services.members.service import MemberService
    ms = MemberService(ctx)
    ids = {}
    for name, birth, gender, cccd, salary in (
            ("Nguyễn Thị Lan", "02/03/1990", "Nữ", "079190001234", 5_000_000),
            ("Trần Văn Bình", "15/07/1985", "Nam", None, 7_000_000),
            ("Lê Thị Hoa", "20/11/1995", "Nữ", None, 5_000_000),
            ("Phạm Văn Đức", "09/01/1988", "Nam", "079088005555", 6_000_000)):
        d = ms.add({"full_name": name, "birth_date": birth, "gender": gender, "id_number": cccd,
                    "salary": salary, "dues_basis": "bhxh", "joined_date": "01/01/2020"})
        ids[name] = d.id
    with ctx.write() as s:
        s.get(Member, ids["Trần Văn Bình"]).social_insurance_number = "7912345678"
    return ids


def _snapshot(ctx):
    with ctx.read() as s:
        return (sorted((m.id, m.salary, m.social_insurance_number) for m in s.scalars(select(Member))),
                s.scalar(select(DuesBasis.id).limit(1)))


def test_three_row_layout_matches_by_each_key_and_writes_only_after_the_preview(ctx, unit, tmp_path):
    path = three_row_layout(tmp_path / "d02.xlsx", [LAN, BINH, HOA, DUC, MAI, HUNG], leaving=[NAM])
    si = SocialInsuranceImport(ctx)
    before = _snapshot(ctx)
    p = si.preview(path)
    assert _snapshot(ctx) == before  # the preview writes nothing
    assert p.month == 2026 * 12 + 2  # "Tháng 03 năm 2026" in the title block
    by_name = {c.member_name: c for c in p.changes}
    assert set(by_name) == {"Nguyễn Thị Lan", "Trần Văn Bình", "Lê Thị Hoa"}
    assert by_name["Nguyễn Thị Lan"].matched_by == "id_number"
    assert by_name["Trần Văn Bình"].matched_by == "si_number"
    assert by_name["Lê Thị Hoa"].matched_by == "name_birth"
    # Salary with the allowances: 5.310.000 + 500.000 + 200.000; 7.200.000 + 400.000.
    assert (by_name["Nguyễn Thị Lan"].old_salary, by_name["Nguyễn Thị Lan"].new_salary) == (5_000_000, 6_010_000)
    assert by_name["Trần Văn Bình"].new_salary == 7_600_000
    assert by_name["Lê Thị Hoa"].month == 2026 * 12 + 3  # her row's own "Từ tháng, năm"
    assert by_name["Trần Văn Bình"].month == 2026 * 12 + 2  # no month on the row: the title's
    assert by_name["Nguyễn Thị Lan"].store_number and not by_name["Trần Văn Bình"].store_number
    assert "6.010.000" in by_name["Nguyễn Thị Lan"].what and "03/2026" in by_name["Nguyễn Thị Lan"].what
    assert [c.member_name for c in p.unchanged] == ["Phạm Văn Đức"]  # same salary, no mã số BHXH to keep
    assert {r.worker.full_name for r in p.recruits} == {"Võ Thị Mai", "Đặng Văn Hùng"}
    hung = next(r.worker for r in p.recruits if r.worker.full_name == "Đặng Văn Hùng")
    assert hung.gender == "Nam"  # from the CCCD's fourth digit
    assert [w.full_name for w in p.source.leaving] == ["Hồ Văn Nam"]
    skipped = " ".join(x.reason for x in p.source.skipped)
    for text in ("TĂNG", "GIẢM", "Người lập biểu", "Nguyễn Văn Sao", "Tổng cộng"):
        assert text in skipped
    assert p.problems == ()

    assert si.commit(p) == 3
    dues = DuesService(ctx)
    lan = unit["Nguyễn Thị Lan"]
    assert dues.due(lan, "2026-02").basis_amount == 5_000_000  # earlier months keep the old salary
    assert dues.due(lan, "2026-03").basis_amount == 6_010_000
    with ctx.read() as s:
        assert s.get(Member, lan).social_insurance_number == "7912000111"
        assert s.get(Member, unit["Lê Thị Hoa"]).salary == 5_500_000
        assert s.get(Member, unit["Phạm Văn Đức"]).salary == 6_000_000

    # The same list again: everyone is found by the mã số BHXH now, nothing left to change.
    again = si.preview(path)
    assert again.changes == ()
    how = {c.member_name: c.matched_by for c in again.unchanged}
    assert how == {"Nguyễn Thị Lan": "si_number", "Trần Văn Bình": "si_number", "Lê Thị Hoa": "si_number",
                   "Phạm Văn Đức": "id_number"}  # Đức has no mã số BHXH on the list


def test_unchanged_member_without_number_stays_unchanged(ctx, unit, tmp_path):
    path = three_row_layout(tmp_path / "d02.xlsx", [DUC])
    p = SocialInsuranceImport(ctx).preview(path)
    assert p.changes == () and [c.member_name for c in p.unchanged] == ["Phạm Văn Đức"]


def test_coefficient_layout_with_birth_dates_under_nam_nu(ctx, unit, tmp_path):
    path = coefficient_layout(tmp_path / "hs.xlsx", [
        ("Lê Thị Hoa", "7912000333", date(1995, 11, 20), "Nữ", "Giáo viên", 2.34, 0.2, 5),
        ("Trần Văn Bình", "7912345678", date(1985, 7, 15), "Nam", "Hiệu phó", "3,33", None, None),
    ])
    src = read_insurance_list(path, lambda m: 2_340_000)
    assert [w.gender for w in src.workers] == ["Nữ", "Nam"]
    p = SocialInsuranceImport(ctx).preview(path)
    assert p.month == 2026 * 12  # "tháng 1 năm 2026"
    by_name = {c.member_name: c for c in p.changes}
    # (2,34 + 0,2 + 2,34 × 5%) × 2.340.000 = 2,657 × 2.340.000
    assert by_name["Lê Thị Hoa"].new_salary == 6_217_380
    assert by_name["Trần Văn Bình"].new_salary == round(3.33 * 2_340_000)
    assert "hệ số 2,657" in by_name["Lê Thị Hoa"].worker.salary_text


def test_plain_layout_numbers_that_lost_their_zeros_and_text_salaries(ctx, unit, tmp_path):
    path = plain_layout(tmp_path / "plain.xlsx", [
        ("Nguyễn Thị Lan", "0112000111", date(1990, 3, 2), "Nữ", "079190001234", "Công nhân", "5.800.000",
         "05/2026"),
        ("Người Lạ", None, "01/01/1990", "Nam", None, "Bảo vệ", "5tr", "05/2026"),
    ])
    p = SocialInsuranceImport(ctx).preview(path)
    (c,) = p.changes
    assert c.worker.si_number == "0112000111" and c.new_salary == 5_800_000 and c.month == 2026 * 12 + 4
    (problem,) = p.problems
    assert problem.row == 3 and "Người Lạ" in problem.reason and "5tr" in problem.reason


def test_month_chosen_for_rows_without_their_own(ctx, unit, tmp_path):
    path = plain_layout(tmp_path / "plain.xlsx", [
        ("Nguyễn Thị Lan", None, date(1990, 3, 2), "Nữ", "079190001234", "Công nhân", 5_800_000, None)])
    p = SocialInsuranceImport(ctx).preview(path)
    assert p.changes == () and "tháng áp dụng" in p.problems[0].reason
    p = SocialInsuranceImport(ctx).preview(path, month="2026-06")
    assert p.changes[0].month == 2026 * 12 + 5


def test_admissions_from_the_recruitment_list_and_its_pdf(ctx, unit, tmp_path):
    from desktop.services.payroll.social_insurance import render_recruitment_list
    path = three_row_layout(tmp_path / "d02.xlsx", [LAN, MAI, HUNG])
    si = SocialInsuranceImport(ctx)
    p = si.preview(path)
    pdf = render_recruitment_list(ctx, p.recruits, tmp_path / "vd.pdf", month=p.month)
    text = " ".join(pages_text(pdf))
    assert "CHƯA GIA NHẬP CÔNG ĐOÀN" in text and "Võ Thị Mai" in text and "7998765432" in text
    assert "Nguyễn Thị Hồng Nhung" in text and "Nguyễn Thị Lan" not in text
    group = UnitService(ctx).groups()[0].id
    before = _snapshot(ctx)
    with pytest.raises(Exception, match="tương lai"):
        si.admit([r.worker for r in p.recruits], admitted_on=date(2999, 1, 1), group_id=group)
    assert _snapshot(ctx) == before
    ids = si.admit([r.worker for r in p.recruits], admitted_on=date(2026, 3, 10), group_id=group,
                   decision_number="05/QĐ-CĐCS")
    assert len(ids) == 2
    with ctx.read() as s:
        mai = s.scalar(select(Member).where(Member.full_name == "Võ Thị Mai"))
        assert (mai.social_insurance_number, mai.salary, mai.status, mai.group_id, mai.joined_date) == (
            "7998765432", 5_610_000, "active", group, date(2026, 3, 10))
        ev = s.scalar(select(MemberEvent).where(MemberEvent.member_id == mai.id))
        assert (ev.kind, ev.event_date, ev.decision_number) == ("admitted", date(2026, 3, 10), "05/QĐ-CĐCS")
    again = si.preview(path)
    assert again.recruits == ()


def test_admission_refused_whole_when_one_cannot_be_admitted(ctx, unit, tmp_path):
    path = three_row_layout(tmp_path / "d02.xlsx", [MAI, ("Không Ngày Sinh", "7900000001", None, "Nam", None,
                                                          "Bảo vệ", 5_000_000, None, None, None, "03/2026")])
    si = SocialInsuranceImport(ctx)
    p = si.preview(path)
    before = _snapshot(ctx)
    with pytest.raises(Exception, match="Không Ngày Sinh"):
        si.admit([r.worker for r in p.recruits], admitted_on=date(2026, 3, 10))
    assert _snapshot(ctx) == before


def test_cli_dry_run_then_write(ctx, unit, tmp_path, capsys):
    db = str(ctx.db.path)
    path = three_row_layout(tmp_path / "d02.xlsx", [LAN, BINH, MAI])
    before = _snapshot(ctx)
    assert main(["dues", "bhxh", str(path), "--db", db, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Sẽ thay đổi 2 đoàn viên" in out and "Nguyễn Thị Lan (khớp theo CCCD)" in out
    assert "Võ Thị Mai" in out and "chưa ghi gì" in out
    assert _snapshot(ctx) == before
    pdf = tmp_path / "vandong.pdf"
    assert main(["dues", "bhxh", str(path), "--db", db, "--json", "--month", "2026-03",
                 "--recruits", str(pdf)]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["written"] == 2 and obj["recruits"] == 1 and obj["recruit_list"][0]["full_name"] == "Võ Thị Mai"
    assert pdf.exists()
    with ctx.read() as s:
        assert s.get(Member, unit["Nguyễn Thị Lan"]).salary == 6_010_000


def test_cli_says_why_when_nothing_can_be_used(ctx, unit, tmp_path, capsys):
    path = plain_layout(tmp_path / "bad.xlsx", [("Người Lạ", None, "01/01/1990", "Nam", None, "Bảo vệ", "abc", None)])
    assert main(["dues", "bhxh", str(path), "--db", str(ctx.db.path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "dòng 2" in err and "abc" in err


def test_gender_marks_an_instructions_sheet_first_and_the_start_column(ctx, unit, tmp_path):
    from tests.desktop.services.d02_excel import marks_layout
    path = marks_layout(tmp_path / "marks.xlsx", [
        ("Lê Thị Hoa", "7912000333", "20/11/1995", "Nữ", "6.000.000", "250.000", "01/05/2026"),
        ("Hoàng Văn Tư", "7912000444", "03/04/1992", "Nam", "7.100.000", None, "01/05/2026")])
    p = SocialInsuranceImport(ctx).preview(path)
    assert p.source.sheet == "D02"
    (c,) = p.changes
    assert (c.member_name, c.matched_by, c.new_salary, c.month) == ("Lê Thị Hoa", "name_birth", 6_250_000,
                                                                      2026 * 12 + 4)
    (r,) = p.recruits
    assert (r.worker.full_name, r.worker.gender, r.worker.birth_date) == ("Hoàng Văn Tư", "Nam", date(1992, 4, 3))
    assert any("Tổng cộng" in x.reason for x in p.source.skipped)


def test_a_file_that_is_not_a_social_insurance_list_says_so(ctx, unit, tmp_path):
    from openpyxl import Workbook

    from desktop.services.core.errors import ImportFileError
    wb = Workbook()
    wb.active.append(["Họ và tên", "Ngày sinh", "Giới tính"])
    wb.active.append(["Nguyễn Văn A", "01/01/1990", "Nam"])
    wb.save(tmp_path / "ds.xlsx")
    with pytest.raises(ImportFileError, match="Mã số BHXH"):
        SocialInsuranceImport(ctx).preview(tmp_path / "ds.xlsx")
