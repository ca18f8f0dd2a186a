"""The home page per tier: counts of the user's territory (persons by employment status; by town for the
district), computed with one scoped aggregate query each."""

from __future__ import annotations

from typing import Any

from flask import g
from flask_appbuilder import IndexView, expose
from sqlalchemy import func, select

from app import codes
from app.security.scope import current_actor, scope_query
from models.org import OrgUnit
from models.person import Person


def status_counts(session: Any, user: Any) -> list[tuple[str, int]]:
    query = select(Person.employment_status, func.count()).where(Person.voided_at.is_(None))
    query = scope_query(query, Person, user).group_by(Person.employment_status)
    return [(codes.label("employment_status", code), count) for code, count in session.execute(query)]


def town_counts(session: Any, user: Any) -> list[tuple[str, int]]:
    """Persons per street/town, for a user at the district."""
    community = OrgUnit.__table__.alias("community")
    query = (
        select(OrgUnit.name, func.count(Person.id))
        .select_from(Person)
        .join(community, community.c.id == Person.org_id)
        .join(OrgUnit, OrgUnit.id == community.c.parent_id)
        .where(Person.voided_at.is_(None), OrgUnit.level == "town")
        .group_by(OrgUnit.name, OrgUnit.path)
        .order_by(OrgUnit.path)
    )
    return list(session.execute(scope_query(query, Person, user)).all())


class HomeView(IndexView):
    index_template = "home.html"

    @expose("/")
    def index(self) -> Any:
        user = current_actor()
        if user is None or getattr(g, "user", None) is None or not g.user.is_authenticated:
            return self.render_template(self.index_template, user=None)
        session = self.appbuilder.session
        statuses = status_counts(session, user)
        towns = town_counts(session, user) if user.org is not None and user.org.level == "district" else []
        return self.render_template(
            self.index_template, user=user, statuses=statuses, total=sum(n for _, n in statuses), towns=towns
        )
