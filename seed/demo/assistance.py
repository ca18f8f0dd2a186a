"""Demo cases of 就业困难人员援助 (SM-10, the hard_to_employ ledger): in each of the first two demo towns, a
few reported persons stopped at the successive steps of the town's assistance (recognition, plan, assistant,
first contact) or refused, reported on different days so that some steps are past their time limit."""

from __future__ import annotations

from datetime import timedelta

from models.assistance import HardToEmployCase
from seed.demo.office import Office

ORDER = 130  # last: the persons it takes leave the other families' cases unchanged

# (days since the community reported the person, hardship category, the steps the town has taken)
CASES = (
    (2, "H01", ()),
    (6, "H05", ()),
    (9, "H02", ("recognise",)),
    (12, "H04", ("recognise", "make_plan")),
    (15, "H03", ("recognise", "make_plan", "assign_assistant")),
    (20, "H01", ("recognise", "make_plan", "assign_assistant", "contact")),
    (25, "H09", ("reject",)),
)
PLAN = "每周电话联系一次；推荐保洁、绿化、社区服务类岗位；陪同面试；必要时开发公益性岗位托底"
ASSISTANTS = ("王秀兰", "刘建国", "张丽娟", "李志强")


def seed_assistance(office: Office) -> None:
    for town in office.towns[:2]:
        persons = office.take_persons(town, len(CASES))
        for person, (days_ago, category, steps) in zip(persons, CASES, strict=False):
            reported = office.today - timedelta(days=days_ago)
            case = office.create(
                town.clerk,
                HardToEmployCase,
                {
                    "org_id": person.org_id,
                    "person_id": person.id,
                    "category": category,
                    "reported_on": reported,
                },
            )
            for step in steps:
                inputs = {
                    "recognise": {
                        "date": reported + timedelta(days=1),
                        "comment": "经入户核实，符合认定条件",
                    },
                    "reject": {"comment": "经核实已在本区企业就业，不符合就业困难人员认定条件"},
                    "make_plan": {"plan": PLAN},
                    "assign_assistant": {"assistant_name": office.rng.choice(ASSISTANTS)},
                    "contact": {
                        "date": reported + timedelta(days=3),
                        "comment": "电话联系本人，说明援助内容",
                    },
                }[step]
                office.fire(town.clerk, case, step, **inputs)
    office.commit()


def seed_demo(office: Office) -> None:
    seed_assistance(office)
