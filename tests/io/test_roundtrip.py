"""Every registered ledger: export → re-import changes nothing; an exported file imports into an empty
ledger as new rows with history; export, import and template stay inside the user's territory; an
all-or-nothing import writes nothing when a row fails or saving fails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app import db, ledger
from app.io.importer import ImportOptions, commit_import, preview_import
from models.audit import AuditLog
from models.base import column_meta
from tests.conftest import first_community
from tests.factories.excel import empty_ledger, rewrite, sheet_named, sheet_rows
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN, case, registered_ledgers

LEDGER_NAMES = registered_ledgers()


def count(model: Any) -> int:
    return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def history_count() -> int:
    return db.session.execute(select(func.count()).select_from(AuditLog)).scalar_one()


def user(app: Flask, name: str) -> Any:
    return app.appbuilder.sm.find_user(username=name)


def export_file(client: Any, name: str, tmp_path: Path, fmt: str = "xlsx") -> Path:
    response = client.get(f"/ledger/{name}/export/{fmt}")
    assert response.status_code == 200, response.data[:500]
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(response.data)
    return path


@pytest.mark.parametrize("name", LEDGER_NAMES)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_roundtrip__export_reimport_changes_nothing(
    app: Flask, login: Any, tmp_path: Path, name: str, fmt: str
) -> None:
    rows = [case(name).make_row(app, HOME_TOWN, n) for n in range(3)]
    names = ["id", "version", *(meta.name for meta in column_meta(type(rows[0])))]
    before = [{k: getattr(row, k) for k in names} for row in rows]
    path = export_file(login("renhe_jingban"), name, tmp_path, fmt)
    history = history_count()
    report = commit_import(name, path, user(app, "renhe_jingban"), ImportOptions(on_existing="update"))
    assert report.issues == [] and report.counts["unchanged"] == 3, report.issues
    assert report.counts["new"] == report.counts["update"] == 0
    assert history_count() == history
    db.session.expire_all()
    model = ledger.ledger_model(name)
    after = [db.session.get(model, row["id"]) for row in before]
    assert all(getattr(obj, k) == row[k] for obj, row in zip(after, before, strict=True) for k in row)


@pytest.mark.parametrize("name", LEDGER_NAMES)
def test_import__exported_rows_into_empty_ledger_are_created_with_history(
    app: Flask, login: Any, tmp_path: Path, name: str
) -> None:
    for n in range(2):
        case(name).make_row(app, HOME_TOWN, n)
    form_history = history_entries(name)
    path = rewrite(export_file(login("renhe_jingban"), name, tmp_path))
    empty_ledger(ledger.ledger_model(name))
    clerk = user(app, "renhe_jingban")
    assert preview_import(name, path, clerk, ImportOptions()).counts["new"] == 2
    assert count(ledger.ledger_model(name)) == 0
    report = commit_import(name, path, clerk, ImportOptions())
    assert report.committed and report.counts["new"] == 2, report.issues
    logs = db.session.execute(
        select(AuditLog.action, AuditLog.username, AuditLog.ledger).where(AuditLog.ledger == name)
    ).all()
    assert sorted(logs) == [("create", "renhe_jingban", name)] * 2
    assert history_entries(name) == form_history  # an imported row's history reads like a form's


def history_entries(name: str) -> list[dict[str, Any]]:
    """The history entries of a ledger without what differs between two writes of the same values (entry
    id, time, row id), in a fixed order."""
    skipped = {"id", "at", "row_id"}
    columns = [column for column in AuditLog.__table__.columns if column.key not in skipped]
    entries = [
        dict(entry._mapping) for entry in db.session.execute(select(*columns).where(AuditLog.ledger == name))
    ]
    return sorted(entries, key=lambda entry: json.dumps(entry, sort_keys=True, ensure_ascii=False))


@pytest.mark.parametrize("name", LEDGER_NAMES)
def test_export__other_town_rows_never_appear(app: Flask, login: Any, tmp_path: Path, name: str) -> None:
    mine, theirs = case(name).make_row(app, HOME_TOWN, 1), case(name).make_row(app, OTHER_TOWN, 2)
    cells = {str(c) for row in sheet_rows(export_file(login("renhe_jingban"), name, tmp_path)) for c in row}
    assert mine.org.name in cells and theirs.org.name not in cells
    district = sheet_rows(export_file(login("qu_jingban"), name, tmp_path))
    assert len(district) == 4 + 2  # title block, header, both rows


@pytest.mark.parametrize("name", LEDGER_NAMES)
def test_export_selected__ignores_rows_outside(app: Flask, login: Any, name: str) -> None:
    mine, theirs = case(name).make_row(app, HOME_TOWN, 1), case(name).make_row(app, OTHER_TOWN, 2)
    client = login("renhe_jingban")
    response = client.post(
        f"/ledger/{name}/action_post", data={"action": "export_selected", "rowid": [mine.id, theirs.id]}
    )
    assert response.status_code == 200
    rows = sheet_rows(response.data)
    assert len(rows) == 5 and mine.org.name in rows[4]


@pytest.mark.parametrize("name", LEDGER_NAMES)
def test_import__row_outside_territory_refused(app: Flask, login: Any, tmp_path: Path, name: str) -> None:
    case(name).make_row(app, OTHER_TOWN)
    path = rewrite(export_file(login("houshayu_jingban"), name, tmp_path))
    empty_ledger(ledger.ledger_model(name))
    report = commit_import(name, path, user(app, "renhe_jingban"), ImportOptions())
    assert not report.committed and report.counts["error"] == 1
    assert any("管辖范围" in issue.message for issue in report.issues)
    assert count(ledger.ledger_model(name)) == 0


@pytest.mark.parametrize("name", LEDGER_NAMES)
def test_template__headers_guide_and_own_units_only(app: Flask, login: Any, name: str) -> None:
    response = login("renhe_jingban").get(f"/ledger/{name}/import/template")
    assert response.status_code == 200
    header = sheet_rows(response.data)[0]
    assert "所属机构*" in header
    lists = sheet_named(response.data, "代码表")
    column = lists[0].index("所属机构")
    units = {row[column] for row in lists[1:]}
    assert first_community(HOME_TOWN).name in units and first_community(OTHER_TOWN).name not in units
    guide = sheet_named(response.data, "填写说明")
    assert guide[0][:2] == ["列名", "必填"] and len(guide) > len(header)


@pytest.mark.parametrize("name", LEDGER_NAMES)
def test_template_and_import__need_write_permission(app: Flask, login: Any, name: str) -> None:
    inspector = login("ducha")
    assert inspector.get(f"/ledger/{name}/export/xlsx").status_code == 200
    for path in ("import/template", "import/"):
        assert inspector.get(f"/ledger/{name}/{path}").status_code in (302, 403), path
    assert b"import-upload" not in inspector.get(f"/ledger/{name}/list/").data


@pytest.mark.parametrize("name", LEDGER_NAMES)
def test_import__all_or_nothing_writes_nothing_when_one_row_fails(
    app: Flask, login: Any, tmp_path: Path, name: str
) -> None:
    for n in range(2):
        case(name).make_row(app, HOME_TOWN, n)

    def unknown_unit_in_second_row(header: list[str], index: int, row: list[Any]) -> None:
        if index == 1:
            row[header.index("所属机构")] = "没有这个机构"

    path = rewrite(export_file(login("renhe_jingban"), name, tmp_path), unknown_unit_in_second_row)
    model = ledger.ledger_model(name)
    empty_ledger(model)
    clerk = user(app, "renhe_jingban")
    history = history_count()
    report = commit_import(name, path, clerk, ImportOptions(all_or_nothing=True))
    assert not report.committed and report.counts == {**report.counts, "new": 1, "error": 1}
    assert "未知机构" in report.issues[0].message
    assert count(model) == 0 and history_count() == history
    report = commit_import(name, path, clerk, ImportOptions(all_or_nothing=False))
    assert report.committed and count(model) == 1


@pytest.mark.parametrize("name", LEDGER_NAMES)
def test_import__failure_while_saving_leaves_database_as_it_was(
    app: Flask, login: Any, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        case(name).make_row(app, HOME_TOWN, n)
    path = rewrite(export_file(login("renhe_jingban"), name, tmp_path))
    empty_ledger(ledger.ledger_model(name))
    clerk = user(app, "renhe_jingban")
    history = history_count()
    real_flush = ledger.flush_bulk

    def failing_flush() -> None:
        real_flush()  # the rows and their history reach the database, then the connection fails
        assert count(ledger.ledger_model(name)) > 0 and history_count() > history
        raise OperationalError("INSERT", {}, Exception("connection lost"))

    monkeypatch.setattr(ledger, "flush_bulk", failing_flush)
    report = commit_import(name, path, clerk, ImportOptions())
    monkeypatch.undo()
    assert not report.committed and "未写入" in report.failure
    assert count(ledger.ledger_model(name)) == 0 and history_count() == history
