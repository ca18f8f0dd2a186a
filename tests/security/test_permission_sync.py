"""`flask seed` syncs the permissions of every view: views sharing a ledger's permission name agree on its
permissions, so a repeated sync changes nothing and FAB refuses no deletion."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from app.ledger.registry import LEDGERS
from app.security.roles import sync_roles


def test_permission_sync__repeated_sync_refuses_nothing_and_keeps_the_rights(
    app: Flask, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the migrations' logging config (alembic's fileConfig) disabled the loggers that existed before it
    monkeypatch.setattr(logging.getLogger("flask_appbuilder.security.sqla.manager"), "disabled", False)
    sm = app.appbuilder.sm
    before = {(pv.permission.name, pv.view_menu.name) for pv in sm.session.query(sm.permissionview_model)}
    with caplog.at_level(logging.WARNING, logger="flask_appbuilder"):
        sync_roles(app.appbuilder, list(LEDGERS))
    assert [r.getMessage() for r in caplog.records if "Refused" in r.getMessage()] == []
    after = {(pv.permission.name, pv.view_menu.name) for pv in sm.session.query(sm.permissionview_model)}
    assert after == before
    assert {("can_restore", "vacancy"), ("can_write", "employer_visit"), ("menu_access", "vacancy")} <= after
