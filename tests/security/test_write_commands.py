"""The ledger write commands' checks called directly, each at its edge (app/ledger/commands.py): the record
version a write must name, the unit a row may be put in, void and restore with their reasons, and the same
checks once per unit in bulk mode (an import)."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, update

from app import db, ledger
from app.ledger import bulk as bulk_mode
from app.ledger import registry
from app.ledger.base import STALE_MESSAGE
from app.ledger.commands import check_org, check_version
from app.security.scope import acting_as
from models.audit import AuditLog
from models.job_fair import JobFair
from models.org import OrgUnit
from models.person import Person
from tests.conftest import first_community, org
from tests.factories.job_fair import fair_values, make_fair
from tests.factories.person import make_person_row, person_values
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN


def refusal(call: Any, *args: Any) -> dict[str, Any]:
    with pytest.raises(ledger.LedgerError) as refused:
        call(*args)
    return {key: str(value) for key, value in refused.value.errors.items()}


@pytest.mark.parametrize("version", [3, "3", " 3"])
def test_version__the_current_one_accepted_as_number_or_text(app: Flask, version: Any) -> None:
    check_version(SimpleNamespace(version=3), version)


@pytest.mark.parametrize("version", [None, ""])
def test_version__missing_refused_as_missing(app: Flask, version: Any) -> None:
    assert refusal(check_version, SimpleNamespace(version=3), version) == {"": "缺少记录版本号，请刷新后重试"}


@pytest.mark.parametrize("version", ["x", "3.0", [3]])
def test_version__not_a_whole_number_refused_on_the_version(app: Flask, version: Any) -> None:
    assert refusal(check_version, SimpleNamespace(version=3), version) == {
        "version": "记录版本号必须是整数，请刷新后重试"
    }


@pytest.mark.parametrize(("version", "current"), [(2, 3), (4, 3), (True, 1), (False, 0)])
def test_version__stale_or_a_yes_no_refused_as_stale(app: Flask, version: Any, current: int) -> None:
    assert refusal(check_version, SimpleNamespace(version=current), version) == {"": str(STALE_MESSAGE)}


def clerk(app: Flask) -> Any:
    return app.appbuilder.sm.find_user(username="renhe_jingban")


def test_org__given_text_unknown_outside_or_deactivated_refused(app: Flask) -> None:
    home, other = first_community(HOME_TOWN), first_community(OTHER_TOWN)
    with acting_as(clerk(app)):
        assert check_org(home.id) is home and check_org(str(home.id)) is home
        assert refusal(check_org, "abc") == {"org_id": "不是有效的值：abc"}
        required = {"org_id": "此项为必填项"}
        assert refusal(check_org, None) == required and refusal(check_org, "") == required
        assert refusal(check_org, 2_000_000_000) == required
        assert refusal(check_org, other.id) == {"org_id": f"{other.name}不在您的管辖范围内"}
        home.active = False
        try:
            assert refusal(check_org, home.id) == {"org_id": f"{home.name}已停用"}
        finally:
            home.active = True
    with acting_as(None):
        assert home.name in refusal(check_org, home.id)["org_id"]  # nobody acting: no territory


def test_org__bulk_mode_asks_once_per_unit_and_repeats_the_refusal(app: Flask) -> None:
    home, other = first_community(HOME_TOWN), first_community(OTHER_TOWN)
    with acting_as(clerk(app)), bulk_mode.bulk_writes(Person):
        bulk = bulk_mode.current()
        assert bulk is not None
        assert check_org(home.id) is home
        first = refusal(check_org, other.id)
        assert refusal(check_org, other.id) == first
        assert set(bulk.orgs) == {home.id, other.id} and bulk.orgs[home.id] is home
        home.active = False  # the answer is kept for the import: the unit is not asked again
        try:
            assert check_org(home.id) is home
        finally:
            home.active = True
    assert bulk_mode.current() is None


def test_void__needs_a_reason_once_and_records_who_and_why(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    user = clerk(app)
    with acting_as(user):
        assert refusal(ledger.void, row, "  ") == {"reason": "请填写作废原因"}
        assert "reason" in refusal(ledger.void, row, None)
        ledger.void(row, "  重复登记 ")
        assert (row.void_reason, row.voided_by_id) == ("重复登记", user.id) and row.voided_at is not None
        assert refusal(ledger.void, row, "再次") == {"": "该记录已作废"}
        assert refusal(ledger.update, row, {"name": "李四"}, row.version) == {"": "已作废的记录不能修改"}
        db.session.commit()
        ledger.restore(row, " 误作废 ")
        assert (row.voided_at, row.voided_by_id, row.void_reason) == (None, None, None)
        assert refusal(ledger.restore, row) == {"": "该记录未作废"}
        db.session.commit()
    comments = db.session.execute(
        select(AuditLog.comment).where(AuditLog.row_id == row.id).order_by(AuditLog.id)
    ).scalars()
    assert [c for c in comments if c] == ["重复登记", "误作废"]
    with acting_as(user):  # restored without a reason: the history entry has no comment
        ledger.void(row, "再次作废")
        db.session.commit()
        ledger.restore(row)
        db.session.commit()
    last = db.session.execute(
        select(AuditLog.comment).where(AuditLog.row_id == row.id).order_by(AuditLog.id.desc())
    ).scalar()
    assert last is None


def test_transfer__reason_stripped_into_the_history_and_the_unit_changed(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    target = (
        db.session.execute(
            select(OrgUnit).where(OrgUnit.parent_id == org(HOME_TOWN).id, OrgUnit.id != row.org_id)
        )
        .scalars()
        .first()
    )
    with acting_as(clerk(app)):
        assert refusal(ledger.transfer, row, target.id, None, row.version) == {"reason": "请填写原因"}
        ledger.transfer(row, target.id, " 户籍迁移 ", row.version)
        db.session.commit()
    assert row.org_id == target.id
    entry = (
        db.session.execute(select(AuditLog).where(AuditLog.row_id == row.id).order_by(AuditLog.id.desc()))
        .scalars()
        .first()
    )
    assert (entry.comment, entry.action) == ("户籍迁移", "transfer")


def test_locked__a_record_in_a_final_state_is_not_edited_voided_or_transferred(app: Flask) -> None:
    home = first_community(HOME_TOWN)
    row = make_fair(home.id)
    db.session.execute(update(JobFair).where(JobFair.id == row.id).values(state="archived"))
    db.session.commit()
    db.session.expire_all()
    row = db.session.get(JobFair, row.id)
    title = row.title
    target = (
        db.session.execute(select(OrgUnit).where(OrgUnit.parent_id == home.parent_id, OrgUnit.id != home.id))
        .scalars()
        .first()
    )
    locked = {"": "该记录已处于“已归档”状态，只能通过流程步骤办理，不能直接修改、作废或转移"}
    with acting_as(app.appbuilder.sm.find_user(username="qu_jingban")):
        assert refusal(ledger.transfer, row, target.id, "迁移", row.version) == locked
        assert refusal(ledger.void, row, "取消") == locked
        assert refusal(ledger.update, row, {"title": "改名"}, row.version) == locked
        assert refusal(ledger.transfer, row, target.id, "迁移", row.version - 1) == {"": str(STALE_MESSAGE)}
    db.session.expire_all()
    assert (row.org_id, row.voided_at, row.title, row.version) == (home.id, None, title, 1)


def test_update__the_unit_never_changes_by_an_edit_and_the_change_is_written(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    other = first_community(OTHER_TOWN)
    with acting_as(clerk(app)):
        ledger.update(row, {"org_id": other.id, "name": " 李四 "}, row.version)
        assert not db.session.is_modified(row) and row.version == 2  # flushed outside an import
    assert (row.org_id, row.name) == (first_community(HOME_TOWN).id, "李四")
    db.session.rollback()


def test_update__a_refused_value_refuses_the_edit_and_a_voided_record_is_not_edited(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with acting_as(clerk(app)):
        assert refusal(ledger.update, row, {"hukou_type": "9"}, row.version) == {"hukou_type": "未知代码：9"}
        assert row.hukou_type == "2"
        ledger.void(row, "重复")
        assert refusal(ledger.update, row, {"name": "李四"}, row.version) == {"": "已作废的记录不能修改"}
    db.session.rollback()


def test_update__the_ledger_s_hooks_see_the_record_and_the_values_before(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = make_person_row(app, HOME_TOWN)
    calls: list[tuple[Any, ...]] = []
    spec = registry.spec("person")
    hooked = dataclasses.replace(
        spec, after_update=(lambda obj, before: calls.append((obj, before, obj.name)),)
    )
    monkeypatch.setitem(registry.LEDGERS, "person", hooked)
    with acting_as(clerk(app)):
        ledger.update(row, {"name": "李四", "phone": "13900139000", "nothing": 1}, row.version)
    assert calls == [(row, {"name": "张三0", "phone": "13800138000"}, "李四")]
    db.session.rollback()


def test_void__by_nobody_records_no_user(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with acting_as(None):
        ledger.void(row, "系统清理")
    assert (row.voided_by_id, row.void_reason) == (None, "系统清理") and row.voided_at is not None
    db.session.rollback()


def test_update__a_blank_value_clears_the_field(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with acting_as(clerk(app)):
        ledger.update(row, {"remarks": "备注"}, row.version)
        ledger.update(row, {"remarks": ""}, row.version)
    assert row.remarks is None
    db.session.rollback()


def test_create__in_an_import_a_workflow_ledger_s_row_is_written_at_once_with_its_hooks(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = app.appbuilder.sm.find_user(username="qu_jingban")
    unit = first_community(HOME_TOWN)
    with acting_as(district), bulk_mode.bulk_writes(JobFair):
        fair = ledger.create(JobFair, fair_values(unit.id))
        assert isinstance(fair, JobFair) and fair.state == "accepted"
    created: list[Any] = []
    spec = dataclasses.replace(registry.spec("person"), after_create=(created.append,))
    monkeypatch.setitem(registry.LEDGERS, "person", spec)
    with acting_as(clerk(app)), bulk_mode.bulk_writes(Person) as keys:
        person = ledger.create(Person, person_values(unit.id))  # a hook: not batched
        assert isinstance(person, Person) and created == [person]
        assert keys["id_number"][person.id_number] == (None, unit.id)  # later rows of the import clash
    db.session.rollback()
