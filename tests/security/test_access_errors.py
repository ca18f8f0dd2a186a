"""Refusals instead of server errors (issue 14 item 11): a version that is not a number, a lost race, a
duplicate saved at the same moment, GET on an action URL, FAB's file download and the history browser's
action endpoint."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import event, update

from app import db, ledger
from app.ledger import validation
from models.person import Person
from tests.conftest import first_community
from tests.factories.district_subsidy import apply
from tests.factories.person import make_person, person_values


def test_version__not_a_number_refused_422_everywhere(app: Flask, login: Any) -> None:
    person = make_person(first_community("仁和镇").id)
    client = login("renhe_jingban")
    for version in ("abc", "1.5", [1], {"v": 1}):
        response = client.put(f"/api/v1/person/{person.id}", json={"remarks": "改", "version": version})
        assert response.status_code == 422, (version, response.status_code)
        assert "version" in response.json["message"]
    moved = client.post(
        f"/ledger/person/transfer/{person.id}",
        data={"org_id": first_community("仁和镇").id, "reason": "迁移", "row_version": "abc"},
    )
    assert moved.status_code == 302
    case = apply(app)
    fired = client.post(f"/api/v1/workflow/district_subsidy/{case.id}/first_review", json={"version": "x"})
    assert fired.status_code in (403, 422), fired.status_code
    db.session.expire_all()
    assert db.session.get(Person, person.id).version == person.version


def test_race__the_loser_of_a_concurrent_update_gets_409(app: Flask, login: Any) -> None:
    person = make_person(first_community("仁和镇").id)
    client = login("renhe_jingban")

    def someone_else_saves(session: Any, context: Any, instances: Any) -> None:
        """Between the version check and the UPDATE, another writer changes the row."""
        with db.engine.begin() as connection:
            connection.execute(
                update(Person).where(Person.id == person.id).values(version=Person.version + 1)
            )

    event.listen(db.session, "before_flush", someone_else_saves, once=True)
    try:
        response = client.put(
            f"/api/v1/person/{person.id}", json={"remarks": "改", "version": person.version}
        )
    finally:
        if event.contains(db.session, "before_flush", someone_else_saves):
            event.remove(db.session, "before_flush", someone_else_saves)
    assert response.status_code == 409, response.json
    assert str(ledger.STALE_MESSAGE) in str(response.json["message"]) or "刷新" in str(
        response.json["message"]
    )


def test_race__a_duplicate_id_number_saved_at_the_same_moment_gets_422(
    app: Flask, login: Any, monkeypatch: Any
) -> None:
    first = make_person(first_community("后沙峪镇").id)
    monkeypatch.setattr(validation, "natural_key_clash", lambda *args: None)  # the other save not yet seen
    client = login("renhe_jingban")
    values = {**person_values(first_community("仁和镇").id), "id_number": first.id_number}
    response = client.post("/api/v1/person/", json=values)
    assert response.status_code == 422, response.json
    assert "后沙峪" not in str(response.json) and first_community("后沙峪镇").name not in str(response.json)


def test_duplicate_id_number__names_no_unit_outside_the_territory(app: Flask, login: Any) -> None:
    theirs = make_person(first_community("后沙峪镇").id)
    values = {**person_values(first_community("仁和镇").id), "id_number": theirs.id_number}
    response = login("renhe_jingban").post("/api/v1/person/", json=values)
    assert response.status_code == 422
    message = response.json["message"]["id_number"]
    assert first_community("后沙峪镇").name not in message and "后沙峪" not in message
    assert "区级" in message  # whom to ask
    mine = make_person(first_community("仁和镇").id)
    response = login("renhe_jingban").post("/api/v1/person/", json={**values, "id_number": mine.id_number})
    assert first_community("仁和镇").name in response.json["message"]["id_number"]  # inside: named


def test_get_on_action_urls__405(app: Flask, login: Any) -> None:
    person = make_person(first_community("仁和镇").id)
    client = login("renhe_jingban")
    for name in ("void_selected", "transition_selected", "export_selected", "restore_selected"):
        assert client.get(f"/ledger/person/action/{name}/{person.id}").status_code == 405, name
    assert client.get("/ledger/person/action_post").status_code == 405
    db.session.expire_all()
    assert db.session.get(Person, person.id).voided_at is None


def test_fab_file_download__404_not_500(app: Flask, login: Any) -> None:
    client = login("renhe_jingban")
    assert client.get("/ledger/person/download/x.txt").status_code == 404
    assert client.get("/ledger/person/download/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_history_action_post__refused_not_500(app: Flask, login: Any) -> None:
    for username in ("admin", "ducha"):
        client = login(username)
        response = client.post("/history/action_post", data={"action": "x", "rowid": ["1"]})
        assert response.status_code in (403, 404, 405), (username, response.status_code)
        assert client.get("/history/action_post").status_code in (403, 404, 405)
