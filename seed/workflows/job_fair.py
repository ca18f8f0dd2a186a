"""The workflow of job fairs 洽谈会, as data (CATALOG E28; WF-26; R-57; DL-11..DL-13). The grammar:
seed/workflows/common.py.

受理 → 已发布 (“在接待受理后的 3 个工作日内”, counted from the intake date) → 已导入电子屏
(“在洽谈会召开的前 1 个工作日”, counted from the fair's date) → 已举办 (on the fair's date) → 已归档 (the
receipts filed “在招聘洽谈会结束后的 5 个工作日内”, counted from the day it was held). Done by the district's
clerks (区级 第二章).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input, State, Transition, Workflow
from seed.workflows.common import AT_DISTRICT, COMMENT, DISTRICT

DISTRICT_CLERK = frozenset({DISTRICT})

JOB_FAIR = Workflow(
    ledger="job_fair",
    label=_l("Job fair"),
    source="E28; WF-26; R-57; DL-11, DL-12, DL-13",
    start_field="accepted_on",
    dated_events=("accepted_on", "held_on"),
    initial="accepted",
    states=(
        State("accepted", _l("Fair received")),
        State("published", _l("Fair published")),
        State("screened", _l("Imported to the screens")),
        State("held", _l("Held")),
        State("archived", _l("Archived"), final=True),
    ),
    transitions=(
        Transition(
            "publish",
            _l("Publish the fair"),
            ("accepted",),
            "published",
            roles=DISTRICT_CLERK,
            tiers=AT_DISTRICT,
            inputs=(Input("date", _l("Publication date"), kind="date", to_field="published_on"), COMMENT),
            limit="3个工作日",
            counted_from="accepted_on",
            limit_label=_l("within 3 working days of the intake"),
        ),
        Transition(
            "import_screen",
            _l("Import to the venue's screens"),
            ("published",),
            "screened",
            roles=DISTRICT_CLERK,
            tiers=AT_DISTRICT,
            inputs=(
                Input("date", _l("Imported to the screens on"), kind="date", to_field="screen_imported_on"),
                COMMENT,
            ),
            limit="前1个工作日",
            counted_from="held_on",
            limit_label=_l("on the working day before the fair"),
        ),
        Transition(
            "hold",
            _l("Record the fair as held"),
            ("screened",),
            "held",
            roles=DISTRICT_CLERK,
            tiers=AT_DISTRICT,
            inputs=(Input("date", _l("Held on"), kind="date"), COMMENT),
            limit="当日",
            counted_from="held_on",
            limit_label=_l("on the fair's date"),
        ),
        Transition(
            "archive",
            _l("File the receipts and archive"),
            ("held",),
            "archived",
            roles=DISTRICT_CLERK,
            tiers=AT_DISTRICT,
            inputs=(Input("date", _l("Archived on"), kind="date"), COMMENT),
            limit="5个工作日",
            limit_label=_l("within 5 working days after the fair"),
        ),
    ),
)
