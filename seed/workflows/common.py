"""What the workflows of every family share (docs/architecture.md "Workflow engine"; CATALOG §3.4): the role
names and tiers a step names, and the inputs many steps ask for.

A workflow (seed/workflows/<family>.py) is bound to one ledger by its registry name and declared in the
family's Ledger spec (app/domain/<family>.py). Roles are the seeded role names (seed/roles.py), tiers the
org levels. Time limits are `app.calendar.due` specs: "N日" are calendar days, "N个工作日" working days
(CATALOG B-01 keeps them apart). `waits=False` marks steps that can be done at any time (a guidance
session, an escalation): nothing waits on them, so they are not to-dos.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input

COMMUNITY, TOWN, DISTRICT = "社区专干", "街镇经办", "区级经办"
REVIEWER, THIRD_PARTY = "审核", "第三方终审"
AT_TOWN, AT_COMMUNITY, AT_DISTRICT = frozenset({"town"}), frozenset({"community"}), frozenset({"district"})

DATE = Input("date", _l("Date"), kind="date")
COMMENT = Input("comment", _l("Comment"), kind="comment", required=False)
REASON = Input("comment", _l("Reason"), kind="comment")
STABILITY = Input(
    "stability",
    _l("Employment stability"),
    kind="code",
    code_list="employment_stability",
    to_field="stability",
)
