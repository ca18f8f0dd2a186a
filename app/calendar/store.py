"""The working-day calendar from the database: builds a `WorkingCalendar` from the holiday tables and
installs it for `app.calendar`, logs admin changes to the change history, and shows admins a banner while
the current year (or, in the fourth quarter, the next year) has no confirmed schedule.

Freshness across processes: each process reloads at app start and right after any commit that changed a
calendar row; that commit moves the calendar's shared generation on (app/shared.py), so every other worker
reloads on its next request, like the code lists. Outside requests (jobs, commands), and after an edit made
outside the app, the copy lives a minute at most (a 60 s TTL).
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, current_app, g
from flask_babel import lazy_gettext as _l
from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from app import calendar, clock, shared
from app.audit import field_changes, plain
from app.calendar.core import WorkingCalendar, quarter_of
from app.security.scope import current_actor
from models.audit import AuditLog
from models.base import utcnow
from models.calendar import CalendarYear, Holiday

TTL_SECONDS = 60
UNCONFIRMED = _l("Calendar unconfirmed")
CHANGED_KEY = "calendar_changed"
_state: dict[str, Any] = {"loaded_at": 0.0, "generation": None}


def build(connection: Any) -> WorkingCalendar | None:
    """The calendar held in the database; None while its tables are missing or empty."""
    if not inspect(connection).has_table(CalendarYear.__tablename__):
        return None
    days = {d: workday for d, workday in connection.execute(select(Holiday.date, Holiday.is_workday))}
    years = set(connection.execute(select(CalendarYear.year).where(CalendarYear.confirmed)).scalars())
    if not days and not years:
        return None
    return WorkingCalendar(days, years)


def reload(engine: Any, generation: int | None = None) -> None:
    """Install the database's calendar (chinese-calendar's built-in data before migrations and seeding)."""
    with engine.connect() as connection:
        loaded = build(connection)
    calendar.install(loaded or WorkingCalendar.from_chinese_calendar())
    _state.update(loaded_at=time.monotonic(), generation=generation)


def unconfirmed_years(today: Any) -> list[int]:
    """This year, and next year in the fourth quarter, when their schedule is not confirmed."""
    years = [today.year, today.year + 1] if quarter_of(today) == 4 else [today.year]
    return [year for year in years if year not in calendar.current().confirmed_years]


def banner_context() -> dict[str, Any]:
    """Template data for calendar/banner.html: the unconfirmed years, for users who may fix them."""
    user = getattr(g, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return {"calendar_unconfirmed_years": []}
    if not current_app.appbuilder.sm.has_access("can_write", "calendar"):  # type: ignore[attr-defined]
        return {"calendar_unconfirmed_years": []}
    return {"calendar_unconfirmed_years": unconfirmed_years(clock.today())}


def log_changes(session: Session, flush_context: Any) -> None:
    """after_flush: one change-history row per created, changed or deleted calendar row."""
    actor = current_actor()
    rows = []
    flushed = [(obj, "create") for obj in session.new] + [(obj, "update") for obj in session.dirty]
    flushed += [(obj, "delete") for obj in session.deleted]
    for obj, action in flushed:
        if not isinstance(obj, Holiday | CalendarYear):
            continue
        if action == "delete":
            changes = {  # type: ignore[var-annotated]  # inspect() of a FAB Model (an untyped base): Never
                attr.key: [plain(getattr(obj, attr.key)), None]
                for attr in inspect(obj).mapper.column_attrs
                if attr.key not in ("id", "updated_at")
            }
        else:
            changes = field_changes(obj, action == "create")
        if not changes:
            continue
        session.info[CHANGED_KEY] = True
        rows.append(
            {
                "at": utcnow(),
                "user_id": getattr(actor, "id", None),
                "username": getattr(actor, "username", None) or "system",
                "user_org_name": getattr(getattr(actor, "org", None), "name", None),
                "ledger": obj.__tablename__,
                "row_id": obj.id,
                "action": action,
                "changes": changes,
            }
        )
    if rows:
        session.connection().execute(insert(AuditLog), rows)


def reload_after_commit(session: Session) -> None:
    if session.info.pop(CHANGED_KEY, False):
        shared.invalidate("calendar")
        reload(session.get_bind(), shared.generation("calendar"))


def forget_changes(session: Session) -> None:
    session.info.pop(CHANGED_KEY, None)


def refresh_if_stale() -> None:
    current = shared.generation("calendar")
    if current != _state["generation"] or time.monotonic() - _state["loaded_at"] > TTL_SECONDS:
        reload(current_app.extensions["sqlalchemy"].engine, current)


def init_app(app: Flask) -> None:
    """Load the calendar now, keep it fresh, log its changes and offer the banner to templates."""
    with app.app_context():
        reload(app.extensions["sqlalchemy"].engine)
    app.before_request(refresh_if_stale)
    app.context_processor(banner_context)
    if not event.contains(Session, "after_flush", log_changes):
        event.listen(Session, "after_flush", log_changes)
        event.listen(Session, "after_commit", reload_after_commit)
        event.listen(Session, "after_rollback", forget_changes)
