"""Bulk mode (an import, app/ledger/bulk.py) called directly: the natural keys preloaded, the new rows as the
ORM would insert them, one INSERT per batch with its ids in order, and the history entries of the batch."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DatabaseError

from app import db, ledger
from app.audit import COMMENT_KEY
from app.ledger import bulk as bulk_mode
from app.ledger.bulk import STAMPS, flush_bulk, insert_columns, ledger_columns, new_row
from app.ledger.commands import batched
from app.security.scope import acting_as
from models.audit import AuditLog
from models.employer import Employer
from models.job_fair import JobFair
from models.person import Person
from tests.conftest import first_community
from tests.factories.person import make_person_row, person_values
from tests.ledgers.case import HOME_TOWN


def clerk(app: Flask) -> Any:
    return app.appbuilder.sm.find_user(username="renhe_jingban")


def test_bulk_writes__preloads_the_natural_keys_and_ends_with_the_block(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    assert bulk_mode.current() is None
    with bulk_mode.bulk_writes(Person) as keys:
        bulk = bulk_mode.current()
        assert bulk is not None and bulk.model is Person and bulk.keys is keys
        assert keys == {"id_number": {row.id_number: (row.id, row.org_id)}}
        assert (bulk.orgs, bulk.code_maps, bulk.pending) == ({}, {}, [])
    assert bulk_mode.current() is None
    with pytest.raises(RuntimeError), bulk_mode.bulk_writes(Person):
        raise RuntimeError
    assert bulk_mode.current() is None  # ended by an error too


def test_bulk_writes__a_ledger_without_natural_key_preloads_nothing(app: Flask) -> None:
    with bulk_mode.bulk_writes(JobFair) as keys:
        assert keys == {}


def test_ledger_columns__the_declared_fields_and_the_derived_ones(app: Flask) -> None:
    columns = ledger_columns(Person)
    assert {"id_number", "name", "org_id", "monthly_wage"} <= columns
    assert not {"id", "version", "created_by_id", "voided_at"} & columns
    assert set(getattr(Employer, "__derived__", ())) <= ledger_columns(Employer)


def test_insert_columns__every_column_but_the_key_with_its_default(app: Flask) -> None:
    columns = {key: (settable, default) for key, settable, default in insert_columns(Person)}
    assert "id" not in columns
    assert set(columns) == {c.key for c in Person.__table__.columns} - {"id"}
    assert columns["name"] == (True, None)
    assert columns["able_to_work"] == (True, True)  # a scalar default
    assert columns["voided_at"] == (False, None)  # no default, not set by a command
    for stamp in STAMPS:
        assert columns[stamp][1] is None  # set by new_row


def test_new_row__the_values_given_the_defaults_and_who_and_when(app: Flask) -> None:
    user = clerk(app)
    values = {**person_values(first_community(HOME_TOWN).id), "remarks": "", "voided_at": "x", "version": 7}
    with acting_as(user):
        row = new_row(Person, values)
    assert row["name"] == "张三0" and row["id_number"] == values["id_number"]
    assert row["able_to_work"] is True and row["willing_to_work"] is True  # not given: the default
    assert row["remarks"] is None  # blank text: no value
    assert row["voided_at"] is None  # not a column a command sets
    assert (row["created_by_id"], row["updated_by_id"], row["version"]) == (user.id, user.id, 1)
    assert row["created_at"] == row["updated_at"] and row["created_at"] is not None
    assert "id" not in row and set(row) == {c.key for c in Person.__table__.columns} - {"id"}
    with acting_as(None):
        assert new_row(Person, values)["created_by_id"] is None


def test_new_row__a_false_or_zero_value_is_a_value(app: Flask) -> None:
    values = {**person_values(first_community(HOME_TOWN).id), "able_to_work": False, "monthly_wage": 0}
    with acting_as(clerk(app)):
        row = new_row(Person, values)
    assert row["able_to_work"] is False and row["monthly_wage"] == 0


def test_batched__only_ledgers_whose_creation_does_nothing_more(app: Flask) -> None:
    assert batched(Person) is True  # no workflow, no hooks, no checks reading other rows
    assert batched(JobFair) is False  # a workflow starts
    assert batched(object) is True  # not a ledger: nothing to run


def test_flush_bulk__one_insert_for_the_batch_ids_in_order_and_a_create_entry_each(app: Flask) -> None:
    unit = first_community(HOME_TOWN)
    user = clerk(app)
    with acting_as(user), bulk_mode.bulk_writes(Person) as keys:
        db.session.info[COMMENT_KEY] = "导入"
        queued = [ledger.create(Person, person_values(unit.id, n)) for n in range(3)]
        assert all(isinstance(row, dict) for row in queued)  # queued, not written yet
        assert [row["name"] for row in queued] == ["张三0", "张三1", "张三2"]
        assert all(keys["id_number"][row["id_number"]] == (None, unit.id) for row in queued)
        bulk = bulk_mode.current()
        assert bulk is not None and bulk.pending == queued
        assert db.session.execute(select(Person.id)).first() is None
        flush_bulk()
        assert bulk.pending == []
        flush_bulk()  # nothing left: nothing written twice
        db.session.commit()
    written = db.session.execute(select(Person).order_by(Person.id)).scalars().all()
    assert [p.name for p in written] == ["张三0", "张三1", "张三2"]
    assert [p.id for p in written] == list(range(written[0].id, written[0].id + 3))
    assert {(p.org_id, p.created_by_id, p.version) for p in written} == {(unit.id, user.id, 1)}
    entries = db.session.execute(select(AuditLog).order_by(AuditLog.id)).scalars().all()
    assert [(e.ledger, e.row_id, e.action, e.comment) for e in entries] == [
        ("person", p.id, "create", "导入") for p in written
    ]
    assert entries[0].changes["name"] == [None, "张三0"] and entries[0].row_org_name == unit.name
    assert {e.user_id for e in entries} == {user.id}


def test_flush_bulk__outside_bulk_mode_only_flushes(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    row.remarks = "改"
    flush_bulk()
    assert not db.session.is_modified(row) and row.version == 2  # written (the version counts the flush)
    db.session.rollback()


def test_flush_bulk__the_orm_changes_of_the_batch_flushed_too(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with acting_as(clerk(app)), bulk_mode.bulk_writes(Person):
        ledger.update(row, {"remarks": "改"}, row.version)  # in bulk mode: left to flush_bulk
        assert db.session.is_modified(row)
        flush_bulk()
        assert not db.session.is_modified(row)
    db.session.rollback()


# ---- the new ids of a batch on each database (a connection that answers as that database would) -------


class Answering:
    """A connection of the named database that records each statement and gives the next answer."""

    def __init__(self, dialect: str, *answers: Any) -> None:
        self.dialect = SimpleNamespace(name=dialect)
        self.answers = list(answers)
        self.sent: list[tuple[Any, Any]] = []

    def execute(self, statement: Any, parameters: Any = None) -> Any:
        self.sent.append((statement, parameters))
        answer = self.answers.pop(0)
        return SimpleNamespace(scalar=lambda: answer, scalars=lambda: list(answer or []))


def compiled(statement: Any, dialect: Any) -> tuple[str, list[Any]]:
    found = statement.compile(dialect=dialect)
    return " ".join(str(found).split()), list(found.params.values())


ROWS = [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}]


def test_inserted_ids__postgresql_draws_the_ids_from_the_sequence_and_sends_them(app: Flask) -> None:
    table = Person.__table__
    connection = Answering("postgresql", "person_id_seq", [7, 8, 9], None)
    assert bulk_mode.inserted_ids(connection, table, ROWS) == [7, 8, 9]
    (sequence, _), (numbers, _), (written, rows) = connection.sent
    assert compiled(sequence, postgresql.dialect()) == (
        "SELECT pg_get_serial_sequence(%(pg_get_serial_sequence_2)s, %(pg_get_serial_sequence_3)s::VARCHAR)"
        " AS pg_get_serial_sequence_1",
        ["person", "id"],
    )
    sql, params = compiled(numbers, postgresql.dialect())
    assert sql.startswith("SELECT nextval(") and "FROM generate_series(" in sql
    assert params == ["person_id_seq", 1, 3]  # one id for each row
    assert written.table is table and not written._returning
    assert rows == [{"name": "甲", "id": 7}, {"name": "乙", "id": 8}, {"name": "丙", "id": 9}]
    assert ROWS == [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}]  # the rows themselves unchanged


def test_inserted_ids__fewer_ids_than_rows_refused(app: Flask) -> None:
    with pytest.raises(ValueError):
        bulk_mode.inserted_ids(Answering("postgresql", "person_id_seq", [7, 8], None), Person.__table__, ROWS)


@pytest.mark.parametrize("dialect", ["postgresql", "mssql"])
def test_inserted_ids__otherwise_returning_in_the_rows_order(app: Flask, dialect: str) -> None:
    table = Person.__table__
    answers = (None, [4, 5, 6]) if dialect == "postgresql" else ([4, 5, 6],)  # no sequence: RETURNING
    connection = Answering(dialect, *answers)
    assert bulk_mode.inserted_ids(connection, table, ROWS) == [4, 5, 6]
    written, rows = connection.sent[-1]
    assert written.table is table and list(written._returning) == [table.c.id]
    assert written._sort_by_parameter_order is True and rows is ROWS


def test_inserted_ids__sqlite_reads_back_the_highest_ids_and_refuses_a_gap(app: Flask) -> None:
    table = Person.__table__
    connection = Answering("sqlite", None, [12, 10, 11])
    assert bulk_mode.inserted_ids(connection, table, ROWS) == [10, 11, 12]
    (written, rows), (query, _) = connection.sent
    assert written.table is table and rows is ROWS
    assert compiled(query, sqlite.dialect()) == (
        "SELECT person.id FROM person ORDER BY person.id DESC LIMIT ? OFFSET ?",
        [3, 0],
    )
    for ids in ([10, 12, 13], [11, 12]):  # a gap; fewer than the rows
        with pytest.raises(DatabaseError) as refused:
            bulk_mode.inserted_ids(Answering("sqlite", None, ids), table, ROWS)
        assert refused.value.statement == "INSERT" and refused.value.params == {}
        assert isinstance(refused.value.orig, RuntimeError)
        assert str(refused.value.orig) == "new row ids are not consecutive"
