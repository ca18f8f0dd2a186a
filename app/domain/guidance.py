"""职业指导培训补贴 (SM-08): the 10% telephone spot-check of a claim (R-36) on the claim's workflow.

- district review (`review`) takes the claim's sessions — the street/town's self-filled sessions of at least
  2 hours held in the quarter, in its territory — and draws the sample (app/rules/sampling.py) with a new
  seed, stored on the claim with the session ids, so the same sample can be drawn again;
- `record_call` records the outcome of the call to one sampled person;
- `finish_sampling` waits until every sampled person has an outcome (precondition "calls_recorded");
- `sample_rows` lists the sample for the claim's page: whom to call, and what each call found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import codes, ledger
from app.rules import sampling
from app.security.scope import subtree_ids
from app.services import policy
from models.guidance import GuidanceClaim, GuidanceTraining
from seed.workflows.guidance import GUIDANCE_CLAIM

OUTCOMES = "guidance_call_outcome"  # the code list of the record_call step's outcome


def claim_sessions(claim: GuidanceClaim) -> list[int]:
    end = claim.quarter_end
    assert end is not None
    start = date(end.year, end.month - 2, 1)
    query = select(GuidanceTraining.id).where(
        GuidanceTraining.org_id.in_(subtree_ids(claim.org.path)),
        GuidanceTraining.voided_at.is_(None),
        GuidanceTraining.self_filled.is_(True),
        GuidanceTraining.held_on.between(start, end),
    )
    return sorted(ledger.session().execute(query).scalars())


def draw_sample(claim: GuidanceClaim, on: Any) -> None:
    rate = policy.parameter("guidance.sample_rate", on)
    claim.sessions = claim_sessions(claim)
    if not claim.sessions:
        raise ledger.LedgerError({"": _l("The claim has no guidance sessions in its quarter")})
    claim.sample_seed = claim.sample_seed or sampling.new_seed()
    claim.sampled = sampling.draw(claim.sessions, claim.sample_seed, rate)
    claim.calls = {}


def record_call(claim: GuidanceClaim, inputs: dict[str, Any]) -> None:
    session_id = inputs.get("session")
    if session_id not in (claim.sampled or []):
        raise ledger.LedgerError(
            {"session": _l("Session %(id)s is not in the sample of this claim", id=session_id)}
        )
    claim.calls = {**(claim.calls or {}), str(session_id): inputs.get("outcome")}


def calls_missing(claim: Any) -> list[Any]:
    """Precondition "calls_recorded": every sampled person has a call outcome."""
    done = set((claim.calls or {}).keys())
    return [
        _l("No call outcome for session %(id)s", id=pk) for pk in (claim.sampled or []) if str(pk) not in done
    ]


@dataclass(frozen=True)
class SampledCall:
    """One sampled session on the claim's page: its record number, the session and the call's outcome."""

    session_id: int
    session: GuidanceTraining | None
    outcome: str


def sample_rows(claim: GuidanceClaim) -> list[SampledCall]:
    """The sampled sessions in record order, each with its call outcome (empty while not called)."""
    calls = claim.calls or {}
    return [
        SampledCall(pk, ledger.session().get(GuidanceTraining, pk), codes.label(OUTCOMES, calls.get(str(pk))))
        for pk in claim.sampled or []
    ]


def on_fire(obj: Any, name: str, event: Any) -> None:
    if name == "review":
        draw_sample(obj, event.on_date)
    elif name == "record_call":
        record_call(obj, event.inputs)


def claim_checklist(claim: GuidanceClaim) -> str:
    """CK-09a for the district's review, CK-09b for the submission to the city."""
    return "CK-09a" if claim.state in (None, "submitted") else "CK-09b"


GUIDANCE_TRAINING = ledger.register(
    ledger.Ledger(GuidanceTraining, chapter="funds", policy_basis=("guidance_training",))
)
GUIDANCE = ledger.register(
    ledger.Ledger(
        GuidanceClaim,
        chapter="funds",
        policy_basis=("guidance_training",),
        workflow=GUIDANCE_CLAIM,
        after_fire=(on_fire,),
        preconditions={"calls_recorded": calls_missing},
        checklist=claim_checklist,
    )
)
