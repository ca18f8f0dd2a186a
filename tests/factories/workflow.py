"""Workflow steps through the REST API: firing a step at the record's current version, the open deadlines,
a refusal's message, and personas sharing one test client."""

from __future__ import annotations

from typing import Any


def fire(client: Any, ledger_name: str, pk: int, step: str, **inputs: Any) -> Any:
    version = client.get(f"/api/v1/workflow/{ledger_name}/{pk}").json["result"]["version"]
    return client.post(f"/api/v1/workflow/{ledger_name}/{pk}/{step}", json={**inputs, "version": version})


def deadlines(client: Any, ledger_name: str, pk: int, status: str = "open") -> dict[str, str]:
    result = client.get(f"/api/v1/workflow/{ledger_name}/{pk}").json["result"]
    return {d["step"]: d["due_on"] for d in result["deadlines"] if d["status"] == status}


def refusal(response: Any) -> str:
    assert response.status_code == 403, response.json
    return str(response.json["message"]["_record"])


class Persona:
    """A user of the shared test client: logs in again whenever another persona used the client since."""

    def __init__(self, login: Any, username: str) -> None:
        self.personas, self.username = login.__self__, username
        self.client = login.__self__.client

    def __getattr__(self, name: str) -> Any:
        if getattr(self.personas, "current_username", None) != self.username:
            self.personas.login(self.username)
            self.personas.current_username = self.username
        return getattr(self.client, name)
