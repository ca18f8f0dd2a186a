"""Reference pickers on every ledger form (app/web/references.py): "请选择" first in every select, the record
of the calling page preselected, server-side search scoped like the form's own check, labels that tell two
张伟 apart; and the follow-up form's person, source ledger, source record and phone."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import func, select

from app import db, ledger
from app.security.scope import acting_as
from models.followup import FollowUp
from models.job_seeker import JobSeeker
from models.org import OrgUnit
from tests.conftest import org
from tests.web.helpers import options, person_named, select_html


def communities(town: str) -> list[OrgUnit]:
    query = select(OrgUnit).where(OrgUnit.parent_id == org(town).id).order_by(OrgUnit.path)
    return list(db.session.execute(query).scalars())


def test_add_form__from_a_persons_tab_preselects_that_person__town_clerk(app: Flask, login: Any) -> None:
    first, second = communities("仁和镇")[:2]
    older = person_named(first, "李四")
    wanted = person_named(second, "王五")  # the latest: a picker listing rows newest first shows it first
    page = login("renhe_jingban").get(f"/ledger/job_seeker/add?_flt_0_person={older.id}").data.decode()
    chosen = [value for value, _text, selected in options(select_html(page, "person")) if selected]
    assert chosen == [str(older.id)]
    plain = login("renhe_jingban").get("/ledger/job_seeker/add").data.decode()
    person_options = options(select_html(plain, "person"))
    assert person_options[0][:2] == ("", "请选择") and not any(selected for *_, selected in person_options)
    assert str(wanted.id) in [value for value, *_ in person_options]  # the latest few, usable without script


def test_add_form__every_select_starts_with_please_choose_nothing_preselected__town_clerk(
    app: Flask, login: Any
) -> None:
    page = login("renhe_jingban").get("/ledger/job_seeker/add").data.decode()
    for name in (
        "org",
        "person",
        "seeker_class",
        "preferred_town",
    ):  # required and optional, units, codes, records
        first, *rest = options(select_html(page, name))
        assert first[:2] == ("", "请选择"), name
        assert not any(selected for *_, selected in rest), name


def test_references__search_finds_both_zhang_wei_of_the_territory_labelled_apart__town_clerk(
    app: Flask, login: Any
) -> None:
    first, second = communities("仁和镇")[:2]
    mine = [person_named(first, "张伟"), person_named(second, "张伟")]
    foreign = person_named(communities("后沙峪镇")[0], "张伟")
    voided = person_named(first, "张伟")
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        ledger.void(voided, "重复录入")
        db.session.commit()
    results = login("renhe_jingban").get("/ledger/job_seeker/references/person?q=张伟").get_json()["results"]
    assert sorted(r["id"] for r in results) == sorted(p.id for p in mine)
    labels = {r["id"]: r["text"] for r in results}
    for person in mine:
        assert labels[person.id] == f"张伟 {person.id_number} 13800138000 · {person.org.name}"
    assert foreign.id not in labels and voided.id not in labels
    by_number = login("renhe_jingban").get(f"/ledger/job_seeker/references/person?q={mine[1].id_number}")
    assert [r["id"] for r in by_number.get_json()["results"]] == [mine[1].id]


def test_references__unknown_reference_404__reader_without_write_refused(app: Flask, login: Any) -> None:
    clerk = login("renhe_jingban")
    assert clerk.get("/ledger/job_seeker/references/org_unit?q=x").status_code == 404
    assert login("ducha").get("/ledger/job_seeker/references/person?q=张").status_code in (302, 403)


def test_add_form__person_outside_the_territory_refused__town_clerk(app: Flask, login: Any) -> None:
    foreign = person_named(communities("后沙峪镇")[0], "赵六")
    values = {
        "org": communities("仁和镇")[0].id,
        "person": foreign.id,
        "registered_on": "2026-11-02",
        "intended_occupation": "电工",
        "seeker_class": "1",
    }
    page = login("renhe_jingban").post("/ledger/job_seeker/add", data=values).data.decode()
    assert "不是可选的记录" in page
    assert db.session.scalar(select(func.count()).select_from(JobSeeker)) == 0


def test_followup_form__person_is_a_picker_source_reads_as_ledger_and_link_phone_shown(
    app: Flask, login: Any
) -> None:
    person = person_named(communities("仁和镇")[0], "钱七", phone="13912345678")
    client = login("renhe_jingban")
    form = client.get(f"/ledger/followup/add?person={person.id}").data.decode()
    picker = select_html(form, "person")
    assert "reference-picker" in picker and 'name="person_id"' not in form
    assert [v for v, _t, selected in options(picker) if selected] == [str(person.id)]
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        row = ledger.create(
            FollowUp,
            {
                "org_id": person.org_id,
                "person_id": person.id,
                "subject_ledger": "person",
                "subject_row_id": person.id,
                "due_on": "2026-11-20",
            },
        )
        db.session.commit()
    page = client.get(f"/ledger/followup/show/{row.id}").data.decode()
    assert f'href="/ledger/person/show/{person.id}">劳动力基础信息台账 #{person.id}</a>' in page
    assert "<td>劳动力基础信息台账</td>" in page and ">person<" not in page
    assert "钱七（13912345678）" in page
    masked = login("ducha").get(f"/ledger/followup/show/{row.id}").data.decode()
    assert "钱七（139****5678）" in masked
    listing = client.get("/ledger/followup/list/").data.decode()
    assert "劳动力基础信息台账" in listing
