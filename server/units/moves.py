"""Moving units (each with its sub-tree) to a new parent by decision, one or many at once,
in one transaction: the hierarchy's dated history (units/history.py), the paths, and the
rollups (rollups/models.py) of the months from the decision on.

The month of the decision's date is the first month under the new parent: the rollups
are monthly and cannot split a month, and what a month's figures say is settled at its
end (members at month end, dues collected and remitted for the month to the union the
unit then belongs to), when the decision is already in force. The decisions of the
2025 reorganisation took effect on the first of a month, where either choice agrees.

Refused, each for its own line: a unit or parent outside the administrator's sub-tree
(or unknown: the same answer), the administrator's own unit (what is above it is not
theirs), a parent inside the moved unit (a cycle, now or in any month from the decision
on), a unit already under that parent, and a date before the unit's last move (the
history of a unit runs forward). A date in the future is refused for all: the figures of
the months until then would follow the new parent too early. A date before the unit's
first figures is fine: every month of it then belongs to the new parent."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from sqlalchemy import String, func, literal, select, update
from sqlalchemy.orm import Session

from protocol.limits import has_control
from server.errors import Conflict, Forbidden, ServiceError
from server.rollups.models import Rollup
from server.rollups.service import upsert
from server.sync.models import UnitSync
from server.units.history import UnitMove, paths_at
from server.units.models import Unit
from server.units.service import NOT_YOURS, in_subtree, unit_by_code, unit_in_scope

EARLIEST = date(2000, 1, 1)
PATH_LEN = 500  # unit.path's column size


class MovesRefused(Conflict):
    """Lines of a batch that cannot be moved (nothing was moved): [(line, message)]."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        text = "; ".join(f"dòng {n}: {msg}" for n, msg in problems)
        super().__init__("move_refused", f"Không chuyển đơn vị nào: {text}")


def decision_date(value: date | str, today: date) -> date:
    """The decision's date, from a date or a text dd/mm/yyyy (or yyyy-mm-dd)."""
    if isinstance(value, str):
        text = value.strip()
        parsed = None
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                parsed = datetime.strptime(text, fmt).date()
                break
            except ValueError:
                pass
        if parsed is None or len(text) > 10:
            raise Conflict("move_date", "Ngày quyết định không đúng dạng ngày/tháng/năm (ví dụ 01/07/2025).")
        value = parsed
    if value > today:
        raise Conflict("move_date", "Ngày quyết định không được sau hôm nay: số liệu các tháng tới hôm đó phải còn ở "
                                    "đơn vị cấp trên cũ.")
    if value < EARLIEST:
        raise Conflict("move_date", "Ngày quyết định phải từ năm 2000 trở đi.")
    return value


def decision_number(value: str) -> str:
    text = unicodedata.normalize("NFC", " ".join((value or "").split()))
    if not text:
        raise Conflict("move_decision", "Cần nhập số quyết định.")
    if has_control(value) or len(text) > 50:
        raise Conflict("move_decision", "Số quyết định dài tối đa 50 ký tự, không chứa ký tự điều khiển.")
    return text


def _check(s: Session, home: Unit | None, unit: Unit, parent: Unit, valid_from: str) -> None:
    if home is not None and unit.id == home.id:
        raise Forbidden("move_home", "Không chuyển được chính đơn vị của tài khoản: việc đó do cấp trên làm.")
    if in_subtree(unit, parent):
        raise Conflict("move_cycle", f"Đơn vị cấp trên mới {parent.code!r} nằm trong chính đơn vị {unit.code!r}.")
    if unit.parent_id == parent.id:
        raise Conflict("move_same", f"Đơn vị {unit.code!r} đã trực thuộc {parent.code!r}.")
    last = s.scalar(select(func.max(UnitMove.valid_from)).where(UnitMove.unit_id == unit.id))
    if last is not None and valid_from < last:
        raise Conflict("move_order", f"Đơn vị {unit.code!r} đã được chuyển từ tháng {last[5:]}/{last[:4]}: quyết định "
                                     f"mới phải từ tháng đó trở đi.")
    # In no month from the decision on may the new parent have been below the unit (it
    # could have been, and left since): the ancestors change only at the months of moves.
    later = set(s.scalars(select(UnitMove.valid_from).where(UnitMove.valid_from > valid_from).distinct()))
    for month, path in sorted(paths_at(s, parent.id, {valid_from} | later).items()):
        if unit.id in path:
            raise Conflict("move_cycle", f"Tháng {month[5:]}/{month[:4]}, đơn vị {parent.code!r} còn nằm trong "
                                         f"{unit.code!r}: không chuyển được từ ngày đó.")
    depth = s.scalar(select(func.max(func.length(Unit.path))).where(Unit.path.startswith(unit.path))) or 0
    if depth - len(unit.path) + len(parent.path) + len(f"{unit.id}/") > PATH_LEN:
        raise Conflict("move_deep", "Cây đơn vị sau khi chuyển sẽ quá sâu.")


def _sub_tree_totals(s: Session, uid: int, valid_from: str, pending: dict) -> dict[tuple[str, str, str], list[int]]:
    """The unit's sub-tree rollups of the months that move, with this batch's changes so far."""
    out = {(m, metric, k): [v, n] for m, metric, k, v, n in s.execute(
        select(Rollup.month, Rollup.metric, Rollup.key, Rollup.value, Rollup.n).where(
            Rollup.unit_id == uid, Rollup.scope == "t", (Rollup.month == "") | (Rollup.month >= valid_from)))}
    for (unit_id, m, metric, k), (v, n) in pending.items():
        if unit_id == uid and (m == "" or m >= valid_from):
            acc = out.setdefault((m, metric, k), [0, 0])
            acc[0] += v
            acc[1] += n
    return {f: vn for f, vn in out.items() if vn != [0, 0]}


def _add(pending: dict, chain: list[int], totals: dict, month: str, sign: int) -> None:
    for fact, (v, n) in totals.items():
        if fact[0] == month:
            for uid in chain:
                acc = pending.setdefault((uid, *fact), [0, 0])
                acc[0] += sign * v
                acc[1] += sign * n


def _move(s: Session, unit: Unit, parent: Unit, valid_from: str, number: str, when: date, actor: str,
          pending: dict) -> UnitMove:
    totals = _sub_tree_totals(s, unit.id, valid_from, pending)
    months = {f[0] for f in totals}
    before = {m: path[:-1] for m, path in paths_at(s, unit.id, months).items()}
    move = UnitMove(unit_id=unit.id, old_parent_id=unit.parent_id, new_parent_id=parent.id, valid_from=valid_from,
                    decision_no=number, decision_date=when, moved_by=actor[:100])
    s.add(move)
    old_path, new_path = unit.path, f"{parent.path}{unit.id}/"
    s.execute(update(Unit).where(Unit.path.startswith(old_path))
              .values(path=literal(new_path, String).concat(func.substr(Unit.path, len(old_path) + 1)))
              .execution_options(synchronize_session=False))
    unit.parent_id = parent.id
    s.flush()
    s.expire_all()  # the paths changed in the database, under the loaded units
    for m, path in paths_at(s, unit.id, months).items():
        after = path[:-1]
        common = set(before[m]) & set(after)  # the ancestors both had (a province) keep their totals
        _add(pending, [u for u in before[m] if u not in common], totals, m, -1)
        _add(pending, [u for u in after if u not in common], totals, m, +1)
    return move


def _find(s: Session, home: Unit | None, code: str, what: str) -> Unit:
    """A unit of the administrator's sub-tree (`home` None: the server's operator, any unit)."""
    if home is None:
        return unit_by_code(s, code)
    try:
        return unit_in_scope(s, home, code)
    except Forbidden:
        raise Forbidden("not_your_unit", f"{what} {code!r}: {NOT_YOURS}") from None


def move_units(s: Session, home: Unit | None, lines: list[tuple[str, str]], number: str, when: date | str,
               actor: str, today: date | None = None, numbers: list[int] | None = None) -> list[UnitMove]:
    """Moves each (unit code, new parent code) in turn, each line seeing the lines before
    it done; every refused line is named (by `numbers`, else 1, 2…) and then nothing is
    moved (MovesRefused). The caller's transaction holds it all."""
    number = decision_number(number)
    when = decision_date(when, today or date.today())
    valid_from = when.strftime("%Y-%m")
    if not lines:
        raise Conflict("move_empty", "Chưa chọn đơn vị nào để chuyển.")
    # The sync counters of every unit moved, locked in one order: a push of any of them
    # waits for the move, and adds its change under the parents it then reads.
    codes = sorted({code for code, _ in lines if isinstance(code, str) and not has_control(code)})
    tops = [u.path for u in s.scalars(select(Unit).where(Unit.code.in_(codes)))]
    if tops and s.connection().dialect.name == "postgresql":
        below = {uid for path in tops for uid in s.scalars(select(Unit.id).where(Unit.path.startswith(path)))}
        # And the units that were below a moved one in a month from the decision on but have
        # moved away since: a late push of theirs for such a month adds under its ancestors too.
        former = set(s.scalars(select(UnitMove.unit_id).where(UnitMove.old_parent_id.in_(below),
                                                              UnitMove.valid_from > valid_from))) - below
        for path in s.scalars(select(Unit.path).where(Unit.id.in_(former))):
            below.update(s.scalars(select(Unit.id).where(Unit.path.startswith(path))))
        ids = sorted(below)
        s.execute(select(UnitSync.unit_id).where(UnitSync.unit_id.in_(ids)).order_by(UnitSync.unit_id)
                  .with_for_update()).all()
    problems: list[tuple[int, str]] = []
    moves: list[UnitMove] = []
    pending: dict[tuple[int, str, str, str], list[int]] = {}
    for i, (code, parent_code) in enumerate(lines):
        line = numbers[i] if numbers else i + 1
        try:
            unit = _find(s, home, code, "đơn vị")
            parent = _find(s, home, parent_code, "đơn vị cấp trên mới")
            _check(s, home, unit, parent, valid_from)
        except ServiceError as exc:
            problems.append((line, exc.detail))
            continue
        moves.append(_move(s, unit, parent, valid_from, number, when, actor, pending))
    if problems:
        raise MovesRefused(problems)
    upsert(s, sorted((uid, "t", m, metric, k, v, n) for (uid, m, metric, k), (v, n) in pending.items()
                     if (v, n) != (0, 0)))
    return moves


def read_csv(text: str) -> tuple[list[tuple[str, str]], list[int], list[tuple[int, str]]]:
    """The lines of a CSV of moves: "unit code,new parent code" (a header line with
    "ma"/"mã" or "code" first is skipped; blank lines too). Returns the lines, their
    numbers in the file, and the lines that cannot be read [(number, message)]."""
    import csv
    import io

    lines: list[tuple[str, str]] = []
    numbers: list[int] = []
    problems: list[tuple[int, str]] = []
    for n, row in enumerate(csv.reader(io.StringIO(text.lstrip("\ufeff"))), 1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if n == 1 and cells[0].casefold() in {"ma", "mã", "code", "mã đơn vị", "ma don vi"}:
            continue
        if len(cells) != 2 or not all(cells):
            problems.append((n, "cần đúng hai cột: mã đơn vị, mã đơn vị cấp trên mới."))
            continue
        lines.append((cells[0], cells[1]))
        numbers.append(n)
    return lines, numbers, problems
