"""SM-09 and SM-08 end to end through the API by the right personas: the monthly pay computed from the
parameters in force (rule_readings), 录入 → 主管领导 signs by the 20th → disbursed, with wrong roles and
another territory refused; the 审批表 workbook; the guidance claim with its reproducible 10% telephone sample,
deadlines on the working-day calendar."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import select

from app import db, ledger
from app.rules import sampling
from app.security.scope import acting_as
from models.guidance import GuidanceClaim, GuidanceTraining
from models.welfare import WelfarePayment
from models.workflow import Deadline
from tests.conftest import first_community, org
from tests.factories.guidance import session_values
from tests.factories.policy import add_parameter, fire, remove_test_parameters
from tests.factories.welfare import make_worker


def pay_row(client: Any, worker_id: int, org_id: int, month: str) -> Any:
    return client.post(
        "/api/v1/welfare_payment/", json={"org_id": org_id, "worker_id": worker_id, "pay_month": month}
    )


def test_pay__computed_from_parameters_and_kept_after_a_change(app: Flask, login: Any) -> None:
    unit = first_community("仁和镇")
    worker = make_worker(unit.id, child_birth_date="2010-05-01")
    add_parameter(app, "welfare.one_child.monthly", "10.00", date(2026, 1, 1))
    try:
        created = pay_row(login("qu_jingban"), worker.id, unit.id, "2026-09-15")
        assert created.status_code == 201, created.json
        row = db.session.get(WelfarePayment, created.json["id"])
        # defaults: social average 4201; pension 0.4×4201×20% = 336.08, medical 2520.60×10% = 252.06,
        # unemployment 1680.40×1% = 16.80, maternity 2520.60×0.8% = 20.16, housing fund 155
        assert row.pay_month == date(2026, 9, 1)
        assert row.unit_contributions == Decimal("780.10")
        assert (row.wage_total, row.welfare_total) == (Decimal("1700.00"), Decimal("10.00"))
        assert row.subsidy_total == Decimal("1710.00") + Decimal("780.10")
        assert row.rule_readings["welfare.one_child.monthly"]["effective_from"] == "2026-01-01"
        add_parameter(app, "welfare.one_child.monthly", "20.00", date(2026, 9, 1))
        edited = login("qu_jingban").put(
            f"/api/v1/welfare_payment/{row.id}", json={"remarks": "核对", "version": 1}
        )
        assert edited.status_code == 200, edited.json
        db.session.expire_all()
        assert db.session.get(WelfarePayment, row.id).welfare_total == Decimal("10.00")
        again = pay_row(login("qu_jingban"), worker.id, unit.id, "2026-10-01")
        assert db.session.get(WelfarePayment, again.json["id"]).welfare_total == Decimal("20.00")
    finally:
        remove_test_parameters()


def test_pay_workflow__enter_sign_by_the_20th_disburse(app: Flask, login: Any, today: Any) -> None:
    unit = first_community("仁和镇")
    worker = make_worker(unit.id)
    pk = pay_row(login("qu_jingban"), worker.id, unit.id, "2026-10-01").json["id"]
    entry = db.session.execute(
        select(Deadline).where(
            Deadline.ledger == "welfare_payment", Deadline.row_id == pk, Deadline.step == "enter"
        )
    ).scalar_one()
    assert entry.due_on == today["today"]  # “即时”: on the day calculated, not on the first of the pay month
    other = login("houshayu_jingban")
    assert other.get(f"/api/v1/workflow/welfare_payment/{pk}").status_code == 404
    assert fire(login("renhe_jingban"), "welfare_payment", pk, "enter", date="2026-10-09").status_code == 403
    assert (
        fire(login("qu_jingban"), "welfare_payment", pk, "disburse", date="2026-10-09").status_code == 403
    )  # unsigned
    assert fire(login("qu_jingban"), "welfare_payment", pk, "enter", date="2026-10-09").status_code == 200
    deadline = db.session.execute(
        select(Deadline).where(
            Deadline.ledger == "welfare_payment", Deadline.row_id == pk, Deadline.step == "sign"
        )
    ).scalar_one()
    assert deadline.due_on == date(2026, 10, 20)
    assert (
        fire(login("qu_jingban"), "welfare_payment", pk, "sign", date="2026-10-19").status_code == 403
    )  # not 主管领导
    assert fire(login("qu_shenhe"), "welfare_payment", pk, "sign", date="2026-10-19").status_code == 200
    assert fire(login("qu_jingban"), "welfare_payment", pk, "disburse", date="2026-10-20").status_code == 200
    db.session.expire_all()
    assert db.session.get(WelfarePayment, pk).state == "disbursed"


def test_approval_table__month_rows_in_territory_with_totals(app: Flask, login: Any) -> None:
    home, away = first_community("仁和镇"), first_community("后沙峪镇")
    pks = [
        pay_row(login("qu_jingban"), make_worker(home.id).id, home.id, "2026-10-01").json["id"],
        pay_row(login("qu_jingban"), make_worker(home.id).id, home.id, "2026-10-01").json["id"],
        pay_row(login("qu_jingban"), make_worker(away.id).id, away.id, "2026-10-01").json["id"],
    ]
    pay_row(login("qu_jingban"), make_worker(home.id).id, home.id, "2026-09-01")  # another month
    response = login("renhe_jingban").get(f"/ledger/welfare_payment/approval_table/{pks[0]}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "顺义区公益性专项补贴审批表" in str(rows[0][0])
    body = [r for r in rows[4:] if isinstance(r[0], int)]
    assert len(body) == 2  # the other town's worker and the other month are not on it
    total = next(r for r in rows if r[1] == "合计")
    assert total[9] == float(sum(db.session.get(WelfarePayment, pk).subsidy_total for pk in pks[:2]))
    assert any("主管领导" in str(r[1]) for r in rows if r[1])
    assert login("renhe_jingban").get(f"/ledger/welfare_payment/approval_table/{pks[2]}").status_code == 404


def sessions(app: Flask, town: str, count: int) -> list[int]:
    unit = first_community(town)
    with acting_as(app.appbuilder.sm.find_user(username="renhe_jingban")):
        ids = [ledger.create(GuidanceTraining, session_values(unit.id, n % 20)).id for n in range(count)]
        db.session.commit()
    return ids


def test_guidance_claim__review_sample_calls_city_archive(app: Flask, login: Any, today: Any) -> None:
    ids = sessions(app, "仁和镇", 23)
    created = login("renhe_jingban").post(
        "/api/v1/guidance_claim/",
        json={"org_id": org("仁和镇").id, "quarter": "2026Q3", "submitted_on": "2026-10-03"},
    )
    assert created.status_code == 201, created.json
    pk = created.json["id"]
    assert login("houshayu_jingban").get(f"/api/v1/workflow/guidance_claim/{pk}").status_code == 404
    assert (
        fire(login("renhe_jingban"), "guidance_claim", pk, "review", date="2026-10-08").status_code == 403
    )  # town
    refused = fire(login("qu_jingban"), "guidance_claim", pk, "review", date="2026-10-08")
    assert refused.status_code == 403 and "材料" in refused.json["message"]["_record"]  # CK-09a
    materials = {f"received_{n}": "1" for n in range(1, 4)}
    assert (
        login("qu_jingban").post(f"/ledger/guidance_claim/materials/{pk}", data=materials).status_code == 302
    )
    assert fire(login("qu_jingban"), "guidance_claim", pk, "review", date="2026-10-08").status_code == 200

    db.session.expire_all()
    claim = db.session.get(GuidanceClaim, pk)
    assert claim.sessions == sorted(ids) and len(claim.sampled) == 3  # ceil(10% × 23)
    assert claim.sampled == sampling.draw(ids, claim.sample_seed)  # drawn again from the stored seed
    deadline = db.session.execute(
        select(Deadline).where(
            Deadline.ledger == "guidance_claim", Deadline.row_id == pk, Deadline.step == "finish_sampling"
        )
    ).scalar_one()
    assert deadline.due_on == date(2026, 10, 10)

    waiting = fire(login("qu_jingban"), "guidance_claim", pk, "finish_sampling")
    assert waiting.status_code == 403 and str(claim.sampled[0]) in waiting.json["message"]["_record"]
    outside = next(i for i in ids if i not in claim.sampled)
    wrong = fire(login("qu_jingban"), "guidance_claim", pk, "record_call", session=outside, outcome="1")
    assert wrong.status_code in (403, 422)
    for n, session_id in enumerate(claim.sampled):
        outcome = "1" if n else "3"
        call = fire(
            login("qu_jingban"), "guidance_claim", pk, "record_call", session=session_id, outcome=outcome
        )
        assert call.status_code == 200, call.json
    assert fire(login("qu_jingban"), "guidance_claim", pk, "finish_sampling").status_code == 200
    db.session.expire_all()
    assert db.session.get(GuidanceClaim, pk).calls[str(claim.sampled[0])] == "3"

    refused = fire(login("qu_jingban"), "guidance_claim", pk, "submit_to_city", date="2026-10-09")
    assert refused.status_code == 403  # CK-09b not yet received
    login("qu_jingban").post(
        f"/ledger/guidance_claim/materials/{pk}", data={f"received_{n}": "1" for n in range(1, 5)}
    )
    for step, inputs in [
        ("submit_to_city", {"date": "2026-10-09"}),
        ("city_approve", {"date": "2026-11-02", "comment": "京人社批〔2026〕8号"}),
        ("verify_accounts", {"date": "2026-11-02"}),
        ("archive", {}),
    ]:
        assert fire(login("qu_jingban"), "guidance_claim", pk, step, **inputs).status_code == 200, step
    db.session.expire_all()
    assert db.session.get(GuidanceClaim, pk).state == "archived"


def test_guidance_training__shorter_than_two_hours_refused_in_chinese(login: Any) -> None:
    unit = first_community("仁和镇")
    response = login("renhe_jingban").post(
        "/api/v1/guidance_training/", json=session_values(unit.id, minutes=90)
    )
    assert response.status_code == 422 and "2" in str(response.json["message"]["minutes"])


def test_guidance_claim_page__district_sees_whom_to_call_and_each_outcome(
    app: Flask, login: Any, today: Any
) -> None:
    ids = sessions(app, "仁和镇", 12)
    pk = (
        login("renhe_jingban")
        .post(
            "/api/v1/guidance_claim/",
            json={"org_id": org("仁和镇").id, "quarter": "2026Q3", "submitted_on": "2026-10-03"},
        )
        .json["id"]
    )
    district = login("qu_jingban")
    district.post(f"/ledger/guidance_claim/materials/{pk}", data={f"received_{n}": "1" for n in range(1, 4)})

    def sample_panel() -> str:
        page = district.get(f"/ledger/guidance_claim/show/{pk}").data.decode()
        return page.split('class="panel panel-default guidance-sample"', 1)[1].split("</table>", 1)[0]

    assert "guidance-sample" not in district.get(f"/ledger/guidance_claim/show/{pk}").data.decode()
    assert fire(district, "guidance_claim", pk, "review", date="2026-10-08").status_code == 200
    db.session.expire_all()
    sampled = db.session.get(GuidanceClaim, pk).sampled
    panel = sample_panel()
    assert "电话抽查：共 12 条职业指导培训记录，抽取 2 条" in panel  # ceil(10 % × 12)
    assert [f'data-session="{row}"' in panel for row in sampled] == [True, True] and set(sampled) <= set(ids)
    assert panel.count("13800000000") == 2 and panel.count("尚未登记") == 2
    assert (
        fire(district, "guidance_claim", pk, "record_call", session=sampled[0], outcome="2").status_code
        == 200
    )
    panel = sample_panel()
    assert panel.count("尚未登记") == 1 and "不属实" in panel
