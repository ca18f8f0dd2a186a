"""我的待办 by group: tabs with counts from SQL, the overdue and unit filters, paging inside a group, the badge
right after the user's own step; 超期督办 counting follow-ups past their due date beside workflow steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask

from app.workflow import inbox
from tests.conftest import org
from tests.factories.assistance import fire, report_case


def tabs(page: str) -> dict[str, int]:
    """group key → the count its tab shows."""
    out = {}
    for part in page.split('data-group="')[1:]:
        key, rest = part.split('"', 1)
        out[key] = int(rest.split('class="badge">', 1)[1].split("<", 1)[0])
    return out


def badge(page: str) -> int:
    return int(page.split('id="inbox-count">', 1)[1].split("<", 1)[0])


def test_groups__counts_filters_paging_and_badge_after_own_step(
    app: Flask, login: Any, today: Any, monkeypatch: Any
) -> None:
    cases = [report_case(app) for _ in range(3)]
    other = report_case(app, "后沙峪镇", "houshayu_shequ")
    town = login("renhe_jingban")
    page = town.get("/inbox/").data.decode()
    assert tabs(page)["hard_to_employ"] == 3 and badge(page) == sum(tabs(page).values())
    assert other.person.name not in town.get("/inbox/?kind=hard_to_employ").data.decode()
    monkeypatch.setattr(inbox, "PAGE_SIZE", 2)
    first = town.get("/inbox/?kind=hard_to_employ").data.decode()
    second = town.get("/inbox/?kind=hard_to_employ&page=2").data.decode()
    names = [case.person.name for case in cases]
    assert sum(name in first for name in names) == 2 and sum(name in second for name in names) == 1
    assert "1 / 2" in first and "page=2" in first
    elsewhere = org("后沙峪镇").id  # a unit outside the town: the filter is ignored, not widened
    assert tabs(town.get(f"/inbox/?org={elsewhere}").data.decode())["hard_to_employ"] == 3
    community = cases[0].org_id
    only_one = tabs(town.get(f"/inbox/?org={community}").data.decode())["hard_to_employ"]
    assert only_one == sum(case.org_id == community for case in cases)
    overdue = town.get("/inbox/?overdue=1").data.decode()
    assert "hard_to_employ" not in tabs(overdue)  # just reported: nothing of it is late yet
    fire(town, cases[0].id, "recognise", date="2026-09-28")
    after = town.get("/inbox/").data.decode()  # the badge right after the user's own step: counted anew
    assert badge(after) == sum(tabs(after).values())
    assert badge(town.get("/ledger/person/list/").data.decode()) == badge(after)


def test_overdue_filter_and_board__late_step_counted_and_listed(app: Flask, login: Any, today: Any) -> None:
    case = report_case(app)
    town = login("renhe_jingban")
    fire(town, case.id, "recognise", date="2026-09-28")
    today["today"] = date(2026, 10, 20)
    late = login("renhe_jingban").get("/inbox/?overdue=1&kind=hard_to_employ").data.decode()  # make_plan
    assert case.person.name in late and tabs(late)["hard_to_employ"] == 1
    board = login("qu_jingban").get("/overdue/").data.decode()
    assert "overdue-hard_to_employ" in board and "overdue-duty" in board  # steps and undone duties
