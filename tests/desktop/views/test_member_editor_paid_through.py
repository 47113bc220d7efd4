"""The member editor shows and edits "Đã đóng đến tháng" (issue 12, item 9): the month
up to which the member paid dues on paper before the app."""

from datetime import date

from desktop.views.member_editor import MemberEditor
from tests.desktop.views.conftest import shoot, wait_idle


def editor_for(qtbot, state, mid):
    editor = MemberEditor(state, mid)
    qtbot.addWidget(editor)
    editor.open()
    qtbot.waitExposed(editor)
    return editor


def test_the_editor_shows_and_edits_the_month_paid_through(qtbot, state, vietnamese):
    mid = state.members.add({"full_name": "Khổng Minh Tuệ", "birth_date": "12/05/1990", "gender": "Nam",
                             "salary": "9.000.000", "dues_paid_through": "6/2026"}, confirm_similar=True).id
    editor = editor_for(qtbot, state, mid)
    field = editor.w["dues_paid_through"]
    assert field.text() == "06/2026"
    editor.tabs.setCurrentIndex(1)
    shoot(editor, "member-editor-paid-through")

    field.setText("tháng 13/2026")
    editor.tabs.setCurrentIndex(0)
    editor.save()
    wait_idle(qtbot, state)
    assert "Đã đóng đến tháng" in editor.problems.text() and "13/2026" in editor.problems.text()
    assert editor.tabs.currentIndex() == 1 and editor.isVisible()
    assert state.members.get(mid).data.dues_paid_through == date(2026, 6, 1)

    field.setText("T5/2026")
    editor.save()
    wait_idle(qtbot, state)
    assert not editor.isVisible()
    assert state.members.get(mid).data.dues_paid_through == date(2026, 5, 1)

    editor = editor_for(qtbot, state, mid)
    editor.w["dues_paid_through"].setText("")
    editor.save()
    wait_idle(qtbot, state)
    assert state.members.get(mid).data.dues_paid_through is None
