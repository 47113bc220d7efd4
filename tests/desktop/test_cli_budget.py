"""congdoan budget show|set|print and report disclosure (issue 14, item 13): the round trip,
and bad input refused with one Vietnamese line and exit 1."""

import json

from openpyxl import load_workbook

from desktop.cli import main
from desktop.services.core.context import open_context
from tests.desktop.services.year_of_money import YEAR, build_year


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_budget_round_trip_and_bad_input(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("CONGDOAN_USER", raising=False)
    db = str(tmp_path / "u.sqlite3")
    ctx = open_context(tmp_path / "u.sqlite3")
    y = build_year(ctx)
    ctx.close()
    code, out, _ = run(capsys, "--db", db, "--json", "budget", "show", "--year", str(YEAR + 1))
    assert code == 0
    lines = {ln["code"]: ln for ln in json.loads(out)["lines"]}
    assert lines["B22"]["actual"] == y.sums["thu:doan_phi"] and not lines["B22"]["edited"]
    code, out, _ = run(capsys, "--db", db, "--json", "budget", "set", "--year", str(YEAR + 1), "--line", "B32",
                       "--estimate", "3.500.000", "--approved", "3000000", "--note", "Hội thao")
    assert code == 0 and json.loads(out)["estimate"] == 3_500_000
    code, out, _ = run(capsys, "--db", db, "--json", "budget", "show", "--year", str(YEAR + 1))
    b32 = next(ln for ln in json.loads(out)["lines"] if ln["code"] == "B32")
    assert (b32["estimate"], b32["approved"], b32["note"], b32["edited"]) == (3_500_000, 3_000_000, "Hội thao", True)
    code, out, _ = run(capsys, "--db", db, "budget", "print", "--year", str(YEAR + 1), "--out",
                       str(tmp_path / "dt.xlsx"))
    assert code == 0
    ws = load_workbook(tmp_path / "dt.xlsx").active
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "B32")
    assert row[5:7] == (3_500_000, 3_000_000)
    code, out, _ = run(capsys, "--db", db, "report", "disclosure", "--year", str(YEAR), "--out",
                       str(tmp_path / "ck.pdf"))
    assert code == 0 and (tmp_path / "ck.pdf").stat().st_size > 1000
    for argv, words in ((("--line", "X1", "--estimate", "1"), "X1"), (("--line", "B32", "--estimate", "-1"), "âm"),
                        (("--line", "B32", "--estimate", "1" + "0" * 15), "quá lớn"),
                        (("--line", "TC", "--estimate", "1"), "dòng cộng"),
                        (("--line", "B32", "--estimate", "abc"), "không đọc được")):
        code, _, err = run(capsys, "--db", db, "budget", "set", "--year", str(YEAR + 1), *argv)
        assert code == 1 and words in err and err.startswith("Lỗi:") and err.count("\n") == 1
    code, _, err = run(capsys, "--db", db, "budget", "set", "--year", str(YEAR + 1), "--line", "B32", "--note",
                       "x" * 6000)
    assert code == 1 and "Ghi chú" in err and "5.000" in err
    code, _, err = run(capsys, "--db", db, "budget", "show", "--year", "2999")
    assert code == 1 and "không cho năm 2999" in err
    code, _, err = run(capsys, "--db", db, "report", "disclosure", "--year", "2999", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "2999" in err
