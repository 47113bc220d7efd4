"""Settings → Tài khoản kế toán: every kind with its pair cash and bank apart, the unit's
own saved and reset from the tab, the law's pairs not editable."""

from desktop.services.cash import CASH, AccountPairs
from tests.desktop.views.conftest import shoot, wait_idle


def _row(form, kind, place):
    return next(i for i, p in enumerate(form.rows) if (p.kind, p.place) == (kind, place))


def test_the_tab_sets_and_resets_a_pair(qtbot, state):
    from desktop.views.account_pairs_form import AccountPairsForm
    form = AccountPairsForm(state)
    qtbot.addWidget(form)
    form.resize(760, 520)
    form.show()
    qtbot.waitExposed(form)
    assert form.table.rowCount() == len(AccountPairs(state.ctx).list()) == 24

    form.table.selectRow(_row(form, "nop_ngan_hang", CASH))  # set by law
    assert not form.debit.isEnabled() and not form.save_button.isEnabled()

    form.table.selectRow(_row(form, "hoat_dong", CASH))
    assert (form.debit.text(), form.credit.text()) == ("3371", "111") and not form.reset_button.isEnabled()
    form.debit.setText("611")
    form.note.setText("Hướng dẫn số 12/HD-LĐLĐ")
    form.save_button.click()
    wait_idle(qtbot, state)
    qtbot.waitUntil(lambda: form.table.item(_row(form, "hoat_dong", CASH), 2).text() == "611")
    assert form.reset_button.isEnabled() and form.table.currentRow() == _row(form, "hoat_dong", CASH)
    shoot(form, "settings-account-pairs")

    form.credit.setText("611")
    form.save_button.click()
    wait_idle(qtbot, state)
    qtbot.waitUntil(lambda: "cùng là 611" in form.error.text())

    form.reset_button.click()
    wait_idle(qtbot, state)
    qtbot.waitUntil(lambda: form.table.item(_row(form, "hoat_dong", CASH), 2).text() == "3371")
    assert not form.reset_button.isEnabled()
