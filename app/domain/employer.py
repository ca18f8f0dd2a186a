"""用人单位信息台账 (CATALOG E04, CK-28): the employers of a street/town. The qualification check of 招聘登记
(CK-14) is on the model; a vacancy is published only for a checked employer (app/domain/vacancy.py)."""

from __future__ import annotations

from app import ledger
from models.employer import Employer

EMPLOYER = ledger.register(ledger.Ledger(Employer, chapter="survey"))
