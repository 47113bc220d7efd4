"""The protocol's limits (protocol.fields): the longest text, and the bounds of money
(0 to MAX_MONEY) and of integers (what SQLite holds), checked before anything is written,
whatever the way in (a form, the command line, a QR scan): what the server would refuse
never leaves this PC, no number too large for SQLite ends in an OverflowError, and the
message names the field and its limit without repeating the value (issue 11, items 5, 13).

Registered on every Session (like permissions.py's check): importing this module is enough.
Only the attributes a flush writes are checked (a new row's text, an edited row's changes),
so an old row is never blocked by a field nobody touched."""

from __future__ import annotations

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from desktop.services.core.errors import ValidationError
from protocol.fields import FIELDS, INTEGER, MONEY, TABLE_LABELS, TEXT, value_problem


class FieldLimitError(ValidationError):
    """ValidationError whose message is the protocol's sentence (table, field, limit)."""

    def __init__(self, errors: dict[str, str], sentences: list[str]) -> None:
        super().__init__(errors)
        self.message = "\n".join(sentences)
        self.args = (self.message,)


def limit_problems(tbl: str, values: dict[str, object]) -> tuple[dict[str, str], list[str]]:
    """({field: what is wrong}, [whole sentences]) for the text and numbers of a row of tbl."""
    specs = FIELDS.get(tbl, {})
    errors, sentences = {}, []
    for name, value in values.items():
        spec = specs.get(name)
        if spec is None:
            continue
        if spec.kind == TEXT and isinstance(value, str):
            wanted = "dài "
        elif spec.kind in (MONEY, INTEGER) and type(value) is int:
            wanted = "phải từ "
        else:
            continue
        problem = value_problem(spec, value)
        # Only lengths and bounds: closed sets and control characters are the services' own
        # rules (clean() and each form's; a signature block's lines are wanted, whatever the spec).
        if problem is not None and problem.startswith(wanted):
            errors[name] = problem
            sentences.append(f"{TABLE_LABELS.get(tbl, tbl)} — “{spec.label}” {problem}")
    return errors, sentences


@event.listens_for(Session, "before_flush")
def _check_limits(session: Session, _flush_context: UOWTransaction, _instances: object) -> None:
    errors: dict[str, str] = {}
    sentences: list[str] = []
    for obj in (*session.new, *session.dirty):
        tbl = getattr(obj, "__tablename__", None)
        if tbl not in FIELDS:
            continue
        state = inspect(obj)
        values = {a.key: a.value for a in state.attrs
                  if a.key in FIELDS[tbl] and (obj in session.new or a.history.has_changes())}
        e, s = limit_problems(tbl, values)
        errors.update(e)
        sentences += [x for x in s if x not in sentences]
    if errors:
        raise FieldLimitError(errors, sentences)
