"""Demo SMS batches: per town clerk of the first two demo towns, one batch sent, one approved and waiting
to go, one draft for the reviewer."""

from __future__ import annotations

from app.domain import sms
from models.sms import SmsBatch
from seed.demo.office import Office

ORDER = 70


SMS_TEXT = (
    "【顺义区就业服务】{town}社保所本周四上午9点在人力资源市场举办专场招聘会，"
    "提供保安、保洁、仓管等岗位200余个，欢迎求职人员携带身份证参加。咨询电话69405180"
)


def seed_sms(office: Office) -> None:
    """Per town clerk: one batch sent, one approved and waiting to go, one draft for the reviewer."""
    for town in office.towns[:2]:
        text = SMS_TEXT.format(town=town.name)
        batches = [
            office.create(
                town.clerk,
                SmsBatch,
                {"org_id": town.unit.id, "title": title, "content": text, **filters},
            )
            for title, filters in (
                ("招聘会通知", {}),
                ("援助月岗位推送", {"recipient_age_min": 18, "recipient_age_max": 55}),
                ("技能培训报名通知", {"recipient_employment_status": "21"}),
            )
        ]
        sent, approved, _draft = batches
        for batch in (sent, approved):
            office.fire("qu_shenhe", batch, "approve", comment="内容属实，同意发送")
        with office.acting(town.clerk):
            has_recipients = bool(sms.recipients(sent))
        if has_recipients:  # a very small demo may have no one with a phone in the town
            office.fire(town.clerk, sent, "send")
    office.commit()


def seed_demo(office: Office) -> None:
    seed_sms(office)
