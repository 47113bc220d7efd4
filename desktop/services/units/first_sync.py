"""Whether this PC's first sync is still to finish: enrolled in a unit whose books are on
the server, its own empty set-up given way, and not all of the unit's data pulled yet
(the server stopped, the network cut, the app closed during it).

Such a PC must resume that pull. It must never set up a unit of its own (the setup
wizard, `congdoan init`): that would make a second unit row, sent to the server and to
every PC of the unit."""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

PENDING_KEY = "first_pull_pending"  # app_setting, set at enrolment, removed after a whole sync

FIRST_SYNC_MESSAGE = ("Máy này đã đăng ký đồng bộ với máy chủ nhưng chưa nhận xong dữ liệu của đơn vị lần đầu: "
                      "không khởi tạo đơn vị mới (sẽ thành một đơn vị thứ hai). Hãy đồng bộ để nhận tiếp "
                      "(mở ứng dụng, hoặc chạy 'congdoan sync now').")


def first_sync_unfinished(conn: Session | Connection) -> bool:
    """A PC enrolled by an older version has no
    mark: enrolled, never synced to the end, without a unit, and with part of the unit's
    data pulled (its cursor moved) means the same. Enrolled in a unit with nothing on the
    server yet (cursor 0), the first PC sets its unit up as usual."""
    row = conn.execute(text("SELECT server_device_id, last_sync_at, cursor FROM sync_state WHERE id = 1")).first()
    if row is None or not row[0]:
        return False
    if conn.execute(text("SELECT 1 FROM app_setting WHERE key = :k"), {"k": PENDING_KEY}).first():
        return True
    has_unit = conn.execute(text("SELECT 1 FROM unit WHERE deleted_at IS NULL LIMIT 1")).first() is not None
    return row[1] is None and not has_unit and (row[2] or 0) > 0
