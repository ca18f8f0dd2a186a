"""`flask seed-demo` at small scale on the shared test database: every demo ledger gets rows, spread over
more than one street/town, the town clerk's 我的待办 has items (some overdue), and the ledger clean-up of
tests/conftest.py removes everything the seeding wrote."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from app import clock, db, ledger
from app.ledger import LEDGERS
from app.workflow.inbox import inbox
from models import Model
from models.org import OrgUnit
from tests.conftest import empty_ledgers

# kept by the district alone (the job fairs, the notices) or a single demo case
DISTRICT_OR_SINGLE = {"job_fair", "job_fair_participation", "public_notice", "interest_subsidy"}


def table_counts() -> dict[str, int]:
    return {
        table.name: db.session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in Model.metadata.sorted_tables
    }


def towns_of(ledger_name: str) -> set[str]:
    """The street/town (or the district) of each row's unit."""
    model = ledger.ledger_model(ledger_name)
    units = db.session.execute(select(OrgUnit).join(model, model.org_id == OrgUnit.id)).scalars()
    return {"/".join(unit.path.split("/")[:2]) for unit in units}


def test_seed_demo__fills_every_ledger_over_several_towns_with_to_dos_and_is_cleaned_up(app: Flask) -> None:
    before = table_counts()
    result = app.test_cli_runner().invoke(args=["seed-demo", "--persons", "2000", "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert "演示台账已生成" in result.output

    for name in LEDGERS:  # every registered ledger, so a new ledger needs its demo rows too
        model = ledger.ledger_model(name)
        assert db.session.execute(select(func.count(model.id))).scalar_one() > 0, name
        if name not in DISTRICT_OR_SINGLE:
            assert len(towns_of(name)) > 1, name

    sm, today = app.appbuilder.sm, clock.today()
    with app.test_request_context():  # inbox items link to the records' pages
        town_items = inbox(sm.find_user(username="renhe_jingban"), today)
        assert town_items and any(item.overdue(today) for item in town_items)
        for username in ("renhe_shequ", "qu_jingban", "qu_shenhe", "disanfang"):
            assert inbox(sm.find_user(username=username), today), username

    again = app.test_cli_runner().invoke(args=["seed-demo", "--persons", "10", "--if-empty"])
    assert "演示数据已存在" in again.output

    db.session.remove()
    empty_ledgers()
    assert table_counts() == before
