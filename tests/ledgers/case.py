"""LedgerCase: the generic tests every registered ledger inherits — CRUD through form and API, territory
on every access path (clerks of two towns), validation, version checks, void/restore and history.

A ledger's test module subclasses it and gives `ledger`, `valid_values(org)` and `invalid_values`."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from flask import Flask
from sqlalchemy import func, select, update
from sqlalchemy import inspect as sa_inspect

from app import db, ledger
from app.ledger import LEDGERS, registry
from app.security.scope import acting_as, in_territory
from app.templating import person_name
from app.web.ledger_api import optional_keys, record_selects
from app.workflow.ledger_views import BULK_ACTION
from models.audit import AuditLog
from models.base import column_meta
from models.org import OrgUnit
from tests.conftest import Personas, first_community, org
from tests.ledgers.case_access import AccessChecks
from tests.ledgers.probes import bumped, form_values, record_urls, view_actions

CASES: dict[str, type[LedgerCase]] = {}
HOME_TOWN, OTHER_TOWN = "仁和镇", "后沙峪镇"


def load_cases() -> dict[str, type[LedgerCase]]:
    """Every LedgerCase: the test modules of tests/ledgers imported, so CASES holds ledgers added later."""
    import tests.ledgers

    for module in pkgutil.iter_modules(tests.ledgers.__path__):
        importlib.import_module(f"tests.ledgers.{module.name}")
    return CASES


def registered_ledgers() -> list[str]:
    """Registry names of every ledger view (imported here so parametrize sees ledgers added later), each
    with its LedgerCase loaded."""
    import views

    for module in pkgutil.iter_modules(views.__path__):
        importlib.import_module(f"views.{module.name}")
    load_cases()
    return sorted(LEDGERS)


def case(name: str) -> LedgerCase:
    """A LedgerCase instance of ledger `name` (after `load_cases` or `registered_ledgers`)."""
    return CASES[name]()


class LedgerCase(AccessChecks):
    ledger: ClassVar[str]
    code_selects: ClassVar[bool] = True  # False: the add form has no code-list select
    invalid_values: ClassVar[list[tuple[dict[str, Any], str]]] = []  # (changes, field that must fail)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        CASES[cls.ledger] = cls

    change: ClassVar[dict[str, Any]]  # a valid edit of a row made by valid_values

    def valid_values(self, org_id: int, n: int = 0) -> dict[str, Any]:
        """The n-th valid row of this ledger in unit org_id (codes as the form posts them)."""
        raise TypeError(f"{type(self).__name__} must give valid_values()")

    # ---- helpers -------------------------------------------------------------------------------

    @property
    def model(self) -> Any:
        return ledger.ledger_model(self.ledger)

    def user(self, app: Flask, username: str) -> Any:
        return app.appbuilder.sm.find_user(username=username)

    def make_row(self, app: Flask, town: str, n: int = 0) -> Any:
        """A row in the first community of `town`, written by that town's clerk."""
        unit = first_community(town)
        clerk = "renhe_jingban" if town == HOME_TOWN else "houshayu_jingban"
        with acting_as(self.user(app, clerk)):
            row = ledger.create(self.model, self.valid_values(unit.id, n))
            db.session.commit()
        return row

    def url(self, action: str, pk: Any = "") -> str:
        return (
            f"/ledger/{self.ledger}/{action}/{pk}".rstrip("/")
            if action != "list"
            else f"/ledger/{self.ledger}/list/"
        )

    # ---- create, validation ----------------------------------------------------------------------

    def test_form_add__community_clerk_saves_in_own_community(self, app: Flask, login: Any) -> None:
        client = login("renhe_shequ")
        unit = first_community(HOME_TOWN)
        values = self.valid_values(unit.id)
        response = client.post(f"/ledger/{self.ledger}/add", data={**values, "org": unit.id})
        assert response.status_code == 302, response.data.decode()[:2000]
        row = db.session.execute(select(self.model)).scalars().one()
        assert row.org_id == unit.id and row.created_by_id == self.user(app, "renhe_shequ").id

    def test_form_add__code_selects_marked_required_as_the_model_says(self, login: Any) -> None:
        form = login("renhe_shequ").get(f"/ledger/{self.ledger}/add").data.decode()
        view = registry.VIEWS[self.ledger]
        code_columns = [
            m for m in column_meta(self.model) if m.code_list and m.name in (view.add_columns or [])
        ]
        assert bool(code_columns) == self.code_selects, (
            "a ledger without code selects says code_selects = False"
        )
        for meta in code_columns:
            found = re.search(rf'<select[^>]* id="{meta.name}"[^>]*>', form)
            assert found, meta.name
            assert 'class="form-control"' in found.group(0), meta.name  # styled like the inputs beside it
            assert (" required" in found.group(0)) == meta.required, meta.name
        references = set(sa_inspect(self.model).relationships.keys())
        assert set(re.findall(r'<select[^>]* name="([^"]+)"', form)) - references == {
            m.name for m in code_columns
        }

    def test_form_add__references_labelled_as_their_column_not_in_english(self, login: Any) -> None:
        form = login("renhe_shequ").get(f"/ledger/{self.ledger}/add").data.decode()
        view = registry.VIEWS[self.ledger]
        relationships = sa_inspect(self.model).relationships.keys()
        for meta in column_meta(self.model):
            name = meta.name.removesuffix("_id")
            if name != meta.name and name in relationships and name in (view.add_columns or []):
                label = form.split(f'<label for="{name}"', 1)[1].split("</label>", 1)[0]
                assert name.replace("_", " ").title() not in label, name  # FAB's default, in English

    def test_form_add__invalid_values_refused_with_field_error_and_input_kept(self, login: Any) -> None:
        client = login("renhe_shequ")
        unit = first_community(HOME_TOWN)
        for changes, field in self.invalid_values:
            values = {**self.valid_values(unit.id), **changes, "org": unit.id}
            response = client.post(f"/ledger/{self.ledger}/add", data=values)
            assert response.status_code == 200, (field, response.status_code)
            page = response.data.decode()
            field_row = page.split(f'id="{field}"', 1)[1].split("</tr>", 1)[0]
            assert "alert-danger" in field_row, field
            kept = form_values(page)
            typed = {name: str(value) for name, value in values.items() if name in kept and name != field}
            lost = {name: (value, kept[name]) for name, value in typed.items() if kept[name] != value}
            assert typed and not lost, (field, lost)  # nothing typed is lost
            assert db.session.execute(select(self.model)).first() is None

    def test_form_add__org_outside_territory_refused(self, login: Any) -> None:
        client = login("renhe_jingban")
        foreign = first_community(OTHER_TOWN)
        response = client.post(
            f"/ledger/{self.ledger}/add", data={**self.valid_values(foreign.id), "org": foreign.id}
        )
        assert response.status_code == 200
        org_row = response.data.decode().split('id="org"', 1)[1].split("</tr>", 1)[0]
        assert "alert-danger" in org_row  # refused for the unit, not for any other reason
        assert db.session.execute(select(self.model)).first() is None

    def test_api_post__org_outside_territory_refused(self, login: Any) -> None:
        client = login("renhe_jingban")
        foreign = first_community(OTHER_TOWN)
        response = client.post(f"/api/v1/{self.ledger}/", json=self.valid_values(foreign.id))
        assert response.status_code == 422
        assert "org_id" in response.json["message"]

    def test_api_post__town_clerk_creates_and_history_records_it(self, app: Flask, login: Any) -> None:
        client = login("renhe_jingban")
        unit = first_community(HOME_TOWN)
        response = client.post(f"/api/v1/{self.ledger}/", json=self.valid_values(unit.id))
        assert response.status_code == 201, response.json
        log = db.session.execute(
            select(AuditLog).where(AuditLog.ledger == self.ledger, AuditLog.row_id == response.json["id"])
        ).scalar_one()
        assert (log.action, log.username, log.ledger) == ("create", "renhe_jingban", self.ledger)

    def test_api_get__every_column_returned_optional_references_and_derived_included(
        self, app: Flask, login: Any
    ) -> None:
        row = self.make_row(app, HOME_TOWN)
        relations, optional = record_selects(self.model), optional_keys(self.model)
        expected = {
            name if name in optional else relations.get(name, name)
            for name in ledger.ledger_columns(self.model)
        }
        client = login("renhe_jingban")
        shown = client.get(f"/api/v1/{self.ledger}/{row.id}").json["result"]
        listed = client.get(f"/api/v1/{self.ledger}/").json["result"][0]
        assert expected <= shown.keys() and expected <= listed.keys(), expected - shown.keys()
        for name in optional:
            assert shown[name] == listed[name] == getattr(row, name), name

    # ---- territory on every path ------------------------------------------------------------------

    def test_territory__other_town_gets_404_on_every_path(self, app: Flask, login: Any) -> None:
        row = self.make_row(app, HOME_TOWN)
        client = login("houshayu_jingban")
        pk = row.id
        paths = [
            ("get", f"/ledger/{self.ledger}/show/{pk}"),
            ("get", f"/ledger/{self.ledger}/edit/{pk}"),
            ("post", f"/ledger/{self.ledger}/edit/{pk}"),
            ("get", f"/ledger/{self.ledger}/delete/{pk}"),
            ("post", f"/ledger/{self.ledger}/delete/{pk}"),
            ("post", f"/ledger/{self.ledger}/transfer/{pk}"),
            ("post", f"/ledger/{self.ledger}/action/void_selected/{pk}"),
            ("get", f"/api/v1/{self.ledger}/{pk}"),
            ("put", f"/api/v1/{self.ledger}/{pk}"),
            ("delete", f"/api/v1/{self.ledger}/{pk}?reason=x"),
        ]
        for method, path in paths:
            kwargs = {"json": {"version": 1}} if method == "put" else {"data": {"reason": "x"}}
            response = getattr(client, method)(path, **kwargs)
            assert response.status_code == 404, (method, path, response.status_code)
        db.session.expire_all()
        assert db.session.get(self.model, pk).voided_at is None

    def test_territory__every_record_route_of_the_url_map_answers_404_outside(self, app: Flask) -> None:
        """Every route of the ledger's view and APIs naming a record (the step, materials, attach, documents,
        related tabs...), read from the URL map, by a user holding every permission in the other town."""
        row = self.make_row(app, HOME_TOWN)
        before = snapshot(row)
        with stationed(app, "admin", OTHER_TOWN) as client:
            for method, path in record_urls(app, self.ledger, row.id):
                if method == "delete":
                    path += "?reason=x"
                body = {"version": row.version, "reason": "x", "org_id": first_community(OTHER_TOWN).id}
                kwargs = (
                    {"json": body}
                    if path.startswith("/api/")
                    else {"data": {**body, "row_version": row.version}}
                )
                response = getattr(client, method)(path, **kwargs)
                assert response.status_code == 404, (method, path, response.status_code)
        assert snapshot(row) == before

    def test_territory__every_bulk_action_ignores_rows_outside(self, app: Flask) -> None:
        """Every bulk action (void, restore, workflow step, rosters...) with a ticked row of another town."""
        row = self.make_row(app, HOME_TOWN)
        workflow = registry.spec(self.ledger).workflow
        steps = [t.name for t in workflow.transitions] if workflow is not None else [""]
        for voided in (False, True):  # restore needs a voided row
            if voided:  # voided as stored (a ledger whose rows are locked from the start cannot void them)
                voiding = update(self.model).where(self.model.id == row.id).values(voided_at=func.now())
                db.session.execute(voiding)
                db.session.commit()
                db.session.expire_all()
            before = snapshot(row)
            with stationed(app, "admin", OTHER_TOWN) as client:
                for name in view_actions(app, self.ledger):
                    for step in steps if name == BULK_ACTION else [""]:  # the bulk step, with each step
                        form = {"action": name, "rowid": [row.id], "reason": "越权", "transition": step}
                        response = client.post(f"/ledger/{self.ledger}/action_post", data=form)
                        assert f'/show/{row.id}"'.encode() not in response.data, (name, step)
            assert snapshot(row) == before

    def test_territory__api_info_option_lists_hold_only_own_territory(self, app: Flask, login: Any) -> None:
        """The option lists of the API's `_info` (records a new row may refer to, org units: every ledger's
        org list names units outside the clerk's town)."""
        self.make_row(app, OTHER_TOWN, 1)
        self.make_row(app, HOME_TOWN, 2)
        clerk = self.user(app, "renhe_jingban")
        info = login("renhe_jingban").get(f"/api/v1/{self.ledger}/_info").json
        targets = {r.key: r.mapper.class_ for r in sa_inspect(self.model).relationships} | {"org": OrgUnit}
        option_lists = [c for c in info["add_columns"] if c.get("values") and c["name"] in targets]
        public = {  # a reference any row of the district may fill (a published vacancy): live rows only
            r.key
            for r in sa_inspect(self.model).relationships
            if any(c.info.get("public") for c in r.local_columns)
        }
        assert any(c["name"] == "org" for c in option_lists)
        for column in option_lists:
            for option in column["values"]:
                target = db.session.get(targets[column["name"]], option["id"])
                if column["name"] in public:
                    assert target.voided_at is None, (column["name"], option)
                    continue
                unit = target if isinstance(target, OrgUnit) else target.org
                assert in_territory(unit, clerk), (column["name"], option)

    def test_territory__list_count_and_api_list_show_only_own_rows(self, app: Flask, login: Any) -> None:
        mine, theirs = self.make_row(app, HOME_TOWN, 1), self.make_row(app, OTHER_TOWN, 2)
        client = login("renhe_jingban")
        api = client.get(f"/api/v1/{self.ledger}/").json
        assert api["count"] == 1 and api["ids"] == [mine.id]
        page = client.get(f"/ledger/{self.ledger}/list/").data.decode()
        assert f'/show/{mine.id}"' in page and f'/show/{theirs.id}"' not in page
        district = login("qu_jingban").get(f"/api/v1/{self.ledger}/").json
        assert sorted(district["ids"]) == sorted([mine.id, theirs.id])

    def test_territory__bulk_action_post_ignores_rows_outside(self, app: Flask, login: Any) -> None:
        """Regression: FAB's action_post loads rowids without base filters."""
        theirs = self.make_row(app, OTHER_TOWN)
        client = login("renhe_jingban")
        client.post(
            f"/ledger/{self.ledger}/action_post",
            data={"action": "void_selected", "rowid": [theirs.id], "reason": "越权作废"},
        )
        db.session.expire_all()
        assert db.session.get(self.model, theirs.id).voided_at is None

    def test_territory__community_clerk_does_not_see_sibling_community(self, app: Flask, login: Any) -> None:
        town_row = self.make_row(app, HOME_TOWN)
        sibling = org(HOME_TOWN)  # the town unit itself is outside a community clerk's subtree
        with acting_as(self.user(app, "renhe_jingban")):
            town_row.org_id = sibling.id
            db.session.commit()
        client = login("renhe_shequ")
        assert client.get(f"/api/v1/{self.ledger}/{town_row.id}").status_code == 404

    # ---- versions, void, restore ------------------------------------------------------------------

    def test_api_put__stale_version_refused(self, app: Flask, login: Any) -> None:
        row = self.make_row(app, HOME_TOWN)
        client = login("renhe_jingban")
        loaded = row.version
        fresh = client.put(f"/api/v1/{self.ledger}/{row.id}", json={**self.change, "version": loaded})
        assert fresh.status_code == 200, fresh.json
        assert fresh.json["result"]["version"] == loaded + 1
        stale = client.put(f"/api/v1/{self.ledger}/{row.id}", json={**self.change, "version": loaded})
        assert stale.status_code == 409
        assert "刷新" in str(stale.json["message"]) or "refresh" in str(stale.json["message"])

    def test_form_edit__stale_version_refused(self, app: Flask, login: Any) -> None:
        row = self.make_row(app, HOME_TOWN)
        loaded_version = row.version
        with acting_as(self.user(app, "renhe_shequ")):
            ledger.update(row, dict(self.change), loaded_version)
            db.session.commit()
        client = login("renhe_jingban")
        form = {**self.valid_values(row.org_id), "row_version": loaded_version}
        response = client.post(f"/ledger/{self.ledger}/edit/{row.id}", data=form)
        assert response.status_code == 200
        assert "刷新" in response.data.decode() or "refresh" in response.data.decode()
        db.session.expire_all()
        saved = db.session.get(self.model, row.id)
        assert saved.version == loaded_version + 1
        assert all(getattr(saved, k) == v for k, v in self.change.items())

    def test_form_edit__current_version_saves(self, app: Flask, login: Any) -> None:
        row = self.make_row(app, HOME_TOWN)
        client = login("renhe_jingban")
        form = {**self.valid_values(row.org_id), **self.change, "row_version": row.version}
        response = client.post(f"/ledger/{self.ledger}/edit/{row.id}", data=form)
        assert response.status_code == 302, response.data.decode()[:3000]
        db.session.expire_all()
        assert all(getattr(db.session.get(self.model, row.id), k) == v for k, v in self.change.items())

    def test_void__needs_reason_hides_row_and_admin_restores(self, app: Flask, login: Any) -> None:
        row = self.make_row(app, HOME_TOWN)
        client = login("renhe_jingban")
        assert client.delete(f"/api/v1/{self.ledger}/{row.id}").status_code == 422
        assert (
            client.post(f"/ledger/{self.ledger}/delete/{row.id}", data={"reason": "重复登记"}).status_code
            == 302
        )
        assert client.get(f"/api/v1/{self.ledger}/").json["count"] == 0
        client.post(f"/ledger/{self.ledger}/restore/{row.id}")  # a clerk has no restore permission
        db.session.expire_all()
        assert db.session.get(self.model, row.id).voided_at is not None
        admin = login("admin")
        assert admin.post(f"/ledger/{self.ledger}/restore/{row.id}").status_code == 302
        db.session.expire_all()
        assert db.session.get(self.model, row.id).voided_at is None
        actions = (
            db.session.execute(
                select(AuditLog.action)
                .where(AuditLog.ledger == self.ledger, AuditLog.row_id == row.id)
                .order_by(AuditLog.id)
            )
            .scalars()
            .all()
        )
        assert actions == ["create", "void", "restore"]

    def test_list__every_sortable_column_sorts(self, app: Flask, login: Any) -> None:
        """Two rows: each column where they differ lists them in opposite orders ascending and descending."""
        rows = [self.make_row(app, HOME_TOWN, 1), self.make_row(app, HOME_TOWN, 2)]
        view = registry.VIEWS[self.ledger]
        for column in view.order_columns or []:  # where the two rows agree, the second sorts after
            table_column = self.model.__table__.columns.get(column)
            if table_column is None or getattr(rows[1], column) != getattr(rows[0], column):
                continue
            later = bumped(getattr(rows[0], column), table_column.type.python_type)
            if later is not None:
                db.session.execute(
                    update(self.model).where(self.model.id == rows[1].id).values({column: later})
                )
        db.session.commit()
        client = login("renhe_jingban")
        sorted_by = []
        for column in view.order_columns or []:
            first_is_first = {}
            for direction in ("asc", "desc"):
                url = f"{self.url('list')}?_oc_{view.__name__}={column}&_od_{view.__name__}={direction}"
                response = client.get(url)
                assert response.status_code == 200, (column, direction)
                page = response.data.decode()
                shown = [page.find(f'/show/{row.id}"') for row in rows]
                assert -1 not in shown, (column, direction)
                first_is_first[direction] = shown[0] < shown[1]
            if attribute(rows[0], column) != attribute(rows[1], column):
                assert first_is_first["asc"] != first_is_first["desc"], column
                sorted_by.append(column)
        assert sorted_by or not view.order_columns, "valid_values(n) should differ in a sortable column"

    def test_history_tab__shows_field_changes(self, app: Flask, login: Any) -> None:
        """The latest entry (an edit of `change`) names each changed field by its label."""
        row = self.make_row(app, HOME_TOWN)
        with acting_as(self.user(app, "renhe_shequ")):
            ledger.update(row, dict(self.change), row.version)
            db.session.commit()
        client = login("renhe_jingban")
        page = client.get(f"/ledger/{self.ledger}/show/{row.id}").data.decode()
        assert 'id="history-tab"' in page
        history = page.split('<div id="History"', 1)[1].split("</tbody>", 1)[0]
        latest, created = history.split("<tbody>", 1)[1].split("</tr>")[:2]
        clerk, town_clerk = (person_name(self.user(app, name)) for name in ("renhe_shequ", "renhe_jingban"))
        assert clerk in latest and town_clerk in created  # who did it, by name (not the login)
        with app.test_request_context():
            labels = {meta.name: str(meta.label) for meta in column_meta(self.model)}
        for name in self.change:
            assert f"<b>{labels[name]}</b>:" in latest, name

    def test_bulk_void__voids_own_ticked_rows_with_reason_in_history(self, app: Flask, login: Any) -> None:
        mine = [self.make_row(app, HOME_TOWN, 1), self.make_row(app, HOME_TOWN, 2)]
        client = login("renhe_jingban")
        response = client.post(
            f"/ledger/{self.ledger}/action_post",
            data={"action": "void_selected", "rowid": [row.id for row in mine], "reason": "重复登记"},
        )
        assert response.status_code == 302
        db.session.expire_all()
        for row in mine:
            saved = db.session.get(self.model, row.id)
            assert saved.voided_at is not None and saved.void_reason == "重复登记", row.id
            voids = select(AuditLog.comment).where(
                AuditLog.ledger == self.ledger, AuditLog.row_id == row.id, AuditLog.action == "void"
            )
            assert db.session.execute(voids).scalars().all() == ["重复登记"], row.id
        assert client.get(f"/api/v1/{self.ledger}/").json["count"] == 0


def attribute(row: Any, dotted: str) -> Any:
    """A row's value of a list column (`person.name` follows the reference)."""
    for name in dotted.split("."):
        row = getattr(row, name, None)
    return row


def snapshot(row: Any) -> tuple[Any, ...]:
    """What a write would change: version, unit, void, workflow state and the history's length."""
    db.session.expire_all()
    saved = db.session.get(type(row), row.id)
    entries = select(func.count()).where(AuditLog.ledger == row.__ledger__, AuditLog.row_id == row.id)
    state = getattr(saved, "state", None)
    return saved.version, saved.org_id, saved.voided_at, state, db.session.execute(entries).scalar()


@contextmanager
def stationed(app: Flask, username: str, town: str) -> Iterator[Any]:
    """A client logged in as `username` moved for the test into the first community of `town` (the admin
    there holds every permission, so every route reaches its territorial check)."""
    user = app.appbuilder.sm.find_user(username=username)
    home = user.org_id
    user.org_id = first_community(town).id
    db.session.commit()
    try:
        yield Personas(app.test_client()).login(username)
    finally:
        user = app.appbuilder.sm.find_user(username=username)
        user.org_id = home
        db.session.commit()
