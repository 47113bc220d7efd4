"""congdoan member export | erase, masked personal data on the command line, and clear
messages when the target folder refuses writing (issue 7, items 5 and 8)."""

import json
from datetime import date

from desktop.cli import main
from desktop.services.core.context import open_context
from desktop.services.members.service import MemberService
from tests.desktop.faults import files_in, read_only  # noqa: F401 (a fixture)

CCCD = "001090012345"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def setup(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "u.sqlite3")
    monkeypatch.delenv("CONGDOAN_USER", raising=False)
    monkeypatch.delenv("CONGDOAN_PASSWORD", raising=False)
    assert run(capsys, "--db", db, "init", "--unit-name", "CĐCS Công ty A", "--upper-name", "Công đoàn KCN")[0] == 0
    code, out, _ = run(capsys, "--db", db, "--json", "members", "add", "--name", "Lê Văn Hùng", "--birth",
                       "12/05/1990", "--gender", "Nam", "--cccd", CCCD, "--salary", "9000000", "--joined",
                       "01/03/2012")
    assert code == 0
    mid = json.loads(out)["id"]
    ctx = open_context(db)
    MemberService(ctx).add_event(mid, "left", date(2019, 6, 30), reason="Nghỉ việc")
    ctx.close()
    for args in (("hong", "chair"), ("lan", "staff")):
        who = () if args[0] == "hong" else ("--user", "hong", "--password", "matkhau1")
        assert run(capsys, "--db", db, "users", "add", args[0], "--role", args[1], "--new-password", "matkhau1",
                   *who)[0] == 0
    return db, mid


def test_export_and_erase_from_the_command_line(tmp_path, capsys, monkeypatch):
    db, mid = setup(tmp_path, capsys, monkeypatch)
    chair = ("--user", "hong", "--password", "matkhau1")
    staff = ("--user", "lan", "--password", "matkhau1")

    code, out, _ = run(capsys, "--db", db, "--json", "member", "export", mid, "--out", str(tmp_path / "hung.json"),
                       *chair)
    assert code == 0 and json.loads(out)["file"].endswith("hung.json")
    data = json.loads((tmp_path / "hung.json").read_text(encoding="utf-8"))
    assert data["member"]["id_number"] == CCCD and data["events"][1]["reason"] == "Nghỉ việc"
    code, out, _ = run(capsys, "--db", db, "member", "export", mid, "--out", str(tmp_path / "hung.pdf"), *chair)
    assert code == 0 and "hung.pdf" in out and (tmp_path / "hung.pdf").read_bytes().startswith(b"%PDF")

    # the staff member sees the number masked, the salary hidden, and may not export or erase
    code, out, _ = run(capsys, "--db", db, "--json", "members", "list", "--status", "all", *staff)
    assert json.loads(out)[0]["id_number"] == "0010******45"
    code, out, _ = run(capsys, "--db", db, "members", "show", mid, *staff)
    assert "0010******45" in out and "Tiền lương: (ẩn)" in out and "9.000.000" not in out
    code, _, err = run(capsys, "--db", db, "member", "export", mid, "--out", str(tmp_path / "x.pdf"), *staff)
    assert code == 1 and "xuất dữ liệu cá nhân" in err and not (tmp_path / "x.pdf").exists()
    code, _, err = run(capsys, "--db", db, "member", "erase", mid, "--confirm", "Lê Văn Hùng", *staff)
    assert code == 1 and "xóa dữ liệu cá nhân" in err

    # erasure asks for the name (no terminal here: --confirm), refuses a wrong one
    code, _, err = run(capsys, "--db", db, "member", "erase", mid, *chair)
    assert code == 1 and "--confirm" in err and "Lê Văn Hùng" in err
    code, _, err = run(capsys, "--db", db, "member", "erase", mid, "--confirm", "Lê Văn", *chair)
    assert code == 1 and "gõ đúng họ tên" in err
    code, out, _ = run(capsys, "--db", db, "--json", "member", "erase", mid, "--confirm", "le van hung", *chair)
    result = json.loads(out)
    assert code == 0 and result["full_name"].startswith("Đoàn viên đã xóa dữ liệu #") and result["left_on"] == "2019-06-30"
    code, out, _ = run(capsys, "--db", db, "--json", "members", "show", mid, *chair)
    shown = json.loads(out)
    assert (shown["id_number"], shown["birth_date"], shown["salary"]) == (None, None, None)
    assert shown["erased_at"] is not None
    code, _, err = run(capsys, "--db", db, "member", "erase", mid, "--confirm", result["full_name"], *chair)
    assert code == 1 and "đã được xóa" in err


def test_a_member_still_on_the_books_is_not_erased(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "u.sqlite3")
    monkeypatch.delenv("CONGDOAN_USER", raising=False)
    assert run(capsys, "--db", db, "init", "--unit-name", "CĐCS Công ty A", "--upper-name", "Công đoàn KCN")[0] == 0
    _, out, _ = run(capsys, "--db", db, "--json", "members", "add", "--name", "Phạm Thị Thu", "--birth", "1995",
                    "--gender", "Nữ")
    code, _, err = run(capsys, "--db", db, "member", "erase", json.loads(out)["id"], "--confirm", "Phạm Thị Thu")
    assert code == 1 and "đang là đoàn viên" in err


def test_writing_into_a_read_only_folder_says_which_folder(tmp_path, capsys, monkeypatch, read_only):  # noqa: F811 (the fixture imported above)
    db, mid = setup(tmp_path, capsys, monkeypatch)
    chair = ("--user", "hong", "--password", "matkhau1")
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "cu.pdf").write_bytes(b"%PDF-1.4 an earlier file")
    read_only(usb)
    for argv in (("member", "export", mid, "--out", str(usb / "cu.pdf")),
                 ("members", "export", str(usb / "ds.xlsx")),
                 ("backup", "--out", str(usb / "sao-luu.sqlite3"))):
        code, _, err = run(capsys, "--db", db, *argv, *chair)
        assert code == 1 and "chỉ đọc" in err and str(usb) in err, err
    assert files_in(usb) == {"cu.pdf": b"%PDF-1.4 an earlier file"}
