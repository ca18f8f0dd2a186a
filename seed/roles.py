"""The six roles of docs/architecture.md and what each may do: the permission matrix, as data.

"ledgers" lists the coarse permissions granted on every registered ledger (read / write / step / void /
restore), or only on those of "only_ledgers" where a role has one; "step" fires the workflow steps the
workflow gives the role, "write" creates, edits, imports, transfers and attaches;
"pii" unmasks ID numbers; "views" are extra (permission, view) pairs; "menus" the menus shown.
Every role also gets OWN_ACCOUNT: its own account (user info, password) and 我的任务 (its background jobs).
系统管理员 is FAB's admin role and receives every permission (the PII one too). 审核 approves 短信群发记录:
a workflow step, which needs the ledger's step permission, not write.

| role     | tier        | ledgers                    | ID numbers | history browser | 我的待办 | 超期督办 | org tree, code lists, users, 政策参数 |
|----------|-------------|----------------------------|------------|-----------------|---------|---------|---------------------------------------|
| 社区专干 | community   | read, write, step, void    | unmasked   | —               | yes     | —       | —                                     |
| 街镇经办 | street/town | read, write, step, void    | unmasked   | —               | yes     | yes     | org tree, 政策参数: read                |
| 区级经办 | district    | read, write, step, void    | unmasked   | —               | yes     | yes     | org tree, 政策参数: read                |
| 审核     | any         | read (+ step, see below)   | unmasked   | —               | yes     | yes     | org tree, 政策参数: read                |
| 督查     | any         | read (+ write 督办通知)     | masked     | read            | —       | yes     | org tree: read                        |
| 系统管理员 | any       | all, restore               | unmasked   | read            | yes     | yes     | all                                   |
| 第三方终审 | district  | read: 区级优惠政策 only     | unmasked   | —               | yes     | —       | —                                     |

The third party (第三方终审) is outside the bureau: it sees the district subsidy cases it reviews, no other ledger.
审核 (就业促进科 复审) and 第三方终审 (the third party's 终审, R-34) also get step on the district subsidy ledger:
their work is workflow steps, never a create, edit, import, transfer or attachment. 审核 also signs the
monthly 公益性专项补贴审批表 as 主管领导 (step on welfare_payment).
The clerks (街镇经办, 区级经办, 审核) read 政策参数 (系统 → 政策参数) to see the standards in force; only
系统管理员 edits them.
"""

OWN_ACCOUNT = [
    ("can_userinfo", "LedgerUserView"),
    ("resetmypassword", "LedgerUserView"),
    ("can_this_form_get", "ResetMyPasswordView"),
    ("can_this_form_post", "ResetMyPasswordView"),
    ("can_read", "jobs"),  # 我的任务: every role sees its own background jobs
    ("menu_access", "my_jobs"),
]
ORG_READ = [("can_read", "orgunit")]
INBOX = [("can_read", "inbox")]
OVERDUE = [("can_read", "overdue")]
# 督办: the inspector sends a 督办通知 to a unit about its overdue items (its one writable ledger)
URGE = [("can_write", "supervision_notice")]
DUTY_DONE = ("can_done", "duty")  # 办结 a recurring duty of one's unit (views/duty.py)
SUBSIDY_REVIEW = [("can_step", "district_subsidy")]  # SM-07 复审 / 终审 are workflow steps
PARAMETERS_READ = [("can_read", "policy_parameter")]  # 政策参数: read only (the admin edits)
SMS_APPROVE = ("can_step", "sms_batch")  # the reviewer approves SMS batches (a workflow step)

LEADER_SIGN = [("can_step", "welfare_payment")]  # 主管领导 signs the 公益性专项补贴审批表 (SM-09, R-53)
# 信息发布 → 岗位信息栏 (IP-05: the clerks who post vacancies, down to the community's 公告栏); 统计分析 →
# 走访季度分析 (WF-02 step 6, WF-47: the street/town and district, their reviewer and the inspector). The
# pages themselves need read on the vacancy / employer visit ledger, which every role has.
BOARD_MENU = ["Publication", "vacancy_board"]
VISIT_ANALYSIS_MENU = ["Statistics", "visit_analysis"]
# the street/town and district clerks (街镇经办, 区级经办) hold the same rights; the tier of their unit differs
OFFICE_CLERK: dict[str, list[str] | list[tuple[str, str]] | bool] = {
    "ledgers": ["read", "write", "step", "void"],
    "pii": True,
    "views": [*ORG_READ, *INBOX, *OVERDUE, DUTY_DONE, *PARAMETERS_READ],
    "menus": [
        "Ledgers",
        *BOARD_MENU,
        *VISIT_ANALYSIS_MENU,
        "System",
        "orgunits",
        "policy_parameters",
        "inbox",
        "overdue",
    ],
}

ROLES: dict[str, dict[str, list[str] | list[tuple[str, str]] | bool]] = {
    "社区专干": {
        "ledgers": ["read", "write", "step", "void"],
        "pii": True,
        "views": [*INBOX, DUTY_DONE],
        "menus": ["Ledgers", *BOARD_MENU, "inbox"],
    },
    "街镇经办": OFFICE_CLERK,
    "区级经办": OFFICE_CLERK,
    "审核": {
        "ledgers": ["read"],
        "pii": True,
        "views": [*ORG_READ, *INBOX, *OVERDUE, *SUBSIDY_REVIEW, *LEADER_SIGN, SMS_APPROVE, *PARAMETERS_READ],
        "menus": [
            "Ledgers",
            *VISIT_ANALYSIS_MENU,
            "System",
            "orgunits",
            "policy_parameters",
            "inbox",
            "overdue",
        ],
    },
    "第三方终审": {
        "ledgers": ["read"],
        "only_ledgers": ["district_subsidy"],
        "pii": True,
        "views": [*INBOX, *SUBSIDY_REVIEW],
        "menus": ["Ledgers", "inbox"],
    },
    "督查": {
        "ledgers": ["read"],
        "pii": False,
        "views": [*ORG_READ, *OVERDUE, ("can_read", "history"), *URGE],
        "menus": ["Ledgers", *VISIT_ANALYSIS_MENU, "System", "orgunits", "history", "overdue"],
    },
}
