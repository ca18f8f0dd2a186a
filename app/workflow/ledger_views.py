"""What a ledger view gets when its ledger's spec declares a workflow, with no per-ledger code: the state column and
filter, the 流转记录 tab and deadlines on the record's page, a form for every step the user may fire, and a
scoped bulk action (steps that need only a date and a comment)."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder.baseviews import expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from app import clock, codes, ledger
from app.ledger import registry
from app.workflow import commands
from app.workflow.definition import Transition, Workflow

BULK_ACTION = "transition_selected"


class StateSelectField(SelectField):
    def __init__(self, label: Any = None, workflow: Workflow | None = None, **kwargs: Any):
        super().__init__(label, validate_choice=False, default="", **kwargs)
        self.choices = [("", "—"), *((s.name, str(s.label)) for s in workflow.states)] if workflow else []


class WorkflowViewMixin:
    """Mixed into LedgerView; inert for ledgers without a workflow."""

    workflow = registry.FromSpec()  # the ledger's workflow, declared in its spec

    # provided by FAB's ModelView, which LedgerView mixes this into (declared for the type checker only)
    appbuilder: Any
    class_permission_name: str
    list_title: Any
    label_columns: dict[str, Any]
    formatters_columns: dict[str, Any]
    list_columns: list[str]
    search_columns: list[str]
    search_form_extra_fields: dict[str, Any]
    actions: dict[str, Any]

    def init_workflow_columns(self) -> None:
        workflow = self.workflow
        if workflow is None:
            return
        self.label_columns["state"] = _l("State")
        self.formatters_columns["state"] = workflow.state_label
        self.list_columns = [*(c for c in self.list_columns if c != "state"), "state"]
        self.search_columns = [*(c for c in self.search_columns if c != "state"), "state"]
        self.search_form_extra_fields["state"] = StateSelectField(_l("State"), workflow=workflow)

    def drop_workflow_actions(self) -> None:
        if self.workflow is None:
            self.actions.pop(BULK_ACTION, None)

    def workflow_context(self, item: Any) -> dict[str, Any]:
        """What the record's page shows of its workflow."""
        if self.workflow is None:
            return {"workflow": None}
        may_write = self.appbuilder.sm.has_access("can_step", self.class_permission_name)
        return {
            "workflow": self.workflow,
            "state_label": self.workflow.state_label(item.state),
            "steps": commands.allowed_transitions(item) if may_write else [],
            "deadlines": commands.row_deadlines(item),
            "events": commands.events(item),
            "today": clock.today(),
            "input_choices": input_choices,
        }

    @expose("/transition/<pk>/<name>", methods=["POST"])
    @has_access
    def transition(self, pk: Any, name: str) -> Any:
        if self.workflow is None:
            abort(404)
        item = self.scoped_get(pk)  # type: ignore[attr-defined]
        try:
            event = commands.fire(item, name, request.form.to_dict(), request.form.get("row_version"))
            ledger.commit()
            flash(str(_l("Done: %(step)s", step=self.workflow.transition(event.transition).label)), "success")
        except ledger.LedgerError as exc:
            self.datamodel.session.rollback()  # type: ignore[attr-defined]
            for message in exc.errors.values():
                flash(str(message), "danger")
        return redirect(url_for(f"{type(self).__name__}.show", pk=pk))

    def fire_selected(self, items: list[Any]) -> Any:
        """The bulk step: choose a step and give a date and comment, then it fires on every selected record
        where the guard allows it; the others are listed with the reason."""
        if self.workflow is None:
            abort(404)
        items = [item for item in items if item.voided_at is None]
        choices = bulk_steps(self.workflow, items)
        name = request.form.get("transition", "")
        if name and name in {t.name for t in choices}:
            done, refused = 0, []
            for item in items:
                try:
                    commands.fire(item, name, request.form.to_dict(), item.version)
                    done += 1
                except ledger.LedgerError as exc:
                    refused.append(f"{commands_title(item)}：{exc}")
            self.datamodel.session.commit()  # type: ignore[attr-defined]
            flash(str(_l("Done on %(count)d records", count=done)), "success")
            for line in refused:
                flash(line, "warning")
            return redirect(self.get_redirect())  # type: ignore[attr-defined]
        return self.render_template(  # type: ignore[attr-defined]
            "workflow/bulk.html", items=items, steps=choices, title=self.list_title, today=clock.today()
        )


def bulk_steps(workflow: Workflow, items: list[Any]) -> list[Transition]:
    """Steps that ask only for a date and a comment and that the user may fire on at least one item."""
    seen: dict[str, Transition] = {}
    for item in items:
        for step in commands.allowed_transitions(item):
            if step.bulk_allowed:
                seen.setdefault(step.name, step)
    return [t for t in workflow.transitions if t.name in seen]


def commands_title(item: Any) -> str:
    title = getattr(item, "ledger_title", None)
    return str(title()) if callable(title) else f"#{item.id}"


def input_choices(spec: Any) -> list[tuple[str, str]]:
    return codes.choices(spec.code_list) if spec.code_list else []
