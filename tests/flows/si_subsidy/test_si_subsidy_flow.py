"""SM-03 自谋职业 / 灵活就业 社会保险补贴 driven end to end through the API by the right personas: the
street/town's intake, verification and report (materials guard), the district's review due 5 working days
after receipt (R-31, on the working-day calendar over the National Day holiday), the on-site check whose
negative results end in 不予上报 (R-32, R-33), the city, the agreement, the deposit notice and the monthly
deduction checks with their mismatch flag (R-39) and the monthly 后期跟踪 (FU-15); the amount from the
monthly standard in force; the street/town's 花名册 to the district and the district's to the city, each at
its own tier."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import pytest
from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select

from app import db
from app.domain import si_subsidy
from models.followup import FollowUp
from models.policy import PolicyParameter
from models.si_subsidy import SiDeductionCheck, SiSubsidy
from seed.checklists import CHECKLISTS
from tests.conftest import first_community
from tests.factories.policy import add_parameter, remove_test_parameters
from tests.factories.si_subsidy import make_si_subsidy, si_values
from tests.factories.workflow import Persona, deadlines, fire, refusal

SELF_EMPLOYED, FLEXIBLE = "1", "2"
MATERIALS = {f"received_{n}": "1" for n in range(1, len(CHECKLISTS["CK-06c"].items) + 1)}
FLEXIBLE_CHANGES = {"kind": FLEXIBLE, "business_name": "", "licence_number": "", "flexible_form": "家政服务"}


@pytest.fixture
def standards(app: Flask) -> Any:
    add_parameter(app, "si_subsidy.1.monthly", "500.00", date(2026, 1, 1))
    add_parameter(app, "si_subsidy.1.monthly", "550.50", date(2026, 10, 1))
    add_parameter(app, "si_subsidy.2.monthly", "300.00", date(2026, 1, 1))
    yield
    remove_test_parameters()


@pytest.fixture
def town(login: Any) -> Persona:
    return Persona(login, "renhe_jingban")


@pytest.fixture
def district(login: Any) -> Persona:
    return Persona(login, "qu_jingban")


def apply(client: Any, town_name: str = "仁和镇", **changes: Any) -> int:
    values = si_values(first_community(town_name).id, **changes)
    values.pop("person")
    response = client.post("/api/v1/si_subsidy/", json=values)
    assert response.status_code == 201, response.json
    return int(response.json["id"])


def case(pk: int) -> SiSubsidy:
    db.session.expire_all()
    return db.session.get(SiSubsidy, pk)


def check(pk: int) -> SiDeductionCheck:
    db.session.expire_all()
    return db.session.get(SiDeductionCheck, pk)


def ok(response: Any) -> None:
    assert response.status_code == 200, response.json


def reported(town: Persona, on: str = "2026-09-30", **changes: Any) -> int:
    """An application verified by the street/town and reported to the district on `on`."""
    pk = apply(town, **changes)
    ok(fire(town, "si_subsidy", pk, "town_verify", record="入户及经营场所核实，情况属实", date=on))
    assert town.post(f"/ledger/si_subsidy/materials/{pk}", data=MATERIALS).status_code == 302
    ok(fire(town, "si_subsidy", pk, "report_to_district", date=on))
    return pk


def district_reviewed(town: Persona, district: Persona, **changes: Any) -> int:
    pk = reported(town, **changes)
    ok(fire(district, "si_subsidy", pk, "district_review", date="2026-10-09"))
    return pk


# ---- the whole way --------------------------------------------------------------------------------


def test_end_to_end__town_district_city_town_then_monthly_checks(
    app: Flask, standards: Any, town: Persona, district: Persona, today: Any
) -> None:
    pk = reported(town, applied_on="2026-09-28")
    assert case(pk).reported_on == date(2026, 9, 30)
    assert deadlines(district, "si_subsidy", pk) == {"district_review": "2026-10-13"}
    ok(fire(district, "si_subsidy", pk, "district_review", date="2026-10-12"))
    ok(
        fire(
            district,
            "si_subsidy",
            pk,
            "field_check",
            result="已实际经营",
            record="经营场所实地查看，正常营业",
            date="2026-10-14",
        )
    )
    ok(fire(district, "si_subsidy", pk, "system_approve", date="2026-10-15"))
    ok(
        fire(
            district,
            "si_subsidy",
            pk,
            "report_to_city",
            request="关于申请自谋职业社会保险补贴的请示",
            date="2026-10-15",
        )
    )
    ok(
        fire(
            district, "si_subsidy", pk, "city_approve", date="2026-10-30", approval_ref="京人社批〔2026〕1号"
        )
    )
    assert deadlines(district, "si_subsidy", pk) == {"notify_town": "2026-10-30"}  # 即时
    ok(fire(district, "si_subsidy", pk, "notify_town", date="2026-10-30"))
    ok(fire(town, "si_subsidy", pk, "sign_agreement", date="2026-11-02"))
    ok(fire(town, "si_subsidy", pk, "report_medical", date="2026-11-03"))
    ok(
        fire(
            town,
            "si_subsidy",
            pk,
            "notify_deposit",
            bank="北京农商银行顺义支行",
            amount="612.5",
            date="2026-11-04",
            comment="电话告知",
        )
    )
    ok(fire(town, "si_subsidy", pk, "begin", date="2026-11-01"))
    row = case(pk)
    assert row.state == "active" and row.started_on == date(2026, 11, 1)
    followup = db.session.execute(select(FollowUp).where(FollowUp.subject_row_id == pk)).scalar_one()
    assert (followup.rule, followup.due_on, followup.person_id) == ("FU-15", date(2026, 12, 1), row.person_id)
    assert (row.deposit_bank, row.monthly_deduction) == ("北京农商银行顺义支行", Decimal("612.50"))
    assert (row.check_result, row.approval_ref) == ("11", "京人社批〔2026〕1号")
    assert (row.monthly_amount, row.amount) == (Decimal("500.00"), Decimal("6000.00"))
    page = town.get(f"/ledger/si_subsidy/show/{pk}").data.decode()
    assert "京劳社服发〔2006〕45号" in page and "京劳社就发〔2006〕160号" in page  # 政策依据
    amount = page.split('class="table table-bordered subsidy-amount"', 1)[1].split("</table>", 1)[0]
    assert (
        "500.00" in amount and "6000.00" in amount and "社会保险补贴月标准" in amount
    )  # the parameter by its name
    assert "/ledger/si_deduction_check/add?" in page and "expected_amount=612.50" in page


def test_deduction_check__mismatch_flagged_and_cleared(
    app: Flask, town: Persona, standards: Any, today: Any
) -> None:
    subsidy = make_si_subsidy(
        first_community("仁和镇").id, started_on="2026-09-01", monthly_deduction="612.50"
    )
    body = {
        "org_id": subsidy.org_id,
        "subsidy_id": subsidy.id,
        "month": "2026-10-17",
        "expected_amount": "612.50",
        "deducted_amount": 600,
    }
    created = town.post("/api/v1/si_deduction_check/", json=body)
    assert created.status_code == 201, created.json
    check_id = created.json["id"]
    assert check(check_id).matches is False and check(check_id).month == date(2026, 10, 1)
    again = town.post("/api/v1/si_deduction_check/", json={**body, "month": "2026-10-02"})
    assert again.status_code == 422 and "已核实" in again.json["message"]["month"]
    fixed = town.put(
        f"/api/v1/si_deduction_check/{check_id}",
        json={"deducted_amount": "612.5", "note": "补扣", "version": 1},
    )
    assert fixed.status_code == 200, fixed.json
    assert check(check_id).matches is True and check(check_id).deducted_amount == Decimal("612.50")
    before_start = town.post("/api/v1/si_deduction_check/", json={**body, "month": "2026-08-01"})
    assert before_start.status_code == 422 and "2026-09" in before_start.json["message"]["month"]


def test_deduction_check__only_for_a_subsidy_being_received(
    app: Flask, town: Persona, standards: Any
) -> None:
    pk = apply(town)
    body = {"org_id": case(pk).org_id, "subsidy_id": pk, "month": "2026-10-01"}
    response = town.post(
        "/api/v1/si_deduction_check/", json={**body, "expected_amount": 1, "deducted_amount": 1}
    )
    assert response.status_code == 422 and "享受" in response.json["message"]["subsidy_id"]


def test_deduction_check__monthly_duty_in_the_town_inbox(app: Flask) -> None:
    from app.services.duties import duty_items

    duty = "检查享受社会保险补贴人员存折扣款情况、核实扣款额（逐人登记扣款核实记录）"

    def dues(username: str, today: date) -> list[date]:
        user = app.appbuilder.sm.find_user(username=username)
        with app.test_request_context():
            return sorted(i.due_on for i in duty_items(user, today) if i.title == duty)

    assert dues("renhe_jingban", date(2026, 11, 26)) == [date(2026, 10, 31), date(2026, 11, 30)]
    assert dues("qu_jingban", date(2026, 11, 26)) == []  # the street/town's duty


# ---- who, where, when -----------------------------------------------------------------------------


def test_steps__wrong_roles_and_other_territory_refused(
    app: Flask, standards: Any, town: Persona, district: Persona, login: Any, today: Any
) -> None:
    pk = apply(town)
    refusal(fire(district, "si_subsidy", pk, "town_verify", record="x", date="2026-10-09"))  # district
    ok(fire(town, "si_subsidy", pk, "town_verify", record="核实属实", date="2026-10-09"))
    materials = refusal(fire(town, "si_subsidy", pk, "report_to_district", date="2026-10-09"))
    assert "申请表" in materials and "花名册" in materials  # CK-06c guard
    town.post(f"/ledger/si_subsidy/materials/{pk}", data=MATERIALS)
    early = fire(town, "si_subsidy", pk, "report_to_district", date="2026-09-01")  # applied 20 Sept
    assert early.status_code == 422 and "reported_on" in early.json["message"]
    ok(fire(town, "si_subsidy", pk, "report_to_district", date="2026-10-09"))
    refusal(fire(town, "si_subsidy", pk, "district_review", date="2026-10-09"))  # the town cannot review
    reviewer = Persona(login, "qu_shenhe")
    assert fire(reviewer, "si_subsidy", pk, "district_review", date="2026-10-09").status_code == 403
    other = Persona(login, "houshayu_jingban")
    assert other.get(f"/api/v1/workflow/si_subsidy/{pk}").status_code == 404
    assert (
        other.post(f"/api/v1/workflow/si_subsidy/{pk}/district_review", json={"version": 1}).status_code
        == 404
    )
    assert case(pk).state == "reported"
    ok(fire(district, "si_subsidy", pk, "district_review", date="2026-10-12"))


def test_district_review__due_five_working_days_after_receipt(
    app: Flask, standards: Any, town: Persona, district: Persona, today: Any
) -> None:
    before_holiday = reported(town, on="2026-09-30")  # Oct 1–7 holiday, Sat 10 Oct a make-up workday
    ordinary = reported(town, on="2026-11-02")
    assert deadlines(district, "si_subsidy", before_holiday) == {"district_review": "2026-10-13"}
    assert deadlines(district, "si_subsidy", ordinary) == {"district_review": "2026-11-09"}
    ok(fire(district, "si_subsidy", before_holiday, "district_review", date="2026-10-14"))
    met = deadlines(district, "si_subsidy", before_holiday, status="met")
    assert met == {"district_review": "2026-10-13"}
    late = district.get(f"/api/v1/workflow/si_subsidy/{ordinary}").json["result"]["deadlines"]
    assert [(d["step"], d["overdue"]) for d in late] == [("district_review", True)]  # today 20 Nov
    inbox = district.get("/inbox/?kind=si_subsidy").data.decode()
    assert "区级受理审核" in inbox and f"/ledger/si_subsidy/show/{ordinary}" in inbox
    assert (
        "区级受理审核" not in town.get("/inbox/?kind=si_subsidy").data.decode()
    )  # the district's step, not the town's


# ---- R-32 / R-33 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "negative", "rule"),
    [
        ({}, "未就业", "R-32"),
        ({}, "未实际经营", "R-32"),
        (FLEXIBLE_CHANGES, "未从事灵活就业", "R-33"),
    ],
)
def test_field_check__negative_result_ends_in_not_reported(
    app: Flask,
    standards: Any,
    town: Persona,
    district: Persona,
    today: Any,
    changes: dict[str, Any],
    negative: str,
    rule: str,
) -> None:
    pk = district_reviewed(town, district, **changes)
    inputs = {"result": negative, "record": "入户核查：本人外出打工，经营场所已关闭", "date": "2026-10-14"}
    refused = fire(district, "si_subsidy", pk, "field_check", **inputs)
    assert refused.status_code == 422 and rule in refused.json["message"]["result"]
    assert case(pk).state == "district_reviewed"
    ok(fire(district, "si_subsidy", pk, "not_report", **inputs))
    row = case(pk)
    assert row.state == "not_reported" and row.district_check_record.startswith("入户核查")
    assert row.check_result and negative in district.get(f"/ledger/si_subsidy/show/{pk}").data.decode()
    assert (
        fire(district, "si_subsidy", pk, "system_approve", date="2026-10-15").status_code == 403
    )  # terminal
    state = district.get(f"/api/v1/workflow/si_subsidy/{pk}").json["result"]
    assert state["allowed"] == [] and state["events"][0]["inputs"]["result"] == row.check_result


def test_field_check__positive_result_cannot_end_and_kinds_do_not_mix(
    app: Flask, standards: Any, town: Persona, district: Persona, today: Any
) -> None:
    pk = district_reviewed(town, district, **FLEXIBLE_CHANGES)
    page = district.get(f"/ledger/si_subsidy/show/{pk}").data.decode()
    assert "区实地核查：符合条件" in page and "区实地核查：不予上报" in page  # the two step forms
    inputs = {"record": "实地核实", "date": "2026-10-14"}
    wrong_kind = fire(district, "si_subsidy", pk, "field_check", result="已实际经营", **inputs)
    assert wrong_kind.status_code == 422 and "result" in wrong_kind.json["message"]
    positive = fire(district, "si_subsidy", pk, "not_report", result="从事灵活就业", **inputs)
    assert positive.status_code == 422
    no_record = fire(district, "si_subsidy", pk, "field_check", result="从事灵活就业", date="2026-10-14")
    assert no_record.status_code == 422 and "record" in no_record.json["message"]
    ok(fire(district, "si_subsidy", pk, "field_check", result="从事灵活就业", **inputs))
    assert case(pk).state == "field_checked"


# ---- amount ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "months", "applied_on", "monthly", "amount"),
    [
        (SELF_EMPLOYED, 12, "2026-09-20", "500.00", "6000.00"),
        (SELF_EMPLOYED, 12, "2026-09-30", "500.00", "6000.00"),  # the day before the new standard
        (SELF_EMPLOYED, 12, "2026-10-01", "550.50", "6606.00"),  # in force from its first day
        (SELF_EMPLOYED, 1, "2026-10-08", "550.50", "550.50"),
        (FLEXIBLE, 36, "2026-10-08", "300.00", "10800.00"),
    ],
)
def test_amount__monthly_standard_in_force_times_months(
    app: Flask,
    standards: Any,
    town: Persona,
    kind: str,
    months: int,
    applied_on: str,
    monthly: str,
    amount: str,
) -> None:
    changes = FLEXIBLE_CHANGES if kind == FLEXIBLE else {}
    pk = apply(town, **changes, months=months, applied_on=applied_on)
    row = case(pk)
    assert (row.monthly_amount, row.amount) == (Decimal(monthly), Decimal(amount))
    assert row.rule_readings["monthly"]["key"] == f"si_subsidy.{kind}.monthly"


def test_amount__kept_after_a_later_parameter_change_and_refused_without_one(
    app: Flask, standards: Any, town: Persona
) -> None:
    pk = apply(town, applied_on="2026-09-20")
    add_parameter(app, "si_subsidy.1.monthly", "800.00", date(2026, 9, 1))
    response = town.put(f"/api/v1/si_subsidy/{pk}", json={"remarks": "补录", "version": 1})
    assert response.status_code == 200, response.json
    assert case(pk).amount == Decimal("6000.00")  # stored with its reading
    ok_months = town.put(f"/api/v1/si_subsidy/{pk}", json={"months": 6, "version": 2})
    assert ok_months.status_code == 200 and case(pk).amount == Decimal("4800.00")  # recomputed
    values = si_values(first_community("仁和镇").id, applied_on="2010-06-01")
    values.pop("person")
    refused = town.post("/api/v1/si_subsidy/", json=values)
    assert refused.status_code == 422 and "政策参数" in str(refused.json["message"]["applied_on"])


# ---- 花名册 ---------------------------------------------------------------------------------------


def approved(town: Persona, district: Persona, **changes: Any) -> int:
    pk = district_reviewed(town, district, **changes)
    result = "从事灵活就业" if changes.get("kind") == FLEXIBLE else "已实际经营"
    ok(
        fire(
            district, "si_subsidy", pk, "field_check", result=result, record="实地核查属实", date="2026-10-14"
        )
    )
    ok(fire(district, "si_subsidy", pk, "system_approve", date="2026-10-15"))
    return pk


def test_roster__one_sheet_per_kind_unmasked_for_the_city(
    app: Flask, standards: Any, town: Persona, district: Persona, login: Any, today: Any
) -> None:
    own = approved(town, district, applied_on="2026-09-20")
    flexible = approved(town, district, **FLEXIBLE_CHANGES, applied_on="2026-09-21", months=24)
    pending = apply(town)  # not approved: not on the roster
    response = district.post(
        "/ledger/si_subsidy/action_post", data={"action": "roster", "rowid": [own, flexible, pending]}
    )
    assert response.status_code == 200 and response.mimetype.endswith("sheet")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["申请自谋职业（自主创业）人员花名册", "申请灵活就业人员花名册"]
    sheet = list(book.worksheets[0].iter_rows(values_only=True))
    assert sheet[0][0] == "申请自谋职业（自主创业）人员花名册" and "人数：1" in sheet[1][0]
    assert sheet[2] == (
        "序号",
        "姓名",
        "性别",
        "公民身份号码",
        "街（镇）",
        "社区（村）",
        "经营项目名称",
        "营业执照号码",
        "经营地址",
        "申请日期",
        "补贴期限（月）",
        "月补贴标准（元）",
        "补贴金额（元）",
        "区县核查结果",
        "联系电话",
    )
    row = case(own)
    data = sheet[3]
    assert data[:6] == (
        1,
        row.person.name,
        "女" if row.person.gender == "2" else "男",
        row.person.id_number,
        "仁和镇",
        row.org.name,
    )
    assert "*" not in data[3] and len(data[3]) == 18  # unmasked: it goes to the city
    assert data[6] == row.business_name and data[9].date() == date(2026, 9, 20)
    assert data[10:14] == (12, 500, 6000, "已实际经营")
    flexible_sheet = list(book.worksheets[1].iter_rows(values_only=True))
    assert flexible_sheet[2][6] == "灵活就业形式" and flexible_sheet[3][6] == "家政服务"
    assert flexible_sheet[3][9:13] == (24, 300, 7200, "从事灵活就业")
    nothing = district.post("/ledger/si_subsidy/action_post", data={"action": "roster", "rowid": [pending]})
    assert nothing.status_code == 302
    inspector = Persona(login, "ducha")  # reads the ledger with masked ID numbers: no roster
    assert (
        inspector.post(
            "/ledger/si_subsidy/action_post", data={"action": "roster", "rowid": [own]}
        ).status_code
        == 403
    )


def verified(client: Persona, town_name: str = "仁和镇", **changes: Any) -> int:
    pk = apply(client, town_name, **changes)
    ok(fire(client, "si_subsidy", pk, "town_verify", record="入户核实，情况属实", date="2026-10-09"))
    return pk


def roster_of(client: Persona, action: str, pks: list[int]) -> Any:
    return client.post("/ledger/si_subsidy/action_post", data={"action": action, "rowid": pks})


def test_town_roster__town_clerk_gets_own_verified_cases_for_the_district(
    app: Flask, standards: Any, town: Persona, today: Any
) -> None:
    own = verified(town, applied_on="2026-09-20")
    flexible = reported(town, **FLEXIBLE_CHANGES, applied_on="2026-09-21", months=24)
    pending = apply(town)  # not yet verified: not on the roster
    response = roster_of(town, "town_roster", [own, flexible, pending])
    assert response.status_code == 200 and response.mimetype.endswith("sheet")
    assert "社会保险补贴报区花名册_仁和镇_2026-11-20.xlsx" in unquote(response.headers["Content-Disposition"])
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [
        "申请自谋、灵活就业社会保险补贴花名册（自谋职业）",
        "申请自谋、灵活就业社会保险补贴花名册（灵活就业）",
    ]
    sheet = list(book.worksheets[0].iter_rows(values_only=True))
    assert sheet[0][0] == "申请自谋、灵活就业社会保险补贴花名册（自谋职业）"
    assert sheet[1][0].startswith(
        "报送单位：仁和镇　　报送至：区劳动服务管理中心　　报送日期：2026年11月20日　　人数：1　　制表人："
    )
    assert sheet[2] == si_subsidy.ROSTER_HEADERS[SELF_EMPLOYED]  # the city roster's layout
    row = case(own)
    assert sheet[3][:6] == (1, row.person.name, sheet[3][2], row.person.id_number, "仁和镇", row.org.name)
    assert sheet[3][9].date() == date(2026, 9, 20) and sheet[3][10:14] == (12, 500, 6000, "")
    flexible_sheet = list(book.worksheets[1].iter_rows(values_only=True))
    assert flexible_sheet[2] == si_subsidy.ROSTER_HEADERS[FLEXIBLE]
    assert [r[0] for r in flexible_sheet[3:] if r[0] is not None][:2] == [1, "合计"]
    assert flexible_sheet[4][1:2] == ("1人",)  # 合计: months and amount summed, not the monthly rate
    assert flexible_sheet[4][9:12] == ("=SUM(J4:J4)", None, "=SUM(L4:L4)")
    assert flexible_sheet[3][6] == "家政服务" and flexible_sheet[3][9:12] == (24, 300, 7200)
    nothing = town.post(
        "/ledger/si_subsidy/action_post",
        data={"action": "town_roster", "rowid": [pending]},
        follow_redirects=True,
    )
    assert "请勾选街镇已核实（或已报区）的申请生成花名册" in nothing.data.decode()


def test_town_roster__other_towns_ticked_case__refused_with_message(
    app: Flask, standards: Any, town: Persona, login: Any, today: Any
) -> None:
    theirs = verified(Persona(login, "houshayu_jingban"), "后沙峪镇")
    town = Persona(login, "renhe_jingban")
    own = verified(town)
    refused = town.post(
        "/ledger/si_subsidy/action_post",
        data={"action": "town_roster", "rowid": [own, theirs]},
        follow_redirects=True,
    )
    assert refused.mimetype == "text/html"
    assert "所勾选的申请中有1条不在您的管辖范围内，未生成花名册" in refused.data.decode()
    alone = roster_of(town, "town_roster", [theirs])
    assert alone.status_code == 302  # nothing of the user's own: no file


def test_rosters__each_at_its_tier__town_clerk_refused_city_roster(
    app: Flask, standards: Any, town: Persona, district: Persona, today: Any
) -> None:
    pk = approved(town, district)
    refused = town.post(
        "/ledger/si_subsidy/action_post", data={"action": "roster", "rowid": [pk]}, follow_redirects=True
    )
    assert refused.mimetype == "text/html" and "“报市局花名册”须由区一级办理" in refused.data.decode()
    ours = verified(town)
    district_refused = district.post(
        "/ledger/si_subsidy/action_post",
        data={"action": "town_roster", "rowid": [ours]},
        follow_redirects=True,
    )
    assert "“报区花名册”须由街（镇）一级办理" in district_refused.data.decode()
    town_page = town.get("/ledger/si_subsidy/list/").data.decode()
    district_page = district.get("/ledger/si_subsidy/list/").data.decode()
    assert "报区花名册" in town_page and "报市局花名册" not in town_page
    assert "报市局花名册" in district_page and "报区花名册" not in district_page
    assert roster_of(district, "roster", [pk]).mimetype.endswith("sheet")


def test_amount__from_a_placeholder_warned_and_computed_again_once_the_figure_is_set(
    app: Flask, town: Persona
) -> None:
    pk = apply(town, applied_on="2026-09-20")  # the seeded si_subsidy.1.monthly: 0.00, 待核定
    assert case(pk).amount == Decimal("0.00")
    page = town.get(f"/ledger/si_subsidy/show/{pk}").data.decode()
    assert "pending-parameters" in page and "自谋职业（自主创业）社会保险补贴月标准" in page
    placeholder = db.session.execute(
        select(PolicyParameter).where(PolicyParameter.key == "si_subsidy.1.monthly")
    ).scalar_one()
    seeded = placeholder.value
    try:
        placeholder.value = "600.00"  # the administrator sets the figure on the row in force
        db.session.commit()
        response = town.put(f"/api/v1/si_subsidy/{pk}", json={"remarks": "核定后重算", "version": 1})
        assert response.status_code == 200, response.json
        assert case(pk).amount == Decimal("7200.00")  # 600.00 × 12 months, on a save that changed no input
        assert "pending-parameters" not in town.get(f"/ledger/si_subsidy/show/{pk}").data.decode()
    finally:
        placeholder.value = seeded
        db.session.commit()
