"""The home page per tier: the numbers that matter to the user's tier, each a link to the list behind it,
as headline figures, a table by unit one level below the user (communities for a town, towns for the
district), 我的待办 by ledger for the district's clerks and reviewers, this year's registrations by month, and
the same as two ECharts charts (app/static/js/home.js; clicking a bar opens its list).

Every count comes from one statement (figures.statement) and the org tree from one more: the page costs a
fixed number of statements whatever the size of the registry (tests/scale/test_statement_counts.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import g
from flask_appbuilder import IndexView, expose
from flask_babel import gettext as _

from app import clock, codes
from app.home import links
from app.home.figures import Tally, month_range, tallies, territory_units
from app.ledger import registry
from app.security.access import user_may
from app.security.scope import current_actor
from app.workflow.pages import inbox_count


@dataclass(frozen=True)
class Number:
    """One figure on the page and the list it was counted from."""

    key: str
    label: str
    value: int
    url: str | None


def headline(user: Any, today: date, found: dict[str, Tally], todo: int | None) -> list[Number]:
    first, following = month_range(today)
    numbers = []
    if todo is not None:
        numbers.append(Number("todo", _("My to-dos"), todo, links.inbox_url(user)))
    numbers += [
        Number("overdue", _("Overdue"), found["overdue"].total, links.overdue_url(user, None)),
        Number("persons", _("Persons kept"), found["persons"].total, links.list_url(user, "person")),
        Number(
            "registered",
            _("Job-seeker registrations this month"),
            found["registered"].by_key.get(str(today.month), 0),
            links.list_url(user, "job_seeker", *links.between("registered_on", first, following)),
        ),
        Number(
            "visited",
            _("Employer visits this month"),
            found["visited"].total,
            links.list_url(user, "employer_visit", *links.between("actual_on", first, following)),
        ),
        Number(
            "followup",
            _("Follow-ups due this month"),
            found["followup"].total,
            links.list_url(user, "followup", *followup_due(first, following)),
        ),
    ]
    return numbers


def followup_due(first: date, following: date) -> tuple[tuple[str, str, Any], ...]:
    """Due in the month and not done (FAB's equal-to filter with an empty date is "is empty")."""
    return (*links.between("due_on", first, following), ("done_on", "eq", ""))


def unit_numbers(user: Any, today: date, unit_id: int, found: dict[str, Tally]) -> list[Number]:
    """The row of one unit: the headline's figures (but the to-dos, which are the user's) for that unit."""
    first, following = month_range(today)
    org = links.org(unit_id)
    month = str(today.month)
    return [
        Number("persons", "", found["persons"].by_unit.get(unit_id, 0), links.list_url(user, "person", *org)),
        Number(
            "registered",
            "",
            found["registered"].by_unit_key.get((unit_id, month), 0),
            links.list_url(user, "job_seeker", *org, *links.between("registered_on", first, following)),
        ),
        Number(
            "visited",
            "",
            found["visited"].by_unit.get(unit_id, 0),
            links.list_url(user, "employer_visit", *org, *links.between("actual_on", first, following)),
        ),
        Number(
            "followup",
            "",
            found["followup"].by_unit.get(unit_id, 0),
            links.list_url(user, "followup", *org, *followup_due(first, following)),
        ),
        Number("overdue", "", found["overdue"].by_unit.get(unit_id, 0), links.overdue_url(user, unit_id)),
    ]


def trend(user: Any, today: date, found: dict[str, Tally]) -> list[Number]:
    """This year's 求职登记 by month, up to this month."""
    months = []
    for month in range(1, today.month + 1):
        first, following = month_range(today, month)
        url = links.list_url(user, "job_seeker", *links.between("registered_on", first, following))
        months.append(
            Number(
                str(month),
                _("Month %(number)d", number=month),
                found["registered"].by_key.get(str(month), 0),
                url,
            )
        )
    return months


def queues(user: Any, found: dict[str, Tally]) -> list[Number]:
    """Records waiting on the user's role, by ledger (the district's clerks and reviewers)."""
    return [
        Number(name, str(registry.spec(name).model.__ledger_label__), n, links.inbox_url(user, kind=name))
        for name, n in sorted(found["queue"].by_key.items())
        if n
    ]


def statuses(user: Any, found: dict[str, Tally]) -> list[Number]:
    return [
        Number(
            code,
            codes.label("employment_status", code),
            n,
            links.list_url(user, "person", ("employment_status", "eq", code)),
        )
        for code, n in sorted(found["persons"].by_key.items())
    ]


def charts(units: list[tuple[Any, list[Number]]], months: list[Number], inspector: bool) -> str:
    """The charts' data for home.js: a bar per unit (overdue for an inspector, persons kept otherwise) and the
    registrations by month; each bar carries the URL of its list."""
    key = "overdue" if inspector else "persons"
    bars = [(unit.name, next(n for n in numbers if n.key == key)) for unit, numbers in units]
    return json.dumps(
        {
            "units": {
                "title": _("Overdue") if inspector else _("Persons kept"),
                "names": [name for name, _n in bars],
                "values": [n.value for _name, n in bars],
                "urls": [n.url for _name, n in bars],
            },
            "trend": {
                "title": _("Job-seeker registrations by month"),
                "names": [n.label for n in months],
                "values": [n.value for n in months],
                "urls": [n.url for n in months],
            },
        },
        ensure_ascii=False,
    )


class HomeView(IndexView):
    index_template = "home.html"

    @expose("/")
    def index(self) -> Any:
        user = current_actor()
        if user is None or getattr(g, "user", None) is None or not g.user.is_authenticated:
            return self.render_template(self.index_template, user=None)
        today = clock.today()
        below, found = tallies(user, today, territory_units(user))
        todo = inbox_count() if user_may(user, "can_read", "inbox") else None
        level = user.org.level if user.org is not None else None
        units = (
            [(unit, unit_numbers(user, today, unit.id, found)) for unit in below]
            if level != "community"
            else []
        )
        months = trend(user, today, found)
        inspector = not user_may(user, "can_read", "inbox") and user_may(user, "can_read", "overdue")
        return self.render_template(
            self.index_template,
            user=user,
            today=today,
            numbers=headline(user, today, found, todo),
            statuses=statuses(user, found),
            units=units,
            months=months,
            queues=queues(user, found),
            charts=charts(units, months, inspector) if units or any(n.value for n in months) else None,
        )
