"""The table of the units directly below a node on /admin/: searched without diacritics,
filtered, sorted and paged on the server (query parameters), each row opening that unit.
Its figures come from the rollups (a unit's whole sub-tree), so the table costs a few rows
per unit shown, not the members behind them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from html import escape
from urllib.parse import quote, urlencode

from protocol.tables import CURRENT_STATUSES
from server.base import utcnow
from server.reports.service import UnitFigures
from server.web.cards import quarter_months, synced_30

PAGE = 20
FILTERS = {"": "Tất cả đơn vị", "no_sync_30": "Chưa đồng bộ 30 ngày", "collected_below_80": "Tỷ lệ thu dưới 80 %",
           "no_remittance": "Chưa nộp đoàn phí cấp trên quý này",
           "no_settlement": "Chưa gửi quyết toán năm trước"}
# For the filter "no_settlement": each unit's (grassroots units below it, of them closed last year).
Settled = dict[str, tuple[int, int]]
SORTS = {"code": "Mã", "name": "Tên", "members": "Đoàn viên", "rate": "Tỷ lệ thu", "sync": "Đồng bộ gần nhất"}


def fold(text: str) -> str:
    """Lower case without diacritics: "Trường Tiểu học" and "truong tieu hoc" match."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


@dataclass
class Line:
    code: str
    name: str
    members: int
    due: int
    collected: int
    remitted: int
    last_sync: str | None
    remitted_quarter: int  # sent upward for the months of the current quarter
    silent: int  # units of its sub-tree with PCs, none synced in 30 days (a row with none below: itself, 0 or 1)
    has_below: bool

    @property
    def rate(self) -> float | None:
        return self.collected / self.due if self.due else None


def line(f: UnitFigures, quarter: set[str]) -> Line:
    return Line(f.code, f.name, sum(v for k, v in f.members_by_status.items() if k in CURRENT_STATUSES),
                sum(f.dues_due_by_month.values()), sum(f.dues_collected_by_month.values()),
                sum(f.remitted_by_month.values()),
                f.last_sync_below,
                sum(v for m, v in f.remitted_by_month.items() if m in quarter), f.silent_below or 0, bool(f.has_below))


def select_lines(rows: list[UnitFigures], q: str = "", flt: str = "", sort: str = "code", desc: bool = False,
                 now: datetime | None = None, settled: Settled | None = None) -> list[Line]:
    now = now or utcnow()
    lines = [line(r, quarter_months(now.date())) for r in rows]
    if q.strip():
        words = fold(q).split()
        lines = [x for x in lines if all(w in fold(f"{x.code} {x.name}") for w in words)]
    if flt == "no_sync_30":
        lines = [x for x in lines if not synced_30(x.last_sync, x.silent, now)]
    elif flt == "collected_below_80":
        lines = [x for x in lines if x.rate is not None and x.rate < 0.8]
    elif flt == "no_remittance":
        lines = [x for x in lines if not x.remitted_quarter]
    elif flt == "no_settlement" and settled is not None:
        lines = [x for x in lines if settled.get(x.code, (1, 0))[1] < settled.get(x.code, (1, 0))[0]]
    keys = {"code": lambda x: x.code, "name": lambda x: fold(x.name), "members": lambda x: x.members,
            "rate": lambda x: (x.rate is None, x.rate or 0), "sync": lambda x: x.last_sync or ""}
    return sorted(lines, key=keys.get(sort, keys["code"]), reverse=desc)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def render(node_code: str, rows: list[UnitFigures], params: dict[str, str], settled: Settled | None = None,
           settled_year: int | None = None) -> str:
    """settled: asked for (and read) only when the filter "no_settlement" is chosen."""
    q, flt = params.get("q", "")[:100], params.get("filter", "")
    sort = params.get("sort", "code") if params.get("sort") in SORTS else "code"
    desc = params.get("desc") == "1"
    try:
        page = max(1, int(params.get("page", "1")))
    except ValueError:
        page = 1
    lines = select_lines(rows, q, flt if flt in FILTERS else "", sort, desc, settled=settled)
    pages = max(1, -(-len(lines) // PAGE))
    page = min(page, pages)
    shown = lines[(page - 1) * PAGE:page * PAGE]
    base = {"unit": node_code, "q": q, "filter": flt, "sort": sort, "desc": "1" if desc else ""}

    def link(**change) -> str:
        return "/admin/?" + urlencode({k: v for k, v in {**base, **change}.items() if v})

    options = "".join(f'<option value="{k}"{" selected" if k == flt else ""}>{escape(v)}</option>'
                      for k, v in FILTERS.items())
    parts = [f"<h2>Đơn vị trực thuộc ({_n(len(lines))})</h2>",
             ("<form class='units-filter' method='get' action='/admin/'>"
              f"<input type='hidden' name='unit' value='{escape(node_code)}'>"
              f"<label>Tìm <input name='q' value='{escape(q)}' placeholder='mã hoặc tên (không dấu được)'>"
              f"</label> <label>Lọc <select name='filter'>{options}</select></label> <button>Xem</button></form>"),
             "<div class='scroll'><table class='units'><tr>"]
    for key, label in SORTS.items():
        arrow = (" ▼" if desc else " ▲") if key == sort else ""
        parts.append(f"<th scope='col'><a href='{escape(link(sort=key, desc='1' if key == sort and not desc else '', page=''))}'>"
                     f"{escape(label)}{arrow}</a></th>")
    parts.append("<th scope='col'>Phải thu</th><th scope='col'>Đã thu</th><th scope='col'>Đã nộp cấp trên</th></tr>")
    for x in shown:
        rate = f"{x.rate * 100:.0f} %" if x.rate is not None else "—"
        parts.append(f"<tr><td><a href='/admin/units/{escape(quote(x.code, safe=''))}' title='Trang đơn vị "
                     f"{escape(x.name)}'>{escape(x.code)}</a></td><td><a href='{escape(link(unit=x.code, q='', filter='', page=''))}'>"
                     f"{escape(x.name)}</a>{_settled_note(x.code, settled, settled_year)}</td><td class='n'>{_n(x.members)}</td><td class='n'>{rate}</td>"
                     f"<td>{escape(x.last_sync or 'chưa')}{_silent_note(x)}</td><td class='n'>{_n(x.due)} đ</td>"
                     f"<td class='n'>{_n(x.collected)} đ</td><td class='n'>{_n(x.remitted)} đ</td></tr>")
    if not shown:
        parts.append("<tr><td colspan='8'>Không có đơn vị nào khớp.</td></tr>")
    parts.append("</table></div>")
    if pages > 1:
        nav = []
        if page > 1:
            nav.append(f"<a href='{escape(link(page=str(page - 1)))}'>‹ Trang trước</a>")
        nav.append(f"Trang {page}/{pages}")
        if page < pages:
            nav.append(f"<a href='{escape(link(page=str(page + 1)))}'>Trang sau ›</a>")
        parts.append("<p class='pager'>" + " · ".join(nav) + "</p>")
    return "".join(parts)


def _silent_note(x: Line) -> str:
    """A row with units below it: how many of them are silent (a row with none below says
    it by its own date)."""
    return f" · {_n(x.silent)} đơn vị chưa đồng bộ 30 ngày" if x.has_below and x.silent else ""


def _settled_note(code: str, settled: Settled | None, year: int | None) -> str:
    if settled is None or code not in settled:
        return ""
    grassroots, closed = settled[code]
    return f"<br><small>Quyết toán năm {year}: đã gửi {_n(closed)}/{_n(grassroots)} CĐCS</small>"
