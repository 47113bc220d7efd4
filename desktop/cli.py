"""The command line: the same services as the app, for IT staff, bulk work and tests.

Exit codes: 0 done, 1 a user error (one line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

from desktop.cli_common import UserError, _ctx, _jsonable, _out, group_id  # noqa: F401  (shared by the cli_* modules)
from desktop.models.db import DatabaseError
from desktop.services.core.context import default_db_path, open_context
from desktop.services.core.dates import DateFormatError, format_date, parse_cli_date
from desktop.services.core.errors import DomainError, DuplicateMemberError
from desktop.services.core.money import format_money
from desktop.services.core.statuses import STATUS_LABELS
from desktop.services.members.service import MemberDetail, MemberQuery, MemberService
from desktop.services.units.service import GroupInfo, UnitInfo, UnitService


def _member_json(d: MemberDetail) -> dict:
    data = asdict(d.data)
    data.pop("first_event", None)
    return {"id": d.id, **data, "group": d.group_name, "status": d.status,
            "status_label": d.status_label, "hidden": sorted(d.hidden), "erased_at": d.erased_at,
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
    if changes:
        info = units.save(UnitInfo(**{**asdict(info), **changes}))
    dues = {k: v for k, v in dict(
        dues_group=args.dues_group, higher_rate_percent=args.higher_rate, rounding=args.rounding,
        dues_from=parse_cli_date(args.dues_from + "-01") if args.dues_from else None,
        remit_share_percent=args.remit_share, qhns_code=args.qhns, place=args.place,
        words_linh_le=args.linh_le, words_nghin_ngan=args.nghin_ngan, opening_balance=args.opening_balance,
        opening_date=parse_cli_date(args.opening_date) if args.opening_date else None,
        circular_c40=args.circular_c40, circular_c41=args.circular_c41).items() if v is not None}
    settings = units.dues_settings()
    if dues:
        settings = units.save_dues_settings(replace(settings, **dues))
    _out(args, {**asdict(info), **asdict(settings)}, "Đã lưu thông tin đơn vị.")


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
    from desktop.services.demo.service import make_demo

    ctx = _ctx(args)
    n = make_demo(ctx, args.members, year_of_use=not args.members_only)
    _out(args, {"members": n, "database": str(ctx.db.path)}, f"Đã tạo dữ liệu mẫu: {n} đoàn viên trong {ctx.db.path}")


def _progress_printer(args, what: str):
    if args.json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        print(f"\r{what}: {done}/{total}", end="", file=sys.stderr, flush=True)
    return show


def cmd_members_import(args) -> None:
    from desktop.services.members.importing import (
        MemberImport,
        MissingGroupsError,
        apply_overrides,
        nothing_imported,
    )

    ctx = _ctx(args)
    importer = MemberImport(ctx)
    progress = _progress_printer(args, "Đọc")
    overrides = list(args.map or [])
    if args.map_file:
        try:
            text = Path(args.map_file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise UserError(f"Không đọc được tệp cách nhập cột {args.map_file}.") from exc
        overrides += [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
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
    _out(args, result.as_dict(), text)


def _query(args, ctx) -> MemberQuery:
    status = getattr(args, "status", None) or "current"
    if status not in ("current", "all", *STATUS_LABELS):
        raise UserError(f"Trạng thái “{status}” không có; chọn: current, all, {', '.join(STATUS_LABELS)}.")
    return MemberQuery(search=getattr(args, "search", None) or "", status=None if status == "all" else status,
                       group_id=group_id(ctx, getattr(args, "group", None)))


def cmd_members_export(args) -> None:
    from desktop.services.members.export import export_members

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
             f"Điện thoại: {v.phone or ''}   Tiền lương: "
             f"{'(ẩn)' if 'salary' in d.hidden else format_money(v.salary)}", "Quá trình:"]
    if d.erased_at:
        lines.insert(1, f"Dữ liệu cá nhân đã được xóa ngày {format_date(d.erased_at.date())}.")
    lines += [f"  {format_date(e.event_date) or '(không rõ ngày)'}  {e.label}  {e.reason or ''}  {e.decision_number or ''}"
              for e in d.events]
    _out(args, _member_json(d), "\n".join(lines))


def cmd_members_add(args) -> None:
    ctx = _ctx(args)
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
    for w in svc.warnings(raw):
        print(f"Lưu ý: {w}", file=sys.stderr)
    _out(args, _member_json(d), f"Đã thêm {d.data.full_name} (mã {d.id}).")


def cmd_member_export(args) -> None:
    from desktop.services.personal_data.service import PersonalDataService
    out = PersonalDataService(_ctx(args)).export(args.id, args.out)
    _out(args, {"member_id": args.id, "file": str(out)}, f"Đã xuất dữ liệu cá nhân của đoàn viên {args.id} ra {out}")


def cmd_member_erase(args) -> None:
    from desktop.services.core.permissions import require
    from desktop.services.personal_data.service import PersonalDataService
    ctx = _ctx(args)
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
        confirm = input(f"Xóa hẳn dữ liệu cá nhân của {check.full_name} (không hoàn tác được; phiếu thu và đoàn "
                        f"phí đã nộp được giữ). Gõ lại họ tên để xác nhận: ")
    done = svc.erase(args.id, confirm=confirm)
    d = MemberService(ctx).get(args.id)
    _out(args, {"member_id": args.id, "erased_at": done.erased_at, "full_name": d.data.full_name,
                "left_on": done.left_on},
         f"Đã xóa dữ liệu cá nhân của đoàn viên {args.id} (nay ghi là “{d.data.full_name}”). "
         "Phiếu thu và đoàn phí đã nộp được giữ nguyên; việc xóa đã ghi vào nhật ký thay đổi.")


def _doc_json(d) -> dict:
    return {"id": d.id, "kind": d.kind, "book": d.book_code, "number": d.number, "ref": d.ref,
            "date": d.doc_date, "category": d.category, "person_name": d.person_name, "reason": d.reason,
            "amount": d.amount, "member_id": d.member_id, "voided": d.voided, "void_reason": d.void_reason}


def _months(text: str) -> list[str]:
    return [m.strip() for m in text.split(",") if m.strip()]


def _date(value: str | None) -> date | None:
    return parse_cli_date(value) if value else None


def cmd_dues_assess(args) -> None:
    from desktop.services.dues.service import DuesService
    ctx = _ctx(args)
    lines = DuesService(ctx).period(args.month, args.to, group_id=group_id(ctx, args.group))
    if args.json:
        _out(args, [{"member_id": l.member_id, "full_name": l.full_name, "group": l.group_name,
                     "status": l.status, "basis_amount": l.basis_amount, "due": l.due, "standard": l.standard,
                     "excess": l.excess, "paid": l.paid, "owed": l.owed, "arrears": l.arrears,
                     "advance": l.advance, "why_zero": l.why_zero} for l in lines], "")
        return
    for l in lines:
        print("\t".join([l.member_id, l.full_name, l.group_name or "", format_money(l.due), format_money(l.paid),
                         format_money(l.arrears)]))
    print(f"{len(lines)} đoàn viên; phải thu {format_money(sum(l.due for l in lines))}, đã thu "
          f"{format_money(sum(l.paid for l in lines))}, nợ kỳ trước {format_money(sum(l.arrears for l in lines))}",
          file=sys.stderr)


def cmd_dues_pay(args) -> None:
    from desktop.services.dues.service import DuesService
    doc = DuesService(_ctx(args)).pay(args.member_id, _months(args.months), amount=args.amount,
                                      doc_date=_date(args.date), payer_name=args.payer)
    _out(args, _doc_json(doc), f"Đã lập phiếu thu {doc.ref}: {format_money(doc.amount)} — {doc.reason}")


def cmd_dues_basis(args) -> None:
    from desktop.services.dues.service import DuesService
    DuesService(_ctx(args)).set_basis(args.member_id, args.from_month, args.basis, args.amount)
    _out(args, {"member_id": args.member_id, "from": args.from_month, "basis": args.basis, "amount": args.amount},
         f"Từ tháng {args.from_month}: căn cứ đóng {format_money(args.amount)}.")


def cmd_dues_exempt(args) -> None:
    from desktop.services.dues.service import DuesService
    DuesService(_ctx(args)).add_exemption(args.member_id, args.from_month, args.to_month, args.reason, args.note)
    _out(args, {"member_id": args.member_id, "from": args.from_month, "to": args.to_month, "reason": args.reason},
         f"Đã ghi miễn đoàn phí từ {args.from_month} đến {args.to_month}.")


def cmd_dues_ledger(args) -> None:
    from desktop.services.dues.calc import month_label
    from desktop.services.dues.service import DuesService
    ctx = _ctx(args)
    led = DuesService(ctx).ledger(args.member_id)
    if args.out:
        from desktop.services.documents.service import Documents
        Documents(ctx).ledger(args.member_id, args.out)
    rows = [{"month": month_label(m.month), "due": m.due.total, "paid": m.paid, "receipts": list(m.receipts),
             "balance": m.balance, "note": m.due.why_zero} for m in led.months]
    _out(args, {"member_id": led.member_id, "full_name": led.full_name, "months": rows, "total_due": led.total_due,
                "total_paid": led.total_paid, "balance": led.balance},
         "\n".join(f"{r['month']}\t{format_money(r['due'])}\t{format_money(r['paid'])}\t{format_money(r['balance'])}"
                   for r in rows) + (f"\nĐã in ra {args.out}" if args.out else ""))


def cmd_dues_sheet(args) -> None:
    from desktop.services.documents.service import Documents
    ctx = _ctx(args)
    gid = group_id(ctx, args.group)
    n = Documents(ctx).collection_sheet(args.month, args.to, args.out, group_id=gid, group_name=args.group and
                                        next(g.name for g in UnitService(ctx).groups() if g.id == gid))
    _out(args, {"rows": n, "file": args.out}, f"Đã in danh sách thu {n} đoàn viên ra {args.out}")


def cmd_dues_payroll(args) -> None:
    from desktop.services.payroll.service import PayrollService
    svc = PayrollService(_ctx(args))
    preview = svc.preview(args.file, args.month)
    for r in preview.rows:
        if r.status != "ok":
            print(f"Dòng {r.row_number} ({r.name}): {r.problem}", file=sys.stderr)
    doc = svc.commit(preview, employer=args.employer, declared_total=args.total, doc_date=_date(args.date))
    _out(args, {**_doc_json(doc), "members": len(preview.rows)},
         f"Đã lập phiếu thu {doc.ref}: {format_money(doc.amount)} cho {len(preview.rows)} đoàn viên.")


def cmd_dues_remit(args) -> None:
    from desktop.services.dues.remittance import RemittanceService
    ctx = _ctx(args)
    svc = RemittanceService(ctx)
    if args.dry_run:
        plan, doc = svc.plan(args.month, args.to), None
    else:
        plan, doc = svc.record(args.month, args.to, doc_date=_date(args.date))
    if args.out:
        from desktop.services.documents.service import Documents
        Documents(ctx).remittance(plan, args.out, doc)
    _out(args, {"period": plan.period_text, "collected": plan.collected, "standard": plan.standard,
                "excess": plan.excess, "share_percent": plan.share_text, "amount": plan.amount,
                "voucher": _doc_json(doc) if doc else None},
         f"Đoàn phí thu {plan.period_text}: {format_money(plan.collected)}; nộp cấp trên {plan.share_text} phần theo "
         f"quy định = {format_money(plan.amount)}" + (f" (phiếu chi {doc.ref})" if doc else " (chưa lập phiếu)"))


def cmd_receipts_list(args) -> None:
    from desktop.services.cash.service import CashService, describe
    docs = CashService(_ctx(args)).docs(date_from=_date(args.date_from), date_to=_date(args.date_to), kind=args.kind)
    if args.json:
        _out(args, [_doc_json(d) for d in docs], "")
        return
    for d in docs:
        print(f"{d.id}\t{describe(d)}")


def cmd_receipts_void(args) -> None:
    from desktop.services.cash.service import CashService
    svc = CashService(_ctx(args))
    doc = svc.void(svc.find(args.number).id, args.reason)
    _out(args, _doc_json(doc), f"Đã hủy {doc.ref}: {doc.void_reason}")


def cmd_receipts_print(args) -> None:
    from desktop.services.cash.service import CashService
    from desktop.services.documents.service import Documents
    ctx = _ctx(args)
    svc = CashService(ctx)
    docs = [svc.find(ref) for ref in args.ids]
    Documents(ctx).receipts(docs, args.out, layout=args.layout)
    _out(args, {"printed": len(docs), "file": args.out}, f"Đã in {len(docs)} phiếu ra {args.out}")


def cmd_cash_record(args) -> None:
    from desktop.services.cash.service import CashService
    doc = CashService(_ctx(args)).record(kind=args.kind, category=args.category, doc_date=_date(args.date) or date.today(),
                                         person_name=args.person, reason=args.reason, amount=args.amount)
    _out(args, _doc_json(doc), f"Đã lập {doc.ref}: {format_money(doc.amount)}")


def cmd_cash_book(args) -> None:
    from desktop.services.cash.service import CashService
    ctx = _ctx(args)
    a, b = parse_cli_date(args.date_from), parse_cli_date(args.date_to)
    book = CashService(ctx).cash_book(a, b)
    if args.out:
        from desktop.services.documents.service import Documents
        Documents(ctx).cash_book(a, b, args.out)
    _out(args, {"opening": book.opening, "total_in": book.total_in, "total_out": book.total_out,
                "closing": book.closing, "lines": [{**_doc_json(l.doc), "in": l.amount_in, "out": l.amount_out,
                                                    "balance": l.balance} for l in book.lines]},
         f"Tồn đầu kỳ {format_money(book.opening)}; thu {format_money(book.total_in)}; chi "
         f"{format_money(book.total_out)}; tồn cuối kỳ {format_money(book.closing)}")


def cmd_law_list(args) -> None:
    from desktop.services.dues.law import LawService
    rows = LawService(_ctx(args)).rows()
    _out(args, [{"kind": r.kind, "from": r.effective_from, "text": r.text, "source": r.source} for r in rows],
         "\n".join(f"{r.effective_from:%d/%m/%Y}\t{r.text}\t({r.source})" for r in rows))


def cmd_law_add(args) -> None:
    from desktop.services.dues.law import LawService
    law = LawService(_ctx(args))
    when = parse_cli_date(args.from_date)
    if args.what == "base-salary":
        if args.amount is None:
            raise UserError("Cần --amount (đồng).")
        law.add_base_salary(when, args.amount, args.source)
    elif args.what == "dues-rule":
        if args.group is None or args.rate is None or args.fixed_min is None:
            raise UserError("Cần --group, --rate và --fixed-min (và --cap nếu có mức tối đa).")
        law.add_dues_rule(when, args.group, args.rate, args.cap, args.fixed_min, args.source)
    else:
        if args.share is None:
            raise UserError("Cần --share (phần trăm nộp cấp trên).")
        law.add_remit_rule(when, args.share, args.source)
    _out(args, {"added": args.what, "from": when}, f"Đã thêm quy định từ {when:%d/%m/%Y}.")


def cmd_backup(args) -> None:
    from desktop.services.backup.service import make_backup
    ctx = _ctx(args)
    path = make_backup(ctx, args.out)
    _out(args, {"file": str(path), "size": path.stat().st_size},
         f"Đã sao lưu và kiểm tra: {path}")


def cmd_restore(args) -> None:
    from desktop.services.backup.service import accounts_in_file, restore
    from desktop.services.core.instance import instance_lock
    db = Path(args.db) if args.db else default_db_path()
    lock = instance_lock(db)
    if lock is None:
        raise UserError("Sổ Công đoàn đang mở tệp dữ liệu này: đóng ứng dụng rồi khôi phục.")
    try:
        user = None
        if accounts_in_file(db):  # sign in as every command does (--user/--password); restore takes a chair
            ctx = _ctx(args)
            user = ctx.user
            ctx.close()
        safety = restore(db, args.file, user=user)
    finally:
        lock.release()
    open_context(db).close()  # migrate an older copy now, with its own backup first
    _out(args, {"restored": str(args.file), "previous_data": str(safety)},
         f"Đã khôi phục từ {args.file}. Dữ liệu trước khi khôi phục được giữ ở {safety}")


# ---- parser -------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help="tệp dữ liệu (mặc định: $CONGDOAN_DB hoặc thư mục dữ liệu)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="in kết quả dạng JSON")
    common.add_argument("--user", default=argparse.SUPPRESS, help="tên đăng nhập khi máy có tài khoản ($CONGDOAN_USER)")
    common.add_argument("--password", default=argparse.SUPPRESS, help="mật khẩu ($CONGDOAN_PASSWORD)")
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
    c = cmd(unit, "set", cmd_unit_set, "sửa thông tin đơn vị và cài đặt đoàn phí")
    unit_opts(c, False)
    c.add_argument("--dues-group", type=int, choices=[1, 2, 3], help="nhóm đơn vị theo QĐ 61/QĐ-TLĐ")
    c.add_argument("--higher-rate", help="tỷ lệ thu cao hơn theo nghị quyết, phần trăm (ví dụ 1); '' để bỏ")
    c.add_argument("--rounding", type=int, choices=[1, 100, 1000], help="làm tròn đoàn phí đến (đồng)")
    c.add_argument("--dues-from", help="tháng bắt đầu theo dõi nợ đoàn phí, YYYY-MM")
    c.add_argument("--remit-share", help="tỷ lệ nộp cấp trên, phần trăm; mặc định theo quy định")
    c.add_argument("--qhns", help="mã quan hệ ngân sách (Mã QHNS)")
    c.add_argument("--place", help="địa danh ghi trên ngày tháng")
    c.add_argument("--linh-le", choices=["linh", "lẻ"])
    c.add_argument("--nghin-ngan", choices=["nghìn", "ngàn"])
    c.add_argument("--opening-balance", type=int, help="số dư tiền mặt đầu kỳ (đồng)")
    c.add_argument("--opening-date", help="ngày của số dư đầu kỳ")
    c.add_argument("--circular-c40", help="dòng thông tư in dưới Mẫu số C40-BB")
    c.add_argument("--circular-c41", help="dòng thông tư in dưới Mẫu số C41-BB")

    groups = sub.add_parser("groups", help="tổ công đoàn").add_subparsers(dest="sub", required=True)
    cmd(groups, "list", cmd_groups_list, "danh sách tổ")
    c = cmd(groups, "add", cmd_groups_add, "thêm tổ")
    c.add_argument("name")
    c.add_argument("--kind", choices=["to", "bo_phan"], default="to")

    c = cmd(sub, "demo", cmd_demo, "tạo dữ liệu mẫu trong tệp mới")
    c.add_argument("--members", type=int, default=300)
    c.add_argument("--members-only", action="store_true",
                   help="chỉ tạo đoàn viên (không có đoàn phí, thu chi, hoạt động của một năm)")

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
    member = sub.add_parser("member", help="dữ liệu cá nhân của một đoàn viên").add_subparsers(dest="sub",
                                                                                             required=True)
    c = cmd(member, "export", cmd_member_export, "xuất mọi dữ liệu công đoàn lưu về một đoàn viên (PDF, Excel, JSON)")
    c.add_argument("id", help="mã đoàn viên")
    c.add_argument("--out", required=True, help="tệp .pdf (để in trao cho đoàn viên), .xlsx hoặc .json")
    c = cmd(member, "erase", cmd_member_erase,
            "xóa dữ liệu cá nhân của người đã rời công đoàn quá thời hạn lưu giữ (chỉ Chủ tịch)")
    c.add_argument("id", help="mã đoàn viên")
    c.add_argument("--confirm", help="họ tên đoàn viên, gõ lại để xác nhận (không có thì hỏi)")
    dues = sub.add_parser("dues", help="đoàn phí").add_subparsers(dest="sub", required=True)
    c = cmd(dues, "assess", cmd_dues_assess, "đoàn phí phải nộp của từng đoàn viên trong tháng")
    c.add_argument("--month", required=True, help="YYYY-MM")
    c.add_argument("--to", help="tháng cuối (để xem cả quý), YYYY-MM")
    c.add_argument("--group")
    c = cmd(dues, "pay", cmd_dues_pay, "thu đoàn phí một đoàn viên và lập phiếu thu")
    c.add_argument("member_id")
    c.add_argument("--months", required=True, help="YYYY-MM[,YYYY-MM…]")
    c.add_argument("--amount", type=int, help="số tiền nộp; phải khớp số phải nộp")
    c.add_argument("--date", help="ngày lập phiếu (mặc định hôm nay)")
    c.add_argument("--payer", help="người nộp, nếu không phải chính đoàn viên")
    c = cmd(dues, "basis", cmd_dues_basis, "đổi căn cứ đóng đoàn phí từ một tháng")
    c.add_argument("member_id")
    c.add_argument("--from", dest="from_month", required=True, help="YYYY-MM")
    c.add_argument("--basis", choices=["bhxh", "take_home", "fixed"], default="bhxh")
    c.add_argument("--amount", type=int, required=True)
    c = cmd(dues, "exempt", cmd_dues_exempt, "miễn đoàn phí các tháng")
    c.add_argument("member_id")
    c.add_argument("--from", dest="from_month", required=True)
    c.add_argument("--to", dest="to_month", required=True)
    c.add_argument("--reason", required=True, choices=["sickness", "maternity", "unpaid_leave", "no_income",
                                                       "unemployed", "other"])
    c.add_argument("--note")
    c = cmd(dues, "ledger", cmd_dues_ledger, "sổ theo dõi đoàn phí của một đoàn viên")
    c.add_argument("member_id")
    c.add_argument("--out", help="in ra tệp PDF")
    c = cmd(dues, "sheet", cmd_dues_sheet, "in danh sách thu đoàn phí")
    c.add_argument("--month", required=True)
    c.add_argument("--to")
    c.add_argument("--group")
    c.add_argument("--out", required=True)
    c = cmd(dues, "payroll", cmd_dues_payroll, "thu đoàn phí trích qua bảng lương (một phiếu thu)")
    c.add_argument("file")
    c.add_argument("--month", required=True)
    c.add_argument("--total", type=int, required=True, help="số tiền đơn vị chuyển")
    c.add_argument("--employer", required=True, help="đơn vị chuyển tiền")
    c.add_argument("--date")
    c = cmd(dues, "remit", cmd_dues_remit, "nộp đoàn phí cấp trên (lập phiếu chi)")
    c.add_argument("--month", required=True)
    c.add_argument("--to")
    c.add_argument("--date")
    c.add_argument("--out", help="in bảng kê ra tệp PDF")
    c.add_argument("--dry-run", action="store_true", help="chỉ tính, không lập phiếu")

    from desktop import cli_bhxh
    cli_bhxh.add_commands(dues, cmd)

    law = dues.add_parser("law", help="quy định đoàn phí theo thời gian").add_subparsers(dest="law", required=True)
    cmd(law, "list", cmd_law_list, "các quy định đang có")
    c = cmd(law, "add", cmd_law_add, "thêm quy định mới (nghị định, quyết định mới)")
    c.add_argument("what", choices=["base-salary", "dues-rule", "remit-share"])
    c.add_argument("--from", dest="from_date", required=True, help="ngày hiệu lực")
    c.add_argument("--source", required=True, help="văn bản, ví dụ NĐ 161/2026/NĐ-CP")
    c.add_argument("--amount", type=int, help="lương cơ sở (đồng)")
    c.add_argument("--group", type=int, choices=[1, 2, 3])
    c.add_argument("--rate", help="tỷ lệ đoàn phí, phần trăm")
    c.add_argument("--cap", help="mức tối đa, phần trăm lương cơ sở")
    c.add_argument("--fixed-min", help="mức cố định tối thiểu, phần trăm lương cơ sở")
    c.add_argument("--share", help="tỷ lệ nộp cấp trên, phần trăm")

    receipts = sub.add_parser("receipts", help="phiếu thu, phiếu chi").add_subparsers(dest="sub", required=True)
    c = cmd(receipts, "list", cmd_receipts_list, "danh sách phiếu")
    c.add_argument("--from", dest="date_from")
    c.add_argument("--to", dest="date_to")
    c.add_argument("--kind", choices=["thu", "chi"])
    c = cmd(receipts, "void", cmd_receipts_void, "hủy phiếu (giữ lại, ghi lý do)")
    c.add_argument("number", help="QUYỂN/SỐ như in trên phiếu, hoặc mã phiếu")
    c.add_argument("--reason", required=True)
    c = cmd(receipts, "print", cmd_receipts_print, "in phiếu ra PDF")
    c.add_argument("ids", nargs="+", help="mã phiếu hoặc QUYỂN/SỐ")
    c.add_argument("--out", required=True)
    c.add_argument("--layout", choices=["a5", "a4x2"], default="a5")

    c = cmd(sub, "backup", cmd_backup, "sao lưu tệp dữ liệu (an toàn khi ứng dụng đang mở)")
    c.add_argument("--out", help="tệp sao lưu (mặc định: thư mục backups cạnh tệp dữ liệu)")
    c = cmd(sub, "restore", cmd_restore, "khôi phục từ một bản sao lưu (dữ liệu hiện tại được sao lưu trước)")
    c.add_argument("file")

    cash = sub.add_parser("cash", help="sổ quỹ").add_subparsers(dest="sub", required=True)
    c = cmd(cash, "record", cmd_cash_record, "lập phiếu thu/chi khác (kinh phí, cấp trên cấp, chi hoạt động…)")
    c.add_argument("--kind", required=True, choices=["thu", "chi"])
    c.add_argument("--category", required=True,
                   choices=["kinh_phi", "cap_tren", "thu_khac", "nop_cap_tren", "tham_hoi", "hoat_dong",
                            "khen_thuong", "hanh_chinh", "chi_khac"])
    c.add_argument("--amount", type=int, required=True)
    c.add_argument("--person", required=True)
    c.add_argument("--reason", required=True)
    c.add_argument("--date")
    c = cmd(cash, "book", cmd_cash_book, "sổ quỹ tiền mặt của một kỳ")
    c.add_argument("--from", dest="date_from", required=True)
    c.add_argument("--to", dest="date_to", required=True)
    c.add_argument("--out")

    from desktop import cli_sync  # its commands use this module's helpers
    cli_sync.add_commands(sub, cmd)
    from desktop import cli_activities
    cli_activities.add_commands(sub, cmd)
    from desktop import cli_report
    cli_report.add_commands(sub, cmd)
    from desktop import cli_users
    cli_users.add_commands(sub, cmd)
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
