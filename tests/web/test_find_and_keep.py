"""Finding things and who keeps a person: a person is kept by a community (a town clerk's add form asks which,
nothing preselected) and a transfer moves them up or down their branch; the unit filter takes in the units
below; a code-list filter is "等于"; the filters in force show as tags; the navbar's quick search finds a
person of the territory with their records; the 台账 menu is grouped by the manual's chapters."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy import event, select

from app import db, ledger
from app.ledger.registry import CHAPTERS, LEDGERS
from app.security.scope import acting_as
from models.job_seeker import JobSeeker
from models.org import OrgUnit
from tests.conftest import org
from tests.web.helpers import options, person_named, select_html


def communities(town: str) -> list[OrgUnit]:
    query = select(OrgUnit).where(OrgUnit.parent_id == org(town).id, OrgUnit.active.is_(True))
    return list(db.session.execute(query.order_by(OrgUnit.path)).scalars())


def test_person_add__town_clerk_chooses_one_of_its_communities_nothing_preselected(
    app: Flask, login: Any
) -> None:
    page = login("renhe_jingban").get("/ledger/person/add").data.decode()
    units = options(select_html(page, "org"))
    assert units[0][:2] == ("", "请选择") and not any(selected for *_, selected in units[1:])
    offered = {value for value, *_ in units[1:]}
    assert offered == {str(unit.id) for unit in communities("仁和镇")}  # not 仁和镇 itself
    own = options(select_html(login("renhe_shequ").get("/ledger/person/add").data.decode(), "org"))
    assert [value for value, _t, selected in own if selected] == [
        value for value, *_ in own[1:]
    ]  # its one unit


def test_person_add__town_unit_refused_by_the_form__town_clerk(app: Flask, login: Any) -> None:
    values = {"org": org("仁和镇").id, "id_number": "110113199005061234", "name": "孙八", "hukou_type": "2"}
    page = login("renhe_jingban").post("/ledger/person/add", data={**values, "employment_status": "22"})
    assert "孙八" not in login("renhe_jingban").get("/ledger/person/list/").data.decode()
    assert page.status_code == 200


def test_transfer__between_town_and_its_community_both_ways__town_clerk(app: Flask, login: Any) -> None:
    community, town = communities("仁和镇")[0], org("仁和镇")
    person = person_named(community, "周九")
    client = login("renhe_jingban")

    def offered() -> set[str]:
        page = client.get(f"/ledger/person/show/{person.id}").data.decode()
        return {value for value, *_ in options(select_html(page, "org_id"))}

    def moved_to(unit: OrgUnit) -> int:
        db.session.expire_all()
        version = db.session.get(type(person), person.id).version
        data = {"org_id": unit.id, "reason": "社区撤并，暂由街镇管理", "row_version": version}
        client.post(f"/ledger/person/transfer/{person.id}", data=data)
        db.session.expire_all()
        return db.session.get(type(person), person.id).org_id

    assert str(town.id) in offered() and str(org("后沙峪镇").id) not in offered()  # not outside the territory
    assert moved_to(town) == town.id  # a transfer may hand the person up to the town
    assert str(community.id) in offered()
    assert moved_to(community) == community.id  # and back down to a community


def test_list__unit_filter_includes_the_units_below_with_a_removable_tag__town_clerk(
    app: Flask, login: Any
) -> None:
    person_named(communities("仁和镇")[0], "吴十")
    person_named(communities("后沙峪镇")[0], "郑十一")
    town = org("仁和镇")
    page = login("qu_jingban").get(f"/ledger/person/list/?_flt_0_org={town.id}").data.decode()
    assert "吴十" in page and "郑十一" not in page
    assert 'class="filter-tags"' in page and "所属机构" in page and "仁和镇" in page
    assert 'href="/ledger/person/list/" class="filter-tags-clear"' in page
    unfiltered = login("qu_jingban").get("/ledger/person/list/").data.decode()
    assert 'class="filter-tags"' not in unfiltered


def test_list__code_list_filter_is_equals_not_prefix(app: Flask, login: Any) -> None:
    unit = communities("仁和镇")[0]
    person_named(unit, "王甲", employment_status="22")  # 未就业未登记
    person_named(unit, "王乙", employment_status="11")
    client = login("renhe_jingban")
    exact = client.get("/ledger/person/list/?_flt_0_employment_status=22").data.decode()
    assert "王甲" in exact and "王乙" not in exact
    assert (
        "未就业未登记" in exact.split('class="filter-tags"', 1)[1].split("</div>", 1)[0]
    )  # the tag in words
    prefix = client.get("/ledger/person/list/?_flt_0_employment_status=2").data.decode()
    assert "王甲" not in prefix  # "2" is no code: a prefix filter would have listed 21 and 22


def test_quick_search__name_prefix_finds_territorys_persons_and_their_records__town_clerk(
    app: Flask, login: Any
) -> None:
    mine = person_named(communities("仁和镇")[0], "冯大伟")
    person_named(communities("后沙峪镇")[0], "冯大伟")
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        seeker = ledger.create(
            JobSeeker,
            {
                "org_id": mine.org_id,
                "person_id": mine.id,
                "registered_on": date(2026, 11, 2),
                "intended_occupation": "电工",
                "seeker_class": "1",
            },
        )
        db.session.commit()
    page = login("renhe_jingban").get("/search/?q=冯大").data.decode()
    assert page.count('class="panel panel-default quick-search-person"') == 1
    assert f'href="/ledger/person/show/{mine.id}"' in page
    assert (
        f'href="/ledger/job_seeker/show/{seeker.id}">{seeker.ledger_title()}（' in page
        and "求职登记台账" in page
    )
    by_number = login("renhe_jingban").get(f"/search/?q={mine.id_number}").data.decode()
    assert f'href="/ledger/person/show/{mine.id}"' in by_number


def test_quick_search__partial_numbers_find_nothing_inspector_without_pii_cannot_search_numbers(
    app: Flask, login: Any
) -> None:
    mine = person_named(communities("仁和镇")[0], "褚小明", phone="13711112222")
    clerk = login("renhe_jingban")
    assert "quick-search-person" not in clerk.get(f"/search/?q={mine.id_number[:10]}").data.decode()
    assert "quick-search-person" in clerk.get("/search/?q=13711112222").data.decode()
    inspector = login("ducha").get(f"/search/?q={mine.id_number}").data.decode()
    assert "quick-search-person" not in inspector and "个人信息的权限" in inspector
    named = login("ducha").get("/search/?q=褚小").data.decode()
    assert "quick-search-person" in named and mine.id_number not in named  # masked


def test_quick_search__no_leading_wildcard_in_any_statement(app: Flask, login: Any) -> None:
    """Indexed look-ups only: no LIKE '%…' (a full scan at 250,000 persons)."""
    person_named(communities("仁和镇")[0], "蒋一")
    client = login("renhe_jingban")
    seen: list[Any] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        seen.append(parameters)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert "蒋一" in client.get("/search/?q=蒋").data.decode()
        client.get("/ledger/job_seeker/references/person?q=蒋")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    values = [v for params in seen for v in (params.values() if isinstance(params, dict) else params or ())]
    assert not [v for v in values if isinstance(v, str) and v.startswith("%")]


def test_menu__ledgers_grouped_under_the_manuals_chapters(app: Flask, login: Any) -> None:
    assert {spec.chapter for spec in LEDGERS.values()} <= set(CHAPTERS)
    home = login("qu_jingban").get("/").data.decode()
    headings = [str(label) for label in CHAPTERS.values()]
    positions = [home.find(f'<li class="dropdown-header menu-chapter">{label}</li>') for label in headings]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    assert home.find("求职登记台账") > positions[1] and home.find("小额担保贷款台账") > positions[2]
