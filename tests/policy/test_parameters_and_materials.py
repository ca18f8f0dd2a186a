"""政策参数 administration (only 系统管理员 edits; every change in the change history; values checked by
kind) and scanned materials (pdf/jpg/png within the size limit, served only inside the territory)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app import db
from models.audit import AuditLog
from models.policy import MaterialReceipt, PolicyParameter
from tests.factories.district_subsidy import apply
from tests.factories.policy import TEST_SOURCE, remove_test_parameters

FORM = {
    "key": "wage.minimum",
    "label": "北京市最低工资标准",
    "kind": "money",
    "value": "2540.00",
    "unit": "元/月",
    "effective_from": "2025-09-01",
    "source": TEST_SOURCE,
}


def test_parameter_admin__admin_adds_and_history_records_it(app: Flask, login: Any) -> None:
    try:
        admin = login("admin")
        admin.post("/policy/parameters/add", data={**FORM, "value": "两千"})  # not money: refused
        assert (
            db.session.execute(select(PolicyParameter).where(PolicyParameter.value == "两千")).first() is None
        )
        assert admin.post("/policy/parameters/add", data=FORM).status_code == 302
        row = db.session.execute(
            select(PolicyParameter).where(PolicyParameter.source == TEST_SOURCE)
        ).scalar_one()
        assert row.value == "2540.00"
        log = db.session.execute(
            select(AuditLog).where(AuditLog.ledger == "policy_parameter", AuditLog.row_id == row.id)
        ).scalar_one()
        assert (log.action, log.username, log.changes["value"]) == ("create", "admin", [None, "2540.00"])
        admin.post(f"/policy/parameters/edit/{row.id}", data={**FORM, "value": "2600.00"})
        actions = db.session.execute(
            select(AuditLog.action)
            .where(AuditLog.ledger == "policy_parameter", AuditLog.row_id == row.id)
            .order_by(AuditLog.id)
        ).scalars()
        assert list(actions) == ["create", "update"]
    finally:
        remove_test_parameters()


@pytest.mark.parametrize("username", ["qu_jingban", "qu_shenhe", "renhe_jingban"])
def test_parameter_admin__clerks_read_but_cannot_edit(app: Flask, login: Any, username: str) -> None:
    clerk = login(username)
    listing = clerk.get("/policy/parameters/list/")
    assert listing.status_code == 200
    page = listing.data.decode()
    phone = db.session.execute(
        select(PolicyParameter).where(PolicyParameter.key == "notice.phone")
    ).scalar_one()
    assert phone.label in page and "89444923" in page
    assert "notice.phone" not in page  # the parameter by its name, not its key
    assert "/policy/parameters/add" not in page and "/policy/parameters/edit/" not in page
    assert clerk.get(f"/policy/parameters/show/{phone.id}").status_code == 200
    assert clerk.get("/policy/parameters/add").status_code == 403
    clerk.post("/policy/parameters/add", data=FORM)
    clerk.post(f"/policy/parameters/edit/{phone.id}", data={**FORM, "key": "notice.phone", "value": "1"})
    db.session.expire_all()
    assert (
        db.session.execute(select(PolicyParameter).where(PolicyParameter.source == TEST_SOURCE)).first()
        is None
    )
    assert db.session.get(PolicyParameter, phone.id).value == "89444923"


@pytest.mark.parametrize("username", ["renhe_shequ", "ducha", "disanfang"])
def test_parameter_admin__other_roles_do_not_see_it(app: Flask, login: Any, username: str) -> None:
    assert login(username).get("/policy/parameters/list/").status_code == 403


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_attachment__stored_outside_the_database_and_scoped(app: Flask, login: Any, tmp_path: Any) -> None:
    app.config["ATTACHMENTS_DIR"] = str(tmp_path)
    app.config["ATTACHMENT_MAX_BYTES"] = 1024
    case = apply(app)
    clerk = login("renhe_jingban")
    url = f"/ledger/district_subsidy/attach/{case.id}/2"
    clerk.post(url, data={"file": (io.BytesIO(b"MZ..."), "virus.exe")})
    clerk.post(url, data={"file": (io.BytesIO(PNG * 40), "big.png")})
    assert db.session.execute(select(MaterialReceipt)).first() is None  # wrong type, too big
    clerk.post(url, data={"file": (io.BytesIO(PNG), "身份证.png")})
    receipt = db.session.execute(select(MaterialReceipt)).scalar_one()
    assert (receipt.attachment_mime, receipt.attachment_size) == ("image/png", len(PNG))
    assert (tmp_path / receipt.attachment_path).read_bytes() == PNG
    download = f"/ledger/district_subsidy/attachment/{case.id}/2"
    response = clerk.get(download)
    assert response.data == PNG
    response.close()
    assert login("houshayu_jingban").get(download).status_code == 404


def test_materials_history__each_entry_names_its_item_in_chinese(app: Flask, login: Any) -> None:
    case = apply(app)
    clerk = login("renhe_jingban")
    clerk.post(f"/ledger/district_subsidy/materials/{case.id}", data={"received_2": "1"})
    clerk.post(f"/ledger/district_subsidy/materials/{case.id}", data={})  # un-ticked: an update
    page = clerk.get(f"/ledger/district_subsidy/show/{case.id}").get_data(as_text=True)
    history = page[page.index("ledger-history") :]
    assert history.count("区级就业再就业优惠政策申请材料 第 2 项：") == 2  # the update names its item too
    assert "已收取</b>: 是 → 否" in history
    assert "row_id" not in history and "checklist" not in history
