"""Demo social-insurance subsidies (SM-03) for the self-employed and the flexibly employed, stopped at
different steps; the active ones with their monthly deduction checks (one month short)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from models.si_subsidy import SiDeductionCheck, SiSubsidy
from seed.demo.office import DISTRICT_CLERK, Office, month_start

ORDER = 110


SHOPS = ("便民早餐店", "社区果蔬店", "家电维修部", "小型汽车美容店", "手工面食坊", "日用杂货店")


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


def seed_demo(office: Office) -> None:
    seed_si_subsidies(office)
