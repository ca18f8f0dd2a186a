"""The workflow of 公示, as data (the grammar: seed/workflows/common.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input, State, Transition, Workflow
from seed.workflows.common import AT_DISTRICT, COMMENT, DATE, DISTRICT

# 公示 (CATALOG §7.1 PN-01, R-35): a generic notice of a batch of cases (app/services/notices.py). The week runs from
# the publication day; closing before it has passed is refused; objections return the case they concern.
PUBLIC_NOTICE = Workflow(
    ledger="public_notice",
    label=_l("Public notice"),
    source="PN-01; R-35; B-19",
    initial="draft",
    states=(
        State("draft", _l("Draft")),
        State("published", _l("On public notice")),
        State("closed", _l("Notice closed"), final=True),
    ),
    transitions=(
        Transition(
            "publish",
            _l("Publish the notice"),
            ("draft",),
            "published",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(Input("date", _l("Notice starts on"), kind="date"), COMMENT),
            requires=("amounts_settled",),  # no 0.00 and no 待核定 figure goes public
        ),
        Transition(
            "log_objection",
            _l("Log an objection"),
            ("published",),
            None,
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(
                DATE,
                Input("case", _l("Record number of the case objected to"), kind="number", required=False),
                Input("comment", _l("Objection"), kind="comment"),
            ),
            waits=False,
        ),
        Transition(
            "close",
            _l("Close the notice"),
            ("published",),
            "closed",
            roles=frozenset({DISTRICT}),
            tiers=AT_DISTRICT,
            inputs=(COMMENT,),
            requires=("notice_period_over",),
            limit="7日",
            counted_from="publish",
            limit_label=_l("after the one-week notice"),
        ),
    ),
)
