"""Export details on the labour-force registry: title block, typed cells, code labels, masking, no formula
injection, the list page's filter, RFC 5987 file name, CSV with BOM."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from io import BytesIO
from typing import Any
from urllib.parse import quote

from flask import Flask

from app import db, ledger
from app.security.scope import acting_as
from models.person import Person
from tests.conftest import first_community
from tests.factories.excel import sheet_rows
from tests.factories.person import person_values
from tests.ledgers.case import HOME_TOWN


def make(app: Flask, n: int, **changes: Any) -> Any:
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        row = ledger.create(
            Person, {**person_values(first_community(HOME_TOWN).id, n), "monthly_wage": 3200, **changes}
        )
        db.session.commit()
    return row


def test_export__title_block_typed_cells_and_labels(app: Flask, login: Any) -> None:
    row = make(app, 0, remarks='=HYPERLINK("http://x")')
    response = login("renhe_jingban").get("/ledger/person/export/xlsx")
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert f"filename*=UTF-8''{quote('劳动力基础信息台账_仁和镇_')}" in disposition
    rows = sheet_rows(response.data)
    assert rows[0][0] == "劳动力基础信息台账" and rows[1][0] == "填报单位：仁和镇"
    assert rows[2][0].startswith("导出时间：") and "导出人：仁和镇经办" in rows[2][0]
    header, data = rows[3], dict(zip(rows[3], rows[4], strict=True))
    assert header[:3] == ["所属机构", "身份证号码", "姓名"]
    assert data["身份证号码"] == row.id_number and data["出生日期"] == date(1985, 1, 1)
    assert (
        data["月工资（元）"] == 3200 and data["文化程度"] == "普通高中" and data["所属机构"] == row.org.name
    )
    assert data["备注"] == '=HYPERLINK("http://x")'
    sheet = zipfile.ZipFile(BytesIO(response.data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and '<pane ySplit="4"' in sheet and "<autoFilter" in sheet


def test_export__masked_for_inspector(app: Flask, login: Any) -> None:
    row = make(app, 0)
    rows = sheet_rows(login("ducha").get("/ledger/person/export/xlsx").data)
    assert rows[4][1] == row.id_number[:4] + "*" * 10 + row.id_number[-4:]


def test_export__follows_list_search(app: Flask, login: Any) -> None:
    make(app, 1)
    make(app, 2)
    client = login("renhe_jingban")
    page = client.get("/ledger/person/list/").data.decode()
    index = re.search(r'name="_flt_(\d+)_name"', page)
    flt = f"_flt_{index.group(1) if index else 0}_name"
    response = client.get(f"/ledger/person/export/xlsx?{flt}=张三2")
    names = [r[2] for r in sheet_rows(response.data)[4:]]
    assert names == ["张三2"]
    for column in ("name", "birth_date"):
        ordered = client.get(f"/ledger/person/export/xlsx?_oc_PersonView={column}&_od_PersonView=desc")
        assert ordered.status_code == 200, column
        if column == "name":
            assert [r[2] for r in sheet_rows(ordered.data)[4:]] == ["张三2", "张三1"]


def test_export__csv_has_bom_and_guards_formulas(app: Flask, login: Any) -> None:
    make(app, 0, remarks="+86 来电")
    data = login("renhe_jingban").get("/ledger/person/export/csv").data
    assert data.startswith(b"\xef\xbb\xbf")
    assert ",'+86 来电" in data.decode("utf-8-sig")
