"""One member's personal data (services/personal_data):

    congdoan member export ID --out FILE.pdf|.xlsx|.json
    congdoan member erase ID [--confirm "FULL NAME"]      (the chair only)
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import AddCommand, Subcommands, UserError, database, out


def cmd_member_export(args: argparse.Namespace) -> None:
    from desktop.services.personal_data.service import PersonalDataService

    with database(args) as ctx:
        path = PersonalDataService(ctx).export(args.id, args.out)
    out(args, {"member_id": args.id, "file": str(path)}, f"Đã xuất dữ liệu cá nhân của đoàn viên {args.id} ra {path}")


def cmd_member_erase(args: argparse.Namespace) -> None:
    from desktop.services.core.permissions import require
    from desktop.services.members.service import MemberService
    from desktop.services.personal_data.service import PersonalDataService

    with database(args) as ctx:
        require(ctx, "erase")
        svc = PersonalDataService(ctx)
        check = svc.check_erasure(args.id)
        if not check.allowed:
            raise UserError(check.reason)
        confirm = args.confirm
        if confirm is None:
            if not sys.stdin.isatty():
                raise UserError(f"Xóa dữ liệu cá nhân không hoàn tác được: thêm --confirm \"{check.full_name}\" "
                                "(họ tên đoàn viên) để xác nhận.")
            confirm = input(f"Xóa hẳn dữ liệu cá nhân của {check.full_name} (không hoàn tác được; phiếu thu và "
                            "đoàn phí đã nộp được giữ). Gõ lại họ tên để xác nhận: ")
        done = svc.erase(args.id, confirm=confirm)
        d = MemberService(ctx).get(args.id)
    out(args, {"member_id": args.id, "erased_at": done.erased_at, "full_name": d.data.full_name,
               "left_on": done.left_on},
        f"Đã xóa dữ liệu cá nhân của đoàn viên {args.id} (nay ghi là “{d.data.full_name}”). "
        "Phiếu thu và đoàn phí đã nộp được giữ nguyên; việc xóa đã ghi vào nhật ký thay đổi.")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    member = sub.add_parser("member", help="dữ liệu cá nhân của một đoàn viên").add_subparsers(dest="sub",
                                                                                             required=True)
    c = cmd(member, "export", cmd_member_export, "xuất mọi dữ liệu công đoàn lưu về một đoàn viên (PDF, Excel, JSON)")
    c.add_argument("id", help="mã đoàn viên")
    c.add_argument("--out", required=True, help="tệp .pdf (để in trao cho đoàn viên), .xlsx hoặc .json")
    c = cmd(member, "erase", cmd_member_erase,
            "xóa dữ liệu cá nhân của người đã rời công đoàn quá thời hạn lưu giữ (chỉ Chủ tịch)")
    c.add_argument("id", help="mã đoàn viên")
    c.add_argument("--confirm", help="họ tên đoàn viên, gõ lại để xác nhận (không có thì hỏi)")
