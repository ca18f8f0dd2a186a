"""Demo policy cases: district subsidies through the three reviews and the public notice, guaranteed loans
of the district and the towns with their post-loan checks and an interest subsidy, social-insurance
subsidies with monthly deduction checks, public-welfare post workers with last month's pay, and guidance
training with the towns' quarterly claims. Cases stop at different steps, some past their time limit, so
the inboxes (我的待办) and 超期督办 of the demo users have items."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.services import notices
from models.district_subsidy import DistrictSubsidy
from models.guidance import GuidanceClaim, GuidanceTraining
from models.loan import InterestSubsidy, Loan, PostLoanCheck
from models.si_subsidy import SiDeductionCheck, SiSubsidy
from models.welfare import WelfarePayment, WelfarePostWorker
from seed.demo.office import Office, Town

DISTRICT_CLERK, REVIEWER, THIRD_PARTY = "qu_jingban", "qu_shenhe", "disanfang"
# where each district subsidy case stops, oldest first
SUBSIDY_STAGES = (
    "paid",
    "paid",
    "in_notice_closed",
    "in_notice_closed",
    "in_notice",
    "in_notice",
    "final_reviewed",
    "second_reviewed",
    "first_reviewed",
    "rejected",
    "submitted",
    "submitted",
)
SUBSIDY_TYPES = ("D1", "D2", "D3", "D4", "D5")
SHOPS = ("便民早餐店", "社区果蔬店", "家电维修部", "小型汽车美容店", "手工面食坊", "日用杂货店")


def month_start(day: date, back: int = 0) -> date:
    month = day.year * 12 + day.month - 1 - back
    return date(month // 12, month % 12 + 1, 1)


# ---- district subsidies (SM-07) and their public notices ------------------------------------------------


def seed_district_subsidies(office: Office) -> None:
    cases = []
    for n, stage in enumerate(SUBSIDY_STAGES):
        town = office.towns[n % 2]
        person = office.take_persons(town, 1)
        if not person:
            continue
        applied = office.today - timedelta(days=60 - 4 * n)
        case = office.create(
            town.clerk,
            DistrictSubsidy,
            {
                "org_id": person[0].org_id,
                "subsidy_type": SUBSIDY_TYPES[n % len(SUBSIDY_TYPES)],
                "applicant_kind": "2",
                "applicant_name": person[0].name,
                "id_number": person[0].id_number,
                "quantity": 1,
                "applied_on": applied,
                "phone": person[0].phone,
            },
        )
        if stage != "submitted" or n % 2:
            office.receive_materials(town.clerk, case, applied)
        cases.append((case, stage, applied))
    reviewed = []
    for case, stage, _applied in cases:
        if stage == "submitted":
            continue
        if stage == "rejected":
            office.fire(DISTRICT_CLERK, case, "reject", comment="申请人不符合城乡就业困难人员认定条件")
            continue
        office.fire(DISTRICT_CLERK, case, "first_review", comment="材料齐全，初审通过")
        if stage == "first_reviewed":
            continue
        office.fire(REVIEWER, case, "second_review", comment="复审通过")
        if stage == "second_reviewed":
            continue
        office.fire(THIRD_PARTY, case, "final_review", comment="终审通过")
        if stage != "final_reviewed":
            reviewed.append((case, stage))
    office.commit()
    closed = [case for case, stage in reviewed if stage != "in_notice"]
    current = [case for case, stage in reviewed if stage == "in_notice"]
    notice_of_closed = put_on_notice(office, closed, "区级就业再就业优惠政策补贴审核结果公示（第一批）", 20)
    put_on_notice(office, current, "区级就业再就业优惠政策补贴审核结果公示（第二批）", 3)
    if notice_of_closed is not None:
        office.fire(DISTRICT_CLERK, notice_of_closed, "close", comment="公示期满无异议")
        for case, stage in reviewed:
            if stage != "paid":
                continue
            office.fire(DISTRICT_CLERK, case, "send_to_finance", date=office.today - timedelta(days=10))
            office.fire(
                DISTRICT_CLERK,
                case,
                "finance_approve",
                date=office.today - timedelta(days=6),
                comment="顺财社〔2026〕118号",
            )
            office.fire(DISTRICT_CLERK, case, "pay", date=office.today - timedelta(days=2))
    office.commit()


def put_on_notice(office: Office, cases: list[Any], title: str, days_ago: int) -> Any:
    if not cases:
        return None
    published = office.today - timedelta(days=days_ago)
    with office.acting(DISTRICT_CLERK):
        notice = notices.create_notice(DistrictSubsidy, cases, title, published)
    office.fire(DISTRICT_CLERK, notice, "publish", date=published)
    return notice


# ---- guaranteed loans (SM-04..06), post-loan checks, interest subsidy --------------------------------------


def loan_values(office: Office, person: Any, loan_type: str, applied: date) -> dict[str, Any]:
    rng = office.rng
    amount = (
        rng.choice((100000, 150000, 200000, 300000))
        if loan_type != "3"
        else rng.choice((50000, 80000, 100000))
    )
    return {
        "org_id": person.org_id,
        "person_id": person.id,
        "loan_type": loan_type,
        "enterprise_name": f"{person.name}{rng.choice(('餐饮店', '五金店', '汽修厂', '服装加工厂'))}",
        "business": "00",
        "industry": rng.choice("CFHO"),
        "applied_on": applied,
        "amount": amount,
        "own_funds": amount // 2,
        "investment": amount,
        "purpose": "购置设备、租赁经营场地及流动资金",
        "staff_count": rng.randint(5, 12),
        "new_hires": rng.randint(1, 5),
    }


def first_check(office: Office, clerk: str, loan: Loan, on: date) -> None:
    office.create(
        clerk,
        PostLoanCheck,
        {
            "org_id": loan.org_id,
            "loan_id": loan.id,
            "checked_on": on,
            "method": "3",
            "on_site": True,
            "funds_use": True,
            "operations": True,
            "findings": "经营正常，贷款资金按用途使用",
        },
    )


def district_loan(office: Office, town: Town, stage: str, applied: date) -> Loan | None:
    person = office.take_persons(town, 1)
    if not person:
        return None
    loan = office.create(DISTRICT_CLERK, Loan, loan_values(office, person[0], "1", applied))
    if stage == "inquiry":
        return loan
    office.receive_materials(DISTRICT_CLERK, loan, applied + timedelta(days=2))
    office.fire(DISTRICT_CLERK, loan, "complete_materials", date=applied + timedelta(days=2))
    if stage == "materials_complete":
        return loan
    office.fire(DISTRICT_CLERK, loan, "review", comment="审核通过，报担保机构")
    disbursed = applied + timedelta(days=30)
    office.fire(DISTRICT_CLERK, loan, "disburse", date=disbursed, term_months=24)
    first_check(office, DISTRICT_CLERK, loan, disbursed + timedelta(days=5))
    office.fire(DISTRICT_CLERK, loan, "start_checks")
    office.fire(DISTRICT_CLERK, loan, "create_file", date=disbursed + timedelta(days=9))
    if stage == "repaid":
        office.fire(DISTRICT_CLERK, loan, "repaid_on_time", date=office.today - timedelta(days=20))
    return loan


def town_loan(office: Office, town: Town, stage: str, applied: date) -> Loan | None:
    person = office.take_persons(town, 1)
    if not person:
        return None
    clerk = town.clerk
    loan = office.create(clerk, Loan, loan_values(office, person[0], "3", applied))
    if stage == "inquiry":
        return loan
    office.fire(clerk, loan, "verify_on_site", date=applied + timedelta(days=3), comment="经营场所属实")
    office.receive_materials(clerk, loan, applied + timedelta(days=5))
    office.fire(clerk, loan, "town_complete_materials", date=applied + timedelta(days=5))
    office.fire(clerk, loan, "town_review", comment="审核通过")
    office.fire(clerk, loan, "sign_opinion", date=applied + timedelta(days=8))
    if stage == "opinion_signed":
        return loan
    office.fire(clerk, loan, "report_to_district", date=applied + timedelta(days=9))
    office.fire(
        clerk,
        loan,
        "send_to_guarantor",
        date=applied + timedelta(days=9),
        guarantor="北京中关村科技融资担保有限公司",
    )
    office.fire(clerk, loan, "bank_notified", date=applied + timedelta(days=20), bank="北京农商银行顺义支行")
    disbursed = applied + timedelta(days=25)
    office.fire(clerk, loan, "town_disburse", date=disbursed, term_months=24)
    first_check(office, clerk, loan, disbursed + timedelta(days=4))
    office.fire(clerk, loan, "start_town_checks")
    office.fire(clerk, loan, "town_create_file", date=disbursed + timedelta(days=10))
    return loan


def seed_loans(office: Office) -> None:
    today = office.today
    renhe, houshayu, nanfaxin = office.towns[:3]
    district_loan(office, renhe, "inquiry", today - timedelta(days=4))
    district_loan(office, houshayu, "materials_complete", today - timedelta(days=16))
    district_loan(office, nanfaxin, "monitoring", today - timedelta(days=150))
    repaid = district_loan(office, renhe, "repaid", today - timedelta(days=800))
    town_loan(office, renhe, "inquiry", today - timedelta(days=14))  # on-site check overdue
    town_loan(office, renhe, "monitoring", today - timedelta(days=120))
    town_loan(office, houshayu, "opinion_signed", today - timedelta(days=30))
    if repaid is not None:
        office.create(
            DISTRICT_CLERK,
            InterestSubsidy,
            {
                "org_id": repaid.org_id,
                "loan_id": repaid.id,
                "applied_on": today - timedelta(days=8),
                "quarterly_interest": "2025Q3 1820.00\n2025Q4 1795.50\n2026Q1 1760.20",
            },
        )
    office.commit()


# ---- social-insurance subsidies (SM-03) and deduction checks ----------------------------------------------


def seed_si_subsidies(office: Office) -> None:
    rng, today = office.rng, office.today
    stages = ("applied", "reported", "reported_late", "district_reviewed", "active", "active")
    for n, stage in enumerate(stages):
        town = office.towns[n % 2]
        person = office.take_persons(town, 1)
        if not person:
            continue
        kind = "1" if n % 3 else "2"
        applied = today - timedelta(days={"applied": 3, "reported": 6, "reported_late": 25}.get(stage, 120))
        values: dict[str, Any] = {
            "org_id": person[0].org_id,
            "person_id": person[0].id,
            "kind": kind,
            "applied_on": applied,
            "months": rng.choice((12, 24, 36)),
            "phone": person[0].phone,
            "business_address": f"{town.name}{rng.choice(('裕民大街', '府前街', '双河路'))}{rng.randint(1, 90)}号",
        }
        if kind == "1":
            values |= {
                "business_name": f"{rng.choice(SHOPS)}",
                "licence_number": f"92110113MA0{rng.randrange(10**7):07d}",
            }
        else:
            values["flexible_form"] = "1"
        case = office.create(town.clerk, SiSubsidy, values)
        if stage == "applied":
            continue
        office.fire(
            town.clerk, case, "town_verify", record="入户核实，情况属实", date=applied + timedelta(days=1)
        )
        office.receive_materials(town.clerk, case, applied + timedelta(days=1))
        office.fire(town.clerk, case, "report_to_district", date=applied + timedelta(days=2))
        if stage.startswith("reported"):
            continue
        reviewed = applied + timedelta(days=5)
        office.fire(DISTRICT_CLERK, case, "district_review", date=reviewed)
        if stage == "district_reviewed":
            continue
        result = "11" if kind == "1" else "21"
        office.fire(
            DISTRICT_CLERK,
            case,
            "field_check",
            result=result,
            record="实地核查属实",
            date=reviewed + timedelta(days=3),
        )
        office.fire(DISTRICT_CLERK, case, "system_approve", date=reviewed + timedelta(days=5))
        office.fire(
            DISTRICT_CLERK,
            case,
            "report_to_city",
            request="请市局审批自谋职业、灵活就业社会保险补贴",
            date=reviewed + timedelta(days=5),
        )
        office.fire(
            DISTRICT_CLERK,
            case,
            "city_approve",
            date=reviewed + timedelta(days=20),
            approval_ref="京人社就字〔2026〕57号",
        )
        office.fire(DISTRICT_CLERK, case, "notify_town", date=reviewed + timedelta(days=20))
        office.fire(town.clerk, case, "sign_agreement", date=reviewed + timedelta(days=23))
        office.fire(town.clerk, case, "report_medical", date=reviewed + timedelta(days=24))
        office.fire(
            town.clerk,
            case,
            "notify_deposit",
            bank="北京农商银行顺义支行",
            amount="612.50",
            date=reviewed + timedelta(days=25),
            comment="已通知存款行按月扣款",
        )
        started = month_start(reviewed + timedelta(days=40))
        office.fire(town.clerk, case, "begin", date=started)
        month = started
        while month < month_start(today):
            deducted = "612.50" if month != month_start(today, 1) or n % 2 else "0.00"
            office.create(
                town.clerk,
                SiDeductionCheck,
                {
                    "org_id": case.org_id,
                    "subsidy_id": case.id,
                    "month": month,
                    "expected_amount": "612.50",
                    "deducted_amount": deducted,
                    "note": None if deducted != "0.00" else "账户余额不足，已电话提醒",
                },
            )
            month = month_start(month + timedelta(days=32))
    office.commit()


# ---- public-welfare posts (SM-09) ------------------------------------------------------------------------


def seed_welfare(office: Office) -> None:
    rng, today = office.rng, office.today
    year_start = date(today.year, 1, 1)
    last_month = month_start(today, 1)
    for town in office.towns:
        for k, person in enumerate(office.take_persons(town, 4)):
            base = rng.choice(("2420.00", "2500.00", "2600.00"))
            worker = office.create(
                DISTRICT_CLERK,
                WelfarePostWorker,
                {
                    "org_id": person.org_id,
                    "person_id": person.id,
                    "contract_start": year_start,
                    "contract_end": date(today.year, 12, 31),
                    "start_date": year_start + timedelta(days=rng.randint(0, 60)),
                    "base_wage": base,
                    "floating_wage": "200.00",
                },
            )
            payment = office.create(
                DISTRICT_CLERK,
                WelfarePayment,
                {"org_id": worker.org_id, "worker_id": worker.id, "pay_month": last_month},
            )
            if k == 0:
                continue  # calculated, waiting to be entered
            office.fire(DISTRICT_CLERK, payment, "enter", date=last_month + timedelta(days=4))
            if k == 1:
                continue  # waiting for the reviewer's signature
            office.fire(REVIEWER, payment, "sign", date=last_month + timedelta(days=12))
            if k == 3:
                office.fire(DISTRICT_CLERK, payment, "disburse", date=last_month + timedelta(days=20))
    office.commit()


# ---- vocational guidance training and the quarterly claims (SM-08) ----------------------------------------


def seed_guidance_claims(office: Office) -> None:
    rng, today = office.rng, office.today
    quarter_end = month_start(today, (today.month - 1) % 3) - timedelta(days=1)
    quarter_start = month_start(quarter_end, 2)
    topics = ("求职技巧与面试礼仪", "职业生涯规划", "劳动合同与权益保护", "创业意识培训")
    for n, town in enumerate(office.towns[:2]):
        persons = office.take_persons(town, 5)
        if not persons:
            continue
        for person in persons:
            office.create(
                town.clerk,
                GuidanceTraining,
                {
                    "org_id": person.org_id,
                    "person_id": person.id,
                    "held_on": quarter_start
                    + timedelta(days=rng.randint(0, (quarter_end - quarter_start).days)),
                    "minutes": rng.choice((120, 150, 180)),
                    "topic": rng.choice(topics),
                    "phone": person.phone or "13800000000",
                    "self_filled": True,
                },
            )
        quarter = f"{quarter_end.year}Q{(quarter_end.month - 1) // 3 + 1}"
        submitted = min(quarter_end + timedelta(days=3), today)
        claim = office.create(
            town.clerk,
            GuidanceClaim,
            {"org_id": town.unit.id, "quarter": quarter, "submitted_on": submitted},
        )
        office.receive_materials(town.clerk, claim, submitted)
        if n == 1:
            office.fire(DISTRICT_CLERK, claim, "review", date=submitted + timedelta(days=4))
    office.commit()


def seed_policy(office: Office) -> None:
    seed_guidance_claims(office)
    seed_district_subsidies(office)
    seed_loans(office)
    seed_si_subsidies(office)
    seed_welfare(office)
