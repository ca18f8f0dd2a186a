"""劳动力基础信息台账: the generic ledger tests plus the registry's own rules (ID number, transfer, masking)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import delete, select

from app import db, ledger
from app.io.importer import ImportOptions, commit_import
from app.security.scope import acting_as
from models.audit import AuditLog
from models.org import OrgUnit
from models.person import Person
from tests.conftest import first_community
from tests.factories.excel import person_headers, person_row, workbook
from tests.factories.person import id_for, person_values
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN, LedgerCase


class TestPerson(LedgerCase):
    ledger = "person"
    change = {"name": "王改名"}
    invalid_values = [
        ({"id_number": "110222198501011230"}, "id_number"),  # wrong check digit
        ({"id_number": "12345"}, "id_number"),
        ({"gender": "2"}, "gender"),  # contradicts an odd sequence digit (male)
        ({"phone": "2345"}, "phone"),
        ({"hukou_type": ""}, "hukou_type"),
    ]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return person_values(org_id, n)


def test_id_number__15_digit_converted_and_fields_derived(app: Flask) -> None:
    values = {"id_number": "110222850101101", "name": "李四"}
    assert Person.clean(values) == {}
    assert values["id_number"] == "110222198501011017"
    assert values["gender"] == "1" and values["birth_date"] == date(1985, 1, 1)


def test_id_number__duplicate_in_other_town_refused_with_transfer_hint(app: Flask) -> None:
    case = TestPerson()
    row = case.make_row(app, OTHER_TOWN)
    with acting_as(case.user(app, "renhe_jingban")):
        try:
            ledger.create(Person, case.valid_values(first_community(HOME_TOWN).id))
        except ledger.LedgerError as exc:
            assert "id_number" in exc.errors
        else:
            raise AssertionError("a second person with the same ID number was accepted")
    assert db.session.execute(select(Person)).scalars().all() == [row]


def test_transfer__moves_person_and_keeps_reason_in_history(app: Flask, login: Any) -> None:
    case = TestPerson()
    row = case.make_row(app, HOME_TOWN)
    old_org_id = row.org_id
    town = first_community(HOME_TOWN).parent
    other = db.session.execute(
        select(OrgUnit).where(OrgUnit.parent_id == town.id, OrgUnit.id != row.org_id).limit(1)
    ).scalar_one()
    client = login("renhe_jingban")
    response = client.post(
        f"/ledger/person/transfer/{row.id}",
        data={"org_id": other.id, "reason": "搬迁", "row_version": row.version},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, row.id).org_id == other.id
    log = db.session.execute(select(AuditLog).where(AuditLog.action == "transfer")).scalar_one()
    assert log.comment == "搬迁" and log.changes["org_id"] == [old_org_id, other.id]


def test_masking__inspector_sees_masked_id_clerk_sees_full(app: Flask, login: Any) -> None:
    row = TestPerson().make_row(app, HOME_TOWN)
    masked = row.id_number[:4] + "*" * 10 + row.id_number[-4:]
    inspector = login("ducha")
    assert inspector.get(f"/api/v1/person/{row.id}").json["result"]["id_number"] == masked
    assert masked in inspector.get("/ledger/person/list/").data.decode()
    clerk = login("renhe_jingban")
    assert clerk.get(f"/api/v1/person/{row.id}").json["result"]["id_number"] == row.id_number


def test_kept_by_community__api_refuses_a_town_with_communities_accepts_its_community(
    app: Flask, login: Any
) -> None:
    client = login("renhe_jingban")
    town = first_community(HOME_TOWN).parent
    refused = client.post("/api/v1/person/", json=person_values(town.id))
    assert refused.status_code == 422, refused.json
    assert "org_id" in refused.json["message"] and "下设社区" in str(refused.json["message"])
    assert db.session.execute(select(Person)).first() is None
    accepted = client.post("/api/v1/person/", json=person_values(first_community(HOME_TOWN).id))
    assert accepted.status_code == 201, accepted.json


def test_kept_by_community__import_refuses_the_town_row_writes_the_community_row(
    app: Flask, tmp_path: Path
) -> None:
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")
    rows = [person_row(org_id=HOME_TOWN), person_row(id_number=id_for(date(1990, 5, 6), 41))]
    path = workbook(tmp_path / "人员.xlsx", person_headers(), rows)
    report = commit_import("person", path, clerk, ImportOptions(all_or_nothing=False))
    assert (report.counts["error"], report.counts["new"]) == (1, 1), [str(i) for i in report.issues]
    assert report.issues[0].row == 2 and "下设社区" in report.issues[0].message
    kept = db.session.execute(select(Person.org_id)).scalars().all()
    assert kept == [first_community(HOME_TOWN).id]


def test_kept_by_community__a_town_without_communities_keeps_its_persons(app: Flask) -> None:
    town = first_community(HOME_TOWN).parent
    district = town.parent
    lone = OrgUnit(
        code="999999",
        name="无社区镇",
        level=town.level,
        parent_id=district.id,
        path=f"{district.path}/999999",
    )
    db.session.add(lone)
    db.session.commit()
    try:
        with acting_as(TestPerson().user(app, "qu_jingban")):
            person = ledger.create(Person, person_values(lone.id))
            db.session.commit()
        assert person.org_id == lone.id
    finally:
        db.session.execute(delete(Person).where(Person.org_id == lone.id))
        db.session.execute(delete(OrgUnit).where(OrgUnit.id == lone.id))
        db.session.commit()
