"""The security kernel's rules called directly, each at its edge (fast, so `make mutation` kills most mutants
of app/security/ with them before the request tests run): the territory of a user, who may do what, the
password policy, what the login limits count, which API writes need the CSRF token, ended sessions and the
security headers."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask, g, session
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_wtf.csrf import CSRFError
from sqlalchemy import Select, select

from app import db
from app.security import csrf, headers, login_limits, sessions
from app.security.access import granted, user_may
from app.security.passwords import check_password_policy
from app.security.scope import (
    acting_as,
    current_actor,
    in_territory,
    org_units_in_territory,
    scope_query,
    subtree_ids,
    territory_path,
)
from models.org import OrgUnit
from models.person import Person
from tests.conftest import org
from tests.factories.person import make_person_row
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN


def unit(path: str) -> Any:
    return SimpleNamespace(path=path)


def user_in(path: str | None) -> Any:
    return SimpleNamespace(org=unit(path) if path is not None else None, id=None)


# ---- OrgScope: a user's territory is their unit and the units below it -------------------------------


def test_territory_path__no_user_or_no_unit_has_none() -> None:
    assert territory_path(None) is None
    assert territory_path(SimpleNamespace(org=None)) is None
    assert territory_path(SimpleNamespace()) is None
    assert territory_path(user_in("1/2")) == "1/2"


@pytest.mark.parametrize(
    ("org_path", "user_path", "inside"),
    [
        ("1/2", "1/2", True),  # the unit itself
        ("1/2/3", "1/2", True),  # below it
        ("1/2/3/4", "1/2", True),
        ("1/23", "1/2", False),  # a sibling whose code extends the user's
        ("1", "1/2", False),  # above it
        ("1/2", None, False),  # no territory
    ],
)
def test_in_territory__the_unit_and_below_never_a_bare_prefix(
    org_path: str, user_path: str | None, inside: bool
) -> None:
    assert in_territory(unit(org_path), user_in(user_path)) is inside


def test_in_territory__no_unit_is_outside() -> None:
    assert in_territory(None, user_in("1")) is False


def test_subtree_ids__the_unit_and_its_descendants(app: Flask) -> None:
    town = org(HOME_TOWN)
    expected = set(
        db.session.execute(
            select(OrgUnit.id).where((OrgUnit.path == town.path) | OrgUnit.path.startswith(town.path + "/"))
        ).scalars()
    )
    assert len(expected) > 1 and town.id in expected
    assert set(db.session.execute(subtree_ids(town.path)).scalars()) == expected
    units = set(db.session.execute(select(OrgUnit.id).where(org_units_in_territory(user_in(town.path)))))
    assert {row[0] for row in units} == expected


def test_scope_query__root_unfiltered_town_filtered_none_empty_for_query_and_select(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN, 1)
    root, town, other = org("顺义区"), org(HOME_TOWN), org(OTHER_TOWN)
    plain = select(Person.id)
    assert scope_query(plain, Person, user_in(root.path)) is plain  # the root: no filter at all
    for query in (select(Person.id), db.session.query(Person.id)):
        seen = {
            name: {found[0] for found in rows(scope_query(query, Person, user))}
            for name, user in (("town", user_in(town.path)), ("other", user_in(other.path)), ("none", None))
        }
        assert seen == {"town": {row.id}, "other": set(), "none": set()}


def rows(query: Any) -> list[Any]:
    return list(db.session.execute(query)) if isinstance(query, Select) else query.all()


def test_current_actor__the_acting_as_user_outside_a_request_and_restored_after() -> None:
    clerk, other = user_in("1"), user_in("1/2")
    assert current_actor() is None
    with acting_as(clerk):
        assert current_actor() is clerk
        with acting_as(other):
            assert current_actor() is other
        assert current_actor() is clerk
    assert current_actor() is None


def test_current_actor__in_a_request_the_logged_in_user_wins_over_acting_as(app: Flask) -> None:
    clerk = SimpleNamespace(is_authenticated=True, org=None)
    with app.test_request_context("/"), acting_as(user_in("1")):
        g.user = clerk
        assert current_actor() is clerk
        g.user = SimpleNamespace(is_authenticated=False)  # anonymous: FAB's current user, then acting_as
        assert current_actor().org.path == "1"


# ---- who may do what -------------------------------------------------------------------------------------


def test_user_may__no_user_inactive_or_roleless_may_nothing(app: Flask) -> None:
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")
    pair = next(iter(granted(clerk)))
    assert user_may(clerk, *pair)
    assert not user_may(clerk, "can_nothing", "Nowhere")
    assert not user_may(None, *pair)
    assert not user_may(SimpleNamespace(is_active=False, roles=clerk.roles, id=clerk.id), *pair)
    assert not user_may(SimpleNamespace(is_active=True, roles=[], groups=[], id=clerk.id), *pair)
    assert not user_may(SimpleNamespace(roles=clerk.roles, id=clerk.id), *pair)  # no is_active: not active


def test_granted__loaded_once_per_request_and_user(app: Flask) -> None:
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")
    inspector = app.appbuilder.sm.find_user(username="ducha")
    with app.test_request_context("/"):
        first = granted(clerk)
        assert granted(clerk) is first  # the request's cache
        assert granted(inspector) != first  # per user
    with app.test_request_context("/"):
        assert granted(clerk) is not first and granted(clerk) == first
    assert granted(clerk) is not granted(clerk)  # no request: nothing kept


# ---- password policy: at least 8 characters, not the user name -------------------------------------------


@pytest.mark.parametrize("password", ["1234567", "", "abcdefg"])
def test_password_policy__seven_characters_refused(password: str) -> None:
    with pytest.raises(PasswordComplexityValidationError, match="8"):
        check_password_policy(password, username="someone")


def test_password_policy__eight_characters_accepted() -> None:
    check_password_policy("12345678", username="someone")
    check_password_policy("12345678")


@pytest.mark.parametrize("password", ["clerk_one", " Clerk_One ", "CLERK_ONE"])
def test_password_policy__the_user_name_in_any_case_refused(password: str) -> None:
    with pytest.raises(PasswordComplexityValidationError, match="用户名|user name"):
        check_password_policy(password, username=" clerk_one")


def test_password_policy__user_name_taken_from_the_form(app: Flask) -> None:
    with app.test_request_context("/", method="POST", data={"username": "clerk_one"}):
        with pytest.raises(PasswordComplexityValidationError):
            check_password_policy("clerk_one")
        check_password_policy("clerk_one", username="someone")  # a given name wins over the form's


# ---- login limits count failures per address and account ---------------------------------------------


def test_login_limits__only_a_failed_login_is_counted(app: Flask) -> None:
    with app.test_request_context("/login/", method="POST"):
        assert login_limits.failed(None) is False  # type: ignore[arg-type]
        g.login_failed = True
        assert login_limits.failed(None) is True  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "request_args",
    [
        {"data": {"username": " Clerk_One "}},
        {"json": {"username": "CLERK_ONE"}},
    ],
)
def test_login_limits__key_is_address_and_account_in_lower_case(
    app: Flask, request_args: dict[str, Any]
) -> None:
    with app.test_request_context(
        "/login/", method="POST", environ_base={"REMOTE_ADDR": "10.1.2.3"}, **request_args
    ):
        assert login_limits.account_and_address() == "10.1.2.3/clerk_one"
    with app.test_request_context(
        "/login/", method="POST", environ_base={"REMOTE_ADDR": "10.1.2.3"}, json=["x"]
    ):
        assert login_limits.account_and_address() == "10.1.2.3/"


def test_login_limits__refusal_json_for_the_api_a_page_otherwise(app: Flask) -> None:
    with app.test_request_context("/api/v1/security/login", method="POST"):
        body, status = login_limits.too_many(Exception())
        assert status == 429 and body["message"]
    with app.test_request_context("/login/", method="POST"):
        page, status = login_limits.too_many(Exception())
        assert status == 429 and "<html" in page.lower()


# ---- CSRF: an API write with the session cookie needs the token, one with a bearer token does not -------


def csrf_check(app: Flask, path: str, method: str = "POST", logged_in: bool = True, **kwargs: Any) -> bool:
    """Whether protect_session_api_writes asked for the token (a request without one is refused)."""
    with app.test_request_context(path, method=method, **kwargs):
        if logged_in:
            session["_user_id"] = "1"
        try:
            csrf.protect_session_api_writes()
        except CSRFError:
            return True
        return False


def test_csrf__session_cookie_api_write_needs_the_token(app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    assert csrf_check(app, "/api/v1/person/")
    assert csrf_check(app, "/api/v1/person/1", method="PUT")
    assert csrf_check(app, "/api/v1/person/", headers={"Authorization": "Basic abc"})


def test_csrf__bearer_token_reads_anonymous_and_pages_left_to_flask_wtf(app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    assert not csrf_check(app, "/api/v1/person/", headers={"Authorization": "Bearer abc"})
    assert not csrf_check(app, "/api/v1/person/", headers={"Authorization": "bearer abc"})
    assert not csrf_check(app, "/api/v1/person/", method="GET")
    assert not csrf_check(app, "/api/v1/person/", logged_in=False)
    assert not csrf_check(app, "/ledger/person/add", logged_in=True)  # Flask-WTF's own check covers forms
    app.config["WTF_CSRF_ENABLED"] = False
    assert not csrf_check(app, "/api/v1/person/")


def test_csrf__refusal_json_for_the_api_a_page_otherwise(app: Flask) -> None:
    with app.test_request_context("/api/v1/person/", method="POST"):
        body, status = csrf.refused(CSRFError())
        assert status == 400 and body["message"]
    with app.test_request_context("/ledger/person/add", method="POST"):
        page, status = csrf.refused(CSRFError())
        assert status == 400 and "<html" in page.lower()


# ---- sessions: logout ends the session id on the server --------------------------------------------------


def test_sessions__ended_id_or_none_logs_out_a_fresh_one_stays(app: Flask) -> None:
    with app.test_request_context("/"):
        sessions.check()  # anonymous: nothing to do
        session["_user_id"] = "1"
        sessions.check()
        assert "_user_id" not in session  # a login without an id: logged out
        session["_user_id"] = "1"
        sessions.begin()
        sid = session[sessions.SESSION_ID]
        assert len(sid) >= 24
        sessions.check()
        assert session["_user_id"] == "1"  # a live id stays logged in
        sessions.end()
        assert sessions.SESSION_ID not in session
        assert sessions.store().get(sessions.PREFIX + sid) > 0
        session["_user_id"], session[sessions.SESSION_ID] = "1", sid  # a replayed copy of the cookie
        sessions.check()
        assert "_user_id" not in session and not session


def test_sessions__ended_id_kept_as_long_as_the_cookie_lives(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept: list[tuple[str, int]] = []
    store = SimpleNamespace(incr=lambda key, expiry: kept.append((key, expiry)))
    monkeypatch.setattr(sessions, "store", lambda: store)
    app.permanent_session_lifetime = timedelta(minutes=30)
    with app.test_request_context("/"):
        sessions.end()  # no id: nothing recorded
        session[sessions.SESSION_ID] = "abc"
        sessions.end()
        app.permanent_session_lifetime = timedelta(seconds=5)
        session[sessions.SESSION_ID] = "def"
        sessions.end()
    assert kept == [(sessions.PREFIX + "abc", 1800), (sessions.PREFIX + "def", 60)]


def test_sessions__one_store_per_app(app: Flask) -> None:
    assert sessions.store() is sessions.store()


# ---- security headers ------------------------------------------------------------------------------------


def test_headers__csp_names_the_request_nonce_and_forbids_framing(app: Flask) -> None:
    with app.test_request_context("/"):
        nonce = headers.csp_nonce()
        assert headers.csp_nonce() == nonce and len(nonce) >= 16
        policy = headers.content_security_policy()
    assert f"script-src 'self' 'nonce-{nonce}'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert policy.startswith("default-src 'self'; ")
