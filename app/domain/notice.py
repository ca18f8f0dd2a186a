"""公示 as a ledger (CATALOG §7.1 PN-01, R-35): the notice's own workflow (draft → published → closed) and
what its steps do. The notices themselves, generic over the case ledgers, are app/services/notices.py."""

from __future__ import annotations

from app import ledger
from app.services.notices import amounts_settled, notice_period_over, on_fire
from models.notice import PublicNotice
from seed.workflows.notice import PUBLIC_NOTICE as WORKFLOW

PUBLIC_NOTICE = ledger.register(
    ledger.Ledger(
        PublicNotice,
        chapter="funds",
        policy_basis=("district_preferential",),
        workflow=WORKFLOW,
        after_fire=(on_fire,),
        preconditions={"notice_period_over": notice_period_over, "amounts_settled": amounts_settled},
    )
)
