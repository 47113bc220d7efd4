"""`congdoan --smoke-test`: what a freshly built (or frozen) program must be able to do —
create and migrate a database, search, hash and check a password, render a receipt PDF with Vietnamese text, open
the main window — then exit 0. It works on a temporary database and never touches the
user's data."""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def run_smoke_test() -> int:
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="congdoan-smoke-"))
    try:
        from desktop.services.context import open_context
        from desktop.services.demo import make_demo
        from desktop.services.documents import Documents
        from desktop.services.dues import DuesService
        from desktop.services.members import MemberQuery, MemberService

        ctx = open_context(folder / "smoke.sqlite3")
        make_demo(ctx, 60)
        members = MemberService(ctx)
        found = members.page(MemberQuery(search="nguyen"), 0, 5)
        assert found, "search found nobody"
        month = date.today().replace(day=1)
        doc = DuesService(ctx).pay(found[0].id, [month], payer_name="Nguyễn Thị Ánh Tuyết")
        pdf = folder / "phieu-thu.pdf"
        Documents(ctx).receipts([doc], pdf)
        import pypdfium2 as pdfium
        text = pdfium.PdfDocument(str(pdf))[0].get_textpage().get_text_range()
        assert "PHIẾU THU" in text and "Nguyễn Thị Ánh Tuyết" in text, "the receipt lost its Vietnamese text"
        from desktop.services.accounts import AccountService
        accounts = AccountService(ctx)  # argon2 and its C binding made it into the build
        accounts.add("chutich", "mật khẩu thử 1", "chair", "Chủ tịch")
        assert accounts.verify("chutich", "mật khẩu thử 1").role == "chair", "a password did not verify"

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
        assert window.members_page.model.total > 0
        window.close()
        state.runner.shutdown()
        ctx.close()
    except Exception as exc:  # the build script reads the exit code and this line
        print(f"smoke test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"smoke test ok: database, search, receipt PDF and main window in {time.perf_counter() - started:.1f} s")
    return 0
