"""When follow-ups are due: the first one after a rule's trigger, the next one after a recorded result.
Plain Python (no Flask, no database): specs go to `app.calendar.due`, except "N个月" (calendar months)."""

from __future__ import annotations

import calendar as month_calendar
import re
from datetime import date

from app import calendar
from seed.followup_rules import FOLLOWUP_RULES, FollowUpRule

RULES: dict[str, FollowUpRule] = {rule.code: rule for rule in FOLLOWUP_RULES}
MONTHS = re.compile(r"(\d+)\s*个月[内后]?")


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to the month's end (1月31日 → 2月28日)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def due_after(spec: str, start: date) -> date:
    match = MONTHS.fullmatch(spec.strip())
    if match:
        return add_months(start, int(match[1]))
    return calendar.due(spec, start).date


def rules_triggered_by(ledger: str, transition: str) -> list[FollowUpRule]:
    """Rules a transition or event triggers: a workflow transition needs the rule's first offset; a rule on
    an event with a condition (FollowUpRule.when) may be due the same day."""
    return [
        rule for rule in FOLLOWUP_RULES if rule.trigger == (ledger, transition) and (rule.first or rule.when)
    ]


def next_spec(rule: FollowUpRule | None, stability: str | None) -> str | None:
    """The interval to the next follow-up after a result, or None when the rule sets none."""
    if rule is None or rule.cadence is None:
        return None
    if rule.cadence.by_stability:
        return rule.cadence.by_stability.get(stability or "")
    return rule.cadence.spec


def next_due(rule: FollowUpRule | None, stability: str | None, done_on: date, done_count: int) -> date | None:
    """The latest date the next follow-up may be due: None when the rule has no cadence, needs a
    stability class that is missing, or its maximum count is reached (`done_count` includes this one)."""
    spec = next_spec(rule, stability)
    if spec is None or rule is None or rule.cadence is None:
        return None
    if rule.cadence.max_count is not None and done_count >= rule.cadence.max_count:
        return None
    return due_after(spec, done_on)
