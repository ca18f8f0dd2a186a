"""Statements per page: a clerk's page costs a fixed number of SQL statements, whatever the number of rows
and to-dos (the navbar's to-do count is counted in SQL, not by loading the inbox)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event

from app import db
from app.workflow import inbox
from tests.factories.assistance import report_case

# statements per page, the user's own three (user with roles, permission set, menu) included
BUDGET = {
    "/": 8,
    # the user's three, the duties, the group counts (tabs and badge, one aggregate), the filter's units (the
    # community clerk has none) and the shown group's items
    "/inbox/": 6,
    # the user's three, the duties, every kind counted (one UNION ALL), the org tree, the 督办通知
    "/overdue/": 9,
    "/ledger/person/list/": 8,  # user, permissions, count(*), the page of rows, the to-do badge (1-4)
    "/ledger/person/list/?_flt_0_employment_status=21": 8,
    "/api/v1/person/?q=(page:0,page_size:100)": 8,
}


@contextmanager
def recorded() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def statements(client: Any, url: str) -> int:
    client.get(url)  # code lists and the calendar are cached once per process
    db.session.remove()  # a request starts with an empty session, as in production (not the test's session)
    with recorded() as sent:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(sent)


@pytest.mark.parametrize("username", ["qu_jingban", "renhe_jingban"])
def test_pages__fixed_statements_whatever_the_rows(app: Flask, login: Any, today: Any, username: str) -> None:
    report_case(app)
    client = login(username)
    few = {url: statements(client, url) for url in BUDGET}
    for _ in range(4):
        report_case(app)
    many = {url: statements(client, url) for url in BUDGET}
    assert many == few
    assert {url: n for url, n in many.items() if n > BUDGET[url]} == {}


def test_badge__counts_every_todo_without_listing_them(app: Flask, login: Any, today: Any) -> None:
    for _ in range(3):
        report_case(app)
    client = login("renhe_jingban")
    with recorded() as sent:
        page = client.get("/").get_data(as_text=True)
    badge = int(page.split('id="inbox-count">', 1)[1].split("<", 1)[0])
    with app.test_request_context():
        listed = inbox.inbox(app.appbuilder.sm.find_user(username="renhe_jingban"), today["today"])
    assert badge == len(listed) and sum(item.kind == "workflow" for item in listed) == 3
    assert not [s for s in sent if "FROM hard_to_employ_case" in s and "count(" not in s]
