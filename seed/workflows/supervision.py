"""The 督办通知 workflow (CATALOG WF-N1, 区级 第一章 第二节（一）), as data: the inspector sends the notice
(已督办); the urged unit's clerk answers with its written explanation within 3 working days (“令其3个工作日内
形成文字性情况说明”), which closes it (已答复). The answer is the unit's step: a town's notice is answered
by the town, a community's by the community or its town."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input, State, Transition, Workflow
from seed.workflows.common import AT_COMMUNITY, AT_TOWN, COMMUNITY, DISTRICT, TOWN

SUPERVISION_NOTICE = Workflow(
    ledger="supervision_notice",
    label=_l("Supervision notice"),
    source="WF-N1",
    initial="sent",
    states=(
        State("sent", _l("Sent, awaiting the answer")),
        State("answered", _l("Answered"), final=True),
    ),
    transitions=(
        Transition(
            "answer",
            _l("Answer the supervision notice"),
            ("sent",),
            "answered",
            roles=frozenset({COMMUNITY, TOWN, DISTRICT}),
            tiers=AT_TOWN | AT_COMMUNITY,
            inputs=(Input("reply", _l("Written explanation"), kind="comment", to_field="reply"),),
            limit="3个工作日",
            limit_label=_l("a written explanation within 3 working days"),
        ),
    ),
)
