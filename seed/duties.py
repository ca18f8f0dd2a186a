"""日历性职责 — the monthly, quarterly and annual duties of CATALOG §3.5 with a date, as data. Loaded once by
code (an administrator may then change dates, lead days or deactivate a duty; a reload does not undo that).
Anchors are those of app/services/duty_periods.py; a window "每季度第一个月" is due on that month's last day."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.templating import manual_reference
from models.duty import Duty

# code, name, tier, anchor, source (WF + quote)
DUTIES: list[tuple[str, str, str, str, str]] = [
    ("D-01", "核查登记失业人员社保缴费", "town", "每月5日", "WF-51 “每月 5 日前”"),
    ("D-02", "下达就业登记催告书", "town", "每月10日", "WF-51 “在每月 10 日前”"),
    (
        "D-03",
        "监测例会通知及上传职业介绍和职业指导子系统监测报告",
        "district",
        "每月10日",
        "WF-37 “每月 10 日前”",
    ),
    ("D-04", "数据监测（零业务检测）", "district", "每月20日", "WF-37, R-78 “每月 20 日”"),
    ("D-05", "月监测数据查询", "district", "每月24日", "WF-37 “每月 24 日”"),
    ("D-06", "失业人员基本情况查询、对比", "district", "每月25日", "WF-04 “每月25日”"),
    ("D-07", "全区失业人员管理例会", "district", "每月最后一周周三", "WF-N1 “每月最后一周的周三”"),
    ("D-08", "联系未按时报告的登记失业人员、无业农村劳动力", "town", "每月31日", "WF-50, WF-52 “每月末”"),
    ("D-09", "社区（村）就业服务人员培训", "town", "每月25日", "WF-73 “每月进行一次培训”"),
    ("D-10", "常用设备、设施检查", "community", "每月25日", "WF-97 “每月至少请专人对常用设备、设施检查一次”"),
    ("D-11", "就业失业登记检查抽查", "district", "季度首月31日", "WF-N1 “每季度第一个月”"),
    ("D-12", "职业指导培训补贴申报（报区职介中心）", "town", "次季度首月5日", "WF-53 “次季度首月 5 日前”"),
    ("D-13", "发布《职业供求分析信息报告》", "town", "次季度首月5日", "WF-48 “于次季度 5 日前发布”"),
    ("D-14", "职业指导培训补贴报市局", "district", "次季度首月10日", "WF-13 “于次季度第一个月 10 日前”"),
    ("D-15", "撰写《职业供求分析信息报告》", "town", "季度末月25日", "WF-48 “每季度末 25 日前”"),
    ("D-16", "季度业务培训", "district", "季度末月25日", "WF-N1 “每季度最后一个月25日、26日”"),
    (
        "D-17",
        "社区（村）就业服务人员座谈会",
        "town",
        "季度末月20日",
        "WF-73 “每季度召开一次社区（村）就业服务人员座谈会”",
    ),
    ("D-18", "劳动力跟踪调查", "community", "季度末月20日", "WF-77 “每季度开展跟踪调查工作”"),
    ("D-19", "发放充分就业宣传材料", "community", "季度末月20日", "WF-74 “各社区（村）每季度发放一次”"),
    (
        "D-20",
        "社保所办公区域日常巡查",
        "district",
        "季度末月20日",
        "WF-36 “每季度对全区 25 家社保所的办公区域进行检查”",
    ),
    ("D-21", "技能人才需求会商", "district", "每年1月26日", "WF-19 “每年 1 月 26 日前”"),
    ("D-22", "工资指导价位报市职介中心及主管领导", "district", "每年3月10日", "WF-15 “每年 3 月 10 日前”"),
    ("D-23", "工资指导价位问卷", "district", "每年11月24日", "WF-15 “于每年 11 月 24 日前”"),
    (
        "D-24",
        "撰写1-3年重点项目、重点企业用工需求预测报告",
        "town",
        "每年12月20日",
        "WF-48 “每年 12 月 20 日前”",
    ),
    (
        "D-25",
        "百姓就业需求调查（全员调查）",
        "community",
        "每年12月20日",
        "WF-91 “每年开展一次百姓就业需求调查工作”",
    ),
    ("D-26", "到区职介中心提取失业人员档案", "town", "每周三", "WF-50 “每周二或周三”"),
    (
        "D-27",
        "提出下季度公益性岗位专项补贴用款计划申请（报市劳服中心）",
        "district",
        "季度末月18日",
        "WF-11, R-41 “于每季度最后一个月 18 日前”",
    ),
    (
        "D-28",
        "填制《顺义区公益性专项补贴审批表》，经主管领导审核签字后随资金拨付",
        "district",
        "每月20日",
        "WF-11, R-53 “于每月 20 日”",
    ),
    (
        "D-29",
        "检查享受社会保险补贴人员存折扣款情况、核实扣款额（逐人登记扣款核实记录）",
        "town",
        "每月31日",
        "WF-54, R-39 “每月检查存折的扣款情况、核实扣款额”（手册未写日期，按月末）",
    ),
]


def load_duties(session: Any) -> int:
    """Add the duties not yet present (by code); existing ones keep the administrator's edits."""
    from app.services.duty_periods import parse

    existing = set(session.execute(select(Duty.code)).scalars())
    added = 0
    for code, name, tier, anchor, source in DUTIES:
        if code not in existing:
            session.add(
                Duty(
                    code=code,
                    name=name,
                    tier=tier,
                    frequency=parse(anchor).frequency,
                    anchor=anchor,
                    lead_days=2 if anchor.startswith("每周") else 5,
                    source=manual_reference(source),  # the quote, without the catalog's ids
                    active=True,
                )
            )
            added += 1
    session.flush()
    return added
