"""推荐记录 views (CATALOG E07): the referral ledger, its 《推荐介绍信》 (print page and Word), the
《推荐人员花名册》 of a vacancy (Excel), and the 人岗匹配 pages that rank vacancies for a job seeker and job
seekers for a vacancy and create the referrals ticked. The referral's checks and
follow-up hooks are its spec's (app/domain/referral.py)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import BaseView, expose
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import clock, codes, ledger
from app.domain import matching, referral
from app.io.download import download
from app.security.scope import OrgScopeFilter, current_actor, in_territory, scope_query
from app.web.ledger_view import PERMISSIONS, LedgerView
from models.job_seeker import JobSeeker
from models.referral import Referral
from models.vacancy import Vacancy

SEEKER_DIRECTION, EMPLOYER_DIRECTION = "1", referral.EMPLOYER_DIRECTION


class ReferralView(LedgerView):
    """推荐记录台账."""

    datamodel = SQLAInterface(Referral)
    method_permission_name = {**PERMISSIONS, "letter": "read", "letter_docx": "read", "roster": "read"}
    label_columns = {
        "job_seeker": _l("Job-seeker registration"),
        "person": _l("Person"),
        "vacancy": _l("Vacancy"),
        "employer": _l("Employer"),
    }
    list_columns = ["person", "vacancy", "direction", "referred_on", "accompanied", "outcome", "org"]
    search_columns = ["org", "direction", "referred_on", "accompanied", "outcome", "escalation", "at_counter"]
    add_columns = [
        "org",
        "job_seeker",
        "vacancy",
        "direction",
        "referred_on",
        "at_counter",
        "accompanied",
        "interview_on",
        "interview_time",
        "interview_place",
        "interview_mode",
        "outcome",
        "outcome_on",
        "escalation",
        "remarks",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "job_seeker", "vacancy")]
    order_columns = ["referred_on"]
    base_order = ("referred_on", "desc")
    published = [["state", FilterEqual, "published"]]
    add_form_query_rel_fields = {"job_seeker": [["org_id", OrgScopeFilter, None]], "vacancy": published}
    show_links = [
        (_l("Print the referral letter"), "ReferralView.letter", "id"),
        (_l("Referral letter (Word)"), "ReferralView.letter_docx", "id"),
    ]

    @expose("/letter/<pk>")
    @has_access
    def letter(self, pk: Any) -> Any:
        record = self.scoped_get(pk)
        return self.render_template(
            "matching/letter.html", referral=record, lines=referral.letter_lines(record)
        )

    @expose("/letter_docx/<pk>")
    @has_access
    def letter_docx(self, pk: Any) -> Any:
        record = self.scoped_get(pk)
        name = f"推荐介绍信_{record.person.name}_{record.referred_on.isoformat()}.docx"
        return download(referral.letter_docx(record), name, fallback="referral")

    @expose("/roster/<pk>")
    @has_access
    def roster(self, pk: Any) -> Any:
        """《推荐人员花名册》 of one vacancy: its referrals inside the user's territory."""
        vacancy = ledger.session().get(Vacancy, int(pk)) if str(pk).isdigit() else None
        if vacancy is None or vacancy.voided_at is not None:
            abort(404)
        query = (
            select(Referral)
            .where(Referral.vacancy_id == vacancy.id, Referral.voided_at.is_(None))
            .order_by(Referral.referred_on, Referral.id)
        )
        rows = list(ledger.session().execute(scope_query(query, Referral, current_actor())).scalars())
        if not rows and not in_territory(vacancy.org, current_actor()):
            abort(404)
        name = f"推荐人员花名册_{vacancy.employer.name}_{vacancy.occupation}_{clock.today().isoformat()}.xlsx"
        return download(referral.roster_xlsx(vacancy, rows, current_actor()), name, fallback="referral")


class MatchingView(BaseView):
    """人岗匹配: ranked vacancies for a job seeker, ranked job seekers for a vacancy, with the reasons; the
    rows ticked become referrals (one per row, through the ledger commands)."""

    route_base = "/matching"
    class_permission_name = "referral"
    method_permission_name = {"seeker": "write", "vacancy": "write"}
    default_view = "seeker"

    @expose("/seeker/<int:pk>", methods=["GET", "POST"])
    @has_access
    def seeker(self, pk: int) -> Any:
        query = scope_query(select(JobSeeker).where(JobSeeker.id == pk), JobSeeker, current_actor())
        seeker = ledger.session().execute(query).scalars().first()
        if seeker is None or seeker.voided_at is not None:
            abort(404)
        if request.method == "POST":
            ids = [int(i) for i in request.form.getlist("vacancy_id") if i.isdigit()]
            pairs = [(seeker, vacancy_id) for vacancy_id in ids]
            made = self.create(pairs, SEEKER_DIRECTION, at_counter=bool(request.form.get("at_counter")))
            if made is not None:
                return redirect(url_for("MatchingView.seeker", pk=pk))
        today = clock.today()
        return self.render_template(
            "matching/seeker.html",
            seeker=seeker,
            matches=matching.vacancies_for(seeker, today) if seeker.valid_on(today) else [],
            valid=seeker.valid_on(today),
            label=codes.label,
            title=_l("Job matching"),
        )

    @expose("/vacancy/<int:pk>", methods=["GET", "POST"])
    @has_access
    def vacancy(self, pk: int) -> Any:
        vacancy = ledger.session().get(Vacancy, pk)
        actor = current_actor()
        if vacancy is None or vacancy.voided_at is not None:
            abort(404)
        if vacancy.state != "published" and not in_territory(vacancy.org, actor):
            abort(404)
        if request.method == "POST":
            ids = [int(i) for i in request.form.getlist("job_seeker_id") if i.isdigit()]
            query = scope_query(select(JobSeeker).where(JobSeeker.id.in_(ids)), JobSeeker, actor)
            seekers = list(ledger.session().execute(query).scalars())
            if len(seekers) != len(set(ids)):
                abort(404)
            made = self.create([(seeker, vacancy.id) for seeker in seekers], EMPLOYER_DIRECTION)
            if made is not None:
                return redirect(url_for("MatchingView.vacancy", pk=pk))
        published = vacancy.state == "published"
        return self.render_template(
            "matching/vacancy.html",
            vacancy=vacancy,
            matches=matching.seekers_for(vacancy, clock.today(), actor) if published else [],
            published=published,
            label=codes.label,
            title=_l("Job matching"),
        )

    def create(
        self, pairs: list[tuple[JobSeeker, int]], direction: str, at_counter: bool = False
    ) -> int | None:
        """One referral per (registration, vacancy), all or none; None when refused (flashed). A match made
        with the seeker at the service counter is ticked as such: it is followed up within 30 days (R-54)."""
        session = ledger.session()
        if not pairs:
            flash(_("Tick at least one row"), "warning")
            return None
        try:
            for seeker, vacancy_id in pairs:
                values = referral.match_values(seeker, vacancy_id, direction, clock.today(), at_counter)
                ledger.create(Referral, values)
            session.commit()
        except ledger.LedgerError as exc:
            session.rollback()
            flash(str(exc), "danger")
            return None
        flash(_("%(count)d referrals created", count=len(pairs)), "success")
        return len(pairs)


def register_views(appbuilder: Any) -> None:
    appbuilder.add_view_no_menu(MatchingView)


__all__ = ["ReferralView", "MatchingView"]
