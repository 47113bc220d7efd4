"""`congdoan --smoke-test [--db FILE]`: what a freshly built (or frozen) program must be
able to do — open or create a database and migrate it, search, hash and check a password,
render a receipt PDF with Vietnamese text, open the main window — then exit 0.

Without --db it works on a temporary database and never touches the user's data.
With --db FILE (what installer/build_linux.sh and the Windows workflow pass) it opens that
file, creating it if needed, and migrates it (after the usual backup before a migration).
A file without a unit yet gets demo data and a receipt, as the temporary database does.
A file that already holds a unit is only read: no receipt is issued in its books and no
account is added; the receipt PDF is rendered from a sample that is not saved."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PAYER = "Nguyễn Thị Ánh Tuyết"


def run_smoke_test(db: str | Path | None = None) -> int:
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="congdoan-smoke-"))
    path = Path(db) if db else folder / "smoke.sqlite3"
    ctx = None
    try:
        from desktop.services.core.context import open_context
        from desktop.services.demo.service import make_demo
        from desktop.services.documents.service import Documents
        from desktop.services.dues.service import DuesService
        from desktop.services.members.service import MemberQuery, MemberService
        from desktop.services.units.service import UnitService

        ctx = open_context(path)
        fresh = not UnitService(ctx).is_set_up()
        if fresh:
            make_demo(ctx, 60)
        members = MemberService(ctx)
        if fresh:
            found = members.page(MemberQuery(search="nguyen"), 0, 5)
            assert found, "search found nobody"
            month = date.today().replace(day=1)
            doc = DuesService(ctx).pay(found[0].id, [month], payer_name=PAYER)
        else:
            _search_existing(members)
            doc = _sample_receipt()
        pdf = folder / "phieu-thu.pdf"
        Documents(ctx).receipts([doc], pdf)
        import pypdfium2 as pdfium
        text = pdfium.PdfDocument(str(pdf))[0].get_textpage().get_text_range()
        assert "PHIẾU THU" in text and PAYER in text, "the receipt lost its Vietnamese text"
        if db is None:
            from desktop.services.units.accounts import AccountService
            accounts = AccountService(ctx)  # argon2 and its C binding made it into the build
            accounts.add("chutich", "mật khẩu thử 1", "chair", "Chủ tịch")
            assert accounts.verify("chutich", "mật khẩu thử 1").role == "chair", "a password did not verify"
        else:  # no account with a known password is left in a file someone named
            from argon2 import PasswordHasher
            hasher = PasswordHasher()
            assert hasher.verify(hasher.hash("mật khẩu thử 1"), "mật khẩu thử 1"), "a password did not verify"

        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from desktop.views.app_state import AppState
        from desktop.views.main_window import MainWindow
        # The window's remembered size and the like go to the temporary folder too.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        state = AppState(ctx)
        window = MainWindow(state)
        window.show()
        app.processEvents()
        assert window.isVisible()
        if fresh:
            assert window.members_page.model.total > 0
        window.close()
        state.runner.shutdown()
    except Exception as exc:  # noqa: BLE001  whatever fails, the build script reads the exit code and this line
        print(f"smoke test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        if ctx is not None:
            ctx.close()
        shutil.rmtree(folder, ignore_errors=True)
    where = path if db else "temporary database"
    print(f"smoke test ok: database ({where}), search, receipt PDF and main window "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


def _search_existing(members) -> None:
    """The first member on the list is found by the name typed without diacritics."""
    from desktop.services.core.text import fold
    from desktop.services.members.service import MemberQuery

    first = next(iter(members.page(MemberQuery(), 0, 1)), None)
    if first is None:
        members.page(MemberQuery(search="nguyen"), 0, 5)  # nobody to find, but the search runs
        return
    found = members.page(MemberQuery(search=fold(first.full_name)), 0, 200)
    assert first.id in {m.id for m in found}, f"search did not find “{first.full_name}”"


def _sample_receipt():
    """A receipt that is printed, never saved: the unit's own books stay as they are."""
    from desktop.services.cash.service import DocInfo

    return DocInfo(id="smoke-test", kind="thu", book_code="THU", number=1, doc_date=date.today(),
                   category="thu_khac", person_name=PAYER, address=None,
                   reason="In thử phiếu thu (kiểm tra bản cài đặt, không lưu)", amount=50_000,
                   attachments=None, debit_account=None, credit_account=None, member_id=None,
                   voided=False, void_reason=None, void_date=None)
