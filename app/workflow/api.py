"""REST endpoints of every workflow ledger, generated like the ledger APIs and guarded by the same ledger
permissions (read to look, step to fire):

    GET  /api/v1/workflow/<ledger>/<pk>               state, allowed steps, deadlines, events
    POST /api/v1/workflow/<ledger>/<pk>/<transition>  JSON body: the step's inputs and "version"

A refused step answers 403 with the reason, a stale version 409, missing or bad inputs 422."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_appbuilder.api import BaseApi, expose, safe
from flask_appbuilder.security.decorators import protect
from flask_babel import gettext as _

from app import clock, ledger
from app.security.scope import OrgScopeFilter
from app.workflow import commands


class WorkflowApi(BaseApi):
    view: Any = None
    allow_browser_login = True
    method_permission_name = {"state": "read", "fire": "step"}

    def scoped(self, pk: int) -> Any:
        datamodel = self.view.datamodel
        filters = datamodel.get_filters().add_filter_list([["org_id", OrgScopeFilter, None]])
        row_id = ledger.record_id(pk)
        item = datamodel.get(row_id, filters) if row_id else None
        return item if item is not None and item.voided_at is None else None

    def describe(self, item: Any) -> dict[str, Any]:
        workflow = self.view.workflow
        today = clock.today()
        return {
            "id": item.id,
            "version": item.version,
            "state": item.state,
            "state_label": workflow.state_label(item.state),
            "allowed": [
                {
                    "name": step.name,
                    "label": str(step.label),
                    "inputs": [
                        {"name": i.name, "label": str(i.label), "kind": i.kind, "required": i.required}
                        for i in step.inputs
                    ],
                }
                for step in commands.allowed_transitions(item)
            ],
            "deadlines": [
                {
                    "step": d.step,
                    "step_label": str(workflow.transition(d.step).label),
                    "limit": d.limit,
                    "started_on": d.started_on.isoformat(),
                    "due_on": d.due_on.isoformat(),
                    "status": d.status,
                    "done_on": d.done_on.isoformat() if d.done_on else None,
                    "overdue": d.overdue(today),
                    "calendar_confirmed": d.calendar_confirmed,
                }
                for d in commands.row_deadlines(item)
            ],
            "events": [
                {
                    "transition": e.transition,
                    "from": e.from_state,
                    "to": e.to_state,
                    "on": e.on_date.isoformat(),
                    "at": e.at.isoformat(),
                    "by": e.username,
                    "org": e.user_org_name,
                    "comment": e.comment,
                    "inputs": e.inputs,
                }
                for e in commands.events(item)
            ],
        }

    @expose("/<int:pk>", methods=["GET"])
    @protect()
    @safe
    def state(self, pk: int) -> Any:
        """A record's workflow: state, allowed steps, deadlines and events.
        ---
        get:
          parameters:
          - {in: path, name: pk, required: true, schema: {type: integer}}
          responses:
            200: {description: The record's workflow, content: {application/json: {schema: {type: object}}}}
            401: {$ref: '#/components/responses/401'}
            404: {$ref: '#/components/responses/404'}
        """
        item = self.scoped(pk)
        if item is None:
            return self.response_404()
        return self.response(200, result=self.describe(item))

    @expose("/<int:pk>/<name>", methods=["POST"])
    @protect()
    @safe
    def fire(self, pk: int, name: str) -> Any:
        """Do a step: the body holds its inputs and the record's "version".
        ---
        post:
          parameters:
          - {in: path, name: pk, required: true, schema: {type: integer}}
          - {in: path, name: name, required: true, schema: {type: string}, description: the step}
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
                  properties: {version: {type: integer}, comment: {type: string}}
                  additionalProperties: true
          responses:
            200: {description: The record's workflow after the step}
            400: {$ref: '#/components/responses/400'}
            401: {$ref: '#/components/responses/401'}
            403: {$ref: '#/components/responses/403'}
            404: {$ref: '#/components/responses/404'}
            409: {description: The record was changed by someone else}
            422: {$ref: '#/components/responses/422'}
        """
        item = self.scoped(pk)
        if item is None:
            return self.response_404()
        body = request.get_json(silent=True) if request.is_json else None
        if not isinstance(body, dict):
            return self.response_400(message=_("Request is not JSON"))
        session = self.view.datamodel.session
        try:
            commands.fire(item, name, body, body.get("version"))
            ledger.commit()
        except ledger.LedgerError as exc:
            session.rollback()
            return self.response(
                status_for(exc), message={k or "_record": str(v) for k, v in exc.errors.items()}
            )
        return self.response(200, result=self.describe(item))


def status_for(exc: ledger.LedgerError) -> int:
    if exc.errors.get("") == ledger.STALE_MESSAGE:
        return 409
    return 403 if set(exc.errors) == {""} else 422


def workflow_api_for(view_class: Any) -> type[WorkflowApi]:
    name = view_class.datamodel.obj.__ledger__
    attrs = {
        "view": view_class,
        "route_base": f"/api/v1/workflow/{name}",
        "resource_name": f"workflow_{name}",
        "class_permission_name": name,
    }
    return type(f"{view_class.datamodel.obj.__name__}WorkflowApi", (WorkflowApi,), attrs)
