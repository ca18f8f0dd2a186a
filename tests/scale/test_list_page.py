"""The list page's org-unit filter loads the territory's units only when the clerk opens it."""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.conftest import first_community
from tests.factories.person import make_person
from tests.scale.test_statement_counts import recorded


def test_list_page__org_filter_loads_units_when_opened(app: Flask, login: Any) -> None:
    unit = first_community("仁和镇")
    person = make_person(unit.id)
    client = login("renhe_jingban")
    client.get("/ledger/person/list/")
    with recorded() as sent:
        page = client.get("/ledger/person/list/").get_data(as_text=True)
    assert not [s for s in sent if "FROM org_unit" in s.split("WHERE")[0] and "person" not in s]
    assert "form-control org-lazy" in page  # the search form's fields reach the page as JSON
    units = client.get("/ledger/person/org_choices").json
    names = [u["text"] for u in units]
    assert names[0] == "仁和镇" and unit.name in names and "后沙峪镇" not in names
    filtered = client.get(f"/ledger/person/list/?_flt_0_org={unit.id}").get_data(as_text=True)
    assert person.name in filtered and f'value=\\"{unit.id}\\" selected' in filtered


def test_list_page__row_buttons_link_to_their_own_row(app: Flask, login: Any) -> None:
    unit = first_community("仁和镇")
    people = [make_person(unit.id) for _ in range(3)]
    page = login("renhe_jingban").get("/ledger/person/list/").get_data(as_text=True)
    for person in people:
        assert f'href="/ledger/person/show/{person.id}"' in page
        assert f'href="/ledger/person/edit/{person.id}"' in page
        assert f'data-href="/ledger/person/delete/{person.id}"' in page
    assert "__pk__" not in page and page.count("a.ledger-delete") == 1  # one click handler for every row
