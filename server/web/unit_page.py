"""A unit's page (/admin/units/{code}): where it sits, its PCs and their last sync, its
months (dues due, collected and remitted, from the rollups) and its remittance against
the expected share. Reads the unit's own rollups and devices only: a few rows."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.reports.service import SILENT_DAYS, figures, last_syncs_below
from server.sync.years import year_lines
from server.units.models import Unit
from server.web.cards import EXPECTED_SHARE_BP, expected_remittance, n, pct


def _breadcrumb(s: Session, home: Unit, unit: Unit) -> str:
    ids = [int(p) for p in unit.path.strip("/").split("/") if p]
    ids = ids[ids.index(home.id):]
    by_id = {u.id: u for u in s.scalars(select(Unit).where(Unit.id.in_(ids)))}
    links = [f"<a href='/admin/?unit={escape(quote(by_id[i].code, safe=''))}'>{escape(by_id[i].name)}</a>"
             for i in ids]
    return f"<nav aria-label='Vị trí trong cây đơn vị' class='crumbs'>{' › '.join(links)}</nav>"


def render(s: Session, home: Unit, unit: Unit) -> str:
    has_below = s.scalar(select(Unit.id).where(Unit.parent_id == unit.id).limit(1)) is not None
    rows, total = figures(s, unit, below=[])
    own = rows[0]
    parts = [_breadcrumb(s, home, unit), f"<h1>{escape(unit.name)}</h1>",
             (f"<p>Mã đơn vị <b>{escape(unit.code)}</b> · <a href='/admin/?unit={escape(quote(unit.code, safe=''))}'>"
             "Xem số liệu và các đơn vị trực thuộc</a></p>")]
    if has_below:  # beside the link to the units below, not under the heading of the unit's own PCs
        parts.append(_silent_below(s, unit))
    parts.append("<h2>Máy của đơn vị và lần đồng bộ gần nhất</h2>")
    if own.devices:
        parts.append("<div class='scroll'><table><caption class='sr'>Máy đã đăng ký</caption><thead><tr>"
                     "<th scope='col'>Số máy</th><th scope='col'>Tên máy</th><th scope='col'>Đăng ký lúc</th>"
                     "<th scope='col'>Đồng bộ gần nhất</th><th scope='col'>Tình trạng</th></tr></thead><tbody>")
        for d in own.devices:
            parts.append(f"<tr><td class='n'>{d['number']}</td><td>{escape(d['name'])}</td>"
                         f"<td>{escape(d['enrolled_at'])}</td><td>{escape(d['last_sync_at'] or 'chưa đồng bộ')}</td>"
                         f"<td>{'Đã thu hồi' if d['revoked'] else 'Đang dùng'}</td></tr>")
        parts.append("</tbody></table></div>")
    else:
        parts.append("<p>Đơn vị chưa có máy nào đăng ký đồng bộ.</p>")
    parts.append(_closes(s, unit))
    scope = " (gồm các đơn vị trực thuộc)" if has_below else ""
    parts.append(f"<h2>Đoàn phí theo tháng{scope}</h2>")
    months = sorted((set(total.dues_due_by_month) | set(total.dues_collected_by_month)
                     | set(total.remitted_by_month)) - {""})
    if not months:
        parts.append("<p>Chưa có số liệu đoàn phí nào được đồng bộ.</p>")
        return "".join(parts)
    share = f"{EXPECTED_SHARE_BP // 100} %"
    parts.append("<div class='scroll'><table class='months'><caption class='sr'>Đoàn phí theo tháng</caption><thead><tr>"
                 "<th scope='col'>Tháng</th><th scope='col'>Phải thu</th><th scope='col'>Đã thu</th>"
                 "<th scope='col'>Tỷ lệ thu</th><th scope='col'>Đã nộp cấp trên</th>"
                 f"<th scope='col'>Phải nộp ({share} số đã thu)</th><th scope='col'>Còn thiếu</th></tr></thead><tbody>")
    sums = [0, 0, 0]
    for m in reversed(months):  # the latest first: what is behind now
        due, got, sent = (total.dues_due_by_month.get(m, 0), total.dues_collected_by_month.get(m, 0),
                          total.remitted_by_month.get(m, 0))
        sums = [sums[0] + due, sums[1] + got, sums[2] + sent]
        parts.append(_month_row(f"{m[5:7]}/{m[:4]}", due, got, sent, "td"))
    parts.append("</tbody><tfoot>" + _month_row("Cộng", sums[0], sums[1], sums[2], "th") + "</tfoot></table></div>")
    expected = expected_remittance(sums[1])
    parts.append(f"<p class='summary'>Đã nộp cấp trên <b>{n(sums[2])} đ</b>, bằng <b>{pct(sums[2], expected)}</b> "
                 f"số phải nộp ({n(expected)} đ = {share} của {n(sums[1])} đ đã thu). Nộp theo quý hoặc theo kỳ: "
                 "một tháng còn thiếu có thể đã được nộp gộp vào tháng sau.</p>")
    return "".join(parts)


def _silent_below(s: Session, unit: Unit) -> str:
    """How many units below have PCs none of which synced lately, read as /admin/ reads it
    for this unit's table (one query over the sub-tree), with a link to that table's filter."""
    silent = sum(found.silent for found in last_syncs_below(s, unit).values())
    if not silent:
        return f"<p>Không đơn vị cấp dưới nào có máy mà đã quá {SILENT_DAYS} ngày chưa đồng bộ.</p>"
    link = f"/admin/?unit={quote(unit.code, safe='')}&filter=no_sync_30"
    return (f"<p class='silent'><b>{n(silent)}</b> đơn vị cấp dưới có máy mà chưa đồng bộ {SILENT_DAYS} ngày · "
            f"<a href='{escape(link)}'>Xem các đơn vị trực thuộc chưa đồng bộ 30 ngày</a></p>")


def _closes(s: Session, unit: Unit) -> str:
    """Each year the unit closed: whether the server, computing the year again from the
    rows the unit synced, finds the figures the close recorded (server/sync/years.py)."""
    lines = year_lines(s, unit.id)
    if not lines:
        return "<h2>Khoá sổ</h2><p>Đơn vị chưa khoá sổ năm nào.</p>"
    items = "".join(f"<li{' class=err' if ok is False else ''}>{escape(text)}</li>" for _, text, ok in lines)
    return f"<h2>Khoá sổ</h2><ul class='closes'>{items}</ul>"


def _month_row(label: str, due: int, got: int, sent: int, cell: str) -> str:
    expected = expected_remittance(got)
    head = f"<th scope='row'>{escape(label)}</th>"
    return (f"<tr>{head}<{cell} class='n'>{n(due)} đ</{cell}><{cell} class='n'>{n(got)} đ</{cell}>"
            f"<{cell} class='n'>{pct(got, due)}</{cell}><{cell} class='n'>{n(sent)} đ</{cell}>"
            f"<{cell} class='n'>{n(expected)} đ</{cell}><{cell} class='n'>{n(max(0, expected - sent))} đ</{cell}></tr>")
