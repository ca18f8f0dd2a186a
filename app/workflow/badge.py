"""The navbar's 我的待办 count, kept per user for INBOX_BADGE_SECONDS in each process.

Counting a clerk's to-dos is one statement, but building it (a count per workflow ledger, per kind of deadline)
costs a fifth of a page's CPU, on every page. The count is kept briefly, and is right again at once after the
user's own action: a commit of a request that changed rows moves the user's generation in the shared store
(app/shared.py), in every process; another clerk's action shows within INBOX_BADGE_SECONDS. 我的待办 itself
always counts afresh."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import current_app, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from app import shared
from app.security.scope import current_actor

WROTE = "badge_wrote"


def cache_name(user_id: int) -> str:
    return f"inbox-badge-{user_id}"


def counted(user: Any, today: date, count: Callable[[], int]) -> int:
    seconds = current_app.config["INBOX_BADGE_SECONDS"]
    if not seconds:
        return count()
    kept: dict[int, tuple[int | None, date, float, int]] = current_app.extensions.setdefault(
        "inbox_badge", {}
    )
    generation, now = shared.generation(cache_name(user.id)), time.monotonic()
    found = kept.get(user.id)
    if found and found[:2] == (generation, today) and found[2] > now:
        return found[3]
    number = count()
    kept[user.id] = (generation, today, now + seconds, number)
    return number


def note_write(session: Session, flush_context: Any) -> None:
    """after_flush: this transaction changed rows."""
    if session.new or session.dirty or session.deleted:
        session.info[WROTE] = True


def forget_after_commit(session: Session) -> None:
    """after_commit: the acting user's kept count is stale in every process."""
    if not session.info.pop(WROTE, False) or not has_request_context():
        return
    user = current_actor()
    if user is not None and getattr(user, "id", None) is not None:
        shared.invalidate(cache_name(user.id))


def drop_note(session: Session) -> None:
    session.info.pop(WROTE, None)


def install() -> None:
    if not event.contains(Session, "after_flush", note_write):
        event.listen(Session, "after_flush", note_write)
        event.listen(Session, "after_commit", forget_after_commit)
        event.listen(Session, "after_rollback", drop_note)
