"""Receipt numbers claimed by bulk pages (a first upload), over real HTTP on both
backends: never two documents under one (book, number), whether the other document came
in an earlier push, from another PC, or earlier in the same page; the same document sent
again is itself, not a clash."""

from __future__ import annotations

from protocol.codec import Ids, decode_column, encode_rows
from tests.e2e.test_server_hardening import enroll, new_id, push

BOOK = new_id()


def send(server, headers, numbers: list[int], row_ids: list[str]) -> tuple[list[str], dict[int, str]]:
    """A bulk page of new receipts of BOOK with these numbers and ids, as a PC encodes
    it: the statuses of its rows, and the messages of those refused, by row."""
    n = len(numbers)
    columns = {"kind": ["thu"] * n, "book_id": [BOOK] * n, "book_code": ["T2026-01"] * n, "number": numbers,
               "doc_date": ["2026-11-20"] * n, "category": ["doan_phi"] * n, "person_name": ["Nguyễn Văn Thu"] * n,
               "reason": ["Đoàn phí tháng 11/2026"] * n, "amount": [83_500] * n, "device_id": ["pc-a"] * n,
               "created_at": ["2026-11-20 08:00:00"] * n, "updated_at": ["2026-11-20 08:00:00"] * n}
    ids = Ids()
    page = encode_rows("cash_doc", row_ids, None, columns, ids)
    r = push(server, headers, ids=ids.list, inserts=[page])
    assert r.status_code == 200, r.text
    answer = r.json()["inserted"][0]
    return decode_column(answer["status"], n, []), {i: error for i, _, error in answer["rejected"]}


def test_a_number_held_by_another_document_is_refused_by_name(server):
    unit = server.unit()
    first, other = enroll(server, unit), enroll(server, unit)
    mine = [new_id() for _ in range(300)]
    statuses, refused = send(server, first, list(range(1, 301)), mine)
    assert statuses == ["applied"] * 300 and not refused

    # The same page again (its answer was lost): the same documents, nothing refused.
    statuses, refused = send(server, first, list(range(1, 301)), mine)
    assert set(statuses) <= {"applied", "duplicate"} and not refused

    # Another PC (restored from an old backup) sends other documents under numbers 2 and
    # 300, a new number 301 twice in one page, and a new number 302.
    theirs = [new_id() for _ in range(5)]
    statuses, refused = send(server, other, [2, 300, 301, 301, 302], theirs)
    assert statuses == ["rejected", "rejected", "applied", "rejected", "applied"]
    assert "Số phiếu T2026-01/0002 đã có trên máy chủ" in refused[0]
    assert "T2026-01/0300" in refused[1] and "T2026-01/0301" in refused[3]
    assert server.last_seq(unit) == 302
