"""Messages name fields by their Vietnamese labels, never by an English key (issue 11,
item 14), and say what is wrong with a month rather than "unreadable"."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.core.errors import ValidationError
from desktop.services.core.fields import known_label
from desktop.services.dues.service import parse_month

ROOT = Path(__file__).resolve().parents[3] / "desktop"
CONGDOAN = str(Path(sys.executable).with_name("congdoan"))


def field_keys():
    """Every field key a service or command puts into a ValidationError: the keys of
    ValidationError({...}) literals and of errors["key"] = ... assignments."""
    found = set()
    for path in [*ROOT.glob("services/**/*.py"), *ROOT.glob("cli*.py")]:
        name = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.endswith("Error")
                    and node.args and isinstance(node.args[0], ast.Dict)):
                found |= {(name, k.value) for k in node.args[0].keys if isinstance(k, ast.Constant)}
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if (isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == "errors"
                            and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str)):
                        found.add((name, t.slice.value))
    return found


def test_every_field_key_in_a_message_has_a_vietnamese_label():
    keys = field_keys()
    assert ("services/cash/service.py", "amount") in keys and ("services/dues/service.py", "month") in keys  # the scan sees them
    assert sorted((f, k) for f, k in keys if not known_label(k)) == []


def test_a_key_without_label_is_never_shown():
    e = ValidationError({"some_new_key": "cần điền."})
    assert "some_new_key" not in e.message and e.message == "Cần điền."


def test_a_month_far_ahead_is_in_the_future_not_unreadable():
    with pytest.raises(ValidationError) as e:
        parse_month("2999-01")
    assert "tương lai" in e.value.message and "không đọc được" not in e.value.message
    with pytest.raises(ValidationError) as e:
        parse_month("2026-13")
    assert "không có tháng 13" in e.value.message
    with pytest.raises(ValidationError) as e:
        parse_month("tháng ba")
    assert "không đọc được" in e.value.message
    assert e.value.message.startswith("Tháng: ")


def test_cli_messages_have_no_english_keys(tmp_path):
    db = tmp_path / "m.sqlite3"

    def run(*args):
        return subprocess.run([CONGDOAN, "--db", str(db), *args], capture_output=True, text=True, timeout=120)

    assert run("init", "--unit-name", "CĐCS A", "--upper-name", "LĐLĐ").returncode == 0
    r = run("cash", "record", "--kind", "thu", "--category", "thu_khac", "--amount", "-5", "--person", "A",
            "--reason", "B")
    assert r.returncode == 1 and r.stderr.startswith("Lỗi: Số tiền") and "amount" not in r.stderr
    r = run("cash", "record", "--kind", "thu", "--category", "thu_khac", "--amount", "5", "--person", "A",
            "--reason", "B", "--date", "2999-01-01")
    assert r.returncode == 1 and "Ngày lập phiếu" in r.stderr and "doc_date" not in r.stderr
    r = run("dues", "assess", "--month", "2999-01")
    assert r.returncode == 1 and "tương lai" in r.stderr and "month" not in r.stderr


def test_conflicts_name_any_synced_field_in_vietnamese():
    from desktop.services.sync.service import _field_label
    from protocol.fields import FIELDS
    for tbl, fields in FIELDS.items():
        for key in fields:
            assert _field_label(tbl, key) != key, (tbl, key)
