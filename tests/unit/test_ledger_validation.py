"""The one validation path of every write (app/ledger/validation.py) called directly, each rule at its edge:
text coerced to its column's type, codes, references, natural keys, dates that cannot lie in the future."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask

from app import db, ledger
from app.ledger import bulk as bulk_mode
from app.ledger import registry
from app.ledger.base import INT_MAX
from app.ledger.validation import (
    code_of,
    coerce_values,
    decimal_columns,
    future_date_errors,
    future_dates,
    natural_key_clash,
    reference_errors,
    references,
    text_columns,
    validate_values,
    whole_number,
)
from app.security.scope import acting_as
from models.employer import Employer
from models.followup import FollowUp
from models.job_seeker import JobSeeker
from models.loan import Loan
from models.person import Person
from models.referral import Referral
from models.si_subsidy import SiSubsidy
from models.welfare import WelfarePostWorker
from tests.conftest import first_community, freeze_today
from tests.factories.employer import make_employer
from tests.factories.person import make_person_row, person_values
from tests.ledgers.case import HOME_TOWN, OTHER_TOWN


def user(app: Flask, username: str = "renhe_jingban") -> Any:
    return app.appbuilder.sm.find_user(username=username)


def messages(errors: dict[str, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in errors.items()}


# ---- text given for a typed column (API, import) ----------------------------------------------------


def test_coerce__text_becomes_a_date_a_whole_number_or_yes_no(app: Flask) -> None:
    values: dict[str, Any] = {
        "birth_date": " 1985-01-01 ",
        "monthly_wage": " 3000 ",
        "able_to_work": " 是 ",
        "willing_to_work": "OFF",
        "name": " 张三 ",  # text columns are left to validate_values
    }
    assert coerce_values(Person, values) == {}
    assert values == {
        "birth_date": date(1985, 1, 1),
        "monthly_wage": 3000,
        "able_to_work": True,
        "willing_to_work": False,
        "name": " 张三 ",
    }


@pytest.mark.parametrize(
    ("text", "flag"), [("1", True), ("TRUE", True), ("y", True), ("no", False), ("否", False)]
)
def test_coerce__yes_no_words_read_in_any_case(app: Flask, text: str, flag: bool) -> None:
    values: dict[str, Any] = {"able_to_work": text}
    assert coerce_values(Person, values) == {} and values["able_to_work"] is flag


def test_coerce__blank_text_is_no_value(app: Flask) -> None:
    values: dict[str, Any] = {"birth_date": "  ", "monthly_wage": "", "able_to_work": " "}
    assert coerce_values(Person, values) == {}
    assert values == {"birth_date": None, "monthly_wage": None, "able_to_work": None}


def test_coerce__unreadable_text_refused_with_the_text_as_given(app: Flask) -> None:
    values: dict[str, Any] = {"birth_date": " 1985-13-01", "monthly_wage": "3千", "able_to_work": "也许"}
    assert messages(coerce_values(Person, values)) == {
        "birth_date": "不是有效的值： 1985-13-01",
        "monthly_wage": "不是有效的值：3千",
        "able_to_work": "不是有效的值：也许",
    }
    assert values == {"birth_date": " 1985-13-01", "monthly_wage": "3千", "able_to_work": "也许"}


@pytest.mark.parametrize(
    ("wage", "refused"),
    [
        (INT_MAX, False),
        (INT_MAX + 1, True),
        (-INT_MAX - 1, False),
        (-INT_MAX - 2, True),
        (True, True),
        (2.5, True),
    ],
)
def test_coerce__an_integer_column_takes_a_whole_number_that_fits_32_bits(
    app: Flask, wage: Any, refused: bool
) -> None:
    values: dict[str, Any] = {"monthly_wage": wage}
    errors = messages(coerce_values(Person, values))
    assert errors == ({"monthly_wage": f"不是有效的值：{wage}"} if refused else {})
    assert values == {"monthly_wage": wage}


def test_coerce__typed_values_and_none_left_as_they_are(app: Flask) -> None:
    values: dict[str, Any] = {"birth_date": date(1985, 1, 1), "monthly_wage": None, "able_to_work": False}
    assert coerce_values(Person, values) == {}
    assert values == {"birth_date": date(1985, 1, 1), "monthly_wage": None, "able_to_work": False}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(" 2000.5 ", "2000.50"), (0.1, "0.10"), (7, "7.00"), (Decimal("3.1"), "3.10"), ("  ", None)],
)
def test_coerce__an_amount_is_a_decimal_at_its_column_scale(
    app: Flask, value: Any, expected: str | None
) -> None:
    values: dict[str, Any] = {"base_wage": value}
    assert coerce_values(WelfarePostWorker, values) == {}
    found = values["base_wage"]
    assert (found if expected is None else str(found)) == expected
    assert expected is None or isinstance(found, Decimal)


@pytest.mark.parametrize("value", [True, None, ["1"]])
def test_coerce__an_amount_that_is_not_text_or_a_number_left_alone(app: Flask, value: Any) -> None:
    values: dict[str, Any] = {"base_wage": value}
    assert coerce_values(WelfarePostWorker, values) == {} and values == {"base_wage": value}


def test_coerce__an_amount_that_is_no_number_refused(app: Flask) -> None:
    values: dict[str, Any] = {"base_wage": "两千", "floating_wage": "1e"}
    assert messages(coerce_values(WelfarePostWorker, values)) == {
        "base_wage": "不是有效的值：两千",
        "floating_wage": "不是有效的值：1e",
    }


def test_decimal_columns__labelled_amounts_with_the_step_of_their_scale(app: Flask) -> None:
    found = dict(decimal_columns(WelfarePostWorker))
    assert found["base_wage"] == Decimal("0.01") and str(found["base_wage"]) == "0.01"
    assert set(found) == {
        column.key
        for column in WelfarePostWorker.__table__.columns
        if "label" in column.info and column.type.python_type is Decimal
    }
    assert dict(decimal_columns(Person)) == {}


def test_text_columns__dates_whole_numbers_and_yes_no_of_the_ledger_columns(app: Flask) -> None:
    found = dict(text_columns(Person))
    assert found["birth_date"] == date.fromisoformat and found["monthly_wage"] is int
    assert found["able_to_work"]("Yes") is True and found["willing_to_work"]("off") is False
    assert "version" not in found and "created_at" not in found  # columns without a label: not written
    assert "name" not in found and "id_number" not in found


@pytest.mark.parametrize(
    ("value", "whole"),
    [
        (0, True),
        (INT_MAX, True),
        (INT_MAX + 1, False),
        (-INT_MAX - 1, True),
        (-INT_MAX - 2, False),
        (False, False),
        (1.0, False),
        ("1", False),
    ],
)
def test_whole_number__an_int_of_32_bits_never_a_yes_no(value: Any, whole: bool) -> None:
    assert whole_number(value) is whole


# ---- dates that cannot lie in the future ------------------------------------------------------------


def test_future_dates__after_today_refused_today_accepted(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_today(monkeypatch, date(2026, 10, 20))
    assert future_date_errors(JobSeeker, {"registered_on": date(2026, 10, 20)}) == {}
    assert messages(future_date_errors(JobSeeker, {"registered_on": date(2026, 10, 21)})) == {
        "registered_on": "日期不能晚于今天"
    }
    assert future_date_errors(JobSeeker, {"registered_on": "2026-10-21"}) == {}  # text: refused before
    assert future_date_errors(JobSeeker, {}) == {}


def test_future_dates__a_column_with_its_own_message_uses_it(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_today(monkeypatch, date(2026, 10, 20))
    errors = future_date_errors(FollowUp, {"done_on": date(2026, 11, 1), "due_on": date(2027, 1, 1)})
    assert messages(errors) == {"done_on": "实际回访日期不能晚于今天"}  # a due date may lie ahead


def test_future_dates__refused_through_validate_values(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    freeze_today(monkeypatch, date(2026, 10, 20))
    with acting_as(user(app)):
        errors = validate_values(JobSeeker, {"registered_on": "2026-10-21"})
    assert str(errors["registered_on"]) == "日期不能晚于今天"


# ---- codes ------------------------------------------------------------------------------------------


def test_code_of__a_code_or_its_label(app: Flask) -> None:
    assert code_of("hukou_type", "2") == "2" and code_of("hukou_type", "农村") == "2"
    assert code_of("hukou_type", "3") is None


def test_code_of__bulk_mode_reads_each_list_once_as_it_was(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    with bulk_mode.bulk_writes(Person):
        bulk = bulk_mode.current()
        assert bulk is not None
        assert code_of("hukou_type", " 农村 ") == "2" and code_of("hukou_type", 1) == "1"
        assert set(bulk.code_maps) == {"hukou_type"}
        monkeypatch.setattr("app.codes.lookup_map", lambda key: pytest.fail("list read again"))
        assert code_of("hukou_type", "城镇") == "1" and code_of("hukou_type", "9") is None


def test_validate__text_stripped_and_a_code_given_by_its_label(app: Flask) -> None:
    values = {**person_values(first_community(HOME_TOWN).id), "name": " 王五 ", "hukou_type": " 农村 "}
    with acting_as(user(app)):
        assert validate_values(Person, values) == {}
    assert (values["name"], values["hukou_type"]) == ("王五", "2")


def test_validate__unknown_code_refused_unless_the_record_holds_it_already(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with acting_as(user(app)):
        values = {**person_values(row.org_id, 1), "hukou_type": "9"}
        assert messages(validate_values(Person, values)) == {"hukou_type": "未知代码：9"}
        row.hukou_type = "9"  # a code retired since the record was written: kept on an edit
        values = {"hukou_type": "9"}
        assert validate_values(Person, values, existing=row) == {} and values == {"hukou_type": "9"}
        assert messages(validate_values(Person, {"hukou_type": "8"}, existing=row)) == {
            "hukou_type": "未知代码：8"
        }
    db.session.rollback()


def test_validate__required_on_create_and_when_an_edit_blanks_it(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with acting_as(user(app)):
        values = person_values(row.org_id, 1)
        del values["name"]
        assert messages(validate_values(Person, values)) == {"name": "此项为必填项"}
        assert validate_values(Person, {"phone": "13900139000"}, existing=row) == {}  # name not given
        assert messages(validate_values(Person, {"name": "  "}, existing=row)) == {"name": "此项为必填项"}


def test_validate__unreadable_value_kept_as_given_and_never_seen_by_clean(app: Flask) -> None:
    values = {**person_values(first_community(HOME_TOWN).id), "monthly_wage": "三千"}
    with acting_as(user(app)):
        errors = messages(validate_values(Person, values))
    assert errors == {"monthly_wage": "不是有效的值：三千"}  # Person.clean would compare the text with 0
    assert values["monthly_wage"] == "三千"


def test_validate__the_first_error_of_a_field_kept(app: Flask) -> None:
    values = {**person_values(first_community(HOME_TOWN).id), "birth_date": "1985-02-30"}
    with acting_as(user(app)):
        errors = messages(validate_values(Person, values))
    assert errors == {"birth_date": "不是有效的值：1985-02-30"}


# ---- natural keys -----------------------------------------------------------------------------------


def test_natural_key__named_where_inside_the_territory_not_outside(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    home = first_community(HOME_TOWN)
    values = {**person_values(home.id), "name": "另一人"}  # the same ID number
    with acting_as(user(app)):
        assert messages(validate_values(Person, dict(values))) == {
            "id_number": f"已在{home.name}登记，请通过“转移”迁移该记录"
        }
        assert validate_values(Person, {"id_number": row.id_number}, existing=row) == {}  # its own
    other = first_community(OTHER_TOWN)
    with acting_as(user(app, "houshayu_jingban")):
        assert messages(validate_values(Person, {**values, "org_id": other.id})) == {
            "id_number": "已在其他单位登记；如需转入本单位，请联系区级经办办理转移"
        }


def test_natural_key_clash__the_unit_of_another_row_voided_or_not(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with acting_as(user(app)):
        ledger.void(row, "重复")
        db.session.commit()
    assert natural_key_clash(Person, "id_number", row.id_number, None) is row.org
    assert natural_key_clash(Person, "id_number", row.id_number, row) is None
    assert natural_key_clash(Person, "id_number", "110222198501019999", None) is None


def test_natural_key_clash__bulk_mode_reads_the_preloaded_keys(app: Flask) -> None:
    row = make_person_row(app, HOME_TOWN)
    with bulk_mode.bulk_writes(Person) as keys:
        assert keys["id_number"][row.id_number] == (row.id, row.org_id)
        assert natural_key_clash(Person, "id_number", row.id_number, None) is row.org
        assert natural_key_clash(Person, "id_number", row.id_number, row) is None
        keys["id_number"]["110222198501019999"] = (None, row.org_id)  # a new row of the same import
        assert natural_key_clash(Person, "id_number", "110222198501019999", row) is row.org
        assert natural_key_clash(Person, "id_number", "110222198501010000", None) is None


# ---- references to another ledger's rows ------------------------------------------------------------


def test_references__each_ledger_column_pointing_at_another_ledger(app: Flask) -> None:
    size = len(registry.LEDGERS)
    assert ("person_id", Person, False) in references(Loan, size)
    assert {(key, public) for key, target, public in references(Referral, size) if target is Employer} == {
        ("employer_id", True)
    }
    assert references(Person, size) == []


def test_reference__a_live_row_of_the_territory(app: Flask) -> None:
    home, outside = make_person_row(app, HOME_TOWN), make_person_row(app, OTHER_TOWN, 1)
    refused = "本辖区内没有编号为 {} 的劳动力基础信息台账记录"
    with acting_as(user(app)):
        assert reference_errors(Loan, {"person_id": home.id}, None) == {}
        assert reference_errors(Loan, {"person_id": None}, None) == {}
        assert reference_errors(Loan, {"person_id": ""}, None) == {}
        for value in (outside.id, 2_000_000_000, str(home.id)):
            assert messages(reference_errors(Loan, {"person_id": value}, None)) == {
                "person_id": refused.format(value)
            }
        kept = Loan(person_id=outside.id)  # an edit keeping a reference made before is not asked again
        assert reference_errors(Loan, {"person_id": outside.id}, kept) == {}
        assert "person_id" in reference_errors(Loan, {"person_id": outside.id}, Loan(person_id=home.id))
        ledger.void(home, "重复")
        assert messages(reference_errors(Loan, {"person_id": home.id}, None)) == {
            "person_id": refused.format(home.id)
        }


def test_reference__a_public_column_names_any_live_row_of_the_district(app: Flask) -> None:
    employer = make_employer(first_community(OTHER_TOWN).id)
    with acting_as(user(app)):
        assert reference_errors(Referral, {"employer_id": employer.id}, None) == {}
        ledger.void(employer, "注销")
        assert list(reference_errors(Referral, {"employer_id": employer.id}, None)) == ["employer_id"]


# ---- found by the mutation run: each step of the path runs, in order, with the record at hand -----------


def test_validate__the_model_s_clean_runs_and_its_errors_count(app: Flask) -> None:
    values = {**person_values(first_community(HOME_TOWN).id), "phone": "123"}
    with acting_as(user(app)):
        errors = messages(validate_values(Person, values))
    assert errors == {"phone": "不是有效的大陆手机号码（应为以1开头的11位数字）"}
    assert (values["gender"], values["birth_date"]) == ("1", date(1985, 1, 1))  # derived by clean()


def test_validate__references_checks_and_derived_values_see_the_record_and_keep_the_first_error(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = make_person_row(app, HOME_TOWN)
    seen: list[tuple[str, Any]] = []

    def references_of(model: Any, values: dict[str, Any], existing: Any) -> dict[str, Any]:
        seen.append(("references", existing))
        return {"monthly_wage": "引用", "remarks": "引用"}

    def check(values: dict[str, Any], existing: Any) -> dict[str, Any]:
        seen.append(("check", existing))
        return {"remarks": "检查", "occupation": "检查"}

    def derive(values: dict[str, Any], existing: Any) -> dict[str, Any]:
        seen.append(("derive", existing))
        return {"employer_name": "推导"}

    monkeypatch.setattr("app.ledger.validation.reference_errors", references_of)
    spec = dataclasses.replace(registry.spec("person"), checks=(check,), derive=(derive,))
    monkeypatch.setitem(registry.LEDGERS, "person", spec)
    with acting_as(user(app)):
        errors = messages(validate_values(Person, {"monthly_wage": "三千"}, existing=row))
        assert errors == {"monthly_wage": "不是有效的值：三千", "remarks": "引用", "occupation": "检查"}
        assert seen == [("references", row), ("check", row)]  # no derived values after an error
        seen.clear()
        monkeypatch.setattr("app.ledger.validation.reference_errors", lambda *args: {})
        spec = dataclasses.replace(spec, checks=())
        monkeypatch.setitem(registry.LEDGERS, "person", spec)
        assert messages(validate_values(Person, {"remarks": "x"}, existing=row)) == {"employer_name": "推导"}
        assert seen == [("derive", row)]


def test_coerce__a_blank_or_skipped_amount_does_not_end_the_others(app: Flask) -> None:
    for first in ("  ", True):
        values: dict[str, Any] = {"base_wage": first, "floating_wage": "1.5"}
        assert coerce_values(WelfarePostWorker, values) == {}
        assert str(values["floating_wage"]) == "1.50"


def test_reference__an_empty_column_does_not_end_the_others(app: Flask) -> None:
    keys = [key for key, _, _ in references(Referral, len(registry.LEDGERS))]
    assert len(keys) >= 2
    values: dict[str, Any] = {key: None for key in keys[:-1]} | {keys[-1]: 2_000_000_000}
    with acting_as(user(app)):
        assert list(reference_errors(Referral, values, None)) == [keys[-1]]


def test_natural_key__an_edit_taking_another_record_s_key_clashes(app: Flask) -> None:
    first, second = make_person_row(app, HOME_TOWN), make_person_row(app, HOME_TOWN, 1)
    assert natural_key_clash(Person, "id_number", first.id_number, second) is first.org


def test_validate__a_blank_coded_value_is_no_code(app: Flask) -> None:
    values = {**person_values(first_community(HOME_TOWN).id), "ethnicity": ""}
    with acting_as(user(app)):
        assert validate_values(Person, values) == {}


def test_future_dates__a_column_without_a_date_does_not_end_the_others(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    freeze_today(monkeypatch, date(2026, 10, 20))
    names = [name for name, _ in future_dates(SiSubsidy)]
    assert len(names) >= 2
    errors = future_date_errors(SiSubsidy, {names[0]: None, names[-1]: date(2026, 10, 21)})
    assert messages(errors) == {names[-1]: "日期不能晚于今天"}


def test_reference__an_unchanged_column_does_not_end_the_others(app: Flask) -> None:
    keys = [key for key, _, _ in references(Referral, len(registry.LEDGERS))]
    kept = SimpleNamespace(**{key: 1 for key in keys})
    values: dict[str, Any] = {key: 1 for key in keys[:-1]} | {keys[-1]: 2_000_000_000}
    with acting_as(user(app)):
        assert list(reference_errors(Referral, values, kept)) == [keys[-1]]
