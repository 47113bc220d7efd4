"""congdoan sync enroll | now | status: the sync from the command line (DESIGN.md)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli.common import AddCommand, Subcommands, database, out
from desktop.services.sync.service import SyncService, SyncStatus


def _status_json(st: SyncStatus) -> dict[str, Any]:
    return {"enrolled": st.enrolled, "server": st.server_url, "unit_code": st.unit_code, "unit_name": st.unit_name,
            "device_number": st.device_number, "pending": st.pending, "rejected": st.rejected,
            "open_conflicts": st.open_conflicts,
            "last_sync_at": st.last_sync_at.isoformat(sep=" ", timespec="seconds") + "Z" if st.last_sync_at else None,
            "last_error": st.last_error, "cursor": st.cursor}


def cmd_sync_enroll(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        st = SyncService(ctx).enroll(args.server, args.code, args.name)
    out(args, _status_json(st), f"Đã đăng ký máy số {st.device_number} của {st.unit_name} ({st.unit_code}) với "
                                 f"{st.server_url}. {st.pending} thay đổi sẽ được gửi ở lần đồng bộ đầu tiên.")


def cmd_sync_now(args: argparse.Namespace) -> None:
    def progress(phase: str, done: int, total: int, transfer=None) -> None:
        if args.json or not sys.stderr.isatty():
            return
        if transfer is not None:  # a first sync's download, a large upload: rows, MB, time left
            what = "Gửi dữ liệu lên máy chủ" if phase == "push" else "Nhận dữ liệu của đơn vị"
            print(f"\r\033[K{what}: {transfer.describe()}", end="", file=sys.stderr, flush=True)
            return
        word = "Gửi" if phase == "push" else "Nhận"
        print(f"\r\033[K{word}: {done}/{total}", end="", file=sys.stderr, flush=True)

    with database(args) as ctx:
        svc = SyncService(ctx)
        report = svc.sync_now(progress=progress, wait=args.wait)
        st = svc.status()
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    obj = {"pushed": report.pushed, "rejected": report.rejected, "pulled": report.pulled,
           "conflicts": report.conflicts, "requests": report.requests, "bytes_sent": report.bytes_sent,
           "bytes_received": report.bytes_received, "seconds": round(report.seconds, 3), "status": _status_json(st)}
    text = f"Đã đồng bộ: gửi {report.pushed}, nhận {report.pulled} thay đổi."
    if report.rejected:
        text += f" Máy chủ từ chối {report.rejected} thay đổi (xem trang Cần xem xét)."
    if st.open_conflicts:
        text += f" {st.open_conflicts} chỗ hai máy cùng sửa cần xem xét."
    obj["problems"] = report.problems
    text += "".join(f"\n{p}" for p in report.problems)
    out(args, obj, text)


def cmd_sync_status(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        st = SyncService(ctx).status()
    if not st.enrolled:
        text = "Máy này chưa đăng ký đồng bộ (congdoan sync enroll --server URL --code MÃ)."
    else:
        last = st.last_sync_at.isoformat(sep=" ", timespec="minutes") + " UTC" if st.last_sync_at else "chưa"
        text = (f"{st.unit_name} ({st.unit_code}), máy số {st.device_number}, máy chủ {st.server_url}\n"
                f"Đồng bộ gần nhất: {last}; chờ gửi: {st.pending}; bị từ chối: {st.rejected}; "
                f"cần xem xét: {st.open_conflicts}" + (f"\nLỗi lần trước: {st.last_error}" if st.last_error else ""))
    out(args, _status_json(st), text)


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    sync = sub.add_parser("sync", help="đồng bộ với máy chủ").add_subparsers(dest="sub", required=True)
    c = cmd(sync, "enroll", cmd_sync_enroll, "đăng ký máy này với máy chủ bằng mã một lần")
    c.add_argument("--server", required=True, help="địa chỉ máy chủ, ví dụ https://dongbo.congdoan.vn")
    c.add_argument("--code", required=True, help="mã đăng ký do cấp trên cấp")
    c.add_argument("--name", help="tên máy này (mặc định: tên máy tính)")
    c = cmd(sync, "now", cmd_sync_now, "đồng bộ ngay")
    c.add_argument("--wait", type=float, default=0, help="đợi lần đồng bộ khác đang chạy tối đa N giây")
    cmd(sync, "status", cmd_sync_status, "tình trạng đồng bộ")
