"""Each bad input of an import, with its message, on the labour-force registry (its ID, phone, code,
date and number columns cover every column kind)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app import db
from app.io.importer import ImportOptions, commit_import, preview_import
from app.io.reader import ImportRefused
from models.person import Person
from tests.conftest import first_community
from tests.factories.excel import PERSON_ID, person_headers, person_row, workbook
from tests.factories.person import make_person_row
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN

OTHER_UNIT = "<first community of the other town>"


def run(app: Flask, tmp_path: Path, rows: list[list[Any]], commit: bool = False, **options: Any) -> Any:
    path = workbook(tmp_path / "in.xlsx", person_headers(), rows)
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")
    return (commit_import if commit else preview_import)("person", path, clerk, ImportOptions(**options))


def messages(report: Any) -> list[str]:
    return [f"{issue.row}|{issue.column}|{issue.message}" for issue in report.issues]


@pytest.mark.parametrize(
    ("cells", "column", "expected"),
    [
        ({"name": None}, "姓名", "必填"),
        ({"monthly_wage": "三千"}, "月工资（元）", "不是数字"),
        ({"monthly_wage": 3000.5}, "月工资（元）", "整数"),
        ({"education": "博士后"}, "文化程度", "未知代码"),
        ({"id_number": "110222198501011230"}, "身份证号码", "校验"),
        ({"id_number": float(PERSON_ID[:-1] + "0")}, "身份证号码", "文本"),
        ({"birth_date": "1985-13-01"}, "出生日期", "2026-01-05"),
        ({"gender": "女"}, "性别", "身份证"),
        ({"phone": "2345"}, "手机号码", "手机"),
        ({"able_to_work": "也许"}, "有劳动能力", "是"),
        ({"org_id": "不存在村"}, "所属机构", "未知机构"),
        ({"org_id": OTHER_UNIT}, "所属机构", "管辖范围"),
    ],
)
def test_import__bad_cell_refused_with_message(
    app: Flask, tmp_path: Path, cells: dict[str, Any], column: str, expected: str
) -> None:
    if cells.get("org_id") == OTHER_UNIT:
        cells = {"org_id": first_community(OTHER_TOWN).name}
    report = run(app, tmp_path, [person_row(**cells)], commit=True)
    assert report.counts["error"] == 1 and not report.committed
    assert any(f"2|{column}|" in m and expected in m for m in messages(report)), messages(report)
    assert db.session.execute(select(Person)).first() is None


@pytest.mark.parametrize("birth", [31048.0, "1985/1/1", "1985年1月1日", "1985-01-01", "１９８５-０１-０１"])
def test_import__date_forms_accepted(app: Flask, tmp_path: Path, birth: Any) -> None:
    report = run(app, tmp_path, [person_row(birth_date=birth)], commit=True)
    assert report.committed and report.counts["new"] == 1, messages(report)
    assert db.session.execute(select(Person.birth_date)).scalar_one() == date(1985, 1, 1)


def test_import__full_width_digits_spaces_and_codes_normalised(app: Flask, tmp_path: Path) -> None:
    wide_id = PERSON_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    cells = {"id_number": f" {wide_id[:6]} {wide_id[6:]} ", "phone": "138 0013 8000", "education": "21"}
    report = run(app, tmp_path, [person_row(**cells, name=" 张三 ")], commit=True)
    assert report.committed, messages(report)
    person = db.session.execute(select(Person)).scalar_one()
    assert (person.id_number, person.phone, person.name, person.education) == (
        PERSON_ID,
        "13800138000",
        "张三",
        "21",
    )


def test_import__duplicate_rows_in_file_refused(app: Flask, tmp_path: Path) -> None:
    report = run(app, tmp_path, [person_row(), person_row(name="李四")])
    assert report.counts == {**report.counts, "new": 1, "error": 1}
    assert messages(report) == ["3|身份证号码|与本文件第 2 行重复"]


@pytest.mark.parametrize(
    ("on_existing", "status", "name"),
    [("update", "update", "张三改"), ("skip", "skip", "张三"), ("error", "error", "张三")],
)
def test_import__existing_natural_key_follows_the_choice(
    app: Flask, tmp_path: Path, on_existing: str, status: str, name: str
) -> None:
    make_person_row(app, HOME_TOWN)  # 张三0 with PERSON_ID
    db.session.execute(select(Person)).scalar_one().name  # noqa: B018 - loaded
    report = run(app, tmp_path, [person_row(name="张三改")], commit=True, on_existing=on_existing)
    assert report.counts[status] == 1, messages(report)
    db.session.expire_all()
    expected = "张三改" if on_existing == "update" else "张三0"
    assert db.session.execute(select(Person.name)).scalar_one() == expected


def test_import__existing_row_in_other_town_is_a_transfer_not_an_update(app: Flask, tmp_path: Path) -> None:
    make_person_row(app, OTHER_TOWN)
    report = run(app, tmp_path, [person_row()], on_existing="update")
    assert report.counts["error"] == 1 and "转移" in report.issues[0].message


def test_import__wrong_template_refused_with_expected_headers(app: Flask, tmp_path: Path) -> None:
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")
    path = workbook(tmp_path / "bad.xlsx", [*person_headers()[:-1], "身高"], [person_row()])
    with pytest.raises(ImportRefused) as refused:
        preview_import("person", path, clerk, ImportOptions())
    assert "缺少列：备注" in refused.value.message and "无法识别的列：身高" in refused.value.message
    assert "应有的列：所属机构、身份证号码" in refused.value.message


def test_import__size_limit_and_file_type(app: Flask, tmp_path: Path) -> None:
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")
    path = workbook(tmp_path / "in.xlsx", person_headers(), [person_row()])
    app.config["IMPORT_MAX_BYTES"] = 100
    with pytest.raises(ImportRefused, match="超过 1 MB"):
        preview_import("person", path, clerk, ImportOptions())
    other = tmp_path / "in.txt"
    other.write_text("x")
    with pytest.raises(ImportRefused, match=".xlsx"):
        preview_import("person", other, clerk, ImportOptions())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_import__csv_encodings_detected(app: Flask, tmp_path: Path, encoding: str) -> None:
    lines = [",".join(person_headers()), ",".join(str(c or "") for c in person_row())]
    path = tmp_path / "in.csv"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    clerk = app.appbuilder.sm.find_user(username="renhe_jingban")
    report = commit_import("person", path, clerk, ImportOptions())
    assert report.committed, messages(report)
    assert db.session.execute(select(Person.name)).scalar_one() == "张三"
