"""The OpenAPI spec (issue 14 item 12) declares every path parameter of every operation, so a client
generator or schemathesis can load it."""

from __future__ import annotations

import re

from flask import Flask

from tests.fuzz.spec import openapi_spec

TEMPLATE = re.compile(r"{(\w+)}")


def test_openapi__every_path_parameter_declared(app: Flask) -> None:
    undeclared = []
    for path, item in openapi_spec(app)["paths"].items():
        shared = {p["name"] for p in item.get("parameters", []) if p.get("in") == "path"}
        for method, operation in item.items():
            if method == "parameters":
                continue
            declared = shared | {p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"}
            undeclared += [
                f"{method.upper()} {path}: {name}" for name in TEMPLATE.findall(path) if name not in declared
            ]
    assert undeclared == []
