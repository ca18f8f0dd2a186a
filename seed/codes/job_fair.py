"""Code lists of job fairs 洽谈会 (CATALOG E28, WF-26): the fair type and the hiring result of a participant.
The hiring results are this system's (the manual asks for the 招录结果 without values)."""

CODE_LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "job_fair_type": (
        "洽谈会类型（E28）",
        [
            ("1", "例行"),
            ("2", "专场"),
        ],
    ),
    "job_fair_result": (
        "洽谈会招录结果（E28）",
        [
            ("1", "已招录"),
            ("2", "达成意向"),
            ("3", "未招录"),
        ],
    ),
}
