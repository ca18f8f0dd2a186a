"""Demo guaranteed loans (SM-04..06) of the district and the towns, stopped at different steps, with their
post-loan checks, and an interest subsidy of a repaid loan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from models.loan import InterestSubsidy, Loan, PostLoanCheck
from seed.demo.office import DISTRICT_CLERK, Office, Town

ORDER = 100


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


def seed_demo(office: Office) -> None:
    seed_loans(office)
