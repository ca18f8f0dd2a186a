"""信息发布 and the quarterly visit analysis: the vacancy board of a street/town inside the app, the public
page and JSON feed of the same postings for LED screens and kiosks (no login, no personal data), and the
per-town visit figures of a quarter with their Excel export (CATALOG E25, IP-05, R-94; WF-02 step 6)."""

from __future__ import annotations

import io
from typing import Any

from flask import abort, current_app, jsonify, request, send_file
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import clock
from app.calendar.core import quarter_of
from app.domain import vacancy_board
from app.reports import employer_visits
from app.security.scope import current_actor, org_units_in_territory
from models.org import OrgUnit

HOTLINE = "69405180"  # 就业服务热线 (PN-08); SERVICE_HOTLINE overrides it
REFRESH_SECONDS = 300
VACANCY_BOARD = _l("Vacancy board")
PUBLICATION_MENU = _l("Information publication")
STATISTICS_MENU = _l("Statistics and analysis")


def hotline() -> str:
    return str(current_app.config.get("SERVICE_HOTLINE") or HOTLINE)


class VisitAnalysisView(BaseView):
    """走访季度分析: the figures on a page, and the same as an xlsx workbook."""

    route_base = "/visit_analysis"
    class_permission_name = "employer_visit"
    method_permission_name = {"index": "read", "xlsx": "read"}
    default_view = "index"

    def period(self) -> tuple[int, int]:
        today = clock.today()
        try:
            year = int(request.args.get("year", today.year))
            quarter = int(request.args.get("quarter", quarter_of(today)))
        except ValueError:
            abort(400)
        if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
            abort(400)
        return year, quarter

    @expose("/")
    @has_access
    def index(self) -> Any:
        year, quarter = self.period()
        rows = employer_visits.quarter_rows(year, quarter, current_actor())
        return self.render_template(
            "employer/visit_analysis.html",
            title=employer_visits.TITLE,
            year=year,
            quarter=quarter,
            rows=rows,
            columns=employer_visits.COLUMNS,
        )

    @expose("/xlsx")
    @has_access
    def xlsx(self) -> Any:
        year, quarter = self.period()
        user = current_actor()
        rows = employer_visits.quarter_rows(year, quarter, user)
        unit = user.org.name if getattr(user, "org", None) else ""
        data = employer_visits.workbook(year, quarter, unit, rows)
        name = f"{employer_visits.TITLE}_{unit}_{year}Q{quarter}.xlsx"
        return send_file(
            io.BytesIO(data),
            as_attachment=True,
            download_name=name,
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


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
        vacancies = vacancy_board.current_postings(town, clock.today()) if town else []
        postings = [(v, vacancy_board.public_posting(v)) for v in vacancies]
        return self.render_template(
            "employer/board.html", title=str(VACANCY_BOARD), towns=towns, town=town, postings=postings
        )


class PublicBoardView(BaseView):
    """The public page and feed of a town's postings: no login, nothing but the public fields."""

    route_base = "/public"
    default_view = "page"

    def postings(self, code: str) -> tuple[OrgUnit, list[dict[str, Any]]]:
        town = vacancy_board.town_by_code(code)
        if town is None:
            abort(404)
        return town, [
            vacancy_board.public_posting(v) for v in vacancy_board.current_postings(town, clock.today())
        ]

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
        town, postings = self.postings(code)
        return jsonify(town=town.name, date=clock.today().isoformat(), hotline=hotline(), postings=postings)


def register_views(appbuilder: Any) -> None:
    """The board under 信息发布 and the analysis under 统计分析 (who sees them: seed/roles.py "menus")."""
    appbuilder.add_view(
        VacancyBoardView,
        "vacancy_board",
        label=VACANCY_BOARD,
        icon="fa-bullhorn",
        category="Publication",
        category_label=PUBLICATION_MENU,
    )
    appbuilder.add_view(
        VisitAnalysisView,
        "visit_analysis",
        label=_l("Quarterly visit analysis"),
        icon="fa-bar-chart",
        category="Statistics",
        category_label=STATISTICS_MENU,
    )
    appbuilder.add_view_no_menu(PublicBoardView)
