"""求职登记 and 职业指导: the checks that need the database (the specs' `checks`, run on the one
validation path), and the person's service handbook.

- R-13: a person is registered as a job seeker only from their 16th birthday (birth date from the ID number);
- R-14: a 求职困难人员 needs the reason, a 一般求职人员 has none;
- 有效期: `valid_until` defaults to the registration date + JOB_SEEKER_VALID_MONTHS (the manual states no
  period; app/rules/job_seeker.py), and one person has at most one valid registration at any day;
- a guidance session belongs to the same person as the registration it names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import ledger
from app.rules.job_seeker import DEFAULT_VALID_MONTHS, default_valid_until, old_enough, overlaps
from app.security.scope import current_actor, scope_query
from app.services import followups
from models.followup import FollowUp
from models.identity import birth_date_of
from models.job_seeker import GuidanceSession, JobSeeker
from models.org import OrgUnit
from models.person import Person

HARDSHIP_CLASS = "2"  # seeker_class 求职困难人员


def current(values: dict[str, Any], existing: Any, name: str) -> Any:
    """The value a write leaves in column `name`: the new one if given, else the stored one."""
    if name in values:
        return values[name]
    return getattr(existing, name, None) if existing is not None else None


def valid_months() -> int:
    return int(current_app.config.get("JOB_SEEKER_VALID_MONTHS", DEFAULT_VALID_MONTHS))


def person_birth_date(person_id: Any) -> date | None:
    person = ledger.session().get(Person, person_id) if isinstance(person_id, int) else None
    if person is None:
        return None
    return person.birth_date or birth_date_of(person.id_number)


def check_job_seeker(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    registered_on = current(values, existing, "registered_on")
    if isinstance(registered_on, date):
        birth = person_birth_date(current(values, existing, "person_id"))
        if birth is not None and not old_enough(birth, registered_on):
            errors["registered_on"] = _l(
                "Job-seeker registration is only for persons aged 16 or over on the registration date; "
                "this person was born on %(birth)s (R-13)",
                birth=format_date(birth, "long"),
            )
        if current(values, existing, "valid_until") in (None, ""):
            values["valid_until"] = default_valid_until(registered_on, valid_months())
    valid_until = current(values, existing, "valid_until")
    if isinstance(registered_on, date) and isinstance(valid_until, date) and valid_until < registered_on:
        errors["valid_until"] = _l("The validity cannot end before the registration date")
    errors.update(check_class(values, existing))
    errors.update(check_numbers(values, existing))
    town_id = current(values, existing, "preferred_town_id")
    if town_id not in (None, ""):
        town = ledger.session().get(OrgUnit, town_id) if isinstance(town_id, int) else None
        if town is None or town.level != "town":
            errors["preferred_town_id"] = _l("Please choose a street or town")
    if not errors and isinstance(registered_on, date) and isinstance(valid_until, date):
        clash = live_registration(
            current(values, existing, "person_id"), registered_on, valid_until, existing
        )
        if clash is not None:
            errors["registered_on"] = _l(
                "This person already has a job-seeker registration at %(org)s valid from %(start)s to "
                "%(end)s; end or void it before registering again",
                org=clash.org.name,
                start=format_date(clash.registered_on, "long"),
                end=format_date(clash.valid_until, "long"),
            )
    return errors


def check_class(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    """R-14: the reason of a 求职困难人员 is required; a 一般求职人员 has none."""
    seeker_class = current(values, existing, "seeker_class")
    reason = current(values, existing, "hardship_reason")
    if seeker_class == HARDSHIP_CLASS and not reason:
        return {"hardship_reason": _l("Please give the reason for a job seeker with difficulties (R-14)")}
    if seeker_class and seeker_class != HARDSHIP_CLASS and reason:
        return {
            "hardship_reason": _l("A reason for difficulty is only given for a job seeker with difficulties")
        }
    return {}


def check_numbers(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    for name in ("wage_expected_min", "wage_expected_max", "experience_years"):
        value = current(values, existing, name)
        if isinstance(value, int) and value < 0:
            errors[name] = _l("Cannot be negative")
    low, high = current(values, existing, "wage_expected_min"), current(values, existing, "wage_expected_max")
    if isinstance(low, int) and isinstance(high, int) and low > high and "wage_expected_max" not in errors:
        errors["wage_expected_max"] = _l("The upper wage cannot be below the lower wage")
    return errors


def live_registration(person_id: Any, start: date, end: date, existing: Any) -> JobSeeker | None:
    """Another live registration of the person (anywhere in the district) whose validity overlaps."""
    if not isinstance(person_id, int):
        return None
    query = select(JobSeeker).where(JobSeeker.person_id == person_id, JobSeeker.voided_at.is_(None))
    if existing is not None:
        query = query.where(JobSeeker.id != existing.id)
    for other in ledger.session().execute(query).scalars():
        other_end = other.valid_until or other.registered_on
        if overlaps(start, end, other.registered_on, other_end):
            return other
    return None


def check_guidance(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    seeker_id = current(values, existing, "job_seeker_id")
    if isinstance(seeker_id, int):
        seeker = ledger.session().get(JobSeeker, seeker_id)
        if seeker is not None and seeker.person_id != current(values, existing, "person_id"):
            errors["job_seeker_id"] = _l("This registration belongs to another person")
    return errors


def handbook_entries(person: Person) -> list[tuple[date, Any, Any]]:
    """《顺义区城乡劳动力就业服务手册》 of a person (LG-32): registrations, guidance sessions and follow-ups
    inside the reader's territory, oldest first, as (date, kind, row)."""
    actor = current_actor()
    entries: list[tuple[date, Any, Any]] = []
    kinds = (
        (JobSeeker, JobSeeker.registered_on, _l("Job-seeker registration")),
        (GuidanceSession, GuidanceSession.held_on, _l("Vocational guidance")),
        (FollowUp, FollowUp.due_on, _l("Follow-up")),
    )
    for model, day, kind in kinds:
        query = select(model).where(model.person_id == person.id, model.voided_at.is_(None))
        for row in ledger.session().execute(scope_query(query, model, actor)).scalars():
            when = getattr(row, "done_on", None) or getattr(row, day.key)
            entries.append((when, kind, row))
    return sorted(entries, key=lambda entry: (entry[0], str(entry[1])))


def after_create(obj: Any) -> None:
    """R-61: a community's job seeker is called 7 days after the registration (FU-08)."""
    followups.fire_event(obj, "create", obj.registered_on)


def guidance_created(obj: Any) -> None:
    """FU: an expert guidance session is followed up (seed/followup_rules.py)."""
    followups.fire_event(obj, "create", obj.held_on)


EXPERT_GUIDANCE = "02"  # guidance_mode 专家式职业指导
JOB_SEEKER = ledger.register(
    ledger.Ledger(
        JobSeeker,
        chapter="services",
        checks=(check_job_seeker,),
        after_create=(after_create,),
        conditions={"registered_by_community": lambda seeker: followups.org_level(seeker) == "community"},
    )
)
GUIDANCE_SESSION = ledger.register(
    ledger.Ledger(
        GuidanceSession,
        chapter="services",
        checks=(check_guidance,),
        after_create=(guidance_created,),
        conditions={"expert_guidance": lambda session: session.mode == EXPERT_GUIDANCE},
    )
)
