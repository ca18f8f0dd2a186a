"""Code lists of the guidance family (职业指导培训, SM-08): the outcome of the district's telephone check."""

CODE_LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "guidance_call_outcome": (
        "职业指导培训电话抽查结果（R-36）",
        [("1", "属实"), ("2", "不属实"), ("3", "无法联系")],
    ),
}
