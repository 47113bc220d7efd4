"""A full disk or a read-only folder is reported clearly and nothing is half-written
(issue 7, item 5). The faults are made in tests/desktop/faults.py."""

import errno
import sqlite3

import pytest
from sqlalchemy import text

from desktop.services.backup.service import BackupError, backup_if_due, make_backup, save_backup_settings
from desktop.services.core.safe_files import WriteError, atomic_write, write_problem
from desktop.services.documents.service import Documents
from desktop.services.dues.service import DuesService
from desktop.services.members.export import export_members
from desktop.services.members.service import MemberQuery, MemberService
from desktop.services.personal_data.service import PersonalDataService
from tests.desktop.faults import files_in, fill_database, full_usb, read_only  # noqa: F401 (a fixture)
from tests.desktop.services.dues_helpers import add_member, setup_unit


@pytest.fixture
def unit(ctx):
    setup_unit(ctx)
    mid = add_member(ctx, "Trần Thị Mai", salary=8_000_000, birth="15/03/1990", id_number="001190012345")
    DuesService(ctx).pay(mid, ["2025-01"])
    return mid


def integrity(ctx) -> str:
    with ctx.read() as s:
        return s.execute(text("PRAGMA integrity_check")).scalar()


def name(i: int) -> str:
    """A different full name for each i, letters only: "Nguyễn Văn Bac"."""
    word = ""
    while True:
        word = "abcdeghiklmnopqrstuvxy"[i % 22] + word
        i //= 22
        if not i:
            break
    return f"Nguyễn Văn B{word}"


def test_saving_a_member_on_a_full_disk_is_refused_whole(ctx, unit):
    members = MemberService(ctx)
    free = fill_database(ctx)
    saved = []
    with pytest.raises(WriteError) as exc:
        for i in range(2000):  # until the file needs one more page than the disk has
            members.add({"full_name": name(i), "birth_date": "1990", "gender": "Nam"}, confirm_similar=True)
            saved.append(name(i))
    assert exc.value.reason == "full"
    assert str(ctx.db.path) in exc.value.message and "đã đầy" in exc.value.message
    assert "chưa được lưu" in exc.value.message
    # the member being saved is not there, not even in part (its first event, its audit
    # row, its outbox entry: one transaction); everything saved before is
    failing = name(len(saved))
    with ctx.read() as s:
        names = set(s.execute(text("SELECT full_name FROM member")).scalars())
        orphans = s.execute(text("SELECT count(*) FROM member_event e LEFT JOIN member m ON m.id = e.member_id "
                                 "WHERE m.id IS NULL")).scalar()
    assert failing not in names and set(saved) <= names and orphans == 0
    assert integrity(ctx) == "ok"
    free()
    again = members.add({"full_name": failing, "birth_date": "1990", "gender": "Nam"}, confirm_similar=True)
    assert members.get(again.id).data.full_name == failing


def test_an_interrupted_file_leaves_the_earlier_one_and_no_temporary(tmp_path):
    target = tmp_path / "danh-sach.xlsx"
    target.write_bytes(b"the earlier, complete file")
    with pytest.raises(WriteError) as exc:
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"half of the new")
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp))
    assert exc.value.reason == "full"
    assert str(tmp_path) in exc.value.message and "danh-sach.xlsx" in exc.value.message
    assert files_in(tmp_path) == {"danh-sach.xlsx": b"the earlier, complete file"}


def test_messages_say_what_happened_and_where(tmp_path):
    target = tmp_path / "so-quy.pdf"
    full = write_problem(OSError(errno.ENOSPC, "No space left on device"), target)
    ro = write_problem(PermissionError(errno.EACCES, "Permission denied"), target)
    rofs = write_problem(OSError(errno.EROFS, "Read-only file system"), target)
    assert "đã đầy" in full.message and str(tmp_path) in full.message
    assert "chỉ đọc" in ro.message and "chỉ đọc" in rofs.message and "so-quy.pdf" in ro.message
    assert write_problem(sqlite3.OperationalError("database or disk is full"), target).reason == "full"


def test_backup_to_a_full_usb_stick(ctx, unit, tmp_path, monkeypatch):
    usb = tmp_path / "usb"
    first = make_backup(ctx, usb / "truoc.sqlite3")
    before = files_in(usb)
    full_usb(monkeypatch, usb)
    with pytest.raises(BackupError) as exc:
        make_backup(ctx, usb / "sau.sqlite3")
    assert "đã đầy" in exc.value.message and str(usb) in exc.value.message
    assert files_in(usb) == before  # no half copy that could be taken for a backup later
    assert first.exists() and integrity(ctx) == "ok"


def test_backup_to_a_read_only_usb_folder(ctx, unit, tmp_path, read_only):  # noqa: F811  (the fixture imported above)
    usb = tmp_path / "usb"
    save_backup_settings(ctx, usb, 5)
    make_backup(ctx, reason="truoc")
    before = files_in(usb)
    read_only(usb)
    with pytest.raises(BackupError) as exc:
        make_backup(ctx, usb / "sau.sqlite3")
    assert "chỉ đọc" in exc.value.message and str(usb) in exc.value.message
    with pytest.raises(BackupError, match="chỉ đọc"):
        backup_if_due(ctx, every=__import__("datetime").timedelta(0))  # the daily copy says the same
    with pytest.raises(BackupError, match="Không ghi được vào thư mục"):
        save_backup_settings(ctx, usb, 5)
    assert files_in(usb) == before
    assert integrity(ctx) == "ok"


def test_exports_to_a_read_only_folder(ctx, unit, tmp_path, read_only):  # noqa: F811  (the fixture imported above)
    out = tmp_path / "xuat"
    out.mkdir()
    export_members(ctx, out / "danh-sach.xlsx", MemberQuery())
    Documents(ctx).ledger(unit, out / "so-doan-phi.pdf")
    before = files_in(out)
    read_only(out)
    for write in (lambda: export_members(ctx, out / "danh-sach.xlsx", MemberQuery()),
                  lambda: Documents(ctx).ledger(unit, out / "so-doan-phi.pdf"),
                  lambda: Documents(ctx).collection_sheet("2025-01", None, out / "danh-sach-thu.pdf"),
                  lambda: PersonalDataService(ctx).export(unit, out / "du-lieu.pdf")):
        with pytest.raises(WriteError) as exc:
            write()
        assert exc.value.reason == "read_only"
        assert f"Thư mục {out} chỉ đọc" in exc.value.message
    assert files_in(out) == before
    with ctx.read() as s:  # an export that did not happen is not in the audit log
        assert not s.execute(text("SELECT 1 FROM audit_log WHERE action = 'export'")).first()


def test_a_pdf_cut_short_by_a_full_disk_leaves_the_earlier_one(ctx, unit, tmp_path, monkeypatch):
    import desktop.services.documents.service as form  # the name the documents service calls
    target = tmp_path / "so-doan-phi.pdf"
    Documents(ctx).ledger(unit, target)
    before = files_in(tmp_path)
    real = form.render_member_ledger

    def disk_fills_up(header, ledger, out):
        real(header, ledger, out)
        data = out.read_bytes()
        out.write_bytes(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device", str(out))

    monkeypatch.setattr(form, "render_member_ledger", disk_fills_up)
    with pytest.raises(WriteError, match="đã đầy"):
        Documents(ctx).ledger(unit, target)
    assert files_in(tmp_path) == before
