"""Issue 16, item 7: the audit log read in Vietnamese — field labels instead of column
names, money and dates formatted, moments in Vietnam's time, statuses by their names —
from changes written through the real audit triggers of a real file."""

from datetime import date, datetime

from sqlalchemy import select

from desktop.models import ActivityDoc, Member, Unit
from desktop.services.activities.service import ActivityInput, ActivityService
from desktop.services.audit.log import AuditQuery, AuditService
from desktop.services.cash.service import CashService
from desktop.services.demo.service import make_demo


def rows_of(ctx, tbl):
    return {r.field: r for r in AuditService(ctx).page(AuditQuery(tbl=tbl)) if r.field}


def test_changes_read_as_labels_money_dates_local_times_and_names(ctx):
    make_demo(ctx, 5)
    cash = CashService(ctx)
    cash.record(kind="thu", category="kinh_phi", doc_date=date(2026, 3, 2), person_name="Công ty",
                reason="Kinh phí công đoàn", amount=4_800_000)
    activity = ActivityService(ctx).add(ActivityInput(kind="hop", subkind="bch", title="Họp Ban Chấp hành",
                                                      start_date=date(2026, 3, 2)))
    with ctx.write() as s:
        unit = s.scalars(select(Unit)).one()
        unit.qhns_code = "1234567"
        unit.opening_balance = 12_500_000
        member = s.scalars(select(Member).order_by(Member.full_name)).first()
        member.salary, member.birth_date, member.status = 9_876_543, date(1990, 2, 1), "suspended"
        member.party_member = True
        doc = ActivityDoc(activity_id=activity.id, doc_type="bb", version=1, status="draft",
                           chain_id=activity.id, year=2026, title="Biên bản họp",
                           suffix="CĐCS", doc_date=date(2026, 3, 2))
        s.add(doc)
    finished = datetime(2026, 3, 2, 17, 30)  # UTC: half past midnight on the 3rd in Vietnam
    with ctx.write() as s:
        doc = s.get(ActivityDoc, doc.id)
        doc.status, doc.finished_at = "final", finished

    unit_rows = rows_of(ctx, "unit")
    assert unit_rows["qhns_code"].field_label == "Mã quan hệ ngân sách (QHNS)"
    assert unit_rows["opening_balance"].new_text == "12.500.000 đ"
    book = rows_of(ctx, "receipt_book")["next_number"]
    assert (book.field_label, book.old_text, book.new_text) == ("Số phiếu tiếp theo", "1", "2")
    m = rows_of(ctx, "member")
    assert (m["salary"].field_label, m["salary"].new_text) == ("Tiền lương", "9.876.543 đ")
    assert m["birth_date"].new_text == "01/02/1990"
    assert m["status"].new_text == "Tạm dừng sinh hoạt" and m["status"].old_text == "Đang sinh hoạt"
    assert m["party_member"].new_text == "có"
    d = rows_of(ctx, "activity_doc")
    assert (d["status"].field_label, d["status"].old_text, d["status"].new_text) == ("Tình trạng", "Nháp",
                                                                                     "Hoàn thành")
    assert d["finished_at"].new_text == "03/03/2026 00:30"
    for rows in (unit_rows, m, d):
        for r in rows.values():  # no column name left for a person to decode
            assert "_" not in r.field_label, r.field
