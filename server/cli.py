"""congdoan-server: migrate, serve, and the administration commands of DESIGN.md.

The database comes from DATABASE_URL (default: a SQLite file in the data folder).
Exit code 0 on success, 1 on a user error (one line on stderr), 2 on bad usage."""

from __future__ import annotations

import argparse
import json
import sys

from server.config import database_url
from server.db import make_engine, make_sessions, migrate
from server.errors import ServiceError


def _sessions():
    engine = make_engine(database_url())
    return engine, make_sessions(engine)


def cmd_migrate(_args) -> None:
    engine = make_engine(database_url())
    migrate(engine)
    print("Đã cập nhật lược đồ cơ sở dữ liệu của máy chủ.")


def cmd_serve(args) -> None:
    import uvicorn

    engine = make_engine(database_url())
    migrate(engine)  # the embedded default works on a fresh machine with no setup
    engine.dispose()
    if args.workers > 1:
        uvicorn.run("server.app:app_from_env", factory=True, host=args.host, port=args.port, workers=args.workers,
                    proxy_headers=True, log_level=args.log_level)
    else:
        from server.app import create_app
        uvicorn.run(create_app(), host=args.host, port=args.port, proxy_headers=True, log_level=args.log_level)


def _in_tx(fn):
    engine, sessions = _sessions()
    try:
        with sessions() as s, s.begin():
            return fn(s)
    finally:
        engine.dispose()


def cmd_create_unit(args) -> None:
    from server.units.service import create_unit
    unit = _in_tx(lambda s: create_unit(s, args.code, args.name, args.parent))
    _out(args, {"code": unit.code, "name": unit.name, "path": unit.path}, f"Đã tạo đơn vị {unit.code} — {unit.name}.")


def cmd_create_admin(args) -> None:
    from server.accounts.rules import ROLES
    from server.accounts.service import create_account
    admin = _in_tx(lambda s: create_account(s, args.unit, args.username, args.password, args.role))
    _out(args, {"username": admin.username, "role": admin.role},
         f"Đã tạo tài khoản {admin.username} ({ROLES[admin.role].lower()}).")


def cmd_enroll_code(args) -> None:
    from server.devices.service import make_enroll_code
    code = _in_tx(lambda s: make_enroll_code(s, args.unit, args.hours))
    _out(args, {"code": code}, code)


def cmd_revoke_device(args) -> None:
    from server.devices.service import revoke
    device = _in_tx(lambda s: revoke(s, args.device))
    _out(args, {"device": device.id, "revoked": True}, f"Đã thu hồi quyền đồng bộ của máy {device.name}.")


def cmd_devices(args) -> None:
    from server.devices.service import devices_of
    from server.units.service import subtree, unit_by_code

    def run(s):
        return [{"id": d.id, "unit_id": d.unit_id, "number": d.number, "name": d.name,
                 "last_sync_at": d.last_sync_at.isoformat() if d.last_sync_at else None,
                 "revoked": d.revoked_at is not None}
                for d in devices_of(s, [u.id for u in subtree(s, unit_by_code(s, args.unit))])]
    rows = _in_tx(run)
    _out(args, rows, "\n".join(f"{r['id']}  {r['number']:>3}  {r['name']}  {r['last_sync_at'] or 'chưa đồng bộ'}"
                               f"{'  (đã thu hồi)' if r['revoked'] else ''}" for r in rows))


def cmd_restored(args) -> None:
    import server.units.models  # noqa: F401  (the counters' unit table, for the ORM)
    from server.sync.counter import mark_restored
    n = _in_tx(mark_restored)
    _out(args, {"units": n}, f"Đã ghi nhận máy chủ được khôi phục từ bản sao lưu ({n} đơn vị): ở lần đồng bộ tới, "
                             "mỗi máy gửi lại những gì máy chủ đã mất.")


def cmd_rebuild_rollups(args) -> None:
    from server.rollups.rebuild import rebuild
    from server.units.service import unit_by_code

    fixed = _in_tx(lambda s: rebuild(s, unit_by_code(s, args.unit) if args.unit else None))
    text = ("Số liệu tổng hợp khớp với dữ liệu đã lưu: không phải sửa gì." if not fixed else
            "Đã sửa số liệu tổng hợp theo dữ liệu đã lưu:\n" + "\n".join(
                f"  {code}: {n} chỉ tiêu" for code, n in sorted(fixed.items())))
    _out(args, {"corrected": fixed}, text)


def cmd_move_units(args) -> None:
    """Units moved by one decision, from a CSV (unit code, new parent code): all or nothing,
    every refused line named by its number in the file."""
    from server.units.moves import MovesRefused, move_units, read_csv

    try:
        with open(args.csv, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ServiceError("csv_unreadable", f"Không đọc được tệp {args.csv}: {exc}") from None
    lines, numbers, problems = read_csv(text)

    def run(s):
        try:
            moved = move_units(s, None, lines, args.decision, args.date, "dòng lệnh", numbers=numbers) if lines else []
        except MovesRefused as exc:
            raise MovesRefused(sorted(problems + exc.problems)) from None
        if problems or not lines:
            raise MovesRefused(problems or [(0, "tệp không có dòng nào để chuyển.")])
        return len(moved)

    n = _in_tx(run)
    _out(args, {"moved": n}, f"Đã chuyển {n} đơn vị theo quyết định số {args.decision}.")


def cmd_levels(args) -> None:
    """The levels of the hierarchy by name: listed, one added, one renamed."""
    from server.units.levels import add_level, levels, rename_level

    def run(s):
        if args.add:
            add_level(s, args.add, args.rank)
        if args.rename is not None:
            if not args.name:
                raise ServiceError("level_invalid", "Cần --name: tên mới của cấp.")
            rename_level(s, args.rename, args.name)
        return [{"id": lv.id, "rank": lv.rank, "name": lv.name} for lv in levels(s)]

    found = _in_tx(run)
    _out(args, found, "\n".join(f"{lv['id']:>3}  (bậc {lv['rank']})  {lv['name']}" for lv in found))


def cmd_set_level(args) -> None:
    from server.units.levels import set_level

    unit = _in_tx(lambda s: set_level(s, None, args.unit, args.level))
    _out(args, {"unit": unit.code, "level_id": unit.level_id}, f"Đã ghi cấp của đơn vị {unit.code}.")


def cmd_check_years(args) -> None:
    from sqlalchemy import select

    from server.sync.years import check
    from server.units.models import Unit
    from server.units.service import unit_by_code

    def run(s):
        units = [unit_by_code(s, args.unit)] if args.unit else list(s.scalars(select(Unit).order_by(Unit.code)))
        return [(u.code, c.year, c.matches, c.differences) for u in units for c in check(s, u.id)]

    found = _in_tx(run)
    text = "\n".join(f"{code} năm {year}: {'khớp' if ok else 'KHÔNG KHỚP — ' + diff}"
                     for code, year, ok, diff in found) or "Chưa đơn vị nào khoá sổ."
    _out(args, [{"unit": c, "year": y, "matches": ok, "differences": d} for c, y, ok, d in found], text)


def _out(args, obj, text: str) -> None:
    print(json.dumps(obj, ensure_ascii=False) if args.json else text)


def _positive_hours(text: str) -> float:
    from server.devices.service import MAX_CODE_HOURS

    try:
        hours = float(text)
    except ValueError:
        hours = float("nan")
    if not 0 < hours <= MAX_CODE_HOURS:
        raise argparse.ArgumentTypeError(f"cần một số giờ dương, tối đa {MAX_CODE_HOURS}: {text[:20]!r}")
    return hours


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable output")
    parser = argparse.ArgumentParser(prog="congdoan-server", description="Máy chủ đồng bộ Sổ Công đoàn")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", parents=[common], help="tạo/cập nhật lược đồ").set_defaults(fn=cmd_migrate)
    p = sub.add_parser("serve", parents=[common], help="chạy máy chủ")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--log-level", default="info")
    p.set_defaults(fn=cmd_serve)
    p = sub.add_parser("create-unit", parents=[common], help="tạo đơn vị")
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--parent")
    p.set_defaults(fn=cmd_create_unit)
    p = sub.add_parser("create-admin", parents=[common], help="tạo tài khoản quản trị của một đơn vị")
    p.add_argument("--unit", required=True)
    p.add_argument("--username", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--role", choices=["admin", "viewer"], default="admin",
                   help="admin: quản trị (mặc định); viewer: chỉ xem")
    p.set_defaults(fn=cmd_create_admin)
    p = sub.add_parser("enroll-code", parents=[common], help="mã đăng ký một lần cho máy mới của đơn vị")
    p.add_argument("unit")
    p.add_argument("--hours", type=_positive_hours, default=72, help="thời hạn của mã, số giờ dương (mặc định 72)")
    p.set_defaults(fn=cmd_enroll_code)
    p = sub.add_parser("revoke-device", parents=[common], help="thu hồi quyền đồng bộ của một máy")
    p.add_argument("device")
    p.set_defaults(fn=cmd_revoke_device)
    p = sub.add_parser("devices", parents=[common], help="các máy của đơn vị và cấp dưới")
    p.add_argument("unit")
    p.set_defaults(fn=cmd_devices)
    sub.add_parser("restored", parents=[common], help="chạy ngay sau khi khôi phục cơ sở dữ liệu từ bản sao lưu: "
                   "các máy gửi lại những gì máy chủ đã mất").set_defaults(fn=cmd_restored)
    p = sub.add_parser("rebuild-rollups", parents=[common], help="tính lại số liệu tổng hợp cho cấp trên từ dữ liệu "
                       "đã lưu (sau khi nâng cấp hay khôi phục), báo những gì đã sửa")
    p.add_argument("--unit", help="chỉ đơn vị này và các đơn vị dưới nó")
    p.set_defaults(fn=cmd_rebuild_rollups)
    p = sub.add_parser("move-units", parents=[common], help="chuyển các đơn vị (cùng đơn vị dưới chúng) sang đơn vị "
                       "cấp trên mới theo một quyết định, từ tệp CSV: mã đơn vị, mã đơn vị cấp trên mới")
    p.add_argument("csv", help="tệp CSV (UTF-8), mỗi dòng: mã đơn vị,mã đơn vị cấp trên mới")
    p.add_argument("--decision", required=True, help="số quyết định")
    p.add_argument("--date", required=True, help="ngày quyết định, dd/mm/yyyy: số liệu từ tháng đó thuộc cấp trên mới")
    p.set_defaults(fn=cmd_move_units)
    p = sub.add_parser("levels", parents=[common], help="các cấp của hệ thống công đoàn (tên là dữ liệu): xem, "
                       "thêm, đổi tên")
    p.add_argument("--add", metavar="TÊN", help="thêm một cấp")
    p.add_argument("--rank", type=int, default=4, help="thứ bậc của cấp thêm: 1 cao nhất (mặc định 4)")
    p.add_argument("--rename", metavar="SỐ", help="đổi tên cấp có số này (cùng --name)")
    p.add_argument("--name", help="tên mới")
    p.set_defaults(fn=cmd_levels)
    p = sub.add_parser("set-level", parents=[common], help="ghi cấp của một đơn vị (số cấp như lệnh levels in ra; "
                       "'' để bỏ)")
    p.add_argument("unit")
    p.add_argument("level")
    p.set_defaults(fn=cmd_set_level)
    p = sub.add_parser("check-years", parents=[common], help="tính lại sổ sách các năm đã khoá sổ từ dữ liệu đã đồng bộ "
                       "và so với lúc khoá sổ (khớp / không khớp)")
    p.add_argument("--unit", help="chỉ đơn vị này")
    p.set_defaults(fn=cmd_check_years)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.fn(args)
    except ServiceError as exc:
        print(exc.detail, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
