"""督办通知: the generic ledger tests, a notice only to a unit below the sender's own, and the 督办 cycle across
roles (the inspector sends from the 超期督办 board, the town's clerk answers from 我的待办, another town sees
nothing, the board shows the answer with its day and who gave it)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import select

from app import db
from models.supervision import SupervisionNotice
from tests.conftest import first_community, org
from tests.ledgers.case import HOME_TOWN, LedgerCase


class TestSupervisionNotice(LedgerCase):
    ledger = "supervision_notice"
    code_selects = False  # no field of this ledger is a code list
    change = {"overdue_count": 7}
    invalid_values = [({"subject": ""}, "subject"), ({"content": ""}, "content")]

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        return {
            "org_id": org_id,
            "subject": f"超期督办{n}",
            "content": "请于3个工作日内答复",
            "overdue_count": 3,
        }

    def test_form_add__community_clerk_saves_in_own_community(self, app: Flask, login: Any) -> None:
        """Overridden: a unit does not urge itself; the community clerk's notice to its own community is
        refused with the reason."""
        unit = first_community(HOME_TOWN)
        response = login("renhe_shequ").post(
            f"/ledger/{self.ledger}/add", data={**self.valid_values(unit.id), "org": unit.id}
        )
        assert response.status_code == 200 and "督办通知只能发给本单位的下级单位" in response.data.decode()
        assert db.session.execute(select(SupervisionNotice)).first() is None

    # a sent notice is locked (app/domain/supervision.py): the generic edits and voids of a fresh row do not
    # apply; the generic locked-state check (case_access) and the test below refuse them instead
    test_api_put__stale_version_refused = None
    test_form_edit__stale_version_refused = None
    test_form_edit__current_version_saves = None
    test_history_tab__shows_field_changes = None
    test_access__only_editable_columns_writable = None
    test_void__needs_reason_hides_row_and_admin_restores = None
    test_bulk_void__voids_own_ticked_rows_with_reason_in_history = None

    def test_sent__sender_cannot_edit_or_void_it_the_answer_step_still_closes_it(
        self, app: Flask, login: Any
    ) -> None:
        renhe = org("仁和镇")
        inspector = login("ducha")
        sent = inspector.post(f"/api/v1/{self.ledger}/", json=self.valid_values(renhe.id))
        assert sent.status_code == 201, sent.json
        notice = db.session.get(SupervisionNotice, sent.json["id"])
        version = notice.version
        put = inspector.put(
            f"/api/v1/{self.ledger}/{notice.id}", json={"subject": "改过", "version": version}
        )
        assert put.status_code == 422 and "流程" in put.json["message"]["_record"]
        form = {"subject": "改过", "content": "改过", "overdue_count": 9, "row_version": version}
        assert inspector.post(f"/ledger/{self.ledger}/edit/{notice.id}", data=form).status_code == 200
        assert inspector.delete(f"/api/v1/{self.ledger}/{notice.id}?reason=撤回").status_code in (403, 422)
        db.session.expire_all()
        kept = db.session.get(SupervisionNotice, notice.id)
        assert (kept.subject, kept.version, kept.voided_at) == ("超期督办0", version, None)
        town = login("renhe_jingban")
        answered = town.post(
            f"/api/v1/workflow/{self.ledger}/{notice.id}/answer",
            json={"version": version, "reply": "已于本周内补回访"},
        )
        assert answered.status_code == 200, answered.json
        db.session.expire_all()
        assert db.session.get(SupervisionNotice, notice.id).state == "answered"

    def test_access__reviewers_and_inspector_write_only_through_steps(self, app: Flask, login: Any) -> None:
        """Overridden: 督办通知 is the inspector's one writable ledger (seed/roles.py); the reviewer still
        cannot write it."""
        unit = first_community(HOME_TOWN)
        refused = login("qu_shenhe").post(f"/api/v1/{self.ledger}/", json=self.valid_values(unit.id))
        sent = login("ducha").post(f"/api/v1/{self.ledger}/", json=self.valid_values(unit.id))
        assert (refused.status_code, sent.status_code) == (403, 201)


def test_cycle__inspector_urges_town_answers_other_town_sees_nothing(app: Flask, login: Any) -> None:
    renhe = org("仁和镇")
    inspector = login("ducha")
    board = inspector.get("/overdue/").data.decode()
    assert "督办通知" in board and "尚未发出督办通知" in board
    form = inspector.get(
        f"/ledger/supervision_notice/add?org={renhe.id}&subject=超期督办：回访"
    ).data.decode()
    assert "超期督办：回访" in form
    sent = inspector.post(
        "/ledger/supervision_notice/add",
        data={
            "org": renhe.id,
            "subject": "超期督办：回访",
            "content": "请于3个工作日内答复",
            "overdue_count": 4,
        },
    )
    assert sent.status_code == 302
    notice = db.session.execute(select(SupervisionNotice)).scalars().one()
    assert (notice.state, notice.sender_name) == ("sent", notice.sender_name) and notice.sent_on is not None
    assert (
        "超期督办：回访" not in login("houshayu_jingban").get("/inbox/?kind=supervision_notice").data.decode()
    )
    assert login("houshayu_jingban").get(f"/ledger/supervision_notice/show/{notice.id}").status_code == 404
    town = login("renhe_jingban")
    inbox = town.get("/inbox/?kind=supervision_notice").data.decode()
    assert "超期督办：回访" in inbox and "答复督办" in inbox
    state = town.get(f"/api/v1/workflow/supervision_notice/{notice.id}").json["result"]
    answered = town.post(
        f"/api/v1/workflow/supervision_notice/{notice.id}/answer",
        json={"reply": "已完成回访4件", "version": state["version"]},
    )
    assert answered.status_code == 200, answered.json
    assert "超期督办：回访" not in town.get("/inbox/?kind=supervision_notice").data.decode()
    db.session.expire_all()
    notice = db.session.get(SupervisionNotice, notice.id)
    assert (notice.state, notice.reply, notice.answered_on is not None) == ("answered", "已完成回访4件", True)
    board = login("ducha").get("/overdue/").data.decode()
    assert "已完成回访4件" in board and "已答复" in board and notice.answerer_name in board
