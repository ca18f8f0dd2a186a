"""Code lists of referrals (CATALOG E07, R-58, R-59): the direction, the interview form, the outcome and the
escalation. The interview forms are this system's (the manual names 面试形式 without values)."""

CODE_LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "referral_direction": (
        "推荐方向（E07）",
        [
            ("1", "推荐岗位"),
            ("2", "用人推荐"),
        ],
    ),
    "interview_mode": (
        "面试形式",
        [
            ("1", "现场面试"),
            ("2", "电话面试"),
            ("3", "视频面试"),
            ("9", "其他"),
        ],
    ),
    "referral_outcome": (
        "推荐结果（E07）",
        [
            ("1", "已就业/招聘成功"),
            ("2", "因岗位原因未就业"),
            ("3", "因自身原因未就业"),
            ("4", "未招聘成功"),
        ],
    ),
    "referral_escalation": (
        "推荐问题上报（E07）",
        [
            ("1", "上报街（镇）社保所"),
            ("2", "上报区级职业介绍服务中心"),
        ],
    ),
}
