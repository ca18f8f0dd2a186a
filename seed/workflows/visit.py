"""The workflow of E09 用人单位走访 (WF-02, WF-03, WF-47; R-62), as data (the grammar: seed/workflows/common.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input, State, Transition, Workflow
from seed.workflows.common import COMMENT, COMMUNITY, DISTRICT, REASON, TOWN

ANY_CLERK = frozenset({COMMUNITY, TOWN, DISTRICT})

# E09 用人单位走访 (WF-02/WF-03 区, WF-47 街镇; R-62). The briefing falls due the working day before the
# planned visit date and the visit itself on it; an edit of the planned date moves both open deadlines, and
# a new appointment (重约) re-enters 已预约 on the new date and the two deadlines open again from there.
EMPLOYER_VISIT = Workflow(
    ledger="employer_visit",
    label=_l("Employer visit"),
    source="E09; WF-02, WF-03, WF-47; R-62",
    start_field="planned_on",
    dated_events=("planned_on",),
    initial="appointed",
    states=(
        State("appointed", _l("Appointed")),
        State("briefed", _l("Visitors briefed")),
        State("postponed", _l("Postponed")),
        State("done", _l("Visited"), final=True),
        State("cancelled", _l("Cancelled"), final=True),
    ),
    transitions=(
        Transition(
            "brief",
            _l("Brief the visitors"),
            ("appointed",),
            "briefed",
            roles=ANY_CLERK,
            inputs=(Input("date", _l("Briefing held on"), kind="date"), COMMENT),
            check="check_brief",
            limit="前1个工作日",
            counted_from="planned_on",
            limit_label=_l("briefing on the working day before the visit"),
        ),
        Transition(
            "complete",
            _l("Record the visit"),
            ("appointed", "briefed"),
            "done",
            roles=ANY_CLERK,
            inputs=(
                Input("date", _l("Visited on"), kind="date", to_field="actual_on"),
                Input("needs", _l("Service needs"), to_field="needs", required=False),
                Input("services", _l("Services given"), to_field="services", required=False),
                Input("record", _l("Visit record"), kind="comment", to_field="record"),
            ),
            limit="当日",
            counted_from="planned_on",
            limit_label=_l("on the planned visit date"),
        ),
        Transition(
            "postpone",
            _l("Postpone the visit"),
            ("appointed", "briefed"),
            "postponed",
            roles=ANY_CLERK,
            inputs=(REASON,),
            waits=False,
        ),
        Transition(
            "reappoint",
            _l("Make a new appointment"),
            ("postponed",),
            "appointed",
            roles=ANY_CLERK,
            inputs=(
                Input("date", _l("New planned visit date"), kind="date", to_field="planned_on"),
                Input("appointed_on", _l("Appointment made on"), kind="date", to_field="appointed_on"),
                COMMENT,
            ),
        ),
        Transition(
            "cancel",
            _l("Cancel the visit"),
            ("appointed", "briefed", "postponed"),
            "cancelled",
            roles=ANY_CLERK,
            inputs=(REASON,),
            waits=False,
        ),
    ),
)
