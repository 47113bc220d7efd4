"""congdoan year close YYYY | year reopen YYYY --reason TEXT | year status: the close of
the fiscal year (issue 14, item 11), the chair's when the PC has accounts."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.common import AddCommand, Subcommands, database, out
from desktop.services.core.money import format_money
from desktop.services.year import YearEvent, YearService, YearStatus


def _event_json(e: YearEvent) -> dict[str, Any]:
    return {"id": e.id, "event": e.event, "year": e.year, "at": e.at.isoformat(sep=" ", timespec="seconds") + "Z",
            "by": e.by_name, "reason": e.reason, **(e.figures.as_dict() if e.figures else {})}


def _status_json(st: YearStatus) -> dict[str, Any]:
    return {"year": st.year, "closed": st.closed, "documents": st.documents, "matches": st.matches,
            "last": _event_json(st.last) if st.last else None}


def _close_text(e: YearEvent) -> str:
    f = e.figures
    assert f is not None  # a close always records them
    return "\n".join([
        f"Đã khoá sổ năm {e.year} ngày {e.day:%d/%m/%Y} ({e.by_name}).",
        f"Tồn quỹ tiền mặt: đầu năm {format_money(f.cash_opening)}, cuối năm {format_money(f.cash_closing)}",
        f"Tiền gửi: đầu năm {format_money(f.bank_opening)}, cuối năm {format_money(f.bank_closing)}",
        f"Tổng thu {format_money(f.income)}, tổng chi {format_money(f.spending)}",
        f"Dấu vân tay sổ sách ({f.rows} dòng): {f.fingerprint}"])


def cmd_year_close(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        e = YearService(ctx).close(args.year)
    out(args, _event_json(e), _close_text(e))


def cmd_year_reopen(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        e = YearService(ctx).reopen(args.year, args.reason)
    out(args, _event_json(e), f"Đã mở lại sổ năm {e.year} ngày {e.day:%d/%m/%Y} ({e.by_name}): {e.reason}")


def _status_line(st: YearStatus) -> str:
    if st.last is None:
        state = "đang mở"
    elif st.closed:
        state = f"đã khoá sổ ngày {st.last.day:%d/%m/%Y} ({st.last.by_name})"
        if st.matches is False:
            state += " — SỔ SÁCH TRÊN MÁY NÀY KHÔNG KHỚP VỚI LÚC KHOÁ SỔ"
    else:
        state = f"đã mở lại ngày {st.last.day:%d/%m/%Y} ({st.last.by_name}): {st.last.reason}"
    return f"Năm {st.year}: {state}; {st.documents} chứng từ"


def cmd_year_status(args: argparse.Namespace) -> None:
    with database(args) as ctx:
        rows = YearService(ctx).status()
    out(args, [_status_json(st) for st in rows], "\n".join(map(_status_line, rows)) or "Chưa có chứng từ nào.")


def add_commands(sub: Subcommands, cmd: AddCommand) -> None:
    year = sub.add_parser("year", help="khoá sổ, mở lại sổ năm tài chính").add_subparsers(dest="sub", required=True)
    c = cmd(year, "close", cmd_year_close, "khoá sổ năm (sau quyết toán; của Chủ tịch)")
    c.add_argument("year", type=int, metavar="YYYY")
    c = cmd(year, "reopen", cmd_year_reopen, "mở lại sổ năm đã khoá (của Chủ tịch, cần lý do)")
    c.add_argument("year", type=int, metavar="YYYY")
    c.add_argument("--reason", required=True, help="lý do mở lại sổ")
    cmd(year, "status", cmd_year_status, "các năm: đang mở, đã khoá sổ, đã mở lại")
