"""The statement import dialog as the accountant uses it: the preview (nothing written),
the lines matched for sure ticked, a line without a match recorded by choosing its item of
spending, the ticked lines written, and the same file shown again as already imported."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desktop.models import BankEntry
from desktop.services.bank.accounts import AccountInput, BankAccountService
from desktop.services.core.context import open_context
from desktop.views import dialogs
from desktop.views.bank_import_dialog import STATE, TICK, BankImportDialog
from tests.desktop.services.dues_helpers import add_member, setup_unit
from tests.desktop.services.test_bank_statement_import import monthly, ref, vcb
from tests.desktop.views.conftest import last_box, wait_idle


@pytest.fixture
def office(qtbot, tmp_path):
    from desktop.views.app_state import AppState
    ctx = open_context(tmp_path / "unit.sqlite3")
    setup_unit(ctx)
    st = AppState(ctx)
    yield st
    wait_idle(qtbot, st)
    st.runner.shutdown()
    ctx.close()


def entries(ctx):
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(BankEntry))


def test_preview_tick_choose_and_record(qtbot, office, tmp_path):
    ctx = office.ctx
    account = BankAccountService(ctx).add(AccountInput(
        kind="bank", bank_bin="970436", account_number="0011001234567", account_name="CĐCS PHÚ LÂM",
        opening_date=date(2026, 1, 1), opening_balance=1_000_000)).id
    lan = add_member(ctx, "Nguyễn Thị Lan")
    path = vcb(tmp_path / "vcb.xlsx", [
        (date(2026, 3, 2), monthly(ctx, lan), 0, f"{ref(ctx, lan)} doan phi"),
        (date(2026, 3, 3), 5_000_000, 0, "LDLD CHUYEN KINH PHI CONG DOAN"),
        (date(2026, 3, 4), 0, 20_000, "CHI TIEP KHACH")])
    d = BankImportDialog(office, account, str(path))
    qtbot.addWidget(d)
    d.show()
    d.start()
    qtbot.waitUntil(lambda: d.preview is not None, timeout=30000)
    ticks = [d.table.item(i, TICK).checkState() for i in range(3)]
    assert ticks == [Qt.CheckState.Checked, Qt.CheckState.Checked, Qt.CheckState.Unchecked]
    assert entries(ctx) == 0 and "khớp" in d.balance.text()
    combo = d.combos[2]
    combo.setCurrentIndex(next(i for i in range(combo.count()) if "Quản lý, hành chính" in combo.itemText(i)))
    assert d.table.item(2, TICK).checkState() == Qt.CheckState.Checked
    assert set(d.choices()) == {5, 6, 7}
    before = list(dialogs._open)  # a box an earlier test left open is not this one
    d.commit()
    qtbot.waitUntil(lambda: any(b not in before for b in dialogs._open), timeout=30000)  # the "written" message
    assert "3 dòng" in last_box().text()
    last_box().accept()
    wait_idle(qtbot, office)
    assert entries(ctx) == 3
    qtbot.waitUntil(lambda: d.table.item(0, STATE) is not None and d.table.item(0, STATE).text() == "Đã nhập",
                    timeout=30000)
    assert not d.commit_button.isEnabled()
