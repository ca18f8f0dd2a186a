"""SM-04 / SM-05 / SM-06 driven end to end through the API by the right personas: the district reviews
small-enterprise and labour-intensive loans, the street/town handles individual businesses (with the two
hand-offs of B-12 as separate steps); wrong roles, the wrong tier and another territory are refused; the
R-23 / R-24 / R-27 deadlines fall on the working-day calendar; post-loan checks start the FU-13 / FU-14
follow-ups; the interest subsidy (R-28, CK-03) goes to 区财政 only for a loan repaid on time or early.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import Flask
from sqlalchemy import select

from app import db
from models.followup import FollowUp
from models.loan import InterestSubsidy, PostLoanCheck
from tests.conftest import first_community
from tests.factories.loan import all_materials, apply, loan
from tests.factories.workflow import Persona, deadlines, fire, refusal


def check(client: Any, loan_id: int, on: str, **changes: Any) -> Any:
    values = {
        "org_id": first_community("仁和镇").id,
        "loan_id": loan_id,
        "checked_on": on,
        "method": "3",
        "on_site": True,
        "funds_use": True,
        "operations": True,
        **changes,
    }
    return client.post("/api/v1/post_loan_check/", json=values)


def test_small_enterprise__district_review_to_repayment_and_interest_subsidy(
    app: Flask, login: Any, today: Any
) -> None:
    district = Persona(login, "qu_jingban")
    created = apply(district)
    assert created.status_code == 201, created.json
    pk = created.json["id"]
    assert loan(pk).rule_readings["parameters"]["own_funds_share"]["value"] == "0.30"
    assert deadlines(district, "loan", pk) == {}  # no on-site verification for a district loan

    district.post(f"/ledger/loan/materials/{pk}", data={"received_1": "1", "received_2": "1"})
    missing = refusal(fire(district, "loan", pk, "complete_materials", date="2026-11-02"))
    assert "企业章程" in missing and "特殊行业生产经营许可证" not in missing  # optional item
    town = Persona(login, "renhe_jingban")
    assert fire(town, "loan", pk, "complete_materials", date="2026-11-02").status_code == 403  # tier
    assert "区级审核" in refusal(fire(town, "loan", pk, "reject", comment="不符合条件"))  # handled_here
    district.post(f"/ledger/loan/materials/{pk}", data=all_materials("CK-01"))
    assert fire(district, "loan", pk, "complete_materials", date="2026-11-02").status_code == 200
    assert loan(pk).materials_complete_on == date(2026, 11, 2)
    assert deadlines(district, "loan", pk) == {"review": "2026-11-09"}  # + 5 working days

    assert fire(Persona(login, "qu_shenhe"), "loan", pk, "review").status_code == 403  # read-only role
    assert Persona(login, "houshayu_jingban").get(f"/api/v1/workflow/loan/{pk}").status_code == 404
    assert fire(district, "loan", pk, "review").status_code == 200
    assert fire(district, "loan", pk, "certify", date="2026-11-05").status_code == 403  # SM-05 only
    disbursed = fire(district, "loan", pk, "disburse", date="2026-11-06", term_months=24)
    assert disbursed.status_code == 200, disbursed.json
    assert deadlines(district, "loan", pk) == {"start_checks": "2026-11-17"}  # + 7 working days

    assert "贷后检查" in refusal(fire(district, "loan", pk, "start_checks"))
    assert check(district, pk, "2026-11-05").status_code == 422  # before the funds arrived
    assert check(district, pk, "2026-11-10").status_code == 201
    assert fire(district, "loan", pk, "start_checks").status_code == 200
    assert deadlines(district, "loan", pk) == {"create_file": "2026-11-20"}  # disbursed + 10 WD
    followup = db.session.execute(select(FollowUp).where(FollowUp.subject_row_id == pk)).scalar_one()
    assert (followup.rule, followup.due_on) == ("FU-13", date(2027, 2, 20))  # quarterly on-site

    assert fire(district, "loan", pk, "create_file", date="2026-11-19").status_code == 200
    assert fire(district, "loan", pk, "repaid_on_time", date="2026-11-20").status_code == 200
    assert (loan(pk).state, loan(pk).repayment_status) == ("repaid_on_time", "2")

    subsidy = district.post(
        "/api/v1/interest_subsidy/",
        json={
            "org_id": first_community("仁和镇").id,
            "loan_id": pk,
            "applied_on": "2026-11-20",
            "quarterly_interest": "2026Q4 1500.25\n2027Q1：1499.75",
        },
    )
    assert subsidy.status_code == 201, subsidy.json
    sid = subsidy.json["id"]
    assert db.session.get(InterestSubsidy, sid).total_interest == Decimal("3000.00")
    assert "利息清单" in refusal(fire(district, "interest_subsidy", sid, "review"))  # CK-03
    district.post(f"/ledger/interest_subsidy/materials/{sid}", data=all_materials("CK-03"))
    assert fire(town, "interest_subsidy", sid, "review").status_code == 403  # district only
    for step, inputs in [
        ("review", {}),
        ("send_to_finance", {"date": "2026-11-20"}),
        ("finance_approve", {"date": "2026-11-20", "approval_ref": "顺财贴〔2026〕8号"}),
    ]:
        assert fire(district, "interest_subsidy", sid, step, **inputs).status_code == 200, step
    db.session.expire_all()
    approved = db.session.get(InterestSubsidy, sid)
    assert (approved.state, approved.approval_ref) == ("approved", "顺财贴〔2026〕8号")


def test_interest_subsidy__refused_for_bad_record_or_compensated_loans(app: Flask, login: Any) -> None:
    district = Persona(login, "qu_jingban")
    for changes in ({"repayment_status": "2", "bad_record": True}, {"repayment_status": "4"}, {}):
        pk = apply(district, disbursed_on="2026-10-28", **changes).json["id"]
        refused = district.post(
            "/api/v1/interest_subsidy/",
            json={
                "org_id": first_community("仁和镇").id,
                "loan_id": pk,
                "applied_on": "2026-11-20",
                "quarterly_interest": "2026Q4 100",
            },
        )
        assert refused.status_code == 422
        assert "按时或提前还款" in str(refused.json["message"]["loan_id"])


def test_eligibility__refused_in_chinese_on_the_field(app: Flask, login: Any) -> None:
    district = Persona(login, "qu_jingban")
    cases = [
        ({"business": "06"}, "business", "不予"),  # 网吧
        ({"own_funds": 59999}, "own_funds", "60000.00"),
        ({"amount": 500001, "own_funds": 200000, "top_tier": True}, "amount", "500000"),
        ({"loan_type": "3", "investment": 15000, "amount": 50000}, "investment", "15000.00"),  # R-20 strict
        (
            {"loan_type": "2", "staff_count": 100, "new_hires": 10, "business": "01"},
            "new_hires",
            "未达到劳动密集型小企业的比例要求",
        ),
        (
            {"loan_type": "2", "staff_count": 100, "new_hires": 30, "business": "03"},
            "business",
            "该经营类别不予办理",
        ),
    ]
    for changes, field, words in cases:
        response = apply(district, **changes)
        assert response.status_code == 422, changes
        assert words in str(response.json["message"][field]), response.json
    assert apply(district, loan_type="2", staff_count=100, new_hires=30, business="01").status_code == 201


def test_labour_intensive__certified_and_re_reviewed_before_disbursement(
    app: Flask, login: Any, today: Any
) -> None:
    district = Persona(login, "qu_jingban")
    created = apply(district, loan_type="2", staff_count=110, new_hires=17, own_funds=None)
    assert created.status_code == 201, created.json
    pk = created.json["id"]
    assert loan(pk).rule_readings["reviewer_must_confirm"] is True  # B-05: the readings disagree
    district.post(f"/ledger/loan/materials/{pk}", data=all_materials("CK-04"))
    assert fire(district, "loan", pk, "complete_materials", date="2026-11-02").status_code == 200
    assert fire(district, "loan", pk, "review").status_code == 200
    assert "复审" in refusal(fire(district, "loan", pk, "disburse", date="2026-11-06", term_months=12))
    for step, inputs in [
        ("certify", {"date": "2026-11-03"}),
        ("send_for_re_review", {"date": "2026-11-03"}),
        ("re_review_passed", {"date": "2026-11-05", "comment": "区财政局复审通过"}),
        ("disburse", {"date": "2026-11-06", "term_months": 12}),
    ]:
        assert fire(district, "loan", pk, step, **inputs).status_code == 200, step
    assert loan(pk).certified_on == date(2026, 11, 3) and loan(pk).state == "disbursed"


def test_individual_business__town_verifies_signs_hands_over_twice_and_checks_monthly(
    app: Flask, login: Any, today: Any
) -> None:
    town = Persona(login, "renhe_jingban")
    created = apply(
        town, loan_type="3", amount=50000, investment=20000, own_funds=None, applied_on="2026-11-02"
    )
    assert created.status_code == 201, created.json
    pk = created.json["id"]
    assert deadlines(town, "loan", pk) == {"verify_on_site": "2026-11-09"}  # R-23 街镇 核实: + 5 WD

    district = Persona(login, "qu_jingban")
    assert "仅适用于区级" in refusal(fire(district, "loan", pk, "complete_materials", date="2026-11-04"))
    assert fire(district, "loan", pk, "verify_on_site", date="2026-11-04", comment="x").status_code == 403
    assert Persona(login, "houshayu_jingban").get(f"/api/v1/workflow/loan/{pk}").status_code == 404
    assert (
        fire(
            Persona(login, "renhe_shequ"), "loan", pk, "verify_on_site", date="2026-11-04", comment="x"
        ).status_code
        == 403
    )
    assert fire(town, "loan", pk, "town_complete_materials", date="2026-11-04").status_code == 403

    assert (
        fire(
            town, "loan", pk, "verify_on_site", date="2026-11-04", comment="入户、社区、经营场所均已调查"
        ).status_code
        == 200
    )
    town.post(f"/ledger/loan/materials/{pk}", data=all_materials("CK-08"))
    assert fire(town, "loan", pk, "town_complete_materials", date="2026-11-04").status_code == 200
    assert deadlines(town, "loan", pk) == {"town_review": "2026-11-11"}
    assert fire(town, "loan", pk, "town_review").status_code == 200
    assert fire(town, "loan", pk, "sign_opinion", date="2026-11-05").status_code == 200

    # B-12: the two hand-offs are separate steps with their own dates; the bank's notice needs both
    waiting = refusal(fire(town, "loan", pk, "bank_notified", date="2026-11-12", bank="农商银行"))
    assert "区劳动服务管理中心" in waiting and "担保机构" in waiting
    assert fire(town, "loan", pk, "report_to_district", date="2026-11-06").status_code == 200
    assert "担保机构" in refusal(fire(town, "loan", pk, "bank_notified", date="2026-11-12", bank="农商银行"))
    sent = fire(
        town, "loan", pk, "send_to_guarantor", date="2026-11-09", guarantor="北京市中小企业信用再担保"
    )
    assert sent.status_code == 200
    assert fire(town, "loan", pk, "bank_notified", date="2026-11-12", bank="农商银行").status_code == 200
    row = loan(pk)
    assert (row.reported_to_district_on, row.sent_to_guarantor_on, row.bank) == (
        date(2026, 11, 6),
        date(2026, 11, 9),
        "农商银行",
    )
    assert fire(town, "loan", pk, "town_disburse", date="2026-11-13", term_months=24).status_code == 200
    assert deadlines(town, "loan", pk) == {"start_town_checks": "2026-11-24"}  # + 7 WD
    assert check(town, pk, "2026-11-16").status_code == 201
    assert fire(town, "loan", pk, "start_town_checks").status_code == 200
    followup = db.session.execute(select(FollowUp).where(FollowUp.subject_row_id == pk)).scalar_one()
    assert (followup.rule, followup.due_on) == ("FU-14", date(2026, 12, 20))  # monthly
    assert deadlines(town, "loan", pk) == {"town_create_file": "2026-11-27"}  # disbursed + 10 WD

    for step, inputs in [
        ("town_create_file", {"date": "2026-11-20"}),
        ("flag_at_risk", {"comment": "经营严重亏损，引导提前还款"}),
        ("compensate", {"date": "2026-11-20", "comment": "担保机构代偿，约定还款计划"}),
    ]:
        assert fire(town, "loan", pk, step, **inputs).status_code == 200, step
    assert loan(pk).repayment_status == "4"
    assert (
        fire(town, "loan", pk, "start_recourse", date="2026-11-20", comment="处置抵押物").status_code == 200
    )
    assert (loan(pk).state, loan(pk).repayment_status) == ("recourse", "5")


def test_post_loan_check__major_change_report_due_in_3_working_days(
    app: Flask, login: Any, today: Any
) -> None:
    today["today"] = date(2026, 10, 12)
    district = Persona(login, "qu_jingban")
    pk = apply(district, applied_on="2026-09-01", disbursed_on="2026-09-15").json["id"]
    missing_day = check(district, pk, "2026-09-30", major_change=True)
    assert missing_day.status_code == 422 and "issue_found_on" in missing_day.json["message"]
    created = check(district, pk, "2026-09-30", major_change=True, issue_found_on="2026-09-30")
    assert created.status_code == 201, created.json
    # 30 Sept + 3 working days over the National Day holiday: the make-up Saturday 10 Oct
    assert db.session.get(PostLoanCheck, created.json["id"]).report_due_on == date(2026, 10, 10)
    early = check(district, pk, "2026-09-30", issue_found_on="2026-09-30", written_report_on="2026-09-29")
    assert early.status_code == 422 and "written_report_on" in early.json["message"]


def test_inbox__a_step_of_another_loan_type_is_no_to_do(app: Flask, login: Any, today: Any) -> None:
    district_loan = apply(Persona(login, "qu_jingban"), enterprise_name="区级审核的小企业").json["id"]
    town = Persona(login, "renhe_jingban")
    town_loan = apply(
        town,
        loan_type="3",
        amount=50000,
        investment=20000,
        own_funds=None,
        enterprise_name="街镇办理的个体户",
    ).json["id"]
    page = town.get("/inbox/?kind=loan").data.decode()
    assert "街镇办理的个体户" in page and "实地核实" in page
    assert "区级审核的小企业" not in page  # verify_on_site is for individual businesses only
    assert district_loan != town_loan
