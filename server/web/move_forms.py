"""The hierarchy's changes on the administrator's pages: a unit's history of parents and
the form that moves it (on its page), and the page that moves many units below a node at
once (server/web/moves.py serves them; units/moves.py does the moving)."""

from __future__ import annotations

from datetime import date
from html import escape
from urllib.parse import quote

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.units.history import history
from server.units.levels import levels
from server.units.models import Unit

MAX_CHOICES = 500  # parents offered as you type; any other unit of the sub-tree by its code


def _parents(s: Session, home: Unit, away: Unit | None) -> str:
    """A datalist of the units a move could go under: the administrator's sub-tree, the
    upper levels first, without the moved unit's own sub-tree."""
    query = select(Unit.code, Unit.name).where(Unit.path.startswith(home.path))
    if away is not None:
        query = query.where(~Unit.path.startswith(away.path))
    found = s.execute(query.order_by(func.length(Unit.path), Unit.name).limit(MAX_CHOICES)).all()
    options = "".join(f"<option value='{escape(code)}'>{escape(name)}</option>" for code, name in found)
    return f"<datalist id='parents'>{options}</datalist>"


def _fields(values: dict[str, str]) -> str:
    """The new parent, the decision's number and date (its month is the first under the new parent)."""
    return (f"<p><label>Mã đơn vị cấp trên mới <input name='parent' list='parents' maxlength='50' required "
            f"value='{escape(values.get('parent', ''))}'></label></p>"
            f"<p><label>Số quyết định <input name='decision' maxlength='50' required "
            f"value='{escape(values.get('decision', ''))}'></label> "
            f"<label>Ngày quyết định <input name='date' type='date' required max='{date.today().isoformat()}' "
            f"value='{escape(values.get('date', ''))}'></label></p>"
            "<p class='note'>Số liệu từ tháng của ngày quyết định trở đi thuộc đơn vị cấp trên mới; các tháng trước "
            "vẫn thuộc đơn vị cấp trên cũ.</p>")


def _error(error: str) -> str:
    return f"<p class='err' role='alert'>{escape(error)}</p>" if error else ""


def _level(s: Session, home: Unit, unit: Unit, manager: bool = True) -> str:
    """The unit's level by its name (data: units/levels.py), and for a unit below the
    administrator's own, the form that sets it."""
    found = levels(s)
    current = next((lv.name for lv in found if lv.id == unit.level_id), "chưa ghi")
    text = f"<p>Cấp: <b>{escape(current)}</b></p>"
    if unit.id == home.id or not manager:  # a read-only account sees no form it may not send
        return text
    options = "<option value=''>(chưa ghi)</option>" + "".join(
        f"<option value='{lv.id}'{' selected' if lv.id == unit.level_id else ''}>{escape(lv.name)}</option>"
        for lv in found)
    return (text + "<form method='post' action='/admin/levels'>"
            f"<input type='hidden' name='unit' value='{escape(unit.code)}'><label>Cấp của đơn vị "
            f"<select name='level' style='max-width:100%'>{options}</select></label> <button>Ghi cấp</button></form>")


def section(s: Session, home: Unit, unit: Unit, error: str = "", values: dict[str, str] | None = None,
            manager: bool = True) -> str:
    """On a unit's page: where it was in the hierarchy, decision by decision, and the move form."""
    moves = history(s, unit.id)
    ids = {m.old_parent_id for m in moves} | {m.new_parent_id for m in moves} | {unit.parent_id}
    names = {u.id: u for u in s.scalars(select(Unit).where(Unit.id.in_([i for i in ids if i is not None])))}

    def name(uid: int | None) -> str:
        u = names.get(uid) if uid is not None else None
        return f"{escape(u.name)} ({escape(u.code)})" if u else "—"

    parts = ["<h2 id='truc-thuoc'>Cấp và đơn vị trực thuộc</h2>", _error(error), _level(s, home, unit, manager),
             f"<p>Hiện nay trực thuộc: {name(unit.parent_id)}</p>"]
    if moves:
        parts.append("<div class='scroll'><table><caption class='sr'>Lịch sử trực thuộc</caption><thead><tr>"
                     "<th scope='col'>Từ tháng</th><th scope='col'>Cấp trên cũ</th><th scope='col'>Cấp trên mới</th>"
                     "<th scope='col'>Quyết định số</th><th scope='col'>Ngày quyết định</th>"
                     "<th scope='col'>Người thực hiện</th></tr></thead><tbody>")
        for m in moves:
            parts.append(f"<tr><td>{m.valid_from[5:]}/{m.valid_from[:4]}</td><td>{name(m.old_parent_id)}</td>"
                         f"<td>{name(m.new_parent_id)}</td><td>{escape(m.decision_no)}</td>"
                         f"<td>{m.decision_date.strftime('%d/%m/%Y')}</td><td>{escape(m.moved_by)}</td></tr>")
        parts.append("</tbody></table></div>")
    else:
        parts.append("<p>Đơn vị chưa được chuyển theo quyết định nào.</p>")
    if unit.id != home.id and manager:
        parts.append("<h3>Chuyển sang đơn vị cấp trên khác</h3><form method='post' action='/admin/moves'>"
                     f"<input type='hidden' name='units' value='{escape(unit.code)}'>"
                     f"<input type='hidden' name='from' value='unit'>{_fields(values or {})}"
                     f"{_parents(s, home, unit)}<p><button>Chuyển đơn vị (cùng các đơn vị trực thuộc)</button></p>"
                     "</form>")
    if manager and s.scalar(select(Unit.id).where(Unit.parent_id == unit.id).limit(1)) is not None:
        parts.append(f"<p><a href='/admin/moves?unit={escape(quote(unit.code, safe=''))}'>Chuyển nhiều đơn vị trực "
                     "thuộc cùng lúc</a></p>")
    return "".join(parts)


def bulk(s: Session, home: Unit, node: Unit, error: str = "", values: dict[str, str] | None = None,
         chosen: set[str] | None = None) -> str:
    """The units directly below a node, each with a checkbox, then the new parent and the decision."""
    values, chosen = values or {}, chosen or set()
    below = list(s.scalars(select(Unit).where(Unit.parent_id == node.id).order_by(Unit.name, Unit.code)))
    parts = [f"<h1>Chuyển đơn vị trực thuộc {escape(node.name)}</h1>", _error(error),
             ("<form method='post' action='/admin/moves'><input type='hidden' name='from' "
              f"value='{escape(node.code)}'><fieldset><legend>Các đơn vị được chuyển (cùng các đơn vị dưới chúng)"
              "</legend>")]
    if not below:
        parts.append("<p>Không có đơn vị trực thuộc nào.</p>")
    elif len(below) > 1:  # a decision often moves every unit of an ended district union
        parts.append("<p><button type='button' onclick=\"this.form.querySelectorAll('input[name=units]')"
                     ".forEach(function(c){c.checked=true})\">Chọn tất cả</button></p>")
    parts += [f"<div><label><input type='checkbox' name='units' value='{escape(u.code)}'"
              f"{' checked' if u.code in chosen else ''}> {escape(u.name)} ({escape(u.code)})</label></div>"
              for u in below]
    parts.append(f"</fieldset>{_fields(values)}{_parents(s, home, None)}"
                 "<p><button>Chuyển các đơn vị đã chọn</button></p></form>"
                 f"<p><a href='/admin/units/{escape(quote(node.code, safe=''))}'>Quay lại trang đơn vị</a></p>")
    return "".join(parts)


def done(names: list[str], parent: Unit, number: str) -> str:
    items = "".join(f"<li>{escape(n)}</li>" for n in names)
    return (f"<h1>Đã chuyển {len(names)} đơn vị</h1><p>Sang {escape(parent.name)} ({escape(parent.code)}), theo "
            f"quyết định số {escape(number)}.</p><ul>{items}</ul><p><a href='/admin/units/"
            f"{escape(quote(parent.code, safe=''))}'>Xem đơn vị cấp trên mới</a></p>")
