"""Demo district subsidies (SM-07) through the three reviews and the public notice (公示): cases stop at
every step, one notice closed (its cases paid), one still running."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.services import notices
from models.district_subsidy import DistrictSubsidy
from models.policy import PolicyParameter
from seed.demo.office import DISTRICT_CLERK, REVIEWER, THIRD_PARTY, Office

ORDER = 90


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
# the manual gives no figure for the five subsidies (seeded 0.00, 待核定), and a notice with 0.00 cannot be
# published: the demo sets figures of its own, marked as such, as the administrator would set the real ones
DEMO_AMOUNTS = {"D1": "1000.00", "D2": "2000.00", "D3": "500.00", "D4": "800.00", "D5": "3000.00"}
DEMO_NOTE = "演示数额，不是文件规定的标准；正式使用前由系统管理员按现行文件核定"


def set_demo_amounts(office: Office) -> None:
    """A demo row for each subsidy's amount, in force from before the first demo application."""
    effective = office.today - timedelta(days=90)
    for code, value in DEMO_AMOUNTS.items():
        key = f"district_subsidy.{code}.amount"
        seeded = office.session.query(PolicyParameter).filter_by(key=key).order_by(PolicyParameter.id).first()
        if seeded is None or office.session.query(PolicyParameter).filter_by(key=key, note=DEMO_NOTE).count():
            continue
        office.session.add(
            PolicyParameter(
                key=key,
                label=seeded.label,
                kind=seeded.kind,
                value=value,
                unit=seeded.unit,
                effective_from=max(effective, seeded.effective_from + timedelta(days=1)),
                source=seeded.source,
                note=DEMO_NOTE,
            )
        )
    office.session.flush()


def seed_district_subsidies(office: Office) -> None:
    set_demo_amounts(office)
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


def seed_demo(office: Office) -> None:
    seed_district_subsidies(office)
