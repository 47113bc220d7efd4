"""The members' list:

    congdoan members import FILE.xlsx|.xls|.csv [--report OUT.xlsx] [--create-groups] [--sheet NAME]
                            [--map "COLUMN=field" …] [--map-file FILE]
    congdoan members export FILE.xlsx [--search TEXT] [--status STATUS] [--group NAME]
    congdoan members list [--search TEXT] [--status STATUS] [--group NAME]
    congdoan members show ID
    congdoan members add --name TEXT --birth DATE --gender Nam|Nữ [--cccd …] [--group NAME] …
    congdoan members transfer-out MEMBER --to UNIT_CODE --date D [--reason TEXT] [--with-personal-data]
    congdoan members transfers [--in | --out] [--pending]
    congdoan members transfer-accept ID | transfer-decline ID --reason TEXT
    congdoan members transfer-redirect ID --to UNIT_CODE     (a transfer the server refused or has not taken)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.cli.common import AddCommand, Subcommands, UserError, database, group_id, optional_date, out
from desktop.services.core.context import Context
from desktop.services.core.dates import format_date
from desktop.services.core.errors import DuplicateMemberError
from desktop.services.core.money import format_money
from desktop.services.members.service import MemberDetail, MemberQuery, MemberRow, MemberService
from desktop.services.members.transfer import TransferRow, TransferService
from protocol.tables import STATUS_LABELS


def member_json(d: MemberDetail) -> dict[str, Any]:
    data = asdict(d.data)
    data.pop("first_event", None)
    return {"id": d.id, **data, "group": d.group_name, "status": d.status,
            "status_label": d.status_label, "hidden": sorted(d.hidden), "erased_at": d.erased_at,
            "events": [{"kind": e.kind, "label": e.label, "date": e.event_date, "reason": e.reason,
                        "decision_number": e.decision_number} for e in d.events]}


def _progress_printer(args: argparse.Namespace, what: str) -> Callable[[int, int], None] | None:
    if args.json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r{what}: {done}/{total}", end="", file=sys.stderr, flush=True)
    return show


def _overrides(args: argparse.Namespace) -> list[str]:
    """The --map options, then the lines of --map-file (blank lines and # comments left out)."""
    overrides = list(args.map or [])
    if args.map_file:
        try:
            text = Path(args.map_file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise UserError(f"Không đọc được tệp cách nhập cột {args.map_file}.") from exc
        overrides += [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return overrides


def cmd_members_import(args: argparse.Namespace) -> None:
    from desktop.services.members.importing import (
        MemberImport,
        MissingGroupsError,
        apply_overrides,
        nothing_imported,
    )

    with database(args) as ctx:
        importer = MemberImport(ctx)
        progress = _progress_printer(args, "Đọc")
        overrides = _overrides(args)
        if overrides:
            sheet, rows, guess = importer.read(args.file, args.sheet)
            mapping = apply_overrides(guess, overrides)
            preview = importer.preview(args.file, sheet=sheet, mapping=mapping, rows=rows, guess=guess,
                                       progress=progress)
        else:
            preview = importer.preview(args.file, sheet=args.sheet, progress=progress)
        if preview.new_groups and not args.create_groups:
            raise UserError(MissingGroupsError(preview.groups_to_make()).message)
        result = importer.commit(preview, report=args.report, progress=progress, create_groups=args.create_groups)
    if not result.imported:
        why = nothing_imported(preview)
        if result.report:
            why += f" Danh sách dòng không nhập: {result.report}"
        raise UserError(why)
    text = (f"Đã nhập {result.imported} đoàn viên; {result.rejected} dòng lỗi, {result.duplicates} dòng trùng "
            f"(không nhập), {result.skipped} dòng trống, tổng cộng, ký tên bỏ qua.")
    if result.groups_created:
        text += "\nĐã tạo tổ: " + ", ".join(result.groups_created)
    if result.report:
        text += f"\nDanh sách dòng không nhập: {result.report}"
    elif result.rejected or result.duplicates:
        text += "\nThêm --report TỆP.xlsx để có danh sách dòng không nhập kèm lý do."
    out(args, result.as_dict(), text)


def _query(args: argparse.Namespace, ctx: Context) -> MemberQuery:
    status = getattr(args, "status", None) or "current"
    if status not in ("current", "all", *STATUS_LABELS):
        raise UserError(f"Trạng thái “{status}” không có; chọn: current, all, {', '.join(STATUS_LABELS)}.")
    return MemberQuery(search=getattr(args, "search", None) or "", status=None if status == "all" else status,
                       group_id=group_id(ctx, getattr(args, "group", None)))


def cmd_members_export(args: argparse.Namespace) -> None:
    from desktop.services.members.export import export_members

    with database(args) as ctx:
        n = export_members(ctx, args.file, _query(args, ctx))
    out(args, {"exported": n, "file": str(args.file)}, f"Đã xuất {n} đoàn viên ra {args.file}")


def cmd_members_list(args: argparse.Namespace) -> None:
    rows: list[MemberRow] = []
    with database(args) as ctx:
        svc = MemberService(ctx)
        q = _query(args, ctx)
        offset = 0
        while page := svc.page(q, offset, 5000):
            rows.extend(page)
            offset += len(page)
    if args.json:
        out(args, [{"id": r.id, "full_name": r.full_name, "birth_date": r.birth_text, "gender": r.gender,
                    "id_number": r.id_number, "group": r.group_name, "phone": r.phone,
                    "card_number": r.card_number, "status": r.status} for r in rows], "")
        return
    for r in rows:
        print("\t".join([r.id, r.full_name, r.birth_text, r.gender, r.id_number or "", r.group_name or "",
                         r.status_label]))
    print(f"{len(rows)} đoàn viên", file=sys.stderr)


def cmd_members_show(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        d = MemberService(ctx).get(args.id)
    v = d.data
    lines = [f"{v.full_name} ({d.status_label})", f"Mã: {d.id}",
             f"Ngày sinh: {format_date(v.birth_date, year_only=v.birth_year_only)}   Giới tính: {v.gender}",
             f"Số giấy tờ: {v.id_number or ''}   Tổ: {d.group_name or ''}   Số thẻ: {v.card_number or ''}",
             (f"Điện thoại: {v.phone or ''}   Tiền lương: "
              f"{'(ẩn)' if 'salary' in d.hidden else format_money(v.salary)}"), "Quá trình:"]
    if d.erased_at:
        lines.insert(1, f"Dữ liệu cá nhân đã được xóa ngày {format_date(d.erased_at.date())}.")
    lines += [f"  {format_date(e.event_date) or '(không rõ ngày)'}  {e.label}  {e.reason or ''}  {e.decision_number or ''}"
              for e in d.events]
    out(args, member_json(d), "\n".join(lines))


def cmd_members_add(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        raw = {"full_name": args.name, "birth_date": args.birth, "gender": args.gender, "id_number": args.cccd,
               "group_id": group_id(ctx, args.group), "salary": args.salary, "joined_date": args.joined,
               "phone": args.phone, "card_number": args.card, "dues_paid_through": args.paid_to}
        svc = MemberService(ctx)
        try:
            d = svc.add(raw, confirm_similar=args.allow_similar)
        except DuplicateMemberError as e:
            if not e.blocking:
                raise UserError(e.message.replace("\n", " ") + " Thêm --allow-similar nếu đúng là người khác.") from e
            raise
        warnings = svc.warnings(raw)
    for w in warnings:
        print(f"Lưu ý: {w}", file=sys.stderr)
    out(args, member_json(d), f"Đã thêm {d.data.full_name} (mã {d.id}).")


def transfer_json(r: TransferRow) -> dict[str, Any]:
    return {"id": r.id, "direction": r.direction, "member_id": r.member_id, "full_name": r.full_name,
            "from_unit": r.from_unit, "to_unit_code": r.to_unit_code, "transfer_date": r.transfer_date,
            "reason": r.reason, "with_personal_data": r.with_personal_data, "status": r.status,
            "status_label": r.status_label, "answered_at": r.answered_at.isoformat(sep=" ") if r.answered_at else None,
            "answer_reason": r.answer_reason, "member_data": r.member_data}


def _transfer_line(r: TransferRow) -> str:
    where = f"từ {r.from_unit}" if r.direction == "in" else f"đến {r.to_unit_code}"
    return "\t".join([r.id, r.direction_label, r.full_name, r.birth_text, where, format_date(r.transfer_date),
                      r.status_label, r.answer_reason or ""])


def cmd_members_transfer_out(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        r = TransferService(ctx).transfer_out(args.member, args.to, optional_date(args.date), reason=args.reason,
                                              with_personal_data=args.with_personal_data)
    out(args, transfer_json(r), f"Đã ghi chuyển sinh hoạt của {r.full_name} đến đơn vị {r.to_unit_code} "
                                f"(mã đề nghị {r.id}); đề nghị được gửi ở lần đồng bộ tới.")


def cmd_members_transfers(args: argparse.Namespace) -> None:
    direction = "in" if args.incoming else "out" if args.outgoing else None
    with database(args) as ctx:
        rows = TransferService(ctx).transfers(direction, "proposed" if args.pending else None)
    if args.json:
        out(args, [transfer_json(r) for r in rows], "")
        return
    for r in rows:
        print(_transfer_line(r))
    print(f"{len(rows)} đề nghị chuyển sinh hoạt", file=sys.stderr)


def cmd_members_transfer_accept(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        r = TransferService(ctx).accept(args.id)
    out(args, transfer_json(r), f"Đã nhận {r.full_name} chuyển đến (mã đoàn viên {r.member_id}).")


def cmd_members_transfer_decline(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        r = TransferService(ctx).decline(args.id, args.reason)
    out(args, transfer_json(r), f"Đã từ chối nhận {r.full_name}.")


def cmd_members_transfer_redirect(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        r = TransferService(ctx).redirect(args.id, args.to)
    out(args, transfer_json(r), f"Đề nghị chuyển {r.full_name} sẽ được gửi đến đơn vị {r.to_unit_code} ở lần đồng bộ tới.")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    members = sub.add_parser("members", help="đoàn viên").add_subparsers(dest="sub", required=True)
    c = cmd(members, "import", cmd_members_import, "nhập danh sách từ Excel")
    c.add_argument("file")
    c.add_argument("--report", help="tệp .xlsx ghi các dòng không nhập và lý do")
    c.add_argument("--create-groups", action="store_true",
                   help="tạo các tổ công đoàn có trong tệp mà đơn vị chưa có")
    c.add_argument("--sheet", help="chỉ nhập trang tính này (mặc định: trang có danh sách; mỗi trang một tổ "
                                   "khi tệp có nhiều trang danh sách)")
    c.add_argument("--map", action="append", metavar="CỘT=TRƯỜNG",
                   help="nhập cột (tiêu đề hoặc chữ cột, ví dụ “Ngày sinh Nữ” hoặc D) vào trường (ví dụ "
                        "birth_female, phone; để trống: không nhập); dùng nhiều lần")
    c.add_argument("--map-file", help="tệp văn bản, mỗi dòng một CỘT=TRƯỜNG như --map")
    for name, fn, help_ in (("export", cmd_members_export, "xuất danh sách ra Excel"),
                            ("list", cmd_members_list, "danh sách đoàn viên")):
        c = cmd(members, name, fn, help_)
        if name == "export":
            c.add_argument("file")
        c.add_argument("--search")
        c.add_argument("--status", help="current (mặc định), all, active, suspended, honorary, left…")
        c.add_argument("--group")
    c = cmd(members, "show", cmd_members_show, "xem một đoàn viên")
    c.add_argument("id")
    c = cmd(members, "add", cmd_members_add, "thêm đoàn viên")
    c.add_argument("--name", required=True)
    c.add_argument("--birth", required=True, help="ngày sinh (dd/mm/yyyy, yyyy-mm-dd hoặc năm)")
    c.add_argument("--gender", required=True, choices=["Nam", "Nữ", "Nu"])
    c.add_argument("--cccd")
    c.add_argument("--group")
    c.add_argument("--salary")
    c.add_argument("--joined")
    c.add_argument("--phone")
    c.add_argument("--card")
    c.add_argument("--paid-to", metavar="YYYY-MM",
                   help="đã đóng đoàn phí đến tháng này trước khi dùng phần mềm (không tính nợ đến hết tháng đó)")
    c.add_argument("--allow-similar", action="store_true", help="vẫn thêm khi trùng họ tên và ngày sinh")
    c = cmd(members, "transfer-out", cmd_members_transfer_out, "chuyển sinh hoạt đoàn viên sang đơn vị khác")
    c.add_argument("member", help="mã đoàn viên")
    c.add_argument("--to", required=True, help="mã đơn vị nhận (trên hệ thống của cấp trên)")
    c.add_argument("--date", required=True, help="ngày chuyển sinh hoạt (dd/mm/yyyy hoặc yyyy-mm-dd)")
    c.add_argument("--reason", help="lý do chuyển")
    c.add_argument("--with-personal-data", action="store_true",
                   help="gửi kèm số giấy tờ, điện thoại, địa chỉ… (chỉ khi đoàn viên đã đồng ý xử lý dữ liệu cá nhân)")
    c = cmd(members, "transfers", cmd_members_transfers, "các đề nghị chuyển sinh hoạt đi và đến")
    way = c.add_mutually_exclusive_group()
    way.add_argument("--in", dest="incoming", action="store_true", help="chỉ các đề nghị chuyển đến")
    way.add_argument("--out", dest="outgoing", action="store_true", help="chỉ các đề nghị chuyển đi")
    c.add_argument("--pending", action="store_true", help="chỉ các đề nghị chờ trả lời")
    c = cmd(members, "transfer-accept", cmd_members_transfer_accept, "nhận đoàn viên chuyển đến")
    c.add_argument("id", help="mã đề nghị")
    c = cmd(members, "transfer-decline", cmd_members_transfer_decline, "từ chối đề nghị chuyển đến")
    c.add_argument("id", help="mã đề nghị")
    c.add_argument("--reason", required=True, help="lý do từ chối")
    c = cmd(members, "transfer-redirect", cmd_members_transfer_redirect,
            "đổi đơn vị nhận của đề nghị máy chủ chưa nhận (mã đơn vị sai)")
    c.add_argument("id", help="mã đề nghị")
    c.add_argument("--to", required=True, help="mã đơn vị nhận đúng")
