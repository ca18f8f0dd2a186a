"""The SMS batch workflow (CATALOG WF-41, IP-16, §7.2 “approval before publishing”; R-73), as data.

草稿 (the clerk edits the text and the recipient filters) → 已审批 (a reviewer approved the text) → 已发送 (the
messages went out through the gateway adapter of app/domain/sms.py). A reviewer may send a draft back. After
sending, the failed numbers get one second attempt (R-73). Sending and the second attempt are done by the
adapter when the step fires (app/domain/sms.py hooks on the workflow command).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.workflow.definition import Input, State, Transition, Workflow

REVIEWER, TOWN, DISTRICT = "审核", "街镇经办", "区级经办"
SENDERS = frozenset({TOWN, DISTRICT})
COMMENT = Input("comment", _l("Comment"), kind="comment", required=False)

SMS_BATCH = Workflow(
    ledger="sms_batch",
    label=_l("SMS batch"),
    source="WF-41; IP-16; R-72, R-73",
    initial="draft",
    states=(
        State("draft", _l("Draft")),
        State("approved", _l("Approved")),
        State("sent", _l("Sent")),
    ),
    transitions=(
        Transition(
            "approve",
            _l("Approve the message"),
            ("draft",),
            "approved",
            roles=frozenset({REVIEWER}),
            inputs=(COMMENT,),
        ),
        Transition(
            "send_back",
            _l("Send back for changes"),
            ("approved",),
            "draft",
            roles=frozenset({REVIEWER}),
            inputs=(Input("comment", _l("Reason"), kind="comment"),),
            waits=False,
        ),
        Transition(
            "send",
            _l("Send the messages"),
            ("approved",),
            "sent",
            roles=SENDERS,
            inputs=(COMMENT,),
        ),
        Transition(
            "resend",
            _l("Second attempt for the failed numbers"),
            ("sent",),
            None,
            roles=SENDERS,
            inputs=(COMMENT,),
            waits=False,
        ),
    ),
)
