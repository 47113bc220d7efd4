"""Day one in a real office (issue 12): the lists offices already keep go into a freshly
initialised unit with no groups, whole; what cannot go in is easy to fix and bring back.
The lists are made here (real_lists.py) as offices lay them out."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest
from openpyxl import load_workbook
from real_lists import (
    CSV_PEOPLE,
    FOOTER_SKIPPED,
    GROUPS_MADE,
    IMPORTED,
    PEOPLE,
    REFUSED,
    SHEET_GROUPS,
    csv_text,
    office_list,
    row_of,
    sheet_per_group,
)

from desktop.cli import main as cli_main
from desktop.services.core.context import open_context
from desktop.services.core.errors import ImportFileError
from desktop.services.members.importing.service import MemberImport, MissingGroupsError
from desktop.services.members.service import MemberQuery, MemberService
from desktop.services.units.service import GroupInfo, UnitInfo, UnitService


@pytest.fixture
def unit(ctx):
    """A unit just set up, as the wizard leaves it: no group, no member."""
    UnitService(ctx).save(UnitInfo(name="CĐCS Công ty TNHH May An Phú", upper_name="LĐLĐ quận Hoàng Mai"))
    return ctx


def members(ctx) -> dict[str, list]:
    svc = MemberService(ctx)
    out: dict[str, list] = {}
    for row in svc.page(MemberQuery(status=None), 0, 100_000):
        out.setdefault(row.full_name, []).append((svc.get(row.id).data, row.group_name))
    return out


def base_salary(ctx) -> int:
    """The lương cơ sở in force today, as the law table of the new unit has it."""
    with ctx.db.engine.connect() as c:
        return c.exec_driver_sql("SELECT amount FROM base_salary WHERE deleted_at IS NULL AND effective_from <= ? "
                                 "ORDER BY effective_from DESC LIMIT 1", (date.today().isoformat(),)).scalar()


def group_names(ctx) -> list[str]:
    return [g.name for g in UnitService(ctx).groups()]


def test_office_list_goes_in_whole_into_a_new_unit(unit, tmp_path):
    path = office_list(tmp_path / "ds.xlsx")
    importer = MemberImport(unit)
    preview = importer.preview(path)
    assert preview.guess.header_row == 6  # row 7, under the title block
    assert preview.groups_to_make() == GROUPS_MADE
    rows = {r.row_number: r for r in preview.rows}
    assert set(rows) == {row_of(i) for i in list(IMPORTED) + list(REFUSED)}
    for i, words in REFUSED.items():
        r = rows[row_of(i)]
        assert r.status == "error" and words in " ".join(r.problems), (i, r.problems)
    for i, (*_, warned) in IMPORTED.items():
        r = rows[row_of(i)]
        text = " ".join(r.problems)
        assert r.status == ("warning" if warned else "ok"), (i, r.problems)
        assert all(w in text for w in warned), (i, text)
        # a warning names the cell it is about, and no message joins ".;"
        assert ".;" not in text and ". ." not in text
    assert "Cột H “Mức lương đóng BHXH”: “abc”" in " ".join(rows[row_of(4)].problems)
    # under the list: skipped, each said why, and none of it is an error
    why = [w for _, _, w in preview.skipped_rows]
    assert len(why) == FOOTER_SKIPPED and "dòng tổng cộng" in why and "dòng nơi và ngày lập danh sách" in why
    result = importer.commit(preview)
    assert (result.imported, result.rejected, result.duplicates) == (len(IMPORTED), len(REFUSED), 0)
    assert group_names(unit) == GROUPS_MADE
    got = members(unit)
    base = base_salary(unit)
    for i, (group, joined, salary, phone, cccd, _) in IMPORTED.items():
        p = PEOPLE[i]
        if isinstance(salary, tuple):
            salary = round(salary[1] * base)
        found = [m for m, g in got[p["name"]] if m.id_number == cccd] if cccd else [m for m, g in got[p["name"]]]
        assert len(found) == 1, p["name"]
        m = found[0]
        assert (m.joined_date, m.salary, m.phone, m.gender) == (joined, salary, phone, "Nữ" if p["female"] else "Nam")
        assert [g for x, g in got[p["name"]] if x is m] == [group]
        birth = p["birth"]
        assert m.birth_date == (date(birth, 1, 1) if isinstance(birth, int) else birth)
    assert [g for m, g in got["Trịnh Thị Quyên"]] == ["Tổ Cắt", "Tổ Cắt"]  # namesakes: two people
    assert "Nguyễn Thị Bích Ngọc, Trần Văn Tý" not in got and "Nguyễn Thị Bích Ngọc" not in got
    assert got["Bùi Văn Khánh"][0][0].notes.startswith("Nghỉ ốm dài ngày")


def test_groups_renamed_and_merged_before_anything_is_written(unit, tmp_path):
    UnitService(unit).save_groups([GroupInfo(None, "Tổ Kho vận")])
    preview = MemberImport(unit).preview(office_list(tmp_path / "ds.xlsx"))
    preview.rename_group("to kho", "tổ kho vận")  # merged into the group the unit has
    preview.rename_group("to van phong", "Tổ Hành chính")  # renamed
    assert "TỔ KHO" not in preview.groups_to_make() and "Tổ Hành chính" in preview.groups_to_make()
    MemberImport(unit).commit(preview)
    got = members(unit)
    assert got["Dương Văn Nam"][0][1] == "Tổ Kho vận" and got["Ngô Thị Mai"][0][1] == "Tổ Hành chính"
    assert sorted(group_names(unit)) == sorted(["Tổ Kho vận", "Tổ 1", "Tổ 2", "Tổ 3", "Tổ Hành chính", "Tổ Cắt"])


def test_refused_rows_report_corrected_and_imported_again_loses_nobody(unit, tmp_path):
    """Refuse, correct the report in Excel (openpyxl here), import the report: nothing lost."""
    path = office_list(tmp_path / "ds.xlsx")
    report = tmp_path / "khong-nhap.xlsx"
    result = MemberImport(unit).run(path, report=report)
    assert result.report == str(report)
    wb = load_workbook(report)
    ws = wb.active
    table = [[c.value for c in row] for row in ws.iter_rows()]
    # the source's own header layout: "Ngày tháng năm sinh" over "Nam" / "Nữ", same columns
    assert table[0][1:4] == ["Họ và tên", "Ngày tháng năm sinh", None] and table[1][2:4] == ["Nam", "Nữ"]
    reason_col = table[0].index("Lý do không nhập")
    refused = {r[1]: r for r in table[3:]}
    assert set(refused) == {PEOPLE[i]["name"] for i in REFUSED}
    assert "31/02/1990" in refused["Đỗ Văn Long"][reason_col] or "Ngày sinh" in refused["Đỗ Văn Long"][reason_col]
    for r in reversed(range(4, ws.max_row + 1)):  # from the bottom: a row inserted moves those under it
        name = ws.cell(r, 2).value
        if name == "Đỗ Văn Long":
            ws.cell(r, 3).value = "28/02/1990"
        elif name.startswith("Nguyễn Thị Bích Ngọc"):
            ws.cell(r, 2).value = "Nguyễn Thị Bích Ngọc"
            ws.insert_rows(r + 1)
            for c, v in enumerate([None, "Trần Văn Tý", date(1986, 2, 3), None, None, "Tổ Văn phòng"], start=1):
                ws.cell(r + 1, c).value = v
    wb.save(report)
    again = MemberImport(unit).run(report)
    assert (again.imported, again.rejected, again.duplicates) == (3, 0, 0)
    got = members(unit)
    assert got["Đỗ Văn Long"][0][0].birth_date == date(1990, 2, 28)
    assert got["Nguyễn Thị Bích Ngọc"][0][0].gender == "Nữ"  # the date under "Nữ" kept its meaning
    assert got["Trần Văn Tý"][0][0].gender == "Nam" and got["Trần Văn Tý"][0][1] == "Tổ Văn phòng"
    assert sum(len(v) for v in got.values()) == len(IMPORTED) + 3


def test_one_sheet_per_group(unit, tmp_path):
    importer = MemberImport(unit)
    preview = importer.preview(sheet_per_group(tmp_path / "to.xlsx"))
    assert preview.sheets == tuple(SHEET_GROUPS)
    assert preview.groups_to_make() == list(SHEET_GROUPS)
    assert [w for _, _, w in preview.skipped_rows] == ["dòng tổng cộng"] * 3
    result = importer.commit(preview)
    assert (result.imported, result.rejected) == (6, 0)
    got = members(unit)
    for group, people in SHEET_GROUPS.items():
        for name, *_ in people:
            assert got[name][0][1] == group
    assert got["Huỳnh Thị Phương"][0][0].birth_date == date(1995, 8, 7)
    # one sheet only, when asked
    other = MemberImport(unit).preview(sheet_per_group(tmp_path / "to2.xlsx"), sheet="Tổ May 2")
    assert not other.sheets and len(other.rows) == 2


@pytest.mark.parametrize("encoding,sep", [("utf-8-sig", ","), ("utf-8", ";"), ("cp1258", ","), ("utf-16", "\t")])
def test_csv_from_old_tools(unit, tmp_path, encoding, sep):
    path = tmp_path / "ds.csv"
    text = csv_text(sep)
    path.write_bytes((windows_1258(text) if encoding == "cp1258" else text).encode(encoding))
    result = MemberImport(unit).run(path)
    assert (result.imported, result.rejected) == (3, 0)
    got = members(unit)
    assert set(got) == {p[0] for p in CSV_PEOPLE}
    assert got["Trần Thị Uyên"][0][0].salary == 6_000_000 and got["Trần Thị Uyên"][0][0].birth_year_only
    assert got["Lê Văn Vĩnh"][0][0].birth_date == date(1978, 4, 3)
    assert got["Nguyễn Văn Tâm"][0][0].id_number == "001082000301"
    assert group_names(unit) == ["Tổ 1", "Tổ 2"]


def test_a_folder_or_an_unreadable_file_is_said_in_vietnamese(unit, tmp_path):
    with pytest.raises(ImportFileError, match="là một thư mục"):
        MemberImport(unit).preview(tmp_path)
    locked = office_list(tmp_path / "khoa.xlsx")
    locked.chmod(0)
    try:
        if locked.open("rb"):  # root reads anything: nothing to test then
            pytest.skip("the test runs as root")
    except PermissionError:
        with pytest.raises(ImportFileError, match=r"Không mở được tệp khoa\.xlsx"):
            MemberImport(unit).preview(locked)
    finally:
        locked.chmod(0o644)


def test_nul_from_the_ooxml_escape_never_reaches_the_database(unit, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Ghi chú", "Quê quán"])
    ws.append(["Nguyễn Văn Nul", "01/01/1990", "Nam", "có _x0000_ ở giữa", "Hà_x0000_ Nội"])
    ws.append(["Trần Văn Thiếu_x0000_", "01/01/1990", None, "_x0000_", None])  # refused: no sex
    wb.save(tmp_path / "nul.xlsx")
    result = MemberImport(unit).run(tmp_path / "nul.xlsx", report=tmp_path / "r.xlsx")
    assert (result.imported, result.rejected) == (1, 1)
    assert load_workbook(tmp_path / "r.xlsx").active.cell(2, 1).value == "Trần Văn Thiếu"
    with unit.db.engine.connect() as c:
        texts = c.exec_driver_sql("SELECT notes, hometown, full_name FROM member").one()
    assert not any("\x00" in t for t in texts) and texts[1] == "Hà Nội"


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> str:
    """text as Windows-1258 spells it: a letter with its hat or horn precomposed ("â",
    "ơ"), the tone as a combining mark after it ("ầ" = "â" + U+0300)."""
    import unicodedata
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in parts if m in TONES)
        out.append(unicodedata.normalize("NFC", "".join(m for m in parts if m not in TONES)) + tones)
    return "".join(out)


# ---- the command line ---------------------------------------------------------------------------
def cli(capsys, *args) -> tuple[int, str, str]:
    try:
        code = cli_main(list(args)) or 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_names_missing_groups_then_creates_them(tmp_path, capsys):
    db = str(tmp_path / "u.sqlite3")
    assert cli(capsys, "--db", db, "init", "--unit-name", "CĐCS A", "--upper-name", "LĐLĐ B")[0] == 0
    path = str(office_list(tmp_path / "ds.xlsx"))
    code, out, err = cli(capsys, "--db", db, "members", "import", path)
    assert code == 1 and "“Tổ Văn phòng”" in err and "--create-groups" in err and len(err.strip().splitlines()) == 1
    code, out, err = cli(capsys, "--db", db, "--json", "members", "import", path, "--create-groups")
    assert code == 0 and json.loads(out)["imported"] == len(IMPORTED)
    assert json.loads(out)["groups_created"] == GROUPS_MADE
    # nothing left to import: exit 1, one line saying why
    code, out, err = cli(capsys, "--db", db, "members", "import", path, "--create-groups")
    assert code == 1 and "Không nhập được dòng nào" in err and len(err.strip().splitlines()) == 1


def test_cli_mapping_override(tmp_path, capsys):
    db = str(tmp_path / "u.sqlite3")
    cli(capsys, "--db", db, "init", "--unit-name", "CĐCS A", "--upper-name", "LĐLĐ B")
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Sinh ngày (nữ)", "Sinh ngày (nam)", "Số ĐT"])
    ws.append(["Lê Thị Xuân", "01/02/1990", None, "0912000111"])
    ws.append(["Lê Văn Yên", None, "03/04/1985", "0912000112"])
    wb.save(tmp_path / "l.xlsx")
    code, _out, err = cli(capsys, "--db", db, "members", "import", str(tmp_path / "l.xlsx"),
                          "--map", "Sinh ngày (nữ)=birth_female", "--map", "C=birth_male", "--map", "Số ĐT=phone")
    assert code == 0, err
    ctx = open_context(tmp_path / "u.sqlite3")
    try:
        got = members(ctx)
    finally:
        ctx.close()
    assert got["Lê Thị Xuân"][0][0].gender == "Nữ" and got["Lê Văn Yên"][0][0].birth_date == date(1985, 4, 3)
    assert got["Lê Thị Xuân"][0][0].phone == "0912000111"
    code, _out, err = cli(capsys, "--db", db, "members", "import", str(tmp_path / "l.xlsx"), "--map", "Không có=phone")
    assert code == 1 and "Không có" in err


def test_demo_export_then_import_into_a_new_unit_loses_nobody(tmp_path):
    """Same name and birth date but another CCCD is another person: every member of the
    demo comes back, the namesakes with a warning; its groups are made."""
    from desktop.services.demo.service import make_demo
    from desktop.services.members.export import export_members

    demo = open_context(tmp_path / "demo.sqlite3")
    try:
        make_demo(demo, 800)
        svc = MemberService(demo)
        twin = svc.get(svc.page(MemberQuery(status=None), 0, 1)[0].id).data
        svc.add({"full_name": twin.full_name, "birth_date": twin.birth_date.strftime("%d/%m/%Y"),
                 "gender": twin.gender, "id_number": "079" + ("0" if twin.gender == "Nam" else "1")
                 + f"{twin.birth_date.year % 100:02d}" + "999999"}, confirm_similar=True)
        out = tmp_path / "xuat.xlsx"
        n = export_members(demo, out, MemberQuery(status=None))
        before = sorted((m.full_name, m.birth_date, m.id_number or "") for v in members(demo).values() for m, _ in v)
        demo_groups = sorted(g.name for g in UnitService(demo).groups() if g.member_count)
    finally:
        demo.close()
    fresh = open_context(tmp_path / "moi.sqlite3")
    try:
        UnitService(fresh).save(UnitInfo(name="CĐCS mới", upper_name="LĐLĐ"))
        preview = MemberImport(fresh).preview(out)
        result = MemberImport(fresh).commit(preview)
        assert (result.imported, result.rejected, result.duplicates) == (n, 0, 0)
        after = sorted((m.full_name, m.birth_date, m.id_number or "") for v in members(fresh).values() for m, _ in v)
        assert after == before
        assert sorted(group_names(fresh)) == demo_groups
        assert any("khác số giấy tờ" in " ".join(r.problems) for r in preview.rows)
    finally:
        fresh.close()


# ---- salaries as offices write them, and one upper bound for every way in ---------------------
@pytest.mark.parametrize("typed,salary", [("5tr2", 5_200_000), ("5 triệu", 5_000_000), ("5,5 triệu", 5_500_000),
                                          ("5tr", 5_000_000), ("12TR350", 12_350_000), ("6.500.000 đ", 6_500_000)])
def test_salary_in_millions(typed, salary):
    from desktop.services.members.rules import parse_member
    parsed = parse_member({"full_name": "Lê Văn Lương", "birth_date": "1990", "gender": "Nam", "salary": typed})
    assert not parsed.errors and parsed.value.salary == salary


@pytest.mark.parametrize("typed", [10 ** 19, 10 ** 20, float(10 ** 20), "100000000000000000000", float("inf")])
def test_salary_over_the_bound_is_refused_by_the_form_and_emptied_by_the_import(unit, tmp_path, typed):
    from desktop.services.members.rules import parse_member
    parsed = parse_member({"full_name": "Lê Văn Lương", "birth_date": "1990", "gender": "Nam", "salary": typed})
    assert "salary" in parsed.errors and ("quá lớn" in parsed.errors["salary"] or "không phải số tiền"
                                          in parsed.errors["salary"])
    if typed == float("inf"):
        return  # Excel cannot hold it
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Ngày sinh", "Giới tính", "Lương"])
    ws.append(["Lê Văn Lương", "01/01/1990", "Nam", typed if not isinstance(typed, int) else str(typed)])
    ws.append(["Lê Văn Khác", "01/01/1991", "Nam", 6_000_000])
    wb.save(tmp_path / "l.xlsx")
    preview = MemberImport(unit).preview(tmp_path / "l.xlsx")
    assert [r.status for r in preview.rows] == ["warning", "ok"]
    assert "Cột D “Lương”" in preview.rows[0].problems[0]
    assert MemberImport(unit).commit(preview).imported == 2
    assert members(unit)["Lê Văn Lương"][0][0].salary is None


def test_cli_members_add_salary_over_the_bound(tmp_path, capsys):
    db = str(tmp_path / "u.sqlite3")
    cli(capsys, "--db", db, "init", "--unit-name", "CĐCS A", "--upper-name", "LĐLĐ B")
    for salary in ("10000000000000000000", "100000000000000000000"):
        code, _out, err = cli(capsys, "--db", db, "members", "add", "--name", "Lê Văn Lương", "--birth", "1990",
                             "--gender", "Nam", "--salary", salary)
        assert code == 1 and "Tiền lương" in err and "quá lớn" in err and "Traceback" not in err


def test_bo_phan_over_to_makes_both_levels(unit, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH ĐOÀN VIÊN"])
    ws.append(["STT", "Họ và tên", "Năm sinh", "Giới tính", "CĐ bộ phận", "Tổ", "Phòng ban"])
    ws.append([1, "Lê Văn Một", 1980, "Nam", "CĐBP Sản xuất", "Tổ May 1", "Xưởng 1"])
    ws.append([2, "Lê Thị Hai", 1981, "Nữ", "CĐBP Sản xuất", "Tổ May 2", "Xưởng 1"])
    ws.append([3, "Lê Văn Ba", 1982, "Nam", "CĐBP Văn phòng", None, "Phòng Kế toán"])
    wb.save(tmp_path / "bp.xlsx")
    preview = MemberImport(unit).preview(tmp_path / "bp.xlsx")
    assert preview.groups_to_make() == ["CĐBP Sản xuất", "Tổ May 1", "Tổ May 2", "CĐBP Văn phòng"]
    MemberImport(unit).commit(preview)
    with unit.db.engine.connect() as c:
        groups = {name: (gid, kind, parent) for gid, name, kind, parent in c.exec_driver_sql(
            "SELECT id, name, kind, parent_id FROM unit_group WHERE deleted_at IS NULL")}
    assert groups["CĐBP Sản xuất"][1] == groups["CĐBP Văn phòng"][1] == "bo_phan"
    assert groups["Tổ May 1"][1:] == ("to", groups["CĐBP Sản xuất"][0])
    got = members(unit)
    assert got["Lê Văn Ba"][0][1] == "CĐBP Văn phòng" and got["Lê Thị Hai"][0][1] == "Tổ May 2"
    assert got["Lê Văn Một"][0][0].department == "Xưởng 1"


def test_header_printed_again_on_each_page_and_a_mapping_file(tmp_path, capsys):
    db = str(tmp_path / "u.sqlite3")
    cli(capsys, "--db", db, "init", "--unit-name", "CĐCS A", "--upper-name", "LĐLĐ B")
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số máy"]
    ws.append(header)
    ws.append([1, "Lê Văn Một", "01/01/1980", "Nam", "0912000001"])
    ws.append(header)  # the next printed page
    ws.append([2, "Lê Thị Hai", "02/02/1982", "Nữ", "0912000002"])
    wb.save(tmp_path / "trang.xlsx")
    (tmp_path / "cot.txt").write_text("# cách nhập cột\nSố máy=phone\n", encoding="utf-8")
    code, out, err = cli(capsys, "--db", db, "--json", "members", "import", str(tmp_path / "trang.xlsx"),
                         "--map-file", str(tmp_path / "cot.txt"))
    assert code == 0, err
    assert (json.loads(out)["imported"], json.loads(out)["rejected"], json.loads(out)["skipped"]) == (2, 0, 1)
    ctx = open_context(tmp_path / "u.sqlite3")
    try:
        assert members(ctx)["Lê Thị Hai"][0][0].phone == "0912000002"
    finally:
        ctx.close()


def test_sex_kept_as_an_x_under_nu(unit, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["TT", "Họ tên", "Năm sinh", "Nữ", "Số ĐT"])
    ws.append([1, "Lê Văn Một", 1980, None, "0912000001"])
    ws.append([2, "Lê Thị Hai", 1982, "x", None])
    ws.append([])
    ws.append([3, "Lê Văn Ba", 1985, None, None])
    wb.save(tmp_path / "nu.xlsx")
    result = MemberImport(unit).run(tmp_path / "nu.xlsx")
    assert (result.imported, result.rejected) == (3, 0)
    got = members(unit)
    assert [got[n][0][0].gender for n in ("Lê Văn Một", "Lê Thị Hai", "Lê Văn Ba")] == ["Nam", "Nữ", "Nam"]
    assert got["Lê Văn Một"][0][0].phone == "0912000001"


def test_sheets_named_by_year_are_not_groups(unit, tmp_path):
    from real_lists import write_book
    header = ["STT", "Họ và tên", "Năm sinh", "Giới tính"]
    path = write_book(tmp_path / "nam.xlsx", [("DS 2026", [header, [1, "Lê Văn Một", 1980, "Nam"]]),
                                               ("DS 2025", [header, [1, "Lê Văn Một", 1980, "Nam"],
                                                            [2, "Lê Văn Cũ", 1970, "Nam"]])])
    preview = MemberImport(unit).preview(path)
    assert not preview.sheets and preview.sheet == "DS 2026" and len(preview.rows) == 1
    assert MemberImport(unit).preview(path, all_sheets=True).sheets == ("DS 2026", "DS 2025")


def test_a_line_naming_the_group_above_its_rows(unit, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"])
    ws.append(["I", "TỔ SẢN XUẤT"])
    ws.append([1, "Tô Văn Nam", "01/01/1980", "Nam", "Tổ trưởng"])  # "Tô", not "Tổ": a person
    ws.append([2, "Lê Thị Hai", "02/02/1982", "Nữ", None])
    ws.append([None, "Tổ Văn phòng"])
    ws.append([3, "Lê Văn Ba", "03/03/1983", "Nam", "Kế toán"])
    wb.save(tmp_path / "muc.xlsx")
    preview = MemberImport(unit).preview(tmp_path / "muc.xlsx")
    assert preview.groups_to_make() == ["Tổ Sản Xuất", "Tổ Văn phòng"]
    assert [w for _, _, w in preview.skipped_rows] == ["tên tổ “Tổ Sản Xuất” cho các dòng dưới",
                                                       "tên tổ “Tổ Văn phòng” cho các dòng dưới"]
    MemberImport(unit).commit(preview)
    got = members(unit)
    assert [got[n][0][1] for n in ("Tô Văn Nam", "Lê Thị Hai", "Lê Văn Ba")] == [
        "Tổ Sản Xuất", "Tổ Sản Xuất", "Tổ Văn phòng"]


def test_without_making_groups_nothing_is_written_and_the_groups_are_named(unit, tmp_path):
    preview = MemberImport(unit).preview(office_list(tmp_path / "ds.xlsx"))
    with pytest.raises(MissingGroupsError) as e:
        MemberImport(unit).commit(preview, create_groups=False)
    assert e.value.names == GROUPS_MADE and "“Tổ Cắt”" in e.value.message
    assert members(unit) == {} and group_names(unit) == []


@pytest.mark.parametrize(("cells", "expected"), [
    ((1, "Tổng cộng: 30 đoàn viên (Nữ: 17)"), "marked"),
    (("", "  Cộng", 30), "marked"),
    (("Tổng số:", 12), "marked"),
    (("TONG CONG", 30), "plain"),
    ((unicodedata.normalize("NFD", "Tổng cộng: 30 đoàn viên"),), "marked"),  # from an old tool's CSV
    (("tong so 30",), "plain"),
    ((3, "Tống Công Minh", "1990"), None),  # a name that folds like "tong cong": not marked, not ascii
    ((3, "Trần Văn Tổng"), None),
    ((3, "Công Thị Hoa"), None),
    ((3, "Nguyễn Văn An"), None),
    ((None, 4, ""), None),
])
def test_what_a_totals_line_is(cells, expected):
    # (the NFD case's text is decomposed; clean() makes it NFC before it is compared)
    from desktop.services.members.importing.rows import totals_label
    assert totals_label(cells) == expected
