"""The edges of the rules that mutation testing (`make mutation`) found untested: each refusal's field and
figures (R-16..R-21, the form shows the message on that field), the headcount readings (R-18, B-05), the
welfare windows and month arithmetic (R-48..R-51), the calendar's anchors, masking (PN-01), validity overlap
(R-13) and the spot-check minimum (R-36, B-07)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.calendar.core import WorkingCalendar, month_day, quarter_last_month_day
from app.rules.job_seeker import overlaps
from app.rules.loan_eligibility import Figures, Reason, check
from app.rules.masking import mask_id
from app.rules.sampling import draw, new_seed, sample_size
from app.rules.welfare_pay import Pay, add_months, monthly_pay, months_on_post, whole_months
from tests.unit.test_loan_eligibility import LABOUR, SMALL, labour, personal, small
from tests.unit.test_welfare_pay import PARAMS, worker


@pytest.mark.parametrize(
    ("application", "figures", "reasons"),
    [
        (small(business="01"), SMALL, [Reason("business", "excluded_business", {"business": "01"})]),
        (small(amount=0), SMALL, [Reason("amount", "amount_positive")]),
        (small(amount=1, own_funds=1), SMALL, []),  # one yuan is a positive amount
        (
            small(amount=2, own_funds=2),
            Figures(maximum=D(1)),
            [Reason("amount", "over_maximum", {"maximum": D(1)})],
        ),
        (
            small(amount=2, own_funds=2),
            Figures(ordinary_max=D(1)),
            [Reason("top_tier", "needs_top_tier", {"ordinary_max": D(1)})],
        ),
        (
            small(own_funds=29999),
            SMALL,
            [Reason("own_funds", "own_funds", {"share": D("0.30"), "need": D("30000.00")})],
        ),
        (
            small(amount=100001, own_funds=40000),
            SMALL,
            [Reason("top_tier", "needs_top_tier", {"ordinary_max": D(100000)})],
        ),
        (personal(top_tier=True), SMALL, [Reason("top_tier", "top_tier_small_only")]),
        (
            personal(investment=15000),
            SMALL,
            [Reason("investment", "investment", {"share": D("0.30"), "need": D("15000.00")})],
        ),
        (labour(discouraged=True), LABOUR, [Reason("business", "discouraged")]),
        (labour(new_hires=10), LABOUR, [Reason("new_hires", "headcount", {"staff": 100, "new_hires": 10})]),
        (
            labour(staff=None, new_hires=None),
            LABOUR,
            [Reason("new_hires", "headcount", {"staff": 0, "new_hires": 0})],
        ),
    ],
)
def test_r16_r21_refusals__name_their_field_and_figures(
    application: object, figures: Figures, reasons: list
) -> None:
    result = check(application, figures)  # type: ignore[arg-type]
    assert result.reasons == reasons
    assert not result.reviewer_must_confirm


def test_r18_headcount__one_employee_hiring_one_qualifies_after_not_before() -> None:
    """B-05: N after the hires (1) qualifies, N before (0) cannot; the readings disagree, so the reviewer
    confirms."""
    result = check(labour(staff=1, new_hires=1), LABOUR)
    assert result.reasons == [] and result.headcount == {"after": True, "before": False}
    assert result.reviewer_must_confirm


def test_r18_headcount__before_reading_counts_staff_without_the_hires() -> None:
    """90 staff with 20 new hires: before = 70 (needs 21, refused); counting 110 would pass at 15 %."""
    result = check(labour(staff=90, new_hires=20), Figures(headcount_reading="before"))
    assert result.headcount == {"before": False} and [r.code for r in result.reasons] == ["headcount"]


def test_r18_headcount__an_unknown_reading_is_read_as_both() -> None:
    result = check(labour(), Figures(headcount_reading="待定"))
    assert result.headcount == {"after": True, "before": True} and result.eligible


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(1900, 1, 31), 1, date(1900, 2, 28)),  # a century is not a leap year
        (date(2000, 1, 31), 1, date(2000, 2, 29)),  # unless divisible by 400
        (date(2025, 1, 15), 12, date(2026, 1, 15)),
        (date(2025, 1, 15), 24, date(2027, 1, 15)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        *((date(2025, m, 31), 0, date(2025, m, 31)) for m in (1, 3, 5, 7, 8, 10, 12)),
        *((date(2025, m - 1 if m != 1 else 12, 31), 1, date(2025, m, 30)) for m in (4, 6, 9, 11)),
        (date(2025, 11, 30), 1, date(2025, 12, 30)),
        (date(2025, 2, 28), 1, date(2025, 3, 28)),
        (date(2025, 12, 31), 0, date(2025, 12, 31)),
    ],
)
def test_r48_r51_add_months__month_lengths_and_leap_years(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize("last_day", [date(2025, m, 31) for m in (1, 3, 5, 7, 8, 10, 12)])
def test_r48_r51_add_months__31_day_months_keep_the_31st(last_day: date) -> None:
    assert add_months(last_day.replace(month=1), last_day.month - 1) == last_day


def test_r48_r51_whole_months__none_between_a_day_and_itself() -> None:
    assert whole_months(date(2025, 3, 1), date(2025, 3, 1)) == 0


@pytest.mark.parametrize(
    ("start", "leave", "months"),
    [
        (date(2025, 11, 15), date(2026, 1, 14), 2),  # the leave date is the last day on post
        (date(2025, 11, 15), date(2026, 1, 13), 1),
        (date(2026, 4, 1), None, 0),  # hired after the window
    ],
)
def test_r48_months_on_post__in_the_heating_window(start: date, leave: date | None, months: int) -> None:
    on_post = worker(start_date=start, leave_date=leave, probation_end=None)
    assert months_on_post(on_post, date(2025, 11, 15), date(2026, 3, 15)) == months


def test_r48_heating__window_ends_15_march() -> None:
    """Hired 16 November: 3 whole months to 15 March (a window to 16 March would count 4)."""
    pay = monthly_pay(worker(start_date=date(2025, 11, 16), probation_end=None), date(2026, 3, 1), PARAMS)
    assert pay.items["heating"] == D("300.00")


def test_r49_cooling__window_ends_with_august() -> None:
    """Hired 2 June: 2 whole months to 1 September (a window to 2 September would count 3)."""
    pay = monthly_pay(worker(start_date=date(2026, 6, 2), probation_end=None), date(2026, 8, 1), PARAMS)
    assert pay.items["cooling"] == D("100.00")


def test_r50_one_child__paid_from_the_month_of_birth() -> None:
    pay = monthly_pay(worker(child_birth_date=date(2026, 5, 10)), date(2026, 5, 1), PARAMS)
    assert pay.items["one_child"] == D("10.00")


def test_r51_no_welfare__when_leaving_on_the_last_day_of_probation() -> None:
    leaver = worker(
        start_date=date(2025, 11, 1), probation_end=date(2026, 1, 31), leave_date=date(2026, 1, 31)
    )
    assert "heating" not in monthly_pay(leaver, date(2026, 3, 1), PARAMS).items


def test_pay_totals__are_decimal_even_when_empty() -> None:
    assert isinstance(Pay().total("heating"), D) and isinstance(Pay().gross, D)


def test_calendar_anchors__day_1_valid_quarter_5_refused_last_month_of_quarter() -> None:
    assert month_day(2026, 2, 1) == date(2026, 2, 1)
    with pytest.raises(ValueError, match="quarter must be 1..4, got 5"):
        quarter_last_month_day(2026, 5, 24)
    assert [quarter_last_month_day(2026, q, 24) for q in (1, 2, 3, 4)] == [
        date(2026, 3, 24),
        date(2026, 6, 24),
        date(2026, 9, 24),
        date(2026, 12, 24),
    ]


@pytest.mark.parametrize(
    ("spec", "start", "expected"),
    [
        ("季度首月15日", date(2026, 12, 20), date(2027, 1, 15)),  # across the year's end
        ("季度首月15日", date(2026, 9, 20), date(2026, 10, 15)),
        ("季度末月24日", date(2026, 7, 1), date(2026, 9, 24)),
        ("季度末月24日", date(2026, 10, 1), date(2026, 12, 24)),
    ],
)
def test_calendar_quarter_anchors__next_anchor_on_or_after(spec: str, start: date, expected: date) -> None:
    assert WorkingCalendar({}, set()).due(spec, start).date == expected


def test_calendar_unknown_spec__the_message_lists_the_grammar() -> None:
    with pytest.raises(ValueError) as refused:
        WorkingCalendar({}, set()).due("每两周", date(2026, 1, 5))
    assert str(refused.value).endswith(
        "expected e.g. '5个工作日', '30日', '每月25日', "
        "'每月最后一周周三', '季度首月15日', '季度末月24日', '次季度首月5日前', '每年3月10日' or '即时'"
    )


def test_pn01_mask_id__eight_characters_all_masked_nine_keep_both_ends() -> None:
    assert mask_id("12345678") == "********"
    assert mask_id("123456789") == "1234" + "*" * 10 + "6789"


def test_r13_overlaps__periods_touching_on_one_day_overlap() -> None:
    assert overlaps(date(2026, 3, 1), date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 1))
    assert not overlaps(date(2026, 3, 2), date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 1))


def test_r36_draw__at_least_the_minimum_one_by_default() -> None:
    """B-07: ceil(10 % × 5) = 1, the default minimum is 1."""
    assert len(draw(range(5), seed=7, minimum=3)) == 3
    assert sample_size(5) == 1 and len(draw(range(5), seed=7)) == 1


def test_r36_new_seed__fits_a_signed_32_bit_column(monkeypatch: pytest.MonkeyPatch) -> None:
    """The seed stored on the claim is drawn below 2**31 (the largest is 2**31 - 1)."""
    monkeypatch.setattr("app.rules.sampling.secrets.randbelow", lambda bound: bound - 1)
    assert new_seed() == 2**31 - 1
