"""我的待办 per persona, the navbar count, and the 超期督办 board with drill-down and Excel export."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import openpyxl
from flask import Flask

from app.workflow import inbox
from tests.factories.assistance import fire, report_case


def titles(client: Any) -> str:
    return client.get("/inbox/?kind=hard_to_employ").data.decode()


def test_inbox__each_persona_sees_what_waits_on_them(app: Flask, login: Any, today: Any) -> None:
    renhe = report_case(app)
    houshayu = report_case(app, "后沙峪镇", "houshayu_shequ")
    town = login("renhe_jingban")
    page = titles(town)
    assert renhe.person.name in page and houshayu.person.name not in page
    assert "认定" in page  # the step the town must do
    assert (
        titles(login("renhe_shequ")).count(renhe.person.name) == 0
    )  # recognition is not the community's step
    town = login("renhe_jingban")
    fire(town, renhe.id, "recognise", date="2026-09-28")
    fire(town, renhe.id, "make_plan", plan="援助方案")
    fire(town, renhe.id, "assign_assistant", assistant_name="李援助")
    community = login("renhe_shequ")
    assert renhe.person.name in titles(community)  # now the community may make contact
    with app.test_request_context():
        items = inbox.workflow_items(app.appbuilder.sm.find_user(username="renhe_shequ"), today["today"])
    assert [(i.subject, i.due_on) for i in items] == [
        (renhe.person.name, date(2026, 9, 30))
    ]  # 2 working days after 9-28
    page = community.get("/inbox/").data.decode()
    badge = page.split('id="inbox-count">', 1)[1].split("<", 1)[0]
    with app.test_request_context():
        listed = inbox.inbox(app.appbuilder.sm.find_user(username="renhe_shequ"), today["today"])
    assert int(badge) == len(listed) >= 1


def test_overdue_board__counts_by_unit_and_step_drill_down_and_excel(
    app: Flask, login: Any, today: Any
) -> None:
    late, on_time = report_case(app), report_case(app)
    other_town = report_case(app, "后沙峪镇", "houshayu_shequ")
    town = login("renhe_jingban")
    for case in (late, on_time, other_town):
        fire(
            login("renhe_jingban" if case is not other_town else "houshayu_jingban"),
            case.id,
            "recognise",
            date="2026-09-28",
        )
    town = login("renhe_jingban")
    today["today"] = date(2026, 9, 30)
    fire(town, on_time.id, "make_plan", plan="援助方案")
    today["today"] = date(2026, 10, 5)  # make_plan was due 10-01
    inspector = login("ducha")
    board = inspector.get("/overdue/").data.decode()
    assert "仁和镇" in board and "后沙峪镇" in board and "制定援助方案" in board
    records = inspector.get("/overdue/records?ledger=hard_to_employ&step=make_plan").data.decode()
    assert (
        late.person.name in records
        and on_time.person.name not in records
        and other_town.person.name in records
    )
    town_board = login("renhe_jingban").get("/overdue/records").data.decode()
    assert late.person.name in town_board and other_town.person.name not in town_board
    response = login("ducha").get("/overdue/export")
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    counts = [[c.value for c in row] for row in book.worksheets[0].iter_rows(min_row=6)]
    steps = [row for row in counts if row[2] == "制定援助方案"]  # besides the towns' undone duties
    assert sorted(row[0] for row in steps) == ["仁和镇", "后沙峪镇"] and all(row[3] == 1 for row in steps)
    assert login("renhe_shequ").get("/overdue/").status_code == 403  # community clerks have no board
