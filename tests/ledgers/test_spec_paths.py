"""A ledger's rules live in its spec (app/domain/<family>.py), so every write path applies them: here the
district subsidy's derived amount (the standard in force on the application day × the quantity) and its
checks, written through `flask ledger import` (no form, no view involved) and through the command a form
calls, and the spec found with no view imported at all."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from flask import Flask
from sqlalchemy import delete, select
from stdnum.cn import ric

from app import db, ledger
from app.io.columns import header, specs
from app.security.scope import acting_as
from models.district_subsidy import DistrictSubsidy
from models.org import OrgUnit
from models.policy import PolicyParameter

SOURCE = "测试：各写入路径"


def id_number(serial: int) -> str:
    body = f"11022219850304{serial:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum reads the 17 digits of an 18-digit number


def community_of(town: str) -> OrgUnit:
    parent = db.session.execute(select(OrgUnit).where(OrgUnit.name == town)).scalar_one()
    return db.session.execute(
        select(OrgUnit).where(OrgUnit.parent_id == parent.id).order_by(OrgUnit.code).limit(1)
    ).scalar_one()


def standard(app: Flask, value: str) -> None:
    with acting_as(app.appbuilder.sm.find_user(username="admin")):
        db.session.add(
            PolicyParameter(
                key="district_subsidy.D1.amount",
                label="D1",
                kind="money",
                value=value,
                effective_from=date(2026, 1, 1),
                source=SOURCE,
            )
        )
        db.session.commit()


def application(org: OrgUnit, serial: int, **changes: Any) -> dict[str, Any]:
    return {
        "org_id": org.code,
        "subsidy_type": "D1",
        "applicant_kind": "2",
        "applicant_name": f"路径{serial}",
        "id_number": id_number(serial),
        "quantity": 3,
        "applied_on": "2026-09-20",
        **changes,
    }


def workbook(path: Path, rows: list[dict[str, Any]]) -> Path:
    columns = specs(DistrictSubsidy)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([header(spec) for spec in columns])
    for values in rows:
        sheet.append([values.get(spec.name if spec.name != "org_id" else "org_id") for spec in columns])
    book.save(path)
    return path


def stored(name: str) -> DistrictSubsidy | None:
    db.session.expire_all()
    return db.session.execute(
        select(DistrictSubsidy).where(DistrictSubsidy.applicant_name == name)
    ).scalar_one_or_none()


def test_command_line_import__derives_the_amount_and_runs_the_checks_of_the_spec(
    app: Flask, tmp_path: Path
) -> None:
    standard(app, "1000.00")
    org = community_of("仁和镇")
    path = workbook(
        tmp_path / "区级优惠政策.xlsx",
        [application(org, 1), application(org, 2, applied_on="2099-01-01")],
    )
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["ledger", "import", "district_subsidy", str(path), "--user", "renhe_jingban", "--commit"]
    )
    assert result.exit_code == 1 and "错误 1" in result.output, result.output  # all or nothing: refused
    assert stored("路径1") is None and stored("路径2") is None
    result = runner.invoke(
        args=[
            *("ledger", "import", "district_subsidy", str(path), "--user", "renhe_jingban"),
            *("--commit", "--valid-only"),
        ]
    )
    assert "已写入" in result.output, result.output
    case = stored("路径1")
    assert case is not None and case.amount == Decimal("3000.00")
    assert case.rule_readings["amount"]["effective_from"] == "2026-01-01"
    assert stored("路径2") is None  # the future application day is refused on this path too
    db.session.execute(delete(PolicyParameter).where(PolicyParameter.source == SOURCE))
    db.session.commit()


def test_command__form_path_derives_the_same_amount(app: Flask) -> None:
    standard(app, "1000.00")
    org = community_of("仁和镇")
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        case = ledger.create(DistrictSubsidy, {**application(org, 3), "org_id": org.id})
        db.session.commit()
    assert case.amount == Decimal("3000.00")
    db.session.execute(delete(PolicyParameter).where(PolicyParameter.source == SOURCE))
    db.session.commit()


def test_spec__registered_by_the_domain_module_without_any_view() -> None:
    probe = (
        "import sys; import app.domain.district_subsidy as family; "
        "from app.ledger import registry; "
        "spec = registry.spec('district_subsidy'); "
        "assert family.derive_amount in spec.derive, spec; "
        "assert not any(name == 'views' or name.startswith('views.') for name in sys.modules), "
        "sorted(n for n in sys.modules if n.startswith('views'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
