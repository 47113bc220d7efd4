"""`congdoan cash accounts`: the pairs listed, one set for the documents from now on (the
next receipt prints it), reset, and refusals (DESIGN.md's CLI contract)."""

import json

import pytest

from tests.desktop.test_cli import run
from tests.desktop.test_cli_dues import pdf_text


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "pairs.sqlite3"
    run(path, "init", "--unit-name", "Công đoàn cơ sở Công ty Cổ phần Dệt may Hòa Thọ",
        "--upper-name", "Công đoàn ngành Dệt may Đà Nẵng")
    return path


def test_list_set_use_and_reset_a_pair(db, tmp_path):
    listed = json.loads(run(db, "--json", "cash", "accounts").stdout)
    by = {(p["kind"], p["place"]): p for p in listed}
    assert (by["kinh_phi", "cash"]["debit"], by["kinh_phi", "cash"]["credit"]) == ("111", "28.01")
    assert (by["kinh_phi", "bank"]["debit"], by["kinh_phi", "bank"]["credit"]) == ("112", "28.01")
    assert by["nop_ngan_hang", "cash"]["law"] and all(p["note"] for p in listed)

    own = json.loads(run(db, "--json", "cash", "accounts", "set", "kinh_phi", "--debit", "111", "--credit",
                         "28.02", "--note", "Hướng dẫn của LĐLĐ").stdout)
    assert (own["credit"], own["changed"], own["seeded"]["credit"]) == ("28.02", True, "28.01")
    doc = json.loads(run(db, "--json", "cash", "record", "--kind", "thu", "--category", "kinh_phi", "--amount",
                         "5000000", "--person", "Công ty Dệt may Hòa Thọ", "--reason", "Kinh phí quý I",
                         "--date", "2026-03-02").stdout)
    out = tmp_path / "thu.pdf"
    run(db, "receipts", "print", doc["ref"], "--out", str(out))
    printed = pdf_text(out)
    assert "Có: 28.02" in printed and "Số: 0001" in printed and doc["book"] not in printed
    back = run(db, "cash", "accounts", "reset", "kinh_phi")
    assert "28.01" in back.stdout

    bad = run(db, "cash", "accounts", "set", "tham_hoi", "--debit", "31.03", "--credit", "31.03", ok=False)
    assert bad.returncode == 1 and "cùng là 31.03" in bad.stderr
    law = run(db, "cash", "accounts", "set", "nop_ngan_hang", "--debit", "112", "--credit", "111", ok=False)
    assert law.returncode == 2
