"""Demo 督办通知: the inspector urged the first two demo towns about their overdue items; the first town has
answered with its written explanation, the second one's answer is waiting in its 我的待办."""

from __future__ import annotations

from models.supervision import SupervisionNotice
from seed.demo.office import Office

ORDER = 140  # after every family: it draws nothing from the random source

CONTENT = "截至本月，{town}有超期事项若干件（跟踪回访、流程步骤）。请抓紧办理，并于3个工作日内形成文字性情况说明予以答复。"


def seed_demo(office: Office) -> None:
    notices = [
        office.create(
            "ducha",
            SupervisionNotice,
            {
                "org_id": town.unit.id,
                "subject": f"超期督办：{town.name}跟踪回访",
                "content": CONTENT.format(town=town.name),
            },
        )
        for town in office.towns[:2]
    ]
    first = office.towns[0]
    office.fire(
        first.clerk, notices[0], "answer", reply="已逐户电话回访，超期事项已办结，今后按月核对回访计划。"
    )
    office.commit()
