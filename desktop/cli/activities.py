"""Activities and their documents:

    congdoan activities list [--from DATE] [--to DATE] [--kind KIND] [--search TEXT]
    congdoan activities add --kind KIND --title TEXT --date DATE [--end DATE] [--subkind S] [--place …]
                            [--organiser …] [--budget N] [--members ID,ID…] [--group NAME] [--all]
    congdoan activities show ID
    congdoan activities sheet ID --out FILE.pdf [--blank]
    congdoan minutes list ACTIVITY_ID
    congdoan minutes print ID --out FILE.pdf [--docx FILE.docx]

Same services as the app; errors are DomainErrors, which desktop.cli turns into exit 1
with one line on stderr."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from desktop.cli.common import AddCommand, Subcommands, database, group_id, out
from desktop.services.activities.minutes import DOC_TYPES, MinutesService
from desktop.services.activities.service import (
    ACTIVITY_KINDS,
    SUBKINDS,
    ActivityDetail,
    ActivityQuery,
    ActivityRow,
    ActivityService,
    dates_text,
)
from desktop.services.core.dates import parse_cli_date
from desktop.services.core.money import format_money


def _row_json(r: ActivityRow) -> dict[str, Any]:
    return {"id": r.id, "kind": r.kind, "subkind": r.subkind, "kind_label": r.kind_label, "title": r.title,
            "start_date": r.start_date, "end_date": r.end_date, "place": r.place, "organiser": r.organiser,
            "budget": r.budget, "spent": r.spent, "members": r.members, "present": r.present}


def _detail_json(d: ActivityDetail) -> dict[str, Any]:
    v = d.data
    return {"id": d.id, **asdict(v), "kind_label": d.kind_label, "group": d.group_name, "spent": d.spent,
            "members": len(d.participants), "present": d.count("present"), "absent": d.count("absent"),
            "excused": d.count("excused"),
            "participants": [{"member_id": p.member_id, "full_name": p.full_name, "group": p.group_name,
                              "attendance": p.attendance, "reason": p.reason, "amount": p.amount,
                              "paid": p.paid_ref} for p in d.participants],
            "payments": [{"id": p.doc.id, "ref": p.doc.ref, "date": p.doc.doc_date, "amount": p.doc.amount,
                          "person_name": p.doc.person_name, "voided": p.doc.voided, "member_id": p.member_id}
                         for p in d.payments],
            "documents": [{"id": x.id, "type": x.doc_type, "number": x.number_text, "title": x.title,
                           "status": x.status, "version": x.version, "current": x.current} for x in d.docs]}


def cmd_activities_list(args: argparse.Namespace) -> None:
    q = ActivityQuery(date_from=parse_cli_date(args.date_from) if args.date_from else None,
                      date_to=parse_cli_date(args.date_to) if args.date_to else None,
                      kind=args.kind, search=args.search or "")
    with database(args) as ctx:
        rows = ActivityService(ctx).list(q)
    if args.json:
        out(args, [_row_json(r) for r in rows], "")
        return
    for r in rows:
        print("\t".join([r.id, r.dates_text, r.kind_label, r.title, r.place or "", f"{r.present}/{r.members}",
                         format_money(r.spent)]))
    print(f"{len(rows)} hoạt động", file=sys.stderr)


def cmd_activities_add(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        svc = ActivityService(ctx)
        gid = group_id(ctx, args.group)
        scope = "all" if args.all else ("group" if gid else "members")
        v = svc.parse({"kind": args.kind, "subkind": args.subkind, "title": args.title, "start_date": args.date,
                       "end_date": args.end, "place": args.place, "organiser": args.organiser,
                       "budget": args.budget, "scope": scope, "group_id": gid, "notes": args.notes})
        members = [m.strip() for m in (args.members or "").split(",") if m.strip()]
        d = svc.add(v, member_ids=members)
    out(args, _detail_json(d), f"Đã thêm hoạt động “{d.data.title}” (mã {d.id}), {len(d.participants)} đoàn viên.")


def cmd_activities_show(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        d = ActivityService(ctx).get(args.id)
    v = d.data
    lines = [f"{v.title} — {d.kind_label}", f"Mã: {d.id}",
             f"Thời gian: {dates_text(v.start_date, v.end_date)}   Địa điểm: {v.place or ''}   Tổ chức: {v.organiser or ''}",
             f"Dự toán: {format_money(v.budget) if v.budget is not None else ''}   Đã chi: {format_money(d.spent)}",
             (f"Đoàn viên: {len(d.participants)}; có mặt {d.count('present')}, vắng {d.count('absent')}, "
              f"vắng có phép {d.count('excused')}")]
    lines += [f"  {p.full_name}\t{p.group_name or ''}\t{p.attendance_label}\t{p.reason or ''}\t"
              f"{format_money(p.amount) if p.amount else ''}\t{p.paid_ref or ''}" for p in d.participants]
    lines += [f"Văn bản: {x.number_text} {x.title} ({'hoàn thành' if x.status == 'final' else 'nháp'}, "
              f"mã {x.id})" for x in d.docs]
    out(args, _detail_json(d), "\n".join(lines))


def cmd_activities_sheet(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        pages = MinutesService(ctx).attendance_sheet(args.id, args.out, blank=args.blank)
    out(args, {"file": str(args.out), "pages": pages}, f"Đã in danh sách điểm danh ra {args.out} ({pages} trang).")


def cmd_minutes_list(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        docs = MinutesService(ctx).for_activity(args.activity_id)
    out(args, [{"id": x.id, "type": x.doc_type, "number": x.number_text, "title": x.title, "status": x.status,
                 "version": x.version, "current": x.current, "date": x.doc_date} for x in docs],
         "\n".join(f"{x.id}\t{DOC_TYPES[x.doc_type]}\t{x.number_text}\t{x.title}\t"
                   f"{'hoàn thành' if x.status == 'final' else 'nháp'}\tbản {x.version}" for x in docs)
         or "(chưa có văn bản)")


def cmd_minutes_print(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        svc = MinutesService(ctx)
        pages = svc.render_pdf(args.id, args.out)
        if args.docx:
            svc.render_docx(args.id, args.docx)
        d = svc.get(args.id)
    out(args, {"id": d.id, "type": d.doc_type, "number": d.number_text, "status": d.status, "file": str(args.out),
                "pages": pages, "docx": str(args.docx) if args.docx else None},
         f"Đã in {d.type_label.lower()} {d.number_text} ra {args.out} ({pages} trang)"
         + (f" và {args.docx}" if args.docx else "") + ".")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    acts = sub.add_parser("activities", help="hoạt động công đoàn").add_subparsers(dest="sub", required=True)
    c = cmd(acts, "list", cmd_activities_list, "danh sách hoạt động")
    c.add_argument("--from", dest="date_from", help="từ ngày")
    c.add_argument("--to", dest="date_to", help="đến ngày")
    c.add_argument("--kind", choices=list(ACTIVITY_KINDS))
    c.add_argument("--search")
    c = cmd(acts, "add", cmd_activities_add, "thêm hoạt động")
    c.add_argument("--kind", required=True, choices=list(ACTIVITY_KINDS))
    c.add_argument("--subkind", help="dạng: " + "; ".join(f"{k}: {', '.join(v)}" for k, v in SUBKINDS.items()))
    c.add_argument("--title", required=True)
    c.add_argument("--date", required=True, help="ngày bắt đầu")
    c.add_argument("--end", help="ngày kết thúc")
    c.add_argument("--place")
    c.add_argument("--organiser")
    c.add_argument("--budget", help="dự toán (đồng)")
    c.add_argument("--notes")
    c.add_argument("--members", help="mã đoàn viên, cách nhau bằng dấu phẩy")
    c.add_argument("--group", help="mọi đoàn viên của một tổ")
    c.add_argument("--all", action="store_true", help="toàn thể đoàn viên")
    c = cmd(acts, "show", cmd_activities_show, "xem một hoạt động")
    c.add_argument("id")
    c = cmd(acts, "sheet", cmd_activities_sheet, "in danh sách điểm danh có cột ký tên")
    c.add_argument("id")
    c.add_argument("--out", required=True)
    c.add_argument("--blank", action="store_true", help="để trống cột có mặt/vắng, điền tay")

    minutes = sub.add_parser("minutes", help="biên bản, quyết định, thông báo").add_subparsers(dest="sub",
                                                                                                 required=True)
    c = cmd(minutes, "list", cmd_minutes_list, "các văn bản của một hoạt động")
    c.add_argument("activity_id")
    c = cmd(minutes, "print", cmd_minutes_print, "in biên bản (hoặc quyết định, thông báo) ra PDF")
    c.add_argument("id")
    c.add_argument("--out", required=True)
    c.add_argument("--docx", help="xuất thêm tệp Word (.docx)")
