"""SM-07 driven end to end through the API by the right personas (R-34 初审 → 复审 → 终审, no skipping; the
one-week 公示; an objection returns its case; 区财政 → paid → archived), with wrong roles and another
territory refused, the materials guard, and the amount fixed by the parameter in force on the application day.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from docx import Document
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select

from app import db
from models.notice import PublicNotice
from tests.conftest import first_community
from tests.factories.district_subsidy import ALL_MATERIALS, amount_of, apply, state_of, subsidy_values
from tests.factories.policy import add_parameter, fire, remove_test_parameters

KEY = "district_subsidy.D1.amount"


@pytest.fixture
def standards(app: Flask) -> Any:
    add_parameter(app, KEY, "1000.00", date(2026, 1, 1))
    add_parameter(app, KEY, "1200.00", date(2026, 10, 1))
    yield
    remove_test_parameters()


def reviewed(app: Flask, login: Any, **changes: Any) -> int:
    """A case through its three reviews (materials complete)."""
    case = apply(app, **changes)
    district = login("qu_jingban")
    assert (
        district.post(f"/ledger/district_subsidy/materials/{case.id}", data=ALL_MATERIALS).status_code == 302
    )
    assert fire(district, "district_subsidy", case.id, "first_review").status_code == 200
    assert fire(login("qu_shenhe"), "district_subsidy", case.id, "second_review").status_code == 200
    assert fire(login("disanfang"), "district_subsidy", case.id, "final_review").status_code == 200
    return case.id


def test_amount__parameter_in_force_on_the_application_day(app: Flask, standards: Any, login: Any) -> None:
    before = apply(app, applied_on="2026-09-20", quantity=2)
    after = apply(app, applied_on="2026-10-08", quantity=2)
    assert (amount_of(before.id), amount_of(after.id)) == (Decimal("2000.00"), Decimal("2400.00"))
    assert before.rule_readings["amount"]["effective_from"] == "2026-01-01"
    add_parameter(app, KEY, "1500.00", date(2026, 9, 1))  # a later change, back-dated to September
    client = login("renhe_jingban")
    response = client.put(f"/api/v1/district_subsidy/{before.id}", json={"remarks": "补录", "version": 1})
    assert response.status_code == 200, response.json
    assert amount_of(before.id) == Decimal("2000.00")  # the stored result keeps its reading
    fresh = apply(app, applied_on="2026-09-20")
    assert amount_of(fresh.id) == Decimal("1500.00")


def test_amount__no_parameter_in_force_refused_in_chinese(app: Flask, login: Any) -> None:
    client = login("renhe_jingban")
    values = subsidy_values(first_community("仁和镇").id, applied_on="2010-06-01")
    response = client.post("/api/v1/district_subsidy/", json=values)
    assert response.status_code == 422
    assert "政策参数" in str(response.json["message"]["applied_on"])


def test_first_review__refused_with_the_missing_materials(app: Flask, standards: Any, login: Any) -> None:
    case = apply(app)
    district = login("qu_jingban")
    district.post(
        f"/ledger/district_subsidy/materials/{case.id}", data={"received_1": "1", "received_3": "1"}
    )
    refused = fire(district, "district_subsidy", case.id, "first_review")
    assert refused.status_code == 403
    message = refused.json["message"]["_record"]
    assert "材料" in message and "申请人身份证明" in message and "劳动合同或就业证明" in message
    assert "优惠政策申请表" not in message and "其他证明材料" not in message  # received / optional
    notice = district.get(f"/ledger/district_subsidy/missing/{case.id}").data.decode()
    assert notice.count('class="missing-item"') == 3 and "社会保险缴费记录" in notice
    district.post(f"/ledger/district_subsidy/materials/{case.id}", data=ALL_MATERIALS)
    assert fire(district, "district_subsidy", case.id, "first_review").status_code == 200
    history = district.get(f"/ledger/district_subsidy/show/{case.id}").data.decode()
    assert "顺劳社字〔2009〕42号" in history  # the policy basis on the case page


def test_reviews__in_order_by_their_roles_only(app: Flask, standards: Any, login: Any) -> None:
    case = apply(app)
    district = login("qu_jingban")
    district.post(f"/ledger/district_subsidy/materials/{case.id}", data=ALL_MATERIALS)
    assert fire(login("qu_shenhe"), "district_subsidy", case.id, "second_review").status_code == 403  # skip
    assert (
        fire(login("renhe_jingban"), "district_subsidy", case.id, "first_review").status_code == 403
    )  # town
    assert fire(login("qu_jingban"), "district_subsidy", case.id, "first_review").status_code == 200
    assert fire(login("disanfang"), "district_subsidy", case.id, "final_review").status_code == 403  # skip
    assert fire(login("qu_jingban"), "district_subsidy", case.id, "second_review").status_code == 403  # role
    other_town = login("houshayu_jingban")
    assert other_town.get(f"/api/v1/workflow/district_subsidy/{case.id}").status_code == 404
    assert fire(login("qu_shenhe"), "district_subsidy", case.id, "second_review").status_code == 200
    assert fire(login("disanfang"), "district_subsidy", case.id, "final_review").status_code == 200
    assert state_of(case.id) == "final_reviewed"


def test_end_to_end__notice_week_objection_finance_paid_archived(
    app: Flask, standards: Any, login: Any, today: Any
) -> None:
    kept = reviewed(app, login, applicant_name="张小三", applied_on="2026-09-20")
    objected = reviewed(app, login, applicant_name="李四", applied_on="2026-09-21")
    district = login("qu_jingban")
    batch = {"ledger": "district_subsidy", "ids": [kept, objected], "title": "2026年第三批区级优惠政策公示"}
    assert login("renhe_jingban").post("/api/v1/public_notice_batch/", json=batch).status_code == 403
    district = login("qu_jingban")
    created = district.post("/api/v1/public_notice_batch/", json=batch)
    assert created.status_code == 201, created.json
    notice_id = created.json["id"]
    assert state_of(kept) == state_of(objected) == "in_notice"
    waiting = fire(district, "district_subsidy", kept, "send_to_finance", date="2026-10-09")
    assert waiting.status_code == 403 and "公示" in waiting.json["message"]["_record"]

    assert fire(district, "public_notice", notice_id, "publish", date="2026-10-09").status_code == 200
    notice = db.session.get(PublicNotice, notice_id)
    db.session.refresh(notice)
    assert (notice.start_on, notice.end_on, notice.phone) == (
        date(2026, 10, 9),
        date(2026, 10, 15),
        "89444923",
    )
    objection = fire(
        district,
        "public_notice",
        notice_id,
        "log_objection",
        date="2026-10-12",
        case=objected,
        comment="举报：未实际就业",
    )
    assert objection.status_code == 200, objection.json
    assert state_of(objected) == "returned"
    events = district.get(f"/api/v1/workflow/district_subsidy/{objected}").json["result"]["events"]
    assert events[0]["transition"] == "objection_returned" and events[0]["comment"] == "举报：未实际就业"

    today["today"] = date(2026, 10, 15)
    early = fire(district, "public_notice", notice_id, "close")
    assert early.status_code == 403 and "2026-10-15" in early.json["message"]["_record"]
    today["today"] = date(2026, 10, 16)
    assert fire(district, "public_notice", notice_id, "close").status_code == 200

    assert (
        fire(district, "district_subsidy", objected, "send_to_finance", date="2026-10-16").status_code == 403
    )
    for step, inputs in [
        ("send_to_finance", {"date": "2026-10-16"}),
        ("finance_approve", {"date": "2026-10-23", "comment": "顺财批〔2026〕12号"}),
        ("pay", {"date": "2026-10-26"}),
        ("archive", {}),
    ]:
        assert fire(district, "district_subsidy", kept, step, **inputs).status_code == 200, step
    assert state_of(kept) == "archived"

    roster = load_workbook(io.BytesIO(district.get(f"/ledger/public_notice/roster/{notice_id}").data)).active
    names = [row[1] for row in roster.iter_rows(min_row=6, values_only=True) if isinstance(row[0], int)]
    assert names == ["张小三"]  # unmasked for the finance bureau; the objected case left out


def test_notice_formats__names_and_ids_masked(app: Flask, standards: Any, login: Any) -> None:
    case = reviewed(app, login, applicant_name="张小三")
    district = login("qu_jingban")
    batch = {"ledger": "district_subsidy", "ids": [case], "title": "区级优惠政策公示"}
    notice_id = district.post("/api/v1/public_notice_batch/", json=batch).json["id"]
    from models.district_subsidy import DistrictSubsidy

    full_id = db.session.get(DistrictSubsidy, case).id_number
    masked_id = full_id[:4] + "*" * 10 + full_id[-4:]

    page = district.get(f"/ledger/public_notice/print/{notice_id}").data.decode()
    assert "张*三" in page and masked_id in page and "张小三" not in page and full_id not in page
    assert "89444923" in page

    document = Document(io.BytesIO(district.get(f"/ledger/public_notice/docx/{notice_id}").data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(cells)
    assert "张*三" in cells and masked_id in cells and "张小三" not in text and full_id not in text
    assert "89444923" in text

    sheet = load_workbook(io.BytesIO(district.get(f"/ledger/public_notice/xlsx/{notice_id}").data)).active
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert "张*三" in values and masked_id in values and "张小三" not in values and full_id not in values
    assert 1000.0 in [v for row in sheet.iter_rows(values_only=True) for v in row]

    show = district.get(f"/ledger/public_notice/show/{notice_id}").data.decode()
    assert "张*三" in show and full_id not in show


def notice_action(client: Any, ids: list[int], **form: str) -> Any:
    data = {"action": "notice_selected", "rowid": [str(i) for i in ids], **form}
    return client.post("/ledger/district_subsidy/action_post", data=data)


def flashes(client: Any) -> str:
    return client.get("/ledger/district_subsidy/list/").data.decode()


def notices_count() -> int:
    return db.session.query(PublicNotice).count()


def test_notice_list_action__title_form_then_draft_notice_page(
    app: Flask, standards: Any, login: Any
) -> None:
    first = reviewed(app, login, applicant_name="王小明")
    second = reviewed(app, login, applicant_name="赵大海")
    district = login("qu_jingban")
    listing = district.get("/ledger/district_subsidy/list/").data.decode()
    assert "notice_selected" in listing and "生成公示" in listing
    form = notice_action(district, [first, second])
    assert form.status_code == 200
    page = form.data.decode()
    assert 'name="title"' in page and "王小明" in page and "赵大海" in page and "终审通过" in page

    made = notice_action(district, [first, second], title="2026年第四批区级优惠政策公示")
    assert made.status_code == 302
    notice = db.session.execute(
        select(PublicNotice).where(PublicNotice.title == "2026年第四批区级优惠政策公示")
    ).scalar_one()
    assert made.headers["Location"].endswith(f"/ledger/public_notice/show/{notice.id}")
    assert sorted(e.row_id for e in notice.entries) == sorted([first, second])
    assert (notice.state, state_of(first), state_of(second)) == ("draft", "in_notice", "in_notice")


def test_notice_list_action__refusals_in_chinese_nothing_made(app: Flask, standards: Any, login: Any) -> None:
    ready = reviewed(app, login, applicant_name="钱小红")
    early = apply(app, applicant_name="孙未审").id
    before = notices_count()
    district = login("qu_jingban")
    refused = notice_action(district, [ready, early], title="区级优惠政策公示")
    assert refused.status_code == 302 and refused.headers["Location"].endswith(
        "/ledger/district_subsidy/list/"
    )
    page = flashes(district)
    assert "孙未审：" in page and "已提交" in page and "不能" in page
    blank = notice_action(district, [ready], title="  ")
    assert blank.status_code == 200 and "公示标题" in blank.data.decode()  # the form again, with the reason
    assert notices_count() == before and state_of(ready) == "final_reviewed"

    third_party = login("disanfang")  # fires the 终审 step, writes nothing: makes no notices
    assert notice_action(third_party, [ready], title="区级优惠政策公示").status_code in (302, 403)
    assert notices_count() == before and state_of(ready) == "final_reviewed"


def test_notice_steps__only_through_the_notice(app: Flask, standards: Any, login: Any) -> None:
    """put_on_notice and objection_returned are fired by the notice, not on their own from the record page."""
    case = reviewed(app, login, applicant_name="周单独")
    district = login("qu_jingban")
    alone = fire(district, "district_subsidy", case, "put_on_notice")
    assert alone.status_code == 403 and "生成公示" in alone.json["message"]["_record"]
    assert state_of(case) == "final_reviewed"
    batch = {"ledger": "district_subsidy", "ids": [case], "title": "区级优惠政策公示"}
    assert district.post("/api/v1/public_notice_batch/", json=batch).status_code == 201
    returned = fire(district, "district_subsidy", case, "objection_returned", comment="无异议登记")
    assert returned.status_code == 403 and state_of(case) == "in_notice"


def test_create_notice__cases_of_one_ledger_only(app: Flask, standards: Any, login: Any) -> None:
    from app.ledger import LedgerError
    from app.security.scope import acting_as
    from app.services import notices
    from models.district_subsidy import DistrictSubsidy

    case = db.session.get(DistrictSubsidy, reviewed(app, login, applicant_name="吴混合"))
    with acting_as(app.appbuilder.sm.find_user(username="qu_jingban")):
        other = notices.create_notice(DistrictSubsidy, [case], "区级优惠政策公示")
        with pytest.raises(LedgerError) as refused:
            notices.create_notice(DistrictSubsidy, [other], "混合公示")
    db.session.rollback()
    assert "同一台账" in str(refused.value)


def test_publish__amount_from_a_pending_figure__refused_naming_the_line_and_parameter(
    app: Flask, login: Any
) -> None:
    """No `standards`: the seeded D1 amount is 0.00, 待核定, so the case's amount is 0.00 computed from it."""
    case = reviewed(app, login, applicant_name="李待定")
    district = login("qu_jingban")
    batch = {"ledger": "district_subsidy", "ids": [case], "title": "区级优惠政策公示"}
    notice_id = district.post("/api/v1/public_notice_batch/", json=batch).json["id"]
    refused = fire(district, "public_notice", notice_id, "publish", date="2026-10-09")
    message = str(refused.json)
    assert refused.status_code >= 400 and "该公示不能发布" in message and "第1行 李待定" in message
    assert "城乡就业困难人员补贴标准" in message  # the parameter the administrator must set
    notice = db.session.get(PublicNotice, notice_id)
    db.session.refresh(notice)
    assert notice.state == "draft" and notice.start_on is None
