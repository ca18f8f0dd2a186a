"""Code lists of the self-employment / flexible-employment social-insurance subsidy (SM-03; R-32, R-33)."""

from models.si_subsidy import CHECK_RESULTS, FLEXIBLE, SELF_EMPLOYED

CODE_LISTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "si_subsidy_kind": (
        "社会保险补贴类别（SM-03）",
        [(SELF_EMPLOYED, "自谋职业（自主创业）"), (FLEXIBLE, "灵活就业")],
    ),
    "si_check_result": (
        "社会保险补贴区实地核查结果（R-32、R-33）",
        [(code, label) for code, (label, _kind, _positive) in CHECK_RESULTS.items()],
    ),
}
