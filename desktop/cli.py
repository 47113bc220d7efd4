"""The command line: the same services as the app, for IT staff, bulk work and tests.

Exit codes: 0 done, 1 a user error (one line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from desktop.models.db import DatabaseError
from desktop.services.context import Context, default_db_path, open_context
from desktop.services.dates import DateFormatError, format_date, parse_cli_date
from desktop.services.errors import DomainError, DuplicateMemberError
from desktop.services.money import format_money
from desktop.services.members import MemberDetail, MemberQuery, MemberService
from desktop.services.statuses import STATUS_LABELS
from desktop.services.units import GroupInfo, UnitInfo, UnitService


class UserError(Exception):
    pass


def _jsonable(v):
    if isinstance(v, date):
        return v.isoformat()
    return v


def _out(args, obj, text: str) -> None:
    if args.json:
        print(json.dumps(obj, ensure_ascii=False, default=_jsonable, indent=None))
    else:
        print(text)


def _ctx(args) -> Context:
    return open_context(Path(args.db) if args.db else default_db_path())


def _group_id(ctx: Context, name: str | None) -> str | None:
    if not name:
        return None
    from desktop.services.text import fold
    for g in UnitService(ctx).groups():
        if fold(g.name) == fold(name):
            return g.id
    raise UserError(f"Không có tổ công đoàn “{name}” (xem: congdoan groups list).")


def _member_json(d: MemberDetail) -> dict:
    data = asdict(d.data)
    data.pop("first_event", None)
    return {"id": d.id, **data, "group": d.group_name, "status": d.status,
            "status_label": d.status_label,
            "events": [{"kind": e.kind, "label": e.label, "date": e.event_date, "reason": e.reason,
                        "decision_number": e.decision_number} for e in d.events]}


# ---- commands ---------------------------------------------------------------------------
def cmd_init(args) -> None:
    ctx = _ctx(args)
    units = UnitService(ctx)
    if units.is_set_up():
        raise UserError(f"{ctx.db.path} đã được khởi tạo cho “{units.get().name}”: dùng 'congdoan unit set' để sửa.")
    info = units.save(UnitInfo(name=args.unit_name, upper_name=args.upper_name, code=args.unit_code,
                               address=args.address, tax_code=args.tax_code, chair_name=args.chair,
                               accountant_name=args.accountant, treasurer_name=args.treasurer))
    if args.groups:
        units.save_groups([GroupInfo(None, n) for n in args.groups.split(",") if n.strip()])
    _out(args, {"unit": asdict(info), "database": str(ctx.db.path)},
         f"Đã khởi tạo “{info.name}” trong {ctx.db.path}")


def cmd_unit_show(args) -> None:
    info = UnitService(_ctx(args)).get()
    if info is None:
        raise UserError("Chưa khởi tạo đơn vị: chạy 'congdoan init' trước.")
    labels = {"name": "Tên công đoàn cơ sở", "upper_name": "Công đoàn cấp trên", "code": "Mã đơn vị",
              "address": "Địa chỉ", "tax_code": "Mã số thuế", "chair_name": "Chủ tịch",
              "accountant_name": "Kế toán", "treasurer_name": "Thủ quỹ"}
    _out(args, asdict(info), "\n".join(f"{labels[k]}: {v or ''}" for k, v in asdict(info).items()))


def cmd_unit_set(args) -> None:
    units = UnitService(_ctx(args))
    info = units.get()
    if info is None:
        raise UserError("Chưa khởi tạo đơn vị: chạy 'congdoan init' trước.")
    changes = {k: v for k, v in dict(name=args.unit_name, upper_name=args.upper_name, code=args.unit_code,
                                     address=args.address, tax_code=args.tax_code, chair_name=args.chair,
                                     accountant_name=args.accountant, treasurer_name=args.treasurer).items()
               if v is not None}
    info = units.save(UnitInfo(**{**asdict(info), **changes}))
    _out(args, asdict(info), "Đã lưu thông tin đơn vị.")


def cmd_groups_list(args) -> None:
    groups = UnitService(_ctx(args)).groups()
    _out(args, [asdict(g) for g in groups],
         "\n".join(f"{g.name}\t{g.member_count} đoàn viên" for g in groups) or "(chưa có tổ)")


def cmd_groups_add(args) -> None:
    units = UnitService(_ctx(args))
    groups = units.save_groups(units.groups() + [GroupInfo(None, args.name, args.kind)])
    g = next(g for g in groups if g.name == " ".join(args.name.split()))
    _out(args, asdict(g), f"Đã thêm tổ “{g.name}”.")


def cmd_demo(args) -> None:
    from desktop.services.demo import make_demo

    ctx = _ctx(args)
    n = make_demo(ctx, args.members)
    _out(args, {"members": n, "database": str(ctx.db.path)}, f"Đã tạo dữ liệu mẫu: {n} đoàn viên trong {ctx.db.path}")


def _progress_printer(args, what: str):
    if args.json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r{what}: {done}/{total}", end="", file=sys.stderr, flush=True)
    return show


def cmd_members_import(args) -> None:
    from desktop.services.member_import import MemberImport

    ctx = _ctx(args)
    result = MemberImport(ctx).run(args.file, report=args.report, progress=_progress_printer(args, "Đọc"))
    text = (f"Đã nhập {result.imported} đoàn viên; {result.rejected} dòng lỗi, {result.duplicates} dòng trùng "
            f"(không nhập), {result.skipped} dòng trống/tổng cộng bỏ qua.")
    if result.report:
        text += f"\nDanh sách dòng không nhập: {result.report}"
    elif result.rejected or result.duplicates:
        text += "\nThêm --report TỆP.xlsx để có danh sách dòng không nhập kèm lý do."
    _out(args, result.as_dict(), text)


def _query(args, ctx) -> MemberQuery:
    status = getattr(args, "status", None) or "current"
    if status not in ("current", "all", *STATUS_LABELS):
        raise UserError(f"Trạng thái “{status}” không có; chọn: current, all, {', '.join(STATUS_LABELS)}.")
    return MemberQuery(search=getattr(args, "search", None) or "", status=None if status == "all" else status,
                       group_id=_group_id(ctx, getattr(args, "group", None)))


def cmd_members_export(args) -> None:
    from desktop.services.member_export import export_members

    ctx = _ctx(args)
    n = export_members(ctx, args.file, _query(args, ctx))
    _out(args, {"exported": n, "file": str(args.file)}, f"Đã xuất {n} đoàn viên ra {args.file}")


def cmd_members_list(args) -> None:
    ctx = _ctx(args)
    svc = MemberService(ctx)
    q = _query(args, ctx)
    rows, offset = [], 0
    while page := svc.page(q, offset, 5000):
        rows.extend(page)
        offset += len(page)
    if args.json:
        _out(args, [{"id": r.id, "full_name": r.full_name, "birth_date": r.birth_text, "gender": r.gender,
                     "id_number": r.id_number, "group": r.group_name, "phone": r.phone,
                     "card_number": r.card_number, "status": r.status} for r in rows], "")
        return
    for r in rows:
        print("\t".join([r.id, r.full_name, r.birth_text, r.gender, r.id_number or "", r.group_name or "",
                         r.status_label]))
    print(f"{len(rows)} đoàn viên", file=sys.stderr)


def cmd_members_show(args) -> None:
    d = MemberService(_ctx(args)).get(args.id)
    v = d.data
    lines = [f"{v.full_name} ({d.status_label})", f"Mã: {d.id}",
             f"Ngày sinh: {format_date(v.birth_date, year_only=v.birth_year_only)}   Giới tính: {v.gender}",
             f"Số giấy tờ: {v.id_number or ''}   Tổ: {d.group_name or ''}   Số thẻ: {v.card_number or ''}",
             f"Điện thoại: {v.phone or ''}   Tiền lương: {format_money(v.salary)}", "Quá trình:"]
    lines += [f"  {format_date(e.event_date) or '(không rõ ngày)'}  {e.label}  {e.reason or ''}  {e.decision_number or ''}"
              for e in d.events]
    _out(args, _member_json(d), "\n".join(lines))


def cmd_members_add(args) -> None:
    ctx = _ctx(args)
    raw = {"full_name": args.name, "birth_date": args.birth, "gender": args.gender, "id_number": args.cccd,
           "group_id": _group_id(ctx, args.group), "salary": args.salary, "joined_date": args.joined,
           "phone": args.phone, "card_number": args.card}
    svc = MemberService(ctx)
    try:
        d = svc.add(raw, confirm_similar=args.allow_similar)
    except DuplicateMemberError as e:
        if not e.blocking:
            raise UserError(e.message.replace("\n", " ") + " Thêm --allow-similar nếu đúng là người khác.") from e
        raise
    for w in svc.warnings(raw):
        print(f"Lưu ý: {w}", file=sys.stderr)
    _out(args, _member_json(d), f"Đã thêm {d.data.full_name} (mã {d.id}).")


# ---- parser -------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help="tệp dữ liệu (mặc định: $CONGDOAN_DB hoặc thư mục dữ liệu)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="in kết quả dạng JSON")
    p = argparse.ArgumentParser(prog="congdoan", parents=[common],
                                description="Sổ Công đoàn: không có lệnh thì mở ứng dụng.")
    sub = p.add_subparsers(dest="command", required=True)

    def cmd(parent, name, fn, help_):
        c = parent.add_parser(name, parents=[common], help=help_)
        c.set_defaults(fn=fn)
        return c

    def unit_opts(c, required: bool):
        c.add_argument("--unit-name", required=required, help="tên công đoàn cơ sở")
        c.add_argument("--upper-name", required=required, help="tên công đoàn cấp trên trực tiếp")
        c.add_argument("--unit-code")
        c.add_argument("--address")
        c.add_argument("--tax-code")
        c.add_argument("--chair", help="họ tên Chủ tịch")
        c.add_argument("--accountant", help="họ tên Kế toán")
        c.add_argument("--treasurer", help="họ tên Thủ quỹ")

    c = cmd(sub, "init", cmd_init, "khởi tạo đơn vị trong tệp dữ liệu mới")
    unit_opts(c, True)
    c.add_argument("--groups", help="các tổ công đoàn, cách nhau bằng dấu phẩy")

    unit = sub.add_parser("unit", help="thông tin đơn vị").add_subparsers(dest="sub", required=True)
    cmd(unit, "show", cmd_unit_show, "xem thông tin đơn vị")
    unit_opts(cmd(unit, "set", cmd_unit_set, "sửa thông tin đơn vị"), False)

    groups = sub.add_parser("groups", help="tổ công đoàn").add_subparsers(dest="sub", required=True)
    cmd(groups, "list", cmd_groups_list, "danh sách tổ")
    c = cmd(groups, "add", cmd_groups_add, "thêm tổ")
    c.add_argument("name")
    c.add_argument("--kind", choices=["to", "bo_phan"], default="to")

    c = cmd(sub, "demo", cmd_demo, "tạo dữ liệu mẫu trong tệp mới")
    c.add_argument("--members", type=int, default=300)

    members = sub.add_parser("members", help="đoàn viên").add_subparsers(dest="sub", required=True)
    c = cmd(members, "import", cmd_members_import, "nhập danh sách từ Excel")
    c.add_argument("file")
    c.add_argument("--report", help="tệp .xlsx ghi các dòng không nhập và lý do")
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
    c.add_argument("--allow-similar", action="store_true", help="vẫn thêm khi trùng họ tên và ngày sinh")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.db = getattr(args, "db", None)
    args.json = getattr(args, "json", False)
    try:
        args.fn(args)
    except (UserError, DomainError, DatabaseError, DateFormatError) as e:
        msg = e.message if isinstance(e, DomainError) else str(e)
        if isinstance(e, DateFormatError):
            msg = f"Không đọc được ngày “{e}”: dùng dd/mm/yyyy hoặc yyyy-mm-dd."
        print(f"Lỗi: {msg}".replace("\n", " "), file=sys.stderr)
        return 1
    except OSError as e:
        print(f"Lỗi: không ghi/đọc được tệp: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
