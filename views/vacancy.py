"""岗位（招聘）信息 views (CATALOG E05, E25, IP-05, R-92, R-94): the vacancies with their workflow, and 信息发布:
the vacancy board of a street/town inside the app, the public page and JSON feed of the same postings for
LED screens and kiosks (no login, no personal data)."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, jsonify, request
from flask_appbuilder import BaseView, expose
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from sqlalchemy import select

from app import clock
from app.domain import vacancy
from app.security.scope import OrgScopeFilter, current_actor, org_units_in_territory
from app.web.ledger_view import LedgerView
from models.org import OrgUnit
from models.vacancy import Vacancy

SCOPED = [["org_id", OrgScopeFilter, None]]
HOTLINE = "69405180"  # 就业服务热线 (PN-08); SERVICE_HOTLINE overrides it
REFRESH_SECONDS = 300
VACANCY_BOARD = _l("Vacancy board")
PUBLICATION_MENU = _l("Information publication")


def hotline() -> str:
    return str(current_app.config.get("SERVICE_HOTLINE") or HOTLINE)


class VacancyView(LedgerView):
    """岗位信息台账 (《企业招工信息登记表》)."""

    datamodel = SQLAInterface(Vacancy)
    list_columns = ["employer", "occupation", "headcount", "wage_min", "wage_max", "work_town", "valid_until"]
    search_columns = [
        "employer",
        "occupation",
        "category",
        "org",
        "work_town",
        "education",
        "skill_level",
        "skill_talent",
        "source",
        "valid_until",
    ]
    add_columns = [
        "org",
        "employer",
        "visit",
        "occupation",
        "category",
        "duties",
        "headcount",
        "wage_min",
        "wage_max",
        "benefits",
        "education",
        "age_min",
        "age_max",
        "skill_level",
        "skill_talent",
        "work_town",
        "work_address",
        "valid_from",
        "valid_until",
        "urgency",
        "source",
        "remarks",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "employer", "visit")]
    show_exclude_columns = ["state"]
    order_columns = ["occupation", "headcount", "wage_min", "valid_until"]
    base_order = ("id", "desc")
    towns = [["level", FilterEqual, "town"], ["active", FilterEqual, True]]
    add_form_query_rel_fields = {"employer": SCOPED, "visit": SCOPED, "work_town": towns}
    edit_form_query_rel_fields = {"work_town": towns}
    list_links = [(_l("Vacancy board"), "VacancyBoardView.index")]
    show_links = [
        (_l("Job matching"), "MatchingView.vacancy", "id"),
        (_l("Roster of referred persons"), "ReferralView.roster", "id"),
    ]


class VacancyBoardView(BaseView):
    """岗位发布栏: the current postings of one town of the user's territory."""

    route_base = "/vacancy_board"
    class_permission_name = "vacancy"
    method_permission_name = {"index": "read"}
    default_view = "index"

    @expose("/")
    @has_access
    def index(self) -> Any:
        session = self.appbuilder.session
        towns = list(
            session.execute(
                select(OrgUnit)
                .where(
                    OrgUnit.level == "town", OrgUnit.active.is_(True), org_units_in_territory(current_actor())
                )
                .order_by(OrgUnit.path)
            ).scalars()
        )
        own = getattr(current_actor(), "org", None)
        if not towns and own is not None:  # a community clerk: the board of their town
            towns = [own.parent] if own.parent is not None else []
        code = request.args.get("town") or (towns[0].code if towns else "")
        town = next((t for t in towns if t.code == code), None)
        vacancies = vacancy.current_postings(town, clock.today()) if town else []
        postings = [(v, vacancy.public_posting(v)) for v in vacancies]
        return self.render_template(
            "employer/board.html", title=str(VACANCY_BOARD), towns=towns, town=town, postings=postings
        )


class PublicBoardView(BaseView):
    """The public page and feed of a town's postings: no login, nothing but the public fields."""

    route_base = "/public"
    default_view = "page"

    def postings(self, code: str) -> tuple[OrgUnit, list[dict[str, Any]]]:
        town = vacancy.town_by_code(code)
        if town is None:
            abort(404)
        return town, [vacancy.public_posting(v) for v in vacancy.current_postings(town, clock.today())]

    @expose("/<code>/")
    def page(self, code: str) -> Any:
        town, postings = self.postings(code)
        return self.render_template(
            "employer/public.html",
            town=town,
            postings=postings,
            hotline=hotline(),
            refresh=REFRESH_SECONDS,
            today=clock.today(),
        )

    @expose("/<code>/postings.json")
    def feed(self, code: str) -> Any:
        """The postings for screens: every text HTML-escaped, so a screen that pastes it into its page shows
        what a clerk typed (`<b>`, `&`) as text, never as markup or script."""
        town, postings = self.postings(code)
        plain = [{key: as_text(value) for key, value in posting.items()} for posting in postings]
        return jsonify(
            town=as_text(town.name), date=clock.today().isoformat(), hotline=hotline(), postings=plain
        )


def as_text(value: Any) -> Any:
    return str(escape(value)) if isinstance(value, str) else value


def register_views(appbuilder: Any) -> None:
    """The board under 信息发布 (who sees it: seed/roles.py "menus") and its public page."""
    appbuilder.add_view(
        VacancyBoardView,
        "vacancy_board",
        label=VACANCY_BOARD,
        icon="fa-bullhorn",
        category="Publication",
        category_label=PUBLICATION_MENU,
    )
    appbuilder.add_view_no_menu(PublicBoardView)
