"""跟踪回访规则 — the follow-up schedules of CATALOG §3.6 (FU-01..FU-24) and §4.4 (R-54..R-68), as data.

A rule with a `trigger` (ledger, workflow transition) creates the first follow-up when that transition
fires, due `first` after the transition's date. `cadence` says when the next one is due after a result
is recorded: a fixed spec, or one per employment-stability class (R-67), at most `max_count` in all (R-68).
Rules with trigger None are picked by hand when a clerk adds a follow-up. Specs are those of
`app.calendar.due` ("7日", "5个工作日"), plus "N个月" (calendar months, end-of-month clamped).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cadence:
    spec: str | None = None  # the same interval every time, e.g. "1个月"
    by_stability: dict[str, str] = field(default_factory=dict)  # employment_stability code → spec
    max_count: int | None = None  # follow-ups of the rule per person and subject, in all


@dataclass(frozen=True)
class FollowUpRule:
    code: str
    label: str  # the Chinese name clerks pick from (the code list followup_rule)
    tier: str  # who does it: community | town | district
    source: str  # where the manual says so
    trigger: tuple[str, str] | None = None  # (ledger, transition or event) that schedules the first one
    # a named condition on the record (app.services.followups.CONDITIONS) that must hold for the trigger to apply
    when: str | None = None
    first: str | None = None  # offset of the first one from the trigger
    cadence: Cadence | None = None


# employment_stability codes: 1 稳定, 2 不稳定, 3 家庭生活特别困难
R67 = Cadence(by_stability={"1": "1个月", "2": "10日", "3": "7日"})

FOLLOWUP_RULES: list[FollowUpRule] = [
    # referral events (app/domain/referral.py): "create", "interview" (date first recorded), "outcome"
    FollowUpRule(
        "FU-01",
        "柜台推荐后30日内回访",
        "district",
        "WF-24; R-54",
        trigger=("referral", "create"),
        first="30日",
        when="counter_match",
    ),
    FollowUpRule(
        "FU-02",
        "推荐3次未就业：初步诊断",
        "district",
        "WF-24; R-55",
        trigger=("referral", "outcome"),
        when="third_referral_without_job",  # due the day the 3rd outcome is recorded: no period stated
    ),
    FollowUpRule(
        "FU-03",
        "专家式指导后10个工作日内回访",
        "district",
        "WF-25; R-56",
        trigger=("guidance_session", "create"),
        first="10个工作日",
        when="expert_guidance",
    ),
    FollowUpRule("FU-04", "洽谈会后5个工作日内回访企业", "district", "WF-26; R-57", first="5个工作日"),
    FollowUpRule(
        "FU-05",
        "求职困难人员面试后5个工作日内回访",
        "town",
        "WF-62; R-58",
        trigger=("referral", "interview"),
        first="5个工作日",
        when="accompanied_difficult_seeker",
    ),
    # the employer call is a follow-up on the referred person's row (subject: the referral), see app/domain/referral.py
    FollowUpRule(
        "FU-06",
        "用人推荐后7个工作日内回访单位（街镇）",
        "town",
        "WF-65; R-59",
        trigger=("referral", "create"),
        first="7个工作日",
        when="employer_referral_by_town",
    ),
    FollowUpRule(
        "FU-07",
        "用人推荐7个工作日后回访单位（社区）",
        "community",
        "WF-84; R-59",
        trigger=("referral", "create"),
        first="7个工作日",
        when="employer_referral_by_community",
    ),
    FollowUpRule(
        "FU-08",
        "求职登记7日后回访",
        "community",
        "WF-87; R-61",
        trigger=("job_seeker", "create"),
        first="7日",
        when="registered_by_community",
    ),
    FollowUpRule("FU-09", "推荐岗位后电话回访", "community", "WF-85, WF-93"),
    FollowUpRule(
        "FU-10",
        "就业援助推荐面试5日后回访",
        "town",
        "WF-72; R-65",
        trigger=("hard_to_employ", "offer_jobs"),
        first="5日",
    ),
    FollowUpRule(
        "FU-11",
        "就业困难人员就业后跟踪回访",
        "community",
        "WF-94; R-67",
        trigger=("hard_to_employ", "register_employment"),
        first="7日",
        cadence=R67,
    ),
    FollowUpRule(
        "FU-12",
        "创业培训后每月跟踪指导（不少于6次）",
        "town",
        "WF-33, WF-69; R-68",
        first="1个月",
        cadence=Cadence(spec="1个月", max_count=6),
    ),
    FollowUpRule(
        "FU-13",
        "小企业贷款每季度实地跟踪",
        "district",
        "WF-09; R-25",
        trigger=("loan", "start_checks"),
        first="3个月",
        cadence=Cadence(spec="3个月"),
    ),
    FollowUpRule(
        "FU-14",
        "个体贷款贷后检查（每月至少一次）",
        "town",
        "WF-70; R-25",
        trigger=("loan", "start_town_checks"),
        first="1个月",
        cadence=Cadence(spec="1个月"),
    ),
    # 街镇级 L2105 “定期对享受…人员…进行后期跟踪” names no period; we read 定期 as monthly, in step with the
    # monthly passbook check: the first a month after the subsidy starts, then one a month
    FollowUpRule(
        "FU-15",
        "享受社保补贴人员后期跟踪",
        "town",
        "WF-07, WF-08, WF-54",
        trigger=("si_subsidy", "begin"),
        first="1个月",
        cadence=Cadence(spec="1个月"),
    ),
    FollowUpRule("FU-16", "享受政策人员调查走访", "community", "WF-79"),
    FollowUpRule("FU-17", "未按时报告人员每月末联系", "town", "WF-50, WF-52"),
    FollowUpRule("FU-18", "政策问题3个工作日内答复", "town", "WF-47; R-63", first="3个工作日"),
    FollowUpRule("FU-19", "用工指导回访", "town", "WF-64"),
    FollowUpRule("FU-20", "走访服务需求跟踪服务", "district", "WF-02, WF-03"),
    FollowUpRule("FU-21", "创业指导回访", "town", "WF-66"),
    FollowUpRule("FU-22", "政策宣传效果跟踪回访", "community", "WF-88"),
    FollowUpRule("FU-23", "QQ未解决问题跟踪回访", "district", "WF-45"),
    FollowUpRule("FU-24", "短信发送失败人工电话通知", "district", "WF-41; R-73"),
]

METHODS = [
    ("1", "电话回访"),
    ("2", "入户走访"),
    ("3", "入企走访"),
    ("4", "约见"),
    ("5", "短信"),
    ("6", "问卷"),
    ("7", "座谈会"),
    ("9", "其他"),
]
STABILITY = [("1", "稳定"), ("2", "不稳定"), ("3", "家庭生活特别困难")]
