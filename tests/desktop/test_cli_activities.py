"""congdoan activities … and congdoan minutes print, run as a user runs them: a real
process on a real file, JSON on stdout, exit codes 0 / 1 / 2."""

import json
from datetime import datetime

import pypdfium2 as pdfium

from desktop.services.activities.minutes import MinutesService
from desktop.services.core.context import open_context
from tests.desktop.test_cli import db, run  # noqa: F401  (the fixture: an initialised unit)


def add_member(db, name, birth, gender, group="Tổ SMT"):  # noqa: F811  (a path here, not the fixture)
    return json.loads(run(db, "--json", "members", "add", "--name", name, "--birth", birth, "--gender", gender,
                          "--group", group).stdout)["id"]


def test_add_list_show_and_print_minutes(db, tmp_path):  # noqa: F811
    a = add_member(db, "Nguyễn Thị Lan", "1990-05-01", "Nữ")
    b = add_member(db, "Trần Văn Bình", "1985-02-11", "Nam")
    add_member(db, "Lê Văn Cường", "1992-09-30", "Nam", group="Tổ Lắp ráp")
    added = json.loads(run(db, "--json", "activities", "add", "--kind", "hop", "--subkind", "bch", "--title",
                           "Họp Ban Chấp hành tháng 3/2026", "--date", "07/03/2026", "--place", "Phòng họp",
                           "--group", "tổ smt", "--budget", "500.000").stdout)
    assert added["title"] == "Họp Ban Chấp hành tháng 3/2026" and added["budget"] == 500_000
    assert {p["member_id"] for p in added["participants"]} == {a, b}
    run(db, "activities", "add", "--kind", "tham_hoi", "--subkind", "om_dau", "--title", "Thăm hỏi ốm đau",
        "--date", "2026-03-10", "--members", a)
    rows = json.loads(run(db, "activities", "list", "--json", "--from", "2026-03-01", "--to", "2026-03-31").stdout)
    assert [r["title"] for r in rows] == ["Thăm hỏi ốm đau", "Họp Ban Chấp hành tháng 3/2026"]
    assert [r["title"] for r in json.loads(run(db, "--json", "activities", "list", "--search", "om dau").stdout)] == [
        "Thăm hỏi ốm đau"]
    shown = json.loads(run(db, "--json", "activities", "show", added["id"]).stdout)
    assert shown["kind_label"] == "Họp, hội nghị — Họp Ban Chấp hành" and shown["members"] == 2

    # minutes written in the app (here: through the service), printed from the command line
    ctx = open_context(db)
    try:
        svc = MinutesService(ctx)
        c = svc.template(added["id"], "bb")
        from dataclasses import replace

        from desktop.services.activities.minutes import Person
        c = replace(c, participants=(Person("Nguyễn Thị Lan", "Chủ tịch"), Person("Trần Văn Bình", "Ủy viên")),
                    chair_name="Nguyễn Thị Lan", secretary_name="Trần Văn Bình",
                    start_at=datetime(2026, 3, 7, 14), end_at=datetime(2026, 3, 7, 15, 45))
        doc_id = svc.save(added["id"], "bb", c, finish=True).doc.id
    finally:
        ctx.close()
    out, docx = tmp_path / "bb.pdf", tmp_path / "bb.docx"
    printed = json.loads(run(db, "--json", "minutes", "print", doc_id, "--out", str(out), "--docx", str(docx)).stdout)
    assert printed["number"] == "01/BB-CĐCS" and printed["status"] == "final" and printed["pages"] >= 1
    assert docx.stat().st_size > 5000
    pdf = pdfium.PdfDocument(str(out))
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert "Số: 01/BB-CĐCS" in text and "BIÊN BẢN" in text
    listed = json.loads(run(db, "--json", "minutes", "list", added["id"]).stdout)
    assert [d["id"] for d in listed] == [doc_id]
    sheet = tmp_path / "sheet.pdf"
    assert "Đã in danh sách điểm danh" in run(db, "activities", "sheet", added["id"], "--out", str(sheet)).stdout


def test_errors_exit_1_with_one_line_and_bad_usage_2(db, tmp_path):  # noqa: F811
    r = run(db, "activities", "add", "--kind", "hop", "--title", "Họp", "--date", "07/03/2026", "--end",
            "01/03/2026", ok=False)
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert "Ngày kết thúc" in r.stderr and "trước ngày bắt đầu" in r.stderr
    r = run(db, "activities", "add", "--kind", "hop", "--title", "Họp", "--date", "07/03/2026", "--group", "Tổ X",
            ok=False)
    assert r.returncode == 1 and "Không có tổ công đoàn" in r.stderr
    r = run(db, "minutes", "print", "khong-co", "--out", str(tmp_path / "x.pdf"), ok=False)
    assert r.returncode == 1 and "Không tìm thấy" in r.stderr
    assert run(db, "activities", "add", "--kind", "picnic", "--title", "x", "--date", "1/1/2026",
               ok=False).returncode == 2
    assert run(db, "minutes", "print", "x", ok=False).returncode == 2  # --out is required
