"""求职登记台账 and 职业指导台账 views, and the printable 《顺义区城乡劳动力就业服务手册》 of a person.
The ledgers' checks are their specs' (app/domain/job_seeker.py)."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_appbuilder import BaseView, expose
from flask_appbuilder.models.sqla.filters import FilterEqual
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import clock, codes, ledger
from app.domain import job_seeker
from app.ledger.display import personal
from app.security.scope import OrgScopeFilter, current_actor, scope_query
from app.web.ledger_view import LedgerView
from models.job_seeker import GuidanceSession, JobSeeker
from models.person import Person

TOWNS = {"preferred_town": [["level", FilterEqual, "town"], ["active", FilterEqual, True]]}
PERSONS = {"person": [["org_id", OrgScopeFilter, None]]}


class JobSeekerView(LedgerView):
    """求职登记台账."""

    datamodel = SQLAInterface(JobSeeker)
    label_columns = {"person": _l("Person"), "preferred_town": _l("Preferred street/town")}
    list_columns = [
        "person",
        "registered_on",
        "valid_until",
        "intended_occupation",
        "intended_category",
        "seeker_class",
        "urgency",
        "referral_count",
        "org",
    ]
    search_columns = [
        "org",
        "registered_on",
        "valid_until",
        "intended_occupation",
        "intended_category",
        "seeker_class",
        "hardship_reason",
        "urgency",
        "skill_level",
    ]
    add_columns = [
        "org",
        "person",
        "registered_on",
        "valid_until",
        "id_card_checked",
        "diploma_checked",
        "certificate_checked",
        "intended_occupation",
        "intended_category",
        "wage_expected_min",
        "wage_expected_max",
        "preferred_town",
        "experience_years",
        "work_history",
        "skill_level",
        "skills",
        "urgency",
        "seeker_class",
        "hardship_reason",
        "entered_in_system",
        "told_about_express",
        "remarks",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "person")]
    order_columns = ["registered_on", "valid_until", "referral_count"]
    base_order = ("registered_on", "desc")
    add_form_query_rel_fields = {**PERSONS, **TOWNS}
    edit_form_query_rel_fields = TOWNS
    show_links = [
        (_l("Service handbook"), "ServiceHandbookView.show", "person_id"),
        (_l("Job matching"), "MatchingView.seeker", "id"),
    ]


class GuidanceSessionView(LedgerView):
    """职业指导台账."""

    datamodel = SQLAInterface(GuidanceSession)
    label_columns = {"person": _l("Person"), "job_seeker": _l("Job-seeker registration")}
    list_columns = ["person", "held_on", "mode", "duration_minutes", "counsellor_name", "referred_to", "org"]
    search_columns = ["org", "held_on", "mode", "counsellor_name", "referred_to", "self_signed"]
    add_columns = [
        "org",
        "person",
        "job_seeker",
        "held_on",
        "mode",
        "duration_minutes",
        "counsellor_name",
        "plan",
        "advice",
        "referred_to",
        "self_signed",
        "entered_in_system",
    ]
    edit_columns = [c for c in add_columns if c not in ("org", "person")]
    order_columns = ["held_on", "duration_minutes"]
    base_order = ("held_on", "desc")
    add_form_query_rel_fields = {**PERSONS, "job_seeker": [["org_id", OrgScopeFilter, None]]}
    edit_form_query_rel_fields = {"job_seeker": [["org_id", OrgScopeFilter, None]]}
    show_links = [(_l("Service handbook"), "ServiceHandbookView.show", "person_id")]


class ServiceHandbookView(BaseView):
    """《顺义区城乡劳动力就业服务手册》 (LG-32): a person's registrations, guidance sessions and follow-ups in
    date order, on one printable page; readable by whoever may read the person."""

    route_base = "/handbook"
    class_permission_name = "person"
    method_permission_name = {"show": "read"}
    default_view = "show"

    @expose("/<int:pk>")
    @has_access
    def show(self, pk: int) -> Any:
        query = scope_query(select(Person).where(Person.id == pk), Person, current_actor())
        person = ledger.session().execute(query).scalars().first()
        if person is None or person.voided_at is not None:
            abort(404)
        return self.render_template(
            "seekers/handbook.html",
            person=person,
            entries=job_seeker.handbook_entries(person),
            printed_on=clock.today(),
            personal=personal,
            label=codes.label,
            title=_l("Service handbook"),
        )


def register_views(appbuilder: Any) -> None:
    appbuilder.add_view_no_menu(ServiceHandbookView)
