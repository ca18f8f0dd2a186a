"""The workflow of E05 岗位 (WF-57, WF-63; R-92), as data (the grammar: seed/workflows/common.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input, State, Transition, Workflow
from seed.workflows.common import AT_DISTRICT, AT_TOWN, COMMENT, COMMUNITY, DISTRICT, REASON, TOWN

ANY_CLERK = frozenset({COMMUNITY, TOWN, DISTRICT})

# E05 岗位 (WF-57 招聘信息发布, WF-63 招聘登记; R-92 招聘信息有效期; CK-14 before publishing).
VACANCY = Workflow(
    ledger="vacancy",
    label=_l("Vacancy"),
    source="E05; WF-57, WF-63; R-92; CK-14",
    initial="pending",
    states=(
        State("pending", _l("Awaiting review")),
        State("published", _l("Published")),
        State("filled", _l("Filled"), final=True),
        State("expired", _l("Expired")),
    ),
    transitions=(
        Transition(
            "publish",
            _l("Review and publish"),
            ("pending",),
            "published",
            roles=frozenset({TOWN, DISTRICT}),
            tiers=AT_TOWN | AT_DISTRICT,
            inputs=(COMMENT,),
            check="check_publish",
        ),
        Transition(
            "fill",
            _l("Filled: take down"),
            ("published", "expired"),
            "filled",
            roles=ANY_CLERK,
            inputs=(COMMENT,),
            waits=False,
        ),
        Transition(
            "extend",
            _l("Extend the validity"),
            ("published", "expired"),
            "published",
            roles=frozenset({TOWN, DISTRICT}),
            tiers=AT_TOWN | AT_DISTRICT,
            inputs=(
                Input("valid_until", _l("New end of validity"), kind="date", to_field="valid_until"),
                REASON,
            ),
            check="check_extend",
            waits=False,
        ),
        Transition(
            "expire",
            _l("Expire"),
            ("published",),
            "expired",
            roles=frozenset({TOWN, DISTRICT}),
            tiers=AT_TOWN | AT_DISTRICT,
            inputs=(COMMENT,),
            waits=False,
        ),
    ),
)
