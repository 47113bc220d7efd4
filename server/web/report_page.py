"""/admin/report: the report of a node's sub-tree for a period (server/reports/subtree.py)
on screen, and the same as Excel or PDF to send upward. Read-only; the node must be in the
administrator's sub-tree, as every page."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from server.base import utcnow
from server.deps import transaction
from server.errors import Forbidden, Unauthorized
from server.reading import AsOf, read_transaction
from server.reports import report_files
from server.reports.subtree import Period, SubtreeReport, build, parse_period
from server.units import service as units
from server.web import tree
from server.web.router import COOKIE, _frame, login_form, page

router = APIRouter(prefix="/admin")
FORMATS = ("html", "xlsx", "pdf")
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}
YEARS_OFFERED = 5


@router.get("/report", response_class=HTMLResponse)
def report_view(request: Request, unit: str | None = Query(None, max_length=50),
                period: str | None = Query(None, max_length=200), format: str = Query("html", max_length=10)) -> Response:
    try:
        with transaction(request) as s:
            admin, home_unit = units.admin_for_token(s, request.cookies.get(COOKIE))
            try:
                node = units.unit_in_scope(s, home_unit, unit) if unit else home_unit
                if format not in FORMATS:
                    raise ValueError("Định dạng tải về chỉ có thể là xlsx hoặc pdf.")
                chosen = parse_period(period, utcnow().date())
            except (Forbidden, ValueError) as exc:
                message = exc.detail if isinstance(exc, Forbidden) else str(exc)
                refused = page("Không lập được báo cáo", _frame(admin.username, "", (
                    f"<h1>Không lập được báo cáo</h1><p class='err'>{escape(message)}</p>"
                    "<p><a href='/admin/report'>Về báo cáo của đơn vị mình</a></p>")))
                refused.status_code = exc.status if isinstance(exc, Forbidden) else 400
                return refused
        with read_transaction(request) as (r, as_of):
            report = build(r, node, chosen, utcnow().date())
            report.as_of = as_of.words()
            if format != "html":
                body = report_files.xlsx(report) if format == "xlsx" else report_files.pdf(report)
                name = f"bao-cao-{_ascii(node.code)}-{chosen.code}.{format}"
                return Response(body, media_type=MEDIA[format],
                                headers={"Content-Disposition": f"attachment; filename=\"{name}\""})
            main = render(report, utcnow().year, as_of)
            return page(f"Báo cáo {report.period.label} — {node.name}",
                        _frame(admin.username, tree.render(r, home_unit, node), main), tree.SCRIPT)
    except Unauthorized:
        refused = login_form()
        refused.status_code = 401
        return refused


def _ascii(code: str) -> str:
    """A file name anyone's browser keeps: the unit's code in plain letters and digits."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", code)[:50] or "don-vi"


def _n(value: object) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else escape(str(value))


def period_choices(this_year: int) -> list[Period]:
    out = []
    for year in range(this_year, this_year - YEARS_OFFERED, -1):
        out += [Period(year), Period(year, half=True)]
    return out


def render(r: SubtreeReport, this_year: int, as_of: AsOf | None = None) -> str:
    options = "".join(f"<option value='{p.code}'{' selected' if p == r.period else ''}>{escape(p.label.capitalize())}"
                      "</option>" for p in period_choices(this_year))
    if r.period not in period_choices(this_year):
        options += f"<option value='{r.period.code}' selected>{escape(r.period.label.capitalize())}</option>"
    base = {"unit": r.code, "period": r.period.code}
    links = " · ".join(f"<a href='/admin/report?{escape(urlencode({**base, 'format': f}))}' download>Tải {label}</a>"
                       for f, label in (("xlsx", "Excel"), ("pdf", "PDF")))
    parts = [f"<p class='asof note'>{escape(as_of.words())}</p>" if as_of else "",
             f"<h1>{escape(report_files.title(r).capitalize())}</h1>",
             (f"<p>{escape(r.name)} và các đơn vị trực thuộc · "
             f"<a href='/admin/?unit={escape(quote(r.code, safe=''))}'>Về trang số liệu</a></p>"),
             ("<form method='get' action='/admin/report' class='period'>"
             f"<input type='hidden' name='unit' value='{escape(r.code)}'>"
             f"<label>Kỳ báo cáo <select name='period'>{options}</select></label> <button>Xem</button></form>"),
             f"<p class='downloads'>{links}</p>"]
    for name, head, rows in report_files.tables(r):
        parts.append(f"<h2>{escape(name)}</h2><div class='scroll'><table><thead><tr>"
                     + "".join(f"<th scope='col'>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>")
        for i, values in enumerate(rows):
            cell = "th" if i == len(rows) - 1 else "td"
            link = (f"<a href='/admin/report?{escape(urlencode({'unit': values[0], 'period': r.period.code}))}'>"
                    f"{escape(str(values[1]))}</a>") if cell == "td" and values[0] and values[0] != r.code else \
                escape(str(values[1]))
            parts.append(f"<tr><{cell}>{escape(str(values[0]))}</{cell}><{cell}>{link}</{cell}>"
                         + "".join(f"<{cell} class='n'>{_n(v)}</{cell}>" for v in values[2:]) + "</tr>")
        parts.append("</tbody></table></div>")
    parts.append(f"<p class='note'>{escape(report_files.NOTE)}</p>")
    return "".join(parts)
