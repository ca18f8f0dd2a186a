"""Code lists of the guaranteed-loan family (CATALOG E16, R-16, R-17, CK-07)."""

from models.loan import (
    COMPENSATED,
    EARLY,
    INDIVIDUAL,
    LABOUR_INTENSIVE,
    ON_TIME,
    RECOURSE,
    REPAYING,
    SMALL_ENTERPRISE,
)

CODE_LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "loan_type": (
        "小额担保贷款类型",
        [
            (SMALL_ENTERPRISE, "自主、合伙创办小企业（区）"),
            (LABOUR_INTENSIVE, "劳动密集型小企业（区）"),
            (INDIVIDUAL, "个体工商户（街镇）"),
        ],
    ),
    "loan_business": (
        "贷款经营类别（R-16、R-17 所列不予贷款的行业）",
        [
            ("00", "不属于以下类别"),
            ("01", "房地产"),
            ("02", "娱乐"),
            ("03", "广告"),
            ("04", "桑拿"),
            ("05", "按摩"),
            ("06", "网吧"),
            ("07", "氧吧"),
        ],
    ),
    "loan_repayment": (
        "还款状态",
        [
            (REPAYING, "正常"),
            (ON_TIME, "按时还款"),
            (EARLY, "提前还款"),
            (COMPENSATED, "代偿"),
            (RECOURSE, "追偿"),
        ],
    ),
    "loan_check_method": (
        "贷后检查方式（街镇级 第五章 第四节（五）3）",
        [
            ("1", "电话询问"),
            ("2", "约见借款人"),
            ("3", "现场核检"),
            ("4", "走访借款人所在社区（村）"),
            ("5", "走访派出所等单位核实情况"),
        ],
    ),
}
