"""Turning errors into messages a treasurer understands; the unexpected ones are logged
with their details and shown in one dialog."""

from __future__ import annotations

import errno
import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.services.core.errors import DomainError
from desktop.views.dialogs import Icon, message, warn

log = logging.getLogger("congdoan")
LOG_PATH: list[str] = []  # set by app.setup_logging


def message_for(exc: BaseException) -> str:
    if isinstance(exc, DomainError):
        return exc.message
    if isinstance(exc, PermissionError) or (isinstance(exc, OSError) and exc.errno == errno.EROFS):
        return QCoreApplication.translate(
            "Errors", "Tệp hoặc thư mục chỉ đọc, không có quyền ghi: {0}").format(exc.filename or exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return QCoreApplication.translate(
            "Errors", "Ổ đĩa đã đầy: không ghi được {0}. Dữ liệu đã lưu trước đó không bị ảnh hưởng.").format(
            exc.filename or "")
    if isinstance(exc, OSError):
        return QCoreApplication.translate("Errors", "Không đọc/ghi được tệp: {0}").format(exc)
    return ""


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    text = message_for(exc)
    if text:
        warn(parent, title or QCoreApplication.translate("Errors", "Không thực hiện được"), text)
        return
    show_unexpected(parent, exc)


_unexpected: list = []  # the box last opened for an unexpected error


def _box_open() -> bool:
    try:
        return bool(_unexpected) and _unexpected[0].isVisible()
    except RuntimeError:  # closed and destroyed with its parent window
        return False


def show_unexpected(parent: QWidget | None, exc: BaseException) -> None:
    """Logged with its traceback, and told in one box: errors that follow while it is
    open (a failing timer repeats its error) go to the log only, not into a pile of boxes."""
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("Lỗi không mong muốn:\n%s", details)
    if _box_open():
        return
    _unexpected[:] = [message(parent, Icon.Critical, QCoreApplication.translate("Errors", "Lỗi không mong muốn"),
            QCoreApplication.translate("Errors", "Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.\n"
               "Chi tiết đã được ghi vào nhật ký: {0}").format(LOG_PATH[0] if LOG_PATH else ""),
            details=details)]
