"""The unit a data file belongs to, and its groups:

    congdoan init --unit-name NAME --upper-name NAME [--unit-code CODE] [--groups A,B…] …
    congdoan unit show | unit set [--dues-group 1|2|3] [--higher-rate PERCENT] [--rounding N] …
    congdoan groups list | groups add NAME [--kind to|bo_phan]
"""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace

from desktop.cli.common import AddCommand, Subcommands, UserError, database, out
from desktop.services.core.dates import parse_cli_date
from desktop.services.units.service import GroupInfo, UnitInfo, UnitService

NOT_SET_UP = "Chưa khởi tạo đơn vị: chạy 'congdoan init' trước."


def cmd_init(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        units = UnitService(ctx)
        existing = units.get()
        if existing is not None:
            raise UserError(f"{ctx.db.path} đã được khởi tạo cho “{existing.name}”: dùng 'congdoan unit set' để sửa.")
        info = units.save(UnitInfo(name=args.unit_name, upper_name=args.upper_name, code=args.unit_code,
                                   address=args.address, tax_code=args.tax_code, chair_name=args.chair,
                                   accountant_name=args.accountant, treasurer_name=args.treasurer))
        if args.groups:
            units.save_groups([GroupInfo(None, n) for n in args.groups.split(",") if n.strip()])
        out(args, {"unit": asdict(info), "database": str(ctx.db.path)},
            f"Đã khởi tạo “{info.name}” trong {ctx.db.path}")


def cmd_unit_show(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        info = UnitService(ctx).get()
    if info is None:
        raise UserError(NOT_SET_UP)
    labels = {"name": "Tên công đoàn cơ sở", "upper_name": "Công đoàn cấp trên", "code": "Mã đơn vị",
              "address": "Địa chỉ", "tax_code": "Mã số thuế", "chair_name": "Chủ tịch",
              "accountant_name": "Kế toán", "treasurer_name": "Thủ quỹ"}
    out(args, asdict(info), "\n".join(f"{labels[k]}: {v or ''}" for k, v in asdict(info).items()))


def cmd_unit_set(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        units = UnitService(ctx)
        info = units.get()
        if info is None:
            raise UserError(NOT_SET_UP)
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
    out(args, {**asdict(info), **asdict(settings)}, "Đã lưu thông tin đơn vị.")


def cmd_groups_list(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        groups = UnitService(ctx).groups()
    out(args, [asdict(g) for g in groups],
        "\n".join(f"{g.name}\t{g.member_count} đoàn viên" for g in groups) or "(chưa có tổ)")


def cmd_groups_add(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        units = UnitService(ctx)
        groups = units.save_groups(units.groups() + [GroupInfo(None, args.name, args.kind)])
    g = next(g for g in groups if g.name == " ".join(args.name.split()))
    out(args, asdict(g), f"Đã thêm tổ “{g.name}”.")


def _unit_options(c: argparse.ArgumentParser, required: bool) -> None:
    c.add_argument("--unit-name", required=required, help="tên công đoàn cơ sở")
    c.add_argument("--upper-name", required=required, help="tên công đoàn cấp trên trực tiếp")
    c.add_argument("--unit-code")
    c.add_argument("--address")
    c.add_argument("--tax-code")
    c.add_argument("--chair", help="họ tên Chủ tịch")
    c.add_argument("--accountant", help="họ tên Kế toán")
    c.add_argument("--treasurer", help="họ tên Thủ quỹ")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    c = cmd(sub, "init", cmd_init, "khởi tạo đơn vị trong tệp dữ liệu mới")
    _unit_options(c, True)
    c.add_argument("--groups", help="các tổ công đoàn, cách nhau bằng dấu phẩy")

    unit = sub.add_parser("unit", help="thông tin đơn vị").add_subparsers(dest="sub", required=True)
    cmd(unit, "show", cmd_unit_show, "xem thông tin đơn vị")
    c = cmd(unit, "set", cmd_unit_set, "sửa thông tin đơn vị và cài đặt đoàn phí")
    _unit_options(c, False)
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
