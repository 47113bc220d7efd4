"""The windows and personal data (issue 7, item 8), and storage faults shown clearly
(item 5): masked CCCD and salary for staff, export and erasure from the member editor,
a full disk while saving, a read-only folder when saving a PDF or an Excel list."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.services.members.service import MemberQuery
from desktop.services.personal_data.service import PersonalDataService
from desktop.services.units.accounts import AccountService
from desktop.views.member_editor import HIDDEN_SALARY, MemberEditor
from desktop.views.members_model import COLUMNS, MembersModel
from tests.desktop.faults import files_in, fill_database
from tests.desktop.views.conftest import last_box, shoot, wait_idle

CCCD = "001090012345"


def add(state, name="Khổng Minh Tuệ", **extra):
    raw = {"full_name": name, "birth_date": "12/05/1990", "gender": "Nam", "id_number": CCCD,
           "salary": "9.000.000", "joined_date": "01/03/2012", **extra}
    return state.members.add(raw, confirm_similar=True).id


def accounts(state):
    acc = AccountService(state.ctx)
    acc.add("hong", "matkhau1", "chair", "Nguyễn Thị Hồng")
    acc.login("hong", "matkhau1")
    acc.add("lan", "matkhau1", "staff", "Trần Văn Lân")
    return acc


def editor_for(qtbot, state, mid):
    editor = MemberEditor(state, mid)
    qtbot.addWidget(editor)
    editor.open()
    qtbot.waitExposed(editor)
    return editor


def test_staff_see_the_number_masked_and_cannot_change_it(qtbot, state, vietnamese):
    acc = accounts(state)
    mid = add(state)
    acc.login("lan", "matkhau1")
    model = MembersModel(state.members)
    model.set_query(MemberQuery(search="khong minh tue"))
    col = [c[0] for c in COLUMNS].index("id_number")
    assert model.rowCount() == 1
    assert model.data(model.index(0, col), Qt.ItemDataRole.DisplayRole) == "0010******45"
    from desktop.views.members_page import MembersPage
    page = MembersPage(state)
    qtbot.addWidget(page)
    page.resize(1000, 420)
    page.show()
    shown = [page.model.data(page.model.index(r, col), Qt.ItemDataRole.DisplayRole)
             for r in range(page.model.rowCount())]
    assert shown and all(not v or "******" in v for v in shown)  # every number on the list masked
    shoot(page, "members-list-staff-masked")

    editor = editor_for(qtbot, state, mid)
    cccd, salary = editor.w["id_number"], editor.w["salary"]
    assert cccd.text() == "0010******45" and cccd.isReadOnly()
    assert salary.text() == HIDDEN_SALARY and salary.isReadOnly()
    assert not editor.w["id_type"].isEnabled()
    assert not editor.personal.export_button.isVisibleTo(editor)
    assert not editor.personal.erase_button.isVisibleTo(editor)
    shoot(editor, "member-editor-staff-masked")
    editor.tabs.setCurrentIndex(1)
    shoot(editor, "member-editor-staff-salary-hidden")
    editor.set_value("phone", "0987654321")
    editor.save()
    wait_idle(qtbot, state)
    acc.login("hong", "matkhau1")
    d = state.members.get(mid)
    assert (d.data.phone, d.data.id_number, d.data.salary) == ("0987654321", CCCD, 9_000_000)


def test_chair_exports_a_members_data(qtbot, state, tmp_path, vietnamese):
    accounts(state)
    mid = add(state)
    editor = editor_for(qtbot, state, mid)
    assert editor.w["id_number"].text() == CCCD and not editor.w["id_number"].isReadOnly()
    p = editor.personal
    assert p.export_button.isVisible() and p.erase_button.isVisible()
    # still a member: erasure not possible, and the button says why
    assert not p.erase_button.isEnabled() and "đang là đoàn viên" in p.erase_button.toolTip()
    shoot(editor, "member-editor-chair-personal-actions")
    p.export_to(str(tmp_path / "tue"))
    wait_idle(qtbot, state)
    assert (tmp_path / "tue.pdf").read_bytes().startswith(b"%PDF")
    assert "tue.pdf" in last_box().text()
    last_box().close()


def test_chair_erases_a_leavers_data_after_the_period(qtbot, state, vietnamese):
    accounts(state)
    mid = add(state)
    state.members.add_event(mid, "left", date(2019, 6, 30), reason="Nghỉ việc, về quê")
    editor = editor_for(qtbot, state, mid)
    p = editor.personal
    assert p.erase_button.isEnabled()
    dialog = p.ask_erase()
    qtbot.waitExposed(dialog)
    assert not dialog.erase_button.isEnabled()
    dialog.confirm.setText("Khổng Minh")
    assert not dialog.erase_button.isEnabled()
    dialog.confirm.setText("khổng  minh tuệ")
    assert dialog.erase_button.isEnabled()
    shoot(dialog, "member-erase-dialog")
    dialog.erase_button.click()
    wait_idle(qtbot, state)
    qtbot.waitUntil(lambda: editor.detail.erased_at is not None)
    assert editor.w["full_name"].text().startswith("Đoàn viên đã xóa dữ liệu #")
    assert editor.w["id_number"].text() == "" and not editor.w["full_name"].isEnabled()
    assert editor.notice.isVisible() and "đã được xóa" in editor.notice.text()
    assert not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert not p.erase_button.isEnabled()
    last_box().close()
    shoot(editor, "member-editor-erased")
    assert state.members.count(MemberQuery(search="khong minh tue", status=None)) == 0


def test_retention_period_is_set_in_the_accounts_tab(qtbot, state):
    from desktop.views.accounts_form import AccountsForm
    accounts(state)
    form = AccountsForm(state)
    qtbot.addWidget(form)
    assert form.retention.value() == 5
    form.retention.setValue(7)
    form.save_retention()
    wait_idle(qtbot, state)
    assert PersonalDataService(state.ctx).retention_years() == 7
    assert "7 năm" in form.note.text()
    shoot(form, "accounts-retention")


def test_a_full_disk_while_saving_is_said_and_nothing_is_lost(qtbot, state, vietnamese):
    mid = add(state)
    editor = editor_for(qtbot, state, mid)
    free = fill_database(state.ctx)
    # a long note (as long as a note may be) needs new pages the disk does not have
    editor.set_value("notes", "Ghi chú dài. " * 380)  # within the note's 5.000 characters
    editor.save()
    wait_idle(qtbot, state)
    box = last_box()
    assert "đã đầy" in box.text() and str(state.ctx.db.path) in box.text()
    assert editor.isVisible()  # the form stays open with what was typed, to save again later
    shoot(box, "member-save-disk-full")
    box.close()
    free()
    assert state.members.get(mid).data.notes is None
    editor.save()
    wait_idle(qtbot, state)
    assert state.members.get(mid).data.notes.startswith("Ghi chú dài.")


def test_saving_a_pdf_or_a_list_into_a_read_only_folder(qtbot, state, tmp_path, read_only):
    from desktop.services.documents.service import Documents
    from desktop.views.members_page import MembersPage
    from desktop.views.print_preview import PrintPreviewDialog
    mid = add(state)
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "so.pdf").write_bytes(b"%PDF-1.4 an earlier file")
    (usb / "danh-sach.xlsx").write_bytes(b"an earlier list")
    pdf = tmp_path / "ledger.pdf"
    Documents(state.ctx).ledger(mid, pdf)
    read_only(usb)

    preview = PrintPreviewDialog(str(pdf), "Sổ theo dõi đoàn phí")
    qtbot.addWidget(preview)
    assert preview.save_to(usb / "so.pdf") is None
    box = last_box()
    assert "chỉ đọc" in box.text() and str(usb) in box.text()
    shoot(box, "save-pdf-read-only-folder")
    box.close()
    preview.reject()

    page = MembersPage(state)
    qtbot.addWidget(page)
    page.export_to(str(usb / "danh-sach.xlsx"))
    wait_idle(qtbot, state)
    box = last_box()
    assert "chỉ đọc" in box.text() and "danh-sach.xlsx" in box.text()
    box.close()
    assert files_in(usb) == {"danh-sach.xlsx": b"an earlier list", "so.pdf": b"%PDF-1.4 an earlier file"}
