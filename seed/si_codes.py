"""Code lists of the self-employment / flexible-employment social-insurance subsidy (SM-03; R-32, R-33):
merged into seed/code_lists.py CODE_LISTS."""

SELF_EMPLOYED, FLEXIBLE = "1", "2"
# 区实地核查 results (区级 第一章 第三节（一）2 L562, （二）2 L604): which kind each belongs to and whether
# the case may go on to the city; a negative one ends in 不予上报
CHECK_RESULTS: dict[str, tuple[str, str, bool]] = {  # code: (label, kind, positive)
    "11": ("已实际经营", SELF_EMPLOYED, True),
    "12": ("未就业", SELF_EMPLOYED, False),
    "13": ("未实际经营", SELF_EMPLOYED, False),
    "21": ("从事灵活就业", FLEXIBLE, True),
    "22": ("未从事灵活就业", FLEXIBLE, False),
}

SI_CODE_LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "si_subsidy_kind": (
        "社会保险补贴类别（SM-03）",
        [(SELF_EMPLOYED, "自谋职业（自主创业）"), (FLEXIBLE, "灵活就业")],
    ),
    "si_check_result": (
        "社会保险补贴区实地核查结果（R-32、R-33）",
        [(code, label) for code, (label, _kind, _positive) in CHECK_RESULTS.items()],
    ),
}
