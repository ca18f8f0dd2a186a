"""Code lists of the district-subsidy family (区级优惠政策, 公示)."""

from models.district_subsidy import DISTRICT_SUBSIDY_TYPES

CODE_LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "district_subsidy_type": (
        "区级就业再就业优惠政策补贴类型（顺劳社字〔2009〕42号）",
        list(DISTRICT_SUBSIDY_TYPES),
    ),
    "applicant_kind": ("申请主体", [("1", "单位"), ("2", "个人")]),
}
