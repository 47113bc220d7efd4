from datetime import date, timedelta

import pytest

from desktop.services.core.errors import DuplicateMemberError, StatusChangeError, ValidationError
from desktop.services.members.service import MemberQuery, MemberService
from desktop.services.units.service import GroupInfo, UnitService


def raw(**kw):
    base = {"full_name": "Nguyễn Văn Đức", "birth_date": "15/03/1990", "gender": "Nam",
            "id_number": "001090012345", "phone": "0912 345 678"}
    base.update(kw)
    return base


def test_add_and_search_ignores_diacritics_and_case(ctx):
    svc = MemberService(ctx)
    svc.add(raw())
    svc.add(raw(full_name="Trần Thị Ánh", gender="Nữ", birth_date="1992", id_number="079192000111", phone=None))
    q = lambda text: [r.full_name for r in svc.page(MemberQuery(search=text))]
    assert q("duc") == ["Nguyễn Văn Đức"]
    assert q("nguyen van") == ["Nguyễn Văn Đức"]
    assert q("NGUYỄN VĂN Đ") == ["Nguyễn Văn Đức"]
    assert q("anh") == ["Trần Thị Ánh"]
    assert q("0791920") == ["Trần Thị Ánh"]
    assert q("0912 345") == ["Nguyễn Văn Đức"]
    assert svc.count(MemberQuery(search="a")) == 2
    # Vietnamese order: by given name
    assert [r.full_name for r in svc.page(MemberQuery())] == ["Trần Thị Ánh", "Nguyễn Văn Đức"]
    ánh = svc.page(MemberQuery(search="anh"))[0]
    assert ánh.birth_text == "1992"


def test_text_is_nfc_and_trimmed(ctx):
    import unicodedata
    svc = MemberService(ctx)
    nfd = unicodedata.normalize("NFD", "  NGUYỄN   văn  ĐỨC ")
    d = svc.add(raw(full_name=nfd))
    assert d.data.full_name == "Nguyễn Văn Đức"
    assert unicodedata.is_normalized("NFC", d.data.full_name)


def test_validation_names_fields(ctx):
    svc = MemberService(ctx)
    future = (date.today() + timedelta(days=3)).strftime("%d/%m/%Y")
    with pytest.raises(ValidationError) as e:
        svc.add(raw(full_name="", birth_date=future, gender="?", id_number="12345", phone="12", email="x@"))
    errs = e.value.errors
    assert set(errs) >= {"full_name", "birth_date", "gender", "id_number", "phone", "email"}
    assert "tương lai" in errs["birth_date"]
    assert "Họ và tên" in e.value.message


def test_cccd_cross_check_warns(ctx):
    svc = MemberService(ctx)
    # 001 Hà Nội, digit 1 = female born 1900s, 90 → 1990; record says Nam 1991
    w = svc.warnings(raw(id_number="001190012345", birth_date="01/01/1991"))
    assert any("giới tính Nữ" in x for x in w)
    assert any("năm sinh 1990" in x for x in w)
    with pytest.raises(ValidationError) as e:
        svc.add(raw(id_number="099090012345"))
    assert "mã tỉnh" in e.value.errors["id_number"]


def test_under_15_refused(ctx):
    svc = MemberService(ctx)
    young = date.today().replace(year=date.today().year - 14)
    with pytest.raises(ValidationError) as e:
        svc.add(raw(birth_date=young.isoformat(), id_number=None))
    assert "15 tuổi" in e.value.errors["birth_date"]


def test_duplicates(ctx):
    svc = MemberService(ctx)
    svc.add(raw(card_number="CD-001"))
    with pytest.raises(DuplicateMemberError) as e:
        svc.add(raw(full_name="Lê Văn Khác"))
    assert e.value.blocking
    with pytest.raises(DuplicateMemberError) as e:
        svc.add(raw(full_name="nguyen van duc", id_number=None, phone=None))
    assert not e.value.blocking
    assert "cùng họ tên và ngày sinh" in e.value.message
    svc.add(raw(full_name="Nguyễn Văn Đức", id_number=None, phone=None), confirm_similar=True)
    assert svc.count() == 2
    with pytest.raises(DuplicateMemberError) as e:
        svc.add(raw(full_name="Khác Hẳn", id_number=None, card_number="cd-001"), confirm_similar=True)
    assert e.value.blocking


def test_status_lifecycle(ctx):
    svc = MemberService(ctx)
    m = svc.add(raw(joined_date="01/02/2015"))
    assert m.status == "active" and m.events[0].kind == "admitted"
    m = svc.add_event(m.id, "suspended", date(2020, 1, 1), reason="Nghỉ không lương", decision_number="12/QĐ")
    assert m.status == "suspended"
    with pytest.raises(StatusChangeError):
        svc.add_event(m.id, "suspended", date(2020, 2, 1))
    with pytest.raises(ValidationError):
        svc.add_event(m.id, "resumed", date(2019, 2, 1))
    m = svc.add_event(m.id, "resumed", date(2020, 6, 1))
    m = svc.add_event(m.id, "left", date(2022, 6, 1), reason="Nghỉ việc")
    assert m.status == "left"
    assert [e.kind for e in m.events] == ["admitted", "suspended", "resumed", "left"]
    assert svc.count(MemberQuery()) == 0  # not on the books
    assert svc.count(MemberQuery(status=None)) == 1
    assert svc.count(MemberQuery(status="left")) == 1
    m = svc.add_event(m.id, "admitted", date(2023, 1, 1), reason="Kết nạp lại")
    assert m.status == "active"


def test_groups_and_filter(ctx):
    units = UnitService(ctx)
    groups = units.save_groups([GroupInfo(None, "Tổ May 1"), GroupInfo(None, "Tổ Cắt")])
    svc = MemberService(ctx)
    svc.add(raw(group="tổ may 1"))
    with pytest.raises(ValidationError) as e:
        svc.add(raw(full_name="A B", id_number=None, group="Tổ không có"))
    assert "group" in e.value.errors
    g1 = next(g for g in units.groups() if g.name == "Tổ May 1")
    assert g1.member_count == 1
    assert svc.count(MemberQuery(group_id=g1.id)) == 1
    assert svc.page(MemberQuery(sort="group"))[0].group_name == "Tổ May 1"
    from desktop.services.core.errors import SetupError
    with pytest.raises(SetupError):
        units.save_groups([g for g in groups if g.name != "Tổ May 1"])
    units.save_groups([GroupInfo(g1.id, "Tổ May Một"), *[g for g in groups if g.name == "Tổ Cắt"]])
    assert svc.page(MemberQuery())[0].group_name == "Tổ May Một"


def test_update_keeps_history(ctx):
    svc = MemberService(ctx)
    m = svc.add(raw())
    d = dict(vars(m.data))
    d["phone"] = "0987654321"
    d["full_name"] = "Nguyễn Văn Đức Anh"
    m2 = svc.update(m.id, d)
    assert m2.data.phone == "0987654321"
    assert [r.full_name for r in svc.page(MemberQuery(search="duc anh"))] == ["Nguyễn Văn Đức Anh"]
    assert len(m2.events) == 1


@pytest.mark.parametrize("search,limit", [("nguyen", 5), ("nguyen", 500), ("không có ai", 5), (None, 7)])
def test_first_page_and_total_agree_with_count_and_page(ctx, search, limit):
    """The list's first page and its total in one call: a page that is not full is the
    whole match (no second scan), a full one asks for the count."""
    from desktop.services.demo.service import make_demo
    make_demo(ctx, 60)
    svc = MemberService(ctx)
    q = MemberQuery(search=search)
    rows, total = svc.first_page(q, limit)
    assert rows == svc.page(q, 0, limit)
    assert total == svc.count(q)
