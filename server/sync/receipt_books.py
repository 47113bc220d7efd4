"""Receipt and voucher books (DOMAIN.md, Money and receipts): their printed codes, unique in a unit,
and the numbers of the documents in them, never two documents under one number.

A device asks for a new book's code (T2026-02 for device 2's first receipt book of 2026);
a book made before the PC was enrolled registers its code when its row arrives; each
cash document claims its (book, number) when it is pushed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ARRAY, BigInteger, String, and_, cast, func, select
from sqlalchemy.orm import Session

from protocol import Mutation
from server.base import table_of
from server.devices.models import Device
from server.sync.bulk import bulk_insert
from server.sync.idlist import POSTGRES_CHUNK
from server.sync.models import BookCode, ReceiptNumber
from server.sync.refusal import Refusal


def reserve_book(s: Session, device: Device, kind: str, year: int) -> str:
    """A new book code for this device: T2026-02 for the first receipt book of device 2
    in 2026, then T2026-02-2 and so on."""
    base = f"{'T' if kind == 'thu' else 'C'}{year}-{device.number:02d}"
    taken = set(s.scalars(select(BookCode.code).where(BookCode.unit_id == device.unit_id, BookCode.kind == kind,
                                                      BookCode.code.startswith(base))))
    n = 1
    code = base
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    s.add(BookCode(unit_id=device.unit_id, kind=kind, code=code, device_id=device.id))
    return code


class BookRules:
    """The books' rules within one push: the numbers it claimed so far are remembered, so
    two documents of one push cannot share a number either."""

    def __init__(self, s: Session, device: Device) -> None:
        self.s = s
        self.device = device
        self.unit_id = device.unit_id
        self.numbers: set[tuple[object, object]] = set()

    def claim_number(self, m: Mutation) -> Refusal | None:
        """A cash document's (book, number), held for it; refused when another has it."""
        book_id, number = m.fields.get("book_id"), m.fields.get("number")
        key = (book_id, number)
        held = self.s.get(ReceiptNumber, (self.unit_id, book_id, number))
        if key in self.numbers or (held is not None and held.doc_id != m.row_id):
            return _taken(m.fields.get("book_code"), number)
        self.numbers.add(key)
        if held is None:
            self.s.add(ReceiptNumber(unit_id=self.unit_id, book_id=book_id, number=number, doc_id=m.row_id))
        return None

    def claim_numbers(self, docs: list[tuple[str, Any, Any, Any]]) -> list[Refusal | None]:
        """claim_number for many new documents (doc id, book id, number, book code) at once,
        as a first upload brings them: the numbers held read in a few queries, the new
        ones written in one statement."""
        held = self._held(list({(book_id, number) for _, book_id, number, _ in docs}))
        out: list[Refusal | None] = []
        new = []
        for doc_id, book_id, number, book_code in docs:
            key = (book_id, number)
            holder = held.get(key)
            if key in self.numbers or (holder is not None and holder != doc_id):
                out.append(_taken(book_code, number))
                continue
            self.numbers.add(key)
            out.append(None)
            if holder is None:
                new.append({"unit_id": self.unit_id, "book_id": book_id, "number": number, "doc_id": doc_id})
        bulk_insert(self.s, table_of(ReceiptNumber), new)
        return out

    def _held(self, keys: list[tuple[Any, Any]]) -> dict[tuple[object, object], str]:
        """The documents holding these (book, number) keys. On PostgreSQL the keys go as two
        arrays joined as a table: a list of (book, number) pairs was planned as one scan of
        the book's numbers with the whole list as a filter on each, so a first upload of
        95,000 receipts cost 17 s of lookups, growing with the square of the count."""
        held: dict[tuple[object, object], str] = {}
        found = (ReceiptNumber.book_id, ReceiptNumber.number, ReceiptNumber.doc_id)
        if self.s.connection().dialect.name == "postgresql":
            for i in range(0, len(keys), POSTGRES_CHUNK):
                chunk = keys[i:i + POSTGRES_CHUNK]
                pairs = func.unnest(cast([b for b, _ in chunk], ARRAY(String)),
                                    cast([n for _, n in chunk], ARRAY(BigInteger))) \
                    .table_valued("book_id", "number").render_derived()
                held.update(((b, n), d) for b, n, d in self.s.execute(
                    select(*found).join(pairs, and_(ReceiptNumber.book_id == pairs.c.book_id,
                                                    ReceiptNumber.number == pairs.c.number))
                    .where(ReceiptNumber.unit_id == self.unit_id)))
            return held
        # SQLite too scans the unit's numbers for a list of pairs; book by book, a list of
        # numbers is one lookup each in the key.
        by_book: dict[Any, list[Any]] = {}
        for b, n in keys:
            by_book.setdefault(b, []).append(n)
        for book_id, numbers in by_book.items():
            for i in range(0, len(numbers), 1000):
                held.update(((b, n), d) for b, n, d in self.s.execute(
                    select(*found).where(ReceiptNumber.unit_id == self.unit_id, ReceiptNumber.book_id == book_id,
                                         ReceiptNumber.number.in_(numbers[i:i + 1000]))))
        return held

    def register_book(self, m: Mutation) -> Refusal | None:
        """A new book row's code: taken for it, or refused when another book of the unit has it."""
        kind, code = m.fields.get("kind"), m.fields.get("code")
        row = self.s.scalar(select(BookCode).where(BookCode.unit_id == self.unit_id, BookCode.kind == kind,
                                                   BookCode.code == code))
        if row is None:
            self.s.add(BookCode(unit_id=self.unit_id, kind=kind, code=code, device_id=self.device.id, book_id=m.row_id))
        elif row.book_id is None and row.device_id == self.device.id:
            row.book_id = m.row_id
        elif row.book_id != m.row_id:
            return Refusal("book_code_taken", f"Quyển số {code} đã được một máy khác của đơn vị dùng.")
        return None


def _taken(book_code: Any, number: Any) -> Refusal:
    return Refusal("number_taken",
                   f"Số phiếu {book_code}/{int(number or 0):04d} đã có trên máy chủ cho một phiếu khác (máy này có "
                   "thể đã được khôi phục từ bản sao lưu cũ). Phiếu vẫn được giữ trên máy này: hãy hủy nó và lập "
                   "lại ở quyển mới.")
