"""Fuzz (issue 14): schemathesis generates requests for every operation of the OpenAPI spec and sends them
in-process to the Flask app, as a town clerk with a JWT, with real record ids of the clerk's territory
beside generated ones. Bounded (a few examples per operation, derandomized: the same requests every run);
no request may answer 500."""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

import schemathesis
from flask import Flask, g
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seed.demo.person import DEMO_PASSWORD
from tests.fuzz.spec import openapi_spec
from tests.ledgers.case import HOME_TOWN, case, registered_ledgers

EXAMPLES = 4
CLERK = "renhe_jingban"
LEDGER_OF_PATH = re.compile(r"^/api/v1/(?:workflow/)?(\w+)/")


def real_rows(app: Flask) -> dict[str, list[int]]:
    """One row of every ledger in the clerk's town (LedgerCase.make_row): ledger → ids."""
    return {name: [case(name).make_row(app, HOME_TOWN).id] for name in registered_ledgers()}


def bearer(app: Flask) -> dict[str, str]:
    body = {"username": CLERK, "password": DEMO_PASSWORD, "provider": "db"}
    token = app.test_client().post("/api/v1/security/login", json=body).json["access_token"]
    return {"Authorization": f"Bearer {token}"}


def with_real_ids(strategy: Any, ids: list[int]) -> Any:
    """Cases whose `pk` is now a real id of the territory, now the generated value."""
    if not ids:
        return strategy

    def use(pair: tuple[Any, int | None]) -> Any:
        generated, pk = pair
        if pk is not None and generated.path_parameters and "pk" in generated.path_parameters:
            generated.path_parameters["pk"] = pk
        return generated

    return st.tuples(strategy, st.one_of(st.none(), st.sampled_from(ids))).map(use)


class Crashes(logging.Handler):
    """The exceptions FAB's @safe turned into a 500 "Fatal error", each with the app's frame that raised it."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.last: str = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.last = origin(record.exc_info[1])


def origin(exc: BaseException) -> str:
    """The exception and the innermost frame of this project's code it passed through."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/site-packages/" not in f.filename]
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__}: {str(exc)[:160]} at {where}"


def fuzz_operation(app: Flask, operation: Any, rows: dict[str, list[int]], headers: dict[str, str]) -> Any:
    """Send the operation's examples; the count sent and each 500 (status or exception)."""
    match = LEDGER_OF_PATH.match(operation.path)
    ledger_name = match.group(1) if match else ""
    tally = {"sent": 0, "found": []}
    crashes = Crashes()
    api_log = logging.getLogger("flask_appbuilder.api")
    api_log.addHandler(crashes)
    api_log.disabled = False  # the migrations' logging.config switched it off

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(generated=with_real_ids(operation.as_strategy(), rows.get(ledger_name, [])))
    def run(generated: Any) -> None:
        tally["sent"] += 1
        g.pop("_login_user", None)
        crashes.last = ""
        try:
            response = generated.call(app=app, headers=headers)
        except Exception as exc:  # noqa: BLE001 - a crash is a finding, reported with its origin
            tally["found"].append(f"{operation.label} {generated.path_parameters} -> {origin(exc)}")
            return
        if response.status_code >= 500:
            tally["found"].append(
                f"{operation.label} {generated.path_parameters} {generated.body!r:.120} -> {crashes.last}"
            )

    try:
        run()
    finally:
        api_log.removeHandler(crashes)
    return tally


def test_api_fuzz__no_500_for_a_town_clerk(app: Flask) -> None:
    rows = real_rows(app)
    headers = bearer(app)
    schema = schemathesis.openapi.from_dict(openapi_spec(app))
    tallies = [fuzz_operation(app, result.ok(), rows, headers) for result in schema.get_all_operations()]
    found = [line for tally in tallies for line in tally["found"]]
    sent = sum(t["sent"] for t in tallies)
    print(f"fuzz: {len(tallies)} operations, {sent} requests, {len(found)} answered 500")
    print(*found, sep="\n")
    assert found == []
