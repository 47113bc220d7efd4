from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop.services.members.service import MemberQuery
from desktop.views.main_window import MainWindow
from desktop.views.member_editor import MemberEditor
from tests.desktop.views.conftest import last_box, shoot, wait_idle


def open_window(qtbot, state):
    w = MainWindow(state)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_window_lists_and_searches(qtbot, state, vietnamese):
    w = open_window(qtbot, state)
    page = w.members_page
    total = state.members.count(MemberQuery())
    assert page.model.total == total
    assert page.model.rowCount() == min(total, 200)
    assert page.count_label.text() == f"{total} đoàn viên"
    shoot(w, "01-main-window")

    # lazy fetching: scrolling asks for more rows
    page.model.fetchMore()
    assert page.model.rowCount() == min(total, 400)

    page.search.setText("nguyen van")
    qtbot.waitUntil(lambda: page.model.total == state.members.count(MemberQuery(search="nguyen van")))
    names = [page.model.rows[i].full_name for i in range(page.model.rowCount())]
    from desktop.services.core.text import fold
    assert names and all("nguyen" in fold(n) and "van" in fold(n) for n in names)
    assert "Nguyễn Văn An" in names
    shoot(w, "02-search-nguyen-van")

    page.status_filter.setCurrentIndex(page.status_filter.findData("left"))
    assert all(r.status == "left" for r in page.model.rows)


def test_ctrl_f_focuses_search(qtbot, state):
    w = open_window(qtbot, state)
    w.action_find.trigger()
    assert w.members_page.search.hasFocus() or w.focusWidget() is w.members_page.search


def fill(editor, **values):
    for key, value in values.items():
        editor.set_value(key, value)


def test_add_member_through_editor(qtbot, state, vietnamese):
    w = open_window(qtbot, state)
    before = state.members.count()
    w.action_new.trigger()
    editor = w.findChild(MemberEditor)
    assert editor is not None and editor.isVisible()
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Lưu"
    # an empty form: problems named by field, nothing saved
    editor.save()
    assert "Họ và tên" in editor.problems.text()
    assert state.members.count() == before
    shoot(editor, "03-editor-errors")

    fill(editor, full_name="Hoàng Thị Yến", birth_date="07/03/1995", gender="Nữ",
         id_number="038195000123", phone="0987 654 321", salary="6.200.000", joined_date="01/06/2020")
    editor.save()
    wait_idle(qtbot, state)
    assert not editor.isVisible()
    assert state.members.count() == before + 1
    found = state.members.page(MemberQuery(search="hoang thi yen"))
    assert [r.full_name for r in found] == ["Hoàng Thị Yến"]
    d = state.members.get(found[0].id)
    assert d.data.salary == 6_200_000 and d.data.phone == "0987654321"
    # the page refreshed itself through data_changed
    assert w.members_page.model.total == before + 1


def test_duplicate_warning_then_save(qtbot, state):
    w = open_window(qtbot, state)
    existing = state.members.get(state.members.page(MemberQuery(), 0, 1)[0].id)
    editor = MemberEditor(state, None, w)
    qtbot.addWidget(editor)
    editor.open()
    v = existing.data
    fill(editor, full_name=v.full_name.upper(), gender=v.gender,
         birth_date=str(v.birth_date.year) if v.birth_year_only else v.birth_date.strftime("%d/%m/%Y"))
    editor.save()
    wait_idle(qtbot, state)
    box = last_box()
    assert "Có thể trùng" in box.text()
    before = state.members.count(MemberQuery(status=None))
    box.button(QMessageBox.StandardButton.Yes).click()
    wait_idle(qtbot, state)
    assert state.members.count(MemberQuery(status=None)) == before + 1


def test_same_cccd_is_refused(qtbot, state):
    existing = state.members.get(state.members.page(MemberQuery(), 0, 1)[0].id)
    editor = MemberEditor(state, None)
    qtbot.addWidget(editor)
    editor.open()
    v = existing.data
    fill(editor, full_name="Người Khác Hẳn", gender=v.gender, birth_date=v.birth_date.strftime("%d/%m/%Y"),
         id_number=v.id_number)
    before = state.members.count(MemberQuery(status=None))
    editor.save()
    wait_idle(qtbot, state)
    box = last_box()
    assert "trùng số giấy tờ" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert state.members.count(MemberQuery(status=None)) == before
    assert editor.isVisible()


def test_edit_member_and_history(qtbot, state):
    w = open_window(qtbot, state)
    page = w.members_page
    page.table.selectRow(0)
    mid = page.model.member_id(0)
    page.edit_selected()
    editor = w.findChild(MemberEditor)
    editor.set_value("phone", "0912000111")
    editor.save()
    wait_idle(qtbot, state)
    assert state.members.get(mid).data.phone == "0912000111"

    editor = MemberEditor(state, mid, w)
    qtbot.addWidget(editor)
    editor.open()
    editor.tabs.setCurrentIndex(2)
    editor.event_kind.setCurrentIndex(editor.event_kind.findData("suspended"))
    editor.event_date.setText("01/02/2026")
    editor.event_reason.setText("Nghỉ không hưởng lương 3 tháng")
    editor.event_decision.setText("15/QĐ-CĐCS")
    editor.add_event()
    wait_idle(qtbot, state)
    d = state.members.get(mid)
    assert d.status == "suspended" and d.events[-1].decision_number == "15/QĐ-CĐCS"
    assert editor.history.rowCount() == len(d.events)
    assert "Tạm dừng sinh hoạt" in editor.status_label.text()
    shoot(editor, "04-editor-history")


def test_qr_fills_form_without_saving(qtbot, state):
    editor = MemberEditor(state, None)
    qtbot.addWidget(editor)
    editor.open()
    before = state.members.count(MemberQuery(status=None))
    editor.qr_input.setText("001190012345|012345678|NGUYỄN THỊ MAI|15031990|Nữ|Số 5 ngõ 10 Phố Huế, Hai Bà Trưng, Hà Nội|20042021")
    editor.read_qr()
    assert editor.w["full_name"].text() == "Nguyễn Thị Mai"
    assert editor.w["birth_date"].text() == "15/03/1990"
    assert editor.w["id_issue_date"].text() == "20/04/2021"
    assert editor.w["gender"].currentData() == "Nữ"
    assert "Phố Huế" in editor.w["permanent_address"].text()
    assert editor.qr_result.isVisible() and "Nguyễn Thị Mai" in editor.qr_result.text()
    assert state.members.count(MemberQuery(status=None)) == before
    shoot(editor, "05-editor-qr")
    editor.qr_input.setText("this is not a qr code")
    editor.read_qr()
    assert "Không đọc được mã QR" in editor.qr_result.text()


def test_settings_dialog_edits_unit_and_groups(qtbot, state):
    w = open_window(qtbot, state)
    dialog = w.open_settings()
    dialog.unit_form.name.setText("CĐCS Công ty Điện tử Hòa Bình")
    dialog.groups.new_name.setText("Tổ Bảo vệ")
    dialog.groups.add_from_field()
    shoot(dialog, "06-settings")
    dialog.save()
    wait_idle(qtbot, state)
    assert state.units.get().name == "CĐCS Công ty Điện tử Hòa Bình"
    assert "Tổ Bảo vệ" in [g.name for g in state.units.groups()]
    assert w.members_page.group_filter.findText("Tổ Bảo vệ") >= 0
    assert "Hòa Bình" in w.windowTitle()


def test_removing_a_group_with_members_is_refused(qtbot, state):
    w = open_window(qtbot, state)
    dialog = w.open_settings()
    dialog.groups.list.setCurrentRow(0)
    dialog.groups.remove_button.click()
    dialog.save()
    wait_idle(qtbot, state)
    assert "còn" in dialog.error.text() and dialog.isVisible()


def test_english_is_selectable(qtbot, state, qapp):
    from desktop.views.i18n import install_translators
    install_translators(qapp, "en")
    try:
        w = open_window(qtbot, state)
        menus = [a.text() for a in w.menuBar().actions()]
        assert menus == ["&File", "&Members", "&Help"]
        assert w.members_page.add_button.text() == "Add member"
        assert w.members_page.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Full name"
        shoot(w, "12-main-window-english")
    finally:
        install_translators(qapp, "vi")


def test_dues_settings_and_law_in_settings(qtbot, state):
    w = open_window(qtbot, state)
    dialog = w.open_settings()
    dialog.tabs.setCurrentWidget(dialog.law)
    assert dialog.law.table.rowCount() >= 12  # the seeded law: rules, lương cơ sở, shares
    dialog.law.effective.setDate(__import__("PySide6.QtCore").QtCore.QDate(2027, 7, 1))
    dialog.law.value.setText("2.700.000")
    dialog.law.source.setText("Nghị định giả định")
    dialog.law.add()
    wait_idle(qtbot, state)
    assert any("2.700.000" in r.text for r in __import__("desktop.services.dues.law").services.dues.law.LawService(state.ctx).rows())
    shoot(dialog, "16-settings-law")
    dialog.tabs.setCurrentWidget(dialog.dues)
    dialog.dues.higher.setText("1")
    dialog.dues.rounding.setCurrentIndex(dialog.dues.rounding.findData(100))
    dialog.dues.place.setText("Biên Hòa")
    shoot(dialog, "17-settings-dues")
    dialog.save()
    wait_idle(qtbot, state)
    s = state.units.dues_settings()
    assert (s.higher_rate_percent, s.rounding, s.place) == ("1", 100, "Biên Hòa")


def test_backup_settings_in_settings(qtbot, state, tmp_path):
    from desktop.services.backup.service import backup_settings
    w = open_window(qtbot, state)
    dialog = w.open_settings()
    dialog.tabs.setCurrentWidget(dialog.backup)
    dialog.backup.folder.setText(str(tmp_path / "usb"))
    dialog.backup.keep.setValue(7)
    shoot(dialog, "23-settings-backup")
    dialog.save()
    wait_idle(qtbot, state)
    s = backup_settings(state.ctx)
    assert (s.folder, s.keep) == (tmp_path / "usb", 7)
    dialog = w.open_settings()
    (tmp_path / "a-file").write_text("not a folder")
    dialog.backup.folder.setText(str(tmp_path / "a-file" / "sub"))
    dialog.save()
    wait_idle(qtbot, state)
    assert dialog.isVisible() and dialog.error.text()


def test_user_guide_opens_with_its_pictures(qtbot, state):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument
    w = open_window(qtbot, state)
    dialog = w.open_help()
    text = dialog.browser.toPlainText()
    assert "Hướng dẫn sử dụng Sổ Công đoàn" in text and "Quét mã QR trên thẻ CCCD" in text
    for heading in ("Hoạt động và biên bản họp", "Trang chủ và báo cáo", "Đồng bộ với cấp trên",
                    "Tài khoản, quyền và nhật ký", "Dữ liệu cá nhân"):
        assert heading in text
    # Every picture the guide shows is there and loads, and the guide shows every picture there.
    import re

    from desktop.views.help_dialog import GUIDE
    shown = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", GUIDE.read_text(encoding="utf-8"))
    assert "images/13-dues-page.png" in shown and "images/30-activities-page.png" in shown
    assert {f"images/{p.name}" for p in (GUIDE.parent / "images").glob("*.png")} == set(shown)
    doc = dialog.browser.document()
    for name in shown:
        image = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None and not image.isNull(), name
    shoot(dialog, "24-user-guide")
