"""The tree of units on /admin/, from the administrator's own unit down. The page comes
with the branch leading to the selected node already open (rendered here); any other
node's children are fetched when it is opened (GET /admin/tree?unit=…, checked against
the administrator's sub-tree), so a page never carries the whole country. Nested lists
of links with a disclosure button on each node that has children (aria-expanded): each
is reached with Tab like any link or button."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.units.models import Unit

# A node's children shown in the tree at most: past that, the units table (paged,
# searchable) is the way in, and the tree says how many more there are.
MAX_CHILDREN = 500


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    has_children: bool


def children(s: Session, parent_ids: list[int]) -> dict[int, list[Node]]:
    """The units directly below each of these units, by code, each saying whether it has
    units below it (two indexed queries whatever the number of parents)."""
    rows = list(s.execute(select(Unit.id, Unit.code, Unit.name, Unit.parent_id)
                          .where(Unit.parent_id.in_(parent_ids)).order_by(Unit.code)))
    ids = [r.id for r in rows]
    parents: set[int] = set()
    for i in range(0, len(ids), 1000):
        parents.update(p for p in s.scalars(select(Unit.parent_id).where(Unit.parent_id.in_(ids[i:i + 1000]))
                                            .distinct()) if p is not None)
    out: dict[int, list[Node]] = {p: [] for p in parent_ids}
    for r in rows:
        if r.parent_id is not None:
            out[r.parent_id].append(Node(r.code, r.name, r.id in parents))
    return out


def as_json(nodes: list[Node]) -> dict:
    shown = nodes[:MAX_CHILDREN]
    return {"children": [{"code": n.code, "name": n.name, "has_children": n.has_children} for n in shown],
            "more": len(nodes) - len(shown)}


def _href(code: str) -> str:
    return "/admin/?unit=" + quote(code, safe="")


def _more(count: int) -> str:
    return f"<li class='more'>… và {count:,} đơn vị khác (tìm trong bảng đơn vị trực thuộc)</li>".replace(",", ".")


def render(s: Session, home: Unit, target: Unit) -> str:
    """The tree from `home` with the branch down to `target` open and `target` marked."""
    ids = [int(p) for p in target.path.strip("/").split("/") if p]
    branch = ids[ids.index(home.id):]  # from the administrator's unit down to the target
    below = children(s, branch)
    names = {u.id: u for u in s.scalars(select(Unit).where(Unit.id.in_(branch)))}

    def item(unit_id: int, depth: int) -> str:
        unit = names[unit_id]
        nodes = below[unit_id]
        current = " aria-current='page'" if unit_id == target.id else ""
        inner = []
        next_id = branch[depth + 1] if depth + 1 < len(branch) else None
        shown = nodes[:MAX_CHILDREN]
        if next_id is not None and names[next_id].code not in {n.code for n in shown}:
            shown.append(next(n for n in nodes if n.code == names[next_id].code))  # the branch stays visible
        for n in shown:
            if next_id is not None and n.code == names[next_id].code:
                inner.append(item(next_id, depth + 1))
            else:
                inner.append(_leaf(n))
        if len(nodes) > len(shown):
            inner.append(_more(len(nodes) - len(shown)))
        toggle = ("<button type='button' class='tog' aria-expanded='true' "
                  f"aria-label='Thu gọn {escape(unit.name)}'>▾</button>") if nodes else "<span class='tog'></span>"
        sub = f"<ul>{''.join(inner)}</ul>" if nodes else ""
        return (f"<li data-code='{escape(unit.code)}' data-loaded='1'>{toggle}"
                f"<a href='{escape(_href(unit.code))}'{current}>{escape(unit.name)}</a>{sub}</li>")

    return ("<nav class='tree' aria-labelledby='tree-title'><h2 id='tree-title'>Cây đơn vị</h2>"
            f"<ul>{item(branch[0], 0)}</ul></nav>")


def _leaf(n: Node) -> str:
    toggle = (f"<button type='button' class='tog' aria-expanded='false' aria-label='Mở {escape(n.name)}'>▸</button>"
              if n.has_children else "<span class='tog'></span>")
    return (f"<li data-code='{escape(n.code)}'>{toggle}"
            f"<a href='{escape(_href(n.code))}'>{escape(n.name)}</a></li>")


# Opens and closes nodes; a node's children are asked for the first time it opens. Built
# with DOM calls (textContent), never innerHTML: unit names are whatever was typed.
SCRIPT = """
document.addEventListener('click', async function (ev) {
  var btn = ev.target.closest('nav.tree button.tog');
  if (!btn) return;
  var li = btn.parentElement, name = li.querySelector('a').textContent;
  var open = btn.getAttribute('aria-expanded') === 'true';
  var sub = li.querySelector(':scope > ul');
  if (open) {
    if (sub) sub.hidden = true;
    btn.setAttribute('aria-expanded', 'false'); btn.textContent = '▸'; btn.setAttribute('aria-label', 'Mở ' + name);
    return;
  }
  if (!li.dataset.loaded) {
    btn.disabled = true;
    try {
      var r = await fetch('/admin/tree?unit=' + encodeURIComponent(li.dataset.code), {credentials: 'same-origin'});
      if (!r.ok) throw new Error(r.status);
      var data = await r.json();
      sub = document.createElement('ul');
      data.children.forEach(function (c) {
        var item = document.createElement('li'); item.dataset.code = c.code;
        var t;
        if (c.has_children) {
          t = document.createElement('button'); t.type = 'button'; t.className = 'tog'; t.textContent = '▸';
          t.setAttribute('aria-expanded', 'false'); t.setAttribute('aria-label', 'Mở ' + c.name);
        } else { t = document.createElement('span'); t.className = 'tog'; }
        var a = document.createElement('a'); a.href = '/admin/?unit=' + encodeURIComponent(c.code);
        a.textContent = c.name;
        item.append(t, a); sub.append(item);
      });
      if (data.more > 0) {
        var more = document.createElement('li'); more.className = 'more';
        more.textContent = '… và ' + data.more.toLocaleString('vi-VN') +
          ' đơn vị khác (tìm trong bảng đơn vị trực thuộc)';
        sub.append(more);
      }
      li.append(sub); li.dataset.loaded = '1';
    } catch (e) {
      var err = document.createElement('span'); err.className = 'err'; err.setAttribute('role', 'alert');
      err.textContent = ' Không tải được các đơn vị trực thuộc; hãy tải lại trang.';
      li.append(err); return;
    } finally { btn.disabled = false; }
  }
  if (sub) sub.hidden = false;
  btn.setAttribute('aria-expanded', 'true'); btn.textContent = '▾'; btn.setAttribute('aria-label', 'Thu gọn ' + name);
});
"""
