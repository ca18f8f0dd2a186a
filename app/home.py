"""The home page per tier: counts of the user's territory (persons by employment status; by town for the
district), from one scoped aggregate query (and the org tree for the district's towns)."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_appbuilder import IndexView, expose
from sqlalchemy import func, select

from app import codes
from app.security.scope import current_actor, scope_query
from models.org import OrgUnit
from models.person import Person


def territory_counts(session: Any, user: Any) -> list[tuple[int, str, int]]:
    """(org unit id, employment status, persons) of the user's territory: one scoped GROUP BY over the
    (org_id, employment_status) index, whatever the size of the registry."""
    query = select(Person.org_id, Person.employment_status, func.count()).where(Person.voided_at.is_(None))
    query = scope_query(query, Person, user).group_by(Person.org_id, Person.employment_status)
    return [(org_id, status, count) for org_id, status, count in session.execute(query)]


def status_counts(counts: list[tuple[int, str, int]]) -> list[tuple[str, int]]:
    by_status: dict[str, int] = {}
    for _, status, count in counts:
        by_status[status] = by_status.get(status, 0) + count
    return [(codes.label("employment_status", code), n) for code, n in sorted(by_status.items())]


def town_counts(session: Any, counts: list[tuple[int, str, int]]) -> list[tuple[str, int]]:
    """Persons per street/town, for a user at the district: the units' counts added up by the town their
    path starts with (the org tree is one small query)."""
    units = session.execute(select(OrgUnit.id, OrgUnit.path, OrgUnit.name, OrgUnit.level)).all()
    towns = {path: name for _, path, name, level in units if level == "town"}
    town_of = {uid: "/".join(path.split("/")[:2]) for uid, path, _, _ in units}
    by_town: dict[str, int] = {}
    for org_id, _, count in counts:
        path = town_of.get(org_id, "")
        if path in towns:
            by_town[path] = by_town.get(path, 0) + count
    return [(towns[path], by_town[path]) for path in sorted(by_town)]


class HomeView(IndexView):
    index_template = "home.html"

    @expose("/")
    def index(self) -> Any:
        user = current_actor()
        if user is None or getattr(g, "user", None) is None or not g.user.is_authenticated:
            return self.render_template(self.index_template, user=None)
        session = self.appbuilder.session
        counts = territory_counts(session, user)
        statuses = status_counts(counts)
        district = user.org is not None and user.org.level == "district"
        towns = town_counts(session, counts) if district else []
        return self.render_template(
            self.index_template, user=user, statuses=statuses, total=sum(n for _, n in statuses), towns=towns
        )
