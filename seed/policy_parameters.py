"""Default policy parameters 政策参数 (CATALOG §4.3, Appendix B, Appendix D): loaded by `flask seed` when a
(key, effective_from) pair is missing, then maintained by the administrator under 系统 → 政策参数.

Each default quotes the manual's line where the manual gives the figure. Where it does not (CATALOG B-26:
minimum wage, social average wage, loan ceilings, the five district subsidy amounts) the note says 待核定 and
the value is a placeholder the administrator must confirm. The ambiguous money rules of Appendix B are
`choice` parameters: the calculator reads which reading is in force and the result stores it.

A row: key, label, kind (money | rate | integer | text | choice), value, unit, effective_from, source, note,
choices (for kind choice: "code=label" per line).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.templating import manual_reference
from models.district_subsidy import DISTRICT_SUBSIDY_TYPES

TBD = "待核定：手册未给出此数额（CATALOG B-26），请系统管理员按现行文件核定后修改"
START = date(2011, 1, 1)  # the manual quotes the 2011 figures
MANUAL_813 = "区级 第一章 第三节（五）4（2） L813"
MANUAL_837 = "区级 第一章 第三节（六）2 L837"


def row(
    key: str,
    label: str,
    kind: str,
    value: str,
    unit: str = "",
    source: str = "",
    note: str = "",
    choices: str = "",
    effective_from: date = START,
) -> dict[str, Any]:
    return {
        "key": key,
        "label": label,
        "kind": kind,
        "value": value,
        "unit": unit or None,
        "effective_from": effective_from,
        # the manual's chapter and section as a clerk cites them: the line numbers and catalog ids the notes
        # below quote for the developers are not stored (app.templating.manual_reference)
        "source": manual_reference(source) or None,
        "note": manual_reference(note) or None,
        "choices": choices or None,
    }


def insurance(name: str, label: str, base: str, unit_rate: str, own_rate: str) -> list[dict[str, Any]]:
    source = f"{MANUAL_813}：“{label}按社会平均工资的 {int(float(base) * 100)}% 为基数”"
    return [
        row(f"si.{name}.base_share", f"{label}缴费基数（占社会平均工资）", "rate", base, "", source),
        row(f"si.{name}.unit_rate", f"{label}单位缴费比例", "rate", unit_rate, "", source),
        row(f"si.{name}.individual_rate", f"{label}个人缴费比例", "rate", own_rate, "", source),
    ]


PARAMETERS: list[dict[str, Any]] = [
    row(
        "wage.minimum",
        "北京市最低工资标准",
        "money",
        "1160.00",
        "元/月",
        "区级 第一章 第三节（五）4（1） L811",
        TBD,
    ),
    row("wage.social_average", "北京市社会平均工资", "money", "4201.00", "元/月", MANUAL_813, TBD),
    *insurance("pension", "养老保险", "0.40", "0.20", "0.08"),
    *insurance("medical", "医疗保险", "0.60", "0.10", "0.02"),
    row(
        "si.medical.individual_fixed",
        "医疗保险个人缴费“2%+3”中的“3”",
        "money",
        "3.00",
        "元/月",
        f"{MANUAL_813}：“个人 2%+3”",
        "单位未写明（CATALOG B-03）；按“元/月”读法，见 si.medical.individual_fixed_reading",
    ),
    row(
        "si.medical.individual_fixed_reading",
        "医疗保险“2%+3”的读法",
        "choice",
        "yuan_per_month",
        "",
        f"{MANUAL_813}；CATALOG B-03",
        "手册未写明“3”的单位",
        "yuan_per_month=基数×2% + 3元/月\npercent=基数×(2%+3%)",
    ),
    *insurance("unemployment", "失业保险", "0.40", "0.01", "0.002"),
    *insurance("maternity", "生育保险", "0.60", "0.008", "0"),
    row(
        "housing_fund.mode",
        "住房公积金计算方式",
        "choice",
        "fixed",
        "",
        f"{MANUAL_813}；区级 第一章 第三节（五）4（3） L817；CATALOG B-04",
        "手册两处说法冲突：2011 年固定 155 元 + 155 元，另处按基本工资 24%（各 12%）；每年 7 月调整",
        "fixed=固定金额（个人、单位各按参数金额）\npercent=按本人基本工资比例（单位、个人各按参数比例）",
    ),
    row(
        "housing_fund.individual_fixed",
        "住房公积金个人每月金额",
        "money",
        "155.00",
        "元/月",
        f"{MANUAL_813}：“2011 年住房公积金每月扣个人 155 元”",
    ),
    row(
        "housing_fund.unit_fixed",
        "住房公积金单位每月金额",
        "money",
        "155.00",
        "元/月",
        f"{MANUAL_813}：“单位补 155 元”",
    ),
    row(
        "housing_fund.rate_each",
        "住房公积金单位、个人各自比例",
        "rate",
        "0.12",
        "",
        "区级 第一章 第三节（五）4（3） L817：“基本工资的 24%（…负担 12%，…个人负担 12%）”",
    ),
    row(
        "unemployment_benefit.five_years_reading",
        "失业保险金期限：缴费满 5 年整的读法",
        "choice",
        "A",
        "",
        "CATALOG R-01, B-02",
        "手册在满 5 年处有 13/15/12 个月三种可能读法；默认读法 A，待业务确认",
        "A=读法A：满5年起 12+(年数−4) 个月（满5年=13）\nB=读法B：满5年=15（按每年3个月延续）\nC=读法C：满5年=12",
    ),
    row(
        "welfare.cutoff_reading",
        "福利“1月1日以后/9月1日以后上岗”是否含当日",
        "choice",
        "inclusive",
        "",
        "区级 第一章 第三节（五）4（3） L815–817；CATALOG B-11",
        "",
        "inclusive=含当日（当日上岗不享受）\nexclusive=不含当日",
    ),
    row(
        "labour_intensive.headcount_reading",
        "劳动密集型“现有在职职工人数”的读法",
        "choice",
        "both",
        "",
        "区级 第一章 第三节（四） L735；CATALOG R-18, B-05",
        "",
        "before=招用前人数\nafter=招用后人数\nboth=两种都算，由审核人确认",
    ),
    row(
        "loan.small_enterprise.max",
        "小企业小额担保贷款最高额度",
        "money",
        "500000.00",
        "元",
        "区级 第一章 第三节（三）2 L690：“申請最高 50 萬元小額擔保貸款”",
    ),
    row(
        "loan.small_enterprise.ordinary_max",
        "小企业小额担保贷款一般额度上限（超过即须补充材料）",
        "money",
        "0.00",
        "元",
        "CATALOG R-21, B-06",
        TBD,
    ),
    row("loan.individual.max", "个体工商户小额担保贷款最高额度", "money", "0.00", "元", "CATALOG SM-06", TBD),
    row(
        "loan.labour_intensive.max",
        "劳动密集型小企业贷款最高额度",
        "money",
        "0.00",
        "元",
        "CATALOG SM-05",
        TBD,
    ),
    row(
        "loan.small_enterprise.excluded",
        "小企业贷款不予贷款的经营类别（经营类别代码，逗号分隔）",
        "text",
        "01,02,03,04,05,06,07",
        "",
        "区级 第一章 第三节（三） L638：“房地产、娱乐、广告、桑拿、按摩、网吧、氧吧除外”；CATALOG R-16",
    ),
    row(
        "loan.labour_intensive.excluded",
        "劳动密集型小企业不予认定的经营类别（经营类别代码，逗号分隔）",
        "text",
        "03,04,05,06,07",
        "",
        "区级 第一章 第三节（四） L735：“除广告业、桑拿、按摩、网吧、氧吧…外”；CATALOG R-17",
    ),
    row(
        "loan.individual.excluded",
        "个体工商户贷款不予贷款的经营类别（经营类别代码，逗号分隔）",
        "text",
        "",
        "",
        "街镇级 第四章 第三节（三）",
        "手册未列出个体工商户的行业限制；如有，请按现行文件填写",
    ),
    row(
        "loan.own_funds.min_share",
        "小企业自有资金不低于贷款额度的比例",
        "rate",
        "0.30",
        "",
        "区级 第一章 第三节（三）2（15） L682：“自有資金不低於貸款額度 30%”；CATALOG R-19",
    ),
    row(
        "loan.investment.min_share",
        "个体工商户经营投入须大于贷款本金的比例",
        "rate",
        "0.30",
        "",
        "街镇级 第四章 第三节（三）1 L2119：“经营投入大于贷款本金 30%”；CATALOG R-20",
    ),
    row(
        "labour_intensive.rate_small",
        "劳动密集型：新招用失业人员占现有在职职工比例（100 人及以下）",
        "rate",
        "0.30",
        "",
        "区级 第一章 第三节（四） L735：“达到现有在职职工人数30%”；CATALOG R-18",
    ),
    row(
        "labour_intensive.rate_large",
        "劳动密集型：新招用失业人员占现有在职职工比例（超过 100 人）",
        "rate",
        "0.15",
        "",
        "区级 第一章 第三节（四） L735：“超过100人的企业达到15%”；CATALOG R-18",
    ),
    row(
        "labour_intensive.size_limit",
        "劳动密集型：适用较低比例的职工人数界限（超过此数）",
        "integer",
        "100",
        "人",
        "区级 第一章 第三节（四） L735；CATALOG R-18",
    ),
    *(
        row(
            f"district_subsidy.{code}.amount",
            f"{label}标准（每人或每月）",
            "money",
            "0.00",
            "元",
            "区级 第一章 第三节（六） L825；顺劳社字〔2009〕42号",
            TBD,
        )
        for code, label in DISTRICT_SUBSIDY_TYPES
    ),
    row("notice.days", "公示期", "integer", "7", "日", f"{MANUAL_837}：“为期一周的公示”"),
    row("notice.phone", "监督举报电话", "text", "89444923", "", f"{MANUAL_837}：“监督举报电话：89444923”"),
    row(
        "notice.channels",
        "公示渠道",
        "text",
        "“就业快车”网站、顺义区人力资源和社会保障网",
        "",
        f"{MANUAL_837}",
    ),
]


def load_parameters(session: Any) -> int:
    """Insert the defaults whose (key, effective_from) is missing; never overwrite an administrator's edit.
    A bulk insert, like the other reference data: seeding is not a change anybody made (no history rows)."""
    from sqlalchemy import insert, select

    from models.base import utcnow
    from models.policy import PolicyParameter

    existing = set(session.execute(select(PolicyParameter.key, PolicyParameter.effective_from)))
    rows = [
        {**values, "updated_at": utcnow()}
        for values in PARAMETERS
        if (values["key"], values["effective_from"]) not in existing
    ]
    if rows:
        session.execute(insert(PolicyParameter), rows)
    return len(rows)


MANUAL_815 = "区级 第一章 第三节（五）4（3） L815–817"
PARAMETERS += [  # 公益性岗位 (协管员) pay, R-42, R-49..R-51 (app/rules/welfare_pay.py)
    row(
        "welfare.floating_max_share",
        "协管员浮动工资上限（占基本工资）",
        "rate",
        "0.15",
        "",
        "区级 第一章 第三节（五）4（1） L811：“浮动工资标准不超过基本工资的 15%”",
    ),
    row("welfare.heating.monthly", "取暖补贴及煤火费（每月）", "money", "0.00", "元/月", MANUAL_815, TBD),
    row("welfare.cooling.monthly", "防暑降温费（每月）", "money", "0.00", "元/月", MANUAL_815, TBD),
    row("welfare.one_child.monthly", "独生子女费（每月）", "money", "0.00", "元/月", MANUAL_815, TBD),
    row(
        "guidance.sample_rate",
        "职业指导培训补贴电话抽查比例",
        "rate",
        "0.10",
        "",
        "区级 第一章 第三节（七）2 L867：“按照 10% 的抽查比例”",
        "取整方式未写明（CATALOG B-07）：向上取整，至少 1 人",
    ),
]
PARAMETERS += [  # 自谋职业 / 灵活就业 社会保险补贴 (SM-03): the manual gives no standard (app/domain/si_subsidy.py)
    row(
        "si_subsidy.1.monthly",
        "自谋职业（自主创业）社会保险补贴月标准（每人每月）",
        "money",
        "0.00",
        "元/月",
        "区级 第一章 第三节（一） L552–584；京劳社服发〔2006〕45号",
        TBD,
    ),
    row(
        "si_subsidy.2.monthly",
        "灵活就业社会保险补贴月标准（每人每月）",
        "money",
        "0.00",
        "元/月",
        "区级 第一章 第三节（二） L592–632；京劳社就发〔2006〕160号、〔2007〕90号、〔2008〕195号",
        TBD,
    ),
]
