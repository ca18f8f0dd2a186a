"""The territorial scope and the write checks at their edges: a user without a unit sees and writes nothing;
sibling units whose codes share a prefix (a path that extends another's) stay apart; a write without a
version, with a stale one or a non-integer one is refused and writes nothing; a transfer out of the
territory, without a reason or with a stale version is refused."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app import db, ledger
from app.security.scope import acting_as, in_territory, org_units_in_territory, scope_query
from models.audit import AuditLog
from models.org import OrgUnit
from models.person import Person
from tests.conftest import first_community, org
from tests.factories.person import make_person_row, person_values
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN


def add_unit(parent: OrgUnit, code: str) -> OrgUnit:
    unit = OrgUnit(parent_id=parent.id, code=code, name=f"测试{code}", level="community", active=True)
    unit.path = f"{parent.path}/{code}"
    db.session.add(unit)
    db.session.flush()
    return unit


def person_in_unit(app: Flask, unit: OrgUnit, n: int) -> Person:
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        row = ledger.create(Person, person_values(unit.id, n))
        db.session.commit()
    return row


def visible(user: Any) -> set[int]:
    return set(db.session.execute(scope_query(select(Person.id), Person, user)).scalars())


def test_scope__user_without_a_unit_sees_and_writes_nothing(app: Flask) -> None:
    """OrgScope: no unit means no territory, never the whole table."""
    make_person_row(app, HOME_TOWN, 1)
    make_person_row(app, OTHER_TOWN, 2)
    nobody = SimpleNamespace(org=None, id=None)
    assert visible(nobody) == set()
    assert not in_territory(org(HOME_TOWN), nobody)
    assert db.session.execute(select(OrgUnit.id).where(org_units_in_territory(nobody))).first() is None
    with acting_as(nobody), pytest.raises(ledger.LedgerError) as refused:
        ledger.create(Person, person_values(first_community(HOME_TOWN).id, 3))
    assert "org_id" in refused.value.errors
    district = SimpleNamespace(org=org("顺义区"), id=None)  # the positive side: the root sees both
    assert len(visible(district)) == 2


def test_scope__sibling_whose_code_extends_another_is_outside_its_territory(app: Flask) -> None:
    """OrgScope's subtree is `path` or `path/…`, never a bare prefix: 110113001 does not see 1101130011."""
    town = org(HOME_TOWN)
    short, long = add_unit(town, "T110113001"), add_unit(town, "T1101130011")
    child, own = add_unit(short, "T1101130019"), add_unit(short, "T1101130018")
    db.session.commit()
    # persons are kept below a unit that has units of its own (the kernel's kept_by_community rule)
    mine, neighbours, below = (person_in_unit(app, u, n) for n, u in enumerate((own, long, child)))
    user = SimpleNamespace(org=short, id=None)
    assert visible(user) == {mine.id, below.id}
    assert in_territory(short, user) and in_territory(child, user) and not in_territory(long, user)
    units = set(db.session.execute(select(OrgUnit.id).where(org_units_in_territory(user))).scalars())
    assert units == {short.id, child.id, own.id}
    with acting_as(user), pytest.raises(ledger.LedgerError) as refused:
        ledger.create(Person, person_values(long.id, 5))
    assert "org_id" in refused.value.errors
    assert visible(SimpleNamespace(org=long, id=None)) == {neighbours.id}


@pytest.mark.parametrize(("version", "status"), [(None, 422), ("", 422), (0, 409), (2, 409)])
def test_api_put__missing_or_stale_version_refused_and_nothing_written(
    app: Flask, login: Any, version: Any, status: int
) -> None:
    row = make_person_row(app, HOME_TOWN)
    body = {"name": "李四"} | ({} if version is None else {"version": version})
    response = login("renhe_jingban").put(f"/api/v1/person/{row.id}", json=body)
    assert response.status_code == status, response.json
    db.session.expire_all()
    assert (db.session.get(Person, row.id).name, db.session.get(Person, row.id).version) == ("张三0", 1)
    current = login("renhe_jingban").put(f"/api/v1/person/{row.id}", json={"name": "李四", "version": 1})
    assert current.status_code == 200  # the same edit with the current version saves


def test_api_put__non_integer_version_refused_and_nothing_written(app: Flask, login: Any) -> None:
    row = make_person_row(app, HOME_TOWN)
    client = login("renhe_jingban")
    response = client.put(f"/api/v1/person/{row.id}", json={"name": "李四", "version": "1x"})
    assert 400 <= response.status_code < 500
    db.session.expire_all()
    assert (db.session.get(Person, row.id).name, db.session.get(Person, row.id).version) == ("张三0", 1)


def test_commands__version_omitted_stale_or_not_a_number_refused(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        for version in (None, "", 0, 2):
            with pytest.raises(ledger.LedgerError):
                ledger.update(row, {"name": "李四"}, version)
            db.session.rollback()
            with pytest.raises(ledger.LedgerError):
                ledger.transfer(row, first_community(HOME_TOWN).id, "迁入", version)
            db.session.rollback()
        ledger.update(row, {"name": "李四"}, "1")  # the form posts the version as text
        db.session.commit()
    assert row.version == 2


def transfer_form(client: Any, row: Person, **changes: Any) -> Any:
    form = {"org_id": changes.get("org_id"), "reason": "户籍迁移", "row_version": row.version} | changes
    return client.post(f"/ledger/person/transfer/{row.id}", data=form)


def test_transfer__out_of_territory_without_reason_or_stale_refused_then_done(app: Flask, login: Any) -> None:
    row = make_person_row(app, HOME_TOWN)
    home, target = row.org_id, first_community(HOME_TOWN)
    sibling = (
        db.session.execute(
            select(OrgUnit).where(OrgUnit.parent_id == target.parent_id, OrgUnit.id != target.id)
        )
        .scalars()
        .first()
    )
    client = login("renhe_jingban")
    refusals = [
        {"org_id": first_community(OTHER_TOWN).id},  # out of the territory
        {"org_id": sibling.id, "reason": " "},  # no reason
        {"org_id": sibling.id, "row_version": 0},  # stale
        {"org_id": sibling.id, "row_version": ""},  # no version
    ]
    for changes in refusals:
        assert transfer_form(client, row, **changes).status_code == 302
        db.session.expire_all()
        assert (db.session.get(Person, row.id).org_id, db.session.get(Person, row.id).version) == (home, 1), (
            changes
        )
    assert transfer_form(client, row, org_id=sibling.id).status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, row.id).org_id == sibling.id
    history = select(AuditLog.action, AuditLog.comment).where(
        AuditLog.ledger == "person", AuditLog.row_id == row.id
    )
    assert ("transfer", "户籍迁移") in {tuple(entry) for entry in db.session.execute(history)}
