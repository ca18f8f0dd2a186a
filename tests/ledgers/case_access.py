"""AccessChecks: the access rules every ledger inherits through LedgerCase, found from its spec and column
metadata (no per-ledger code): option lists scoped to the territory (API _info and form), personal data
never reachable without the PII permission (show, list, search, filter, sort, API, export, history,
documents), only editable columns writable (derived, readonly and system columns refused), a record in a
locked workflow state refused edits, void and transfer, and reviewers, the third party and the inspector
writing nothing but workflow steps."""

from __future__ import annotations

from datetime import date
from typing import Any

import prison
from flask import Flask, url_for
from sqlalchemy import JSON, Date, Integer, Numeric, select, update

from app import db
from app.ledger import registry
from app.ledger.columns import derived_columns, pii_columns
from app.security.scope import in_territory
from app.web.forms import reference_filters
from models.audit import AuditLog
from models.org import OrgUnit
from tests.conftest import first_community

HOME, OTHER = "仁和镇", "后沙峪镇"
STEP_ONLY = ("qu_shenhe", "disanfang", "ducha")  # 审核, 第三方终审, 督查


def forged(model: Any, name: str) -> Any:
    """A value of the column's type that its rules would not compute."""
    column_type = model.__table__.c[name].type if name in model.__table__.c else None
    if isinstance(column_type, JSON):
        return {"forged": "1"}
    if isinstance(column_type, Numeric):
        return "777777.77"
    if isinstance(column_type, Date):
        return "2000-01-01"
    if isinstance(column_type, Integer):
        return 777
    return "伪造"


def secrets_of(row: Any) -> set[str]:
    """The personal values of a row and of the ledger rows it refers to, as they are stored."""
    found: set[str] = set()
    for item in [row, *(getattr(row, key) for key in reference_filters(type(row)) if key != "org")]:
        if item is None or not hasattr(type(item), "__ledger__"):
            continue
        for name in pii_columns(type(item)):
            value = getattr(item, name)
            if value not in (None, ""):
                found |= {value.isoformat()} if isinstance(value, date) else set(str(value).split())
    return found


class AccessChecks:
    """Mixed into LedgerCase (which gives ledger, model, make_row, user, valid_values, change)."""

    ledger: str
    model: Any
    change: dict[str, Any]
    make_row: Any
    valid_values: Any
    user: Any

    # ---- option lists -----------------------------------------------------------------------------

    def test_access__option_lists_scoped_in_api_info_and_form(self, app: Flask, login: Any) -> None:
        mine, theirs = self.make_row(app, HOME, 1), self.make_row(app, OTHER, 2)
        clerk = self.user(app, "renhe_jingban")
        client = login("renhe_jingban")
        choices = reference_filters(self.model)
        query = prison.dumps({"add_columns": {name: {"page": 0, "page_size": 100} for name in choices}})
        info = client.get(f"/api/v1/{self.ledger}/_info?q={query}").json
        listed = {field["name"]: field for field in info["add_columns"] if field["name"] in choices}
        assert "org" in listed and first_community(OTHER).id not in {v["id"] for v in listed["org"]["values"]}
        form = client.get(f"/ledger/{self.ledger}/add").data.decode()
        for name, field in listed.items():
            ids = {value["id"] for value in field["values"]}
            select_tag = (
                form.split(f'<select id="{name}"', 1)[1].split("</select>", 1)[0]
                if (f'<select id="{name}"' in form)
                else ""
            )
            for row in (mine, theirs):
                target = row.org if name == "org" else getattr(row, name)
                if target is None:
                    continue
                unit = target if name == "org" else target.org
                public = any(f[0] == "voided_at" for f in choices[name]) and len(choices[name]) == 1
                inside = public or in_territory(unit, clerk)
                assert (target.id in ids) == inside, (name, target.id, inside)
                if select_tag:
                    assert (f'value="{target.id}"' in select_tag) == inside, (name, target.id)

    # ---- personal data ------------------------------------------------------------------------------

    def test_access__personal_data_never_reachable_by_the_inspector(self, app: Flask, login: Any) -> None:
        row = self.make_row(app, HOME)
        secrets = secrets_of(row)
        inspector = login("ducha")
        history = db.session.execute(
            select(AuditLog.id).where(AuditLog.ledger == self.ledger, AuditLog.row_id == row.id)
        ).scalars()
        pages = [
            f"/ledger/{self.ledger}/show/{row.id}",
            f"/ledger/{self.ledger}/list/",
            f"/api/v1/{self.ledger}/{row.id}",
            f"/api/v1/{self.ledger}/",
            f"/api/v1/{self.ledger}/?q={prison.dumps({'columns': ['id', *sorted(pii_columns(self.model))]})}",
            f"/ledger/{self.ledger}/export/csv",
            *(f"/history/show/{entry}" for entry in history),
            "/history/list/",
        ]
        view = registry.VIEWS[self.ledger]
        with app.test_request_context():
            pages += [url_for(endpoint, pk=getattr(row, attr)) for _, endpoint, attr in view.show_links]
        for page in pages:
            response = inspector.get(page)
            assert response.status_code in (200, 403), (page, response.status_code)
            text = response.data.decode("utf-8", "replace")
            assert not [s for s in secrets if s in text], (page, [s for s in secrets if s in text])
        own = [name for name in pii_columns(self.model) if getattr(row, name) not in (None, "")]
        assert not own or "*" in inspector.get(f"/ledger/{self.ledger}/show/{row.id}").data.decode()

    def test_access__personal_columns_no_search_filter_or_sort_without_permission(
        self, app: Flask, login: Any
    ) -> None:
        row = self.make_row(app, HOME)
        for name in sorted(pii_columns(self.model)):
            miss = "1900-01-01" if isinstance(self.model.__table__.c[name].type, Date) else "0000"
            inspector = login("ducha")  # the personas share one client: log in again after the clerk
            query = prison.dumps({"filters": [{"col": name, "opr": "sw", "value": "1"}]})
            assert inspector.get(f"/api/v1/{self.ledger}/?q={query}").status_code == 400, name
            ordered = prison.dumps({"order_column": name, "order_direction": "asc"})
            assert inspector.get(f"/api/v1/{self.ledger}/?q={ordered}").status_code == 400, name
            assert name not in inspector.get(f"/api/v1/{self.ledger}/_info").json["filters"], name
            listing = f"/ledger/{self.ledger}/list/?_flt_0_{name}={miss}"
            assert f'/show/{row.id}"' in inspector.get(listing).data.decode(), name  # the filter is ignored
            exported = inspector.get(f"/ledger/{self.ledger}/export/csv?_flt_0_{name}={miss}").data.decode()
            assert len(exported.strip().splitlines()) == 2, (name, exported)  # the header and the row
            page = inspector.get(f"/ledger/{self.ledger}/list/").data.decode()
            assert f'name="_flt_0_{name}"' not in page, name
            searchable = name in (registry.VIEWS[self.ledger].search_columns or [])
            if searchable and getattr(row, name) is not None:  # with the permission, the filter applies
                assert f'/show/{row.id}"' not in login("renhe_jingban").get(listing).data.decode(), name

    # ---- writable columns ---------------------------------------------------------------------------

    def test_access__only_editable_columns_writable(self, app: Flask, login: Any) -> None:
        row = self.make_row(app, HOME)
        client = login("renhe_jingban")
        refused = sorted(derived_columns(self.model) | {"created_by_id"})
        before = {name: getattr(row, name) for name in refused}
        for name in refused:
            value = forged(self.model, name)
            put = client.put(f"/api/v1/{self.ledger}/{row.id}", json={name: value, "version": row.version})
            assert put.status_code == 422 and name in put.json["message"], (name, put.status_code)
            post = client.post(
                f"/api/v1/{self.ledger}/", json={**self.valid_values(row.org_id, 3), name: value}
            )
            assert post.status_code == 422 and name in post.json["message"], (name, post.status_code)
        form = {**self.valid_values(row.org_id), **self.change, "row_version": row.version}
        form |= {
            name: forged(self.model, name)
            for name in refused
            if not isinstance(forged(self.model, name), dict)
        }
        response = client.post(f"/ledger/{self.ledger}/edit/{row.id}", data=form)
        assert response.status_code == 302, response.data.decode()[:2000]
        db.session.expire_all()
        saved = db.session.get(self.model, row.id)
        assert {name: getattr(saved, name) for name in refused} == before
        assert all(getattr(saved, k) == v for k, v in self.change.items())

    # ---- locked states ------------------------------------------------------------------------------

    def test_access__locked_state_refuses_edit_void_and_transfer(self, app: Flask, login: Any) -> None:
        spec = registry.spec(self.ledger)
        row = self.make_row(app, HOME)
        for state in sorted(spec.locked_states):
            db.session.execute(update(self.model).where(self.model.id == row.id).values(state=state))
            db.session.commit()
            db.session.expire_all()
            version = db.session.get(self.model, row.id).version
            client = login("renhe_jingban")
            put = client.put(f"/api/v1/{self.ledger}/{row.id}", json={**self.change, "version": version})
            assert put.status_code == 422 and "流程" in put.json["message"]["_record"], (state, put.json)
            assert client.delete(f"/api/v1/{self.ledger}/{row.id}?reason=x").status_code == 422, state
            form = {**self.valid_values(row.org_id), **self.change, "row_version": version}
            assert client.post(f"/ledger/{self.ledger}/edit/{row.id}", data=form).status_code == 200
            other = (
                db.session.execute(
                    select(OrgUnit).where(OrgUnit.parent_id == row.org.parent_id, OrgUnit.id != row.org_id)
                )
                .scalars()
                .first()
            )
            transfer = {"org_id": other.id, "reason": "迁移", "row_version": version}
            client.post(f"/ledger/{self.ledger}/transfer/{row.id}", data=transfer)
            db.session.expire_all()
            saved = db.session.get(self.model, row.id)
            assert (saved.version, saved.org_id, saved.voided_at) == (version, row.org_id, None), state

    # ---- roles that write only through workflow steps --------------------------------------------------

    def test_access__reviewers_and_inspector_write_only_through_steps(self, app: Flask, login: Any) -> None:
        row = self.make_row(app, HOME)
        unit = first_community(HOME)
        version, count = row.version, db.session.query(self.model).count()
        for username in STEP_ONLY:
            client = login(username)
            attempts = [
                client.post(f"/api/v1/{self.ledger}/", json=self.valid_values(unit.id, 4)),
                client.put(f"/api/v1/{self.ledger}/{row.id}", json={**self.change, "version": version}),
                client.delete(f"/api/v1/{self.ledger}/{row.id}?reason=x"),
            ]
            assert [r.status_code for r in attempts] == [403, 403, 403], username
            form = {**self.valid_values(unit.id, 5), "org": unit.id}
            pages = [
                ("post", f"/ledger/{self.ledger}/add", form),
                (
                    "post",
                    f"/ledger/{self.ledger}/edit/{row.id}",
                    {**form, **self.change, "row_version": version},
                ),
                ("post", f"/ledger/{self.ledger}/delete/{row.id}", {"reason": "x"}),
                ("post", f"/ledger/{self.ledger}/transfer/{row.id}", {"org_id": unit.id, "reason": "x"}),
                ("get", f"/ledger/{self.ledger}/import/", {}),
                ("post", f"/ledger/{self.ledger}/materials/{row.id}", {}),
            ]
            for method, path, data in pages:
                response = getattr(client, method)(path, data=data)
                assert response.status_code in (302, 403, 404), (username, path, response.status_code)
            db.session.expire_all()
            saved = db.session.get(self.model, row.id)
            assert (saved.version, saved.voided_at, db.session.query(self.model).count()) == (
                version,
                None,
                count,
            )
