"""劳动力基础信息台账 (CATALOG E03): the labour-force registry. Its rules are the columns' own (ID number,
code lists, natural key) and the model's clean(); nothing reads other rows. A person is kept by a
community (by a street/town only where no community lies below it): a town clerk's add form asks which."""

from __future__ import annotations

from app import ledger
from models.person import Person

PERSON = ledger.register(ledger.Ledger(Person, chapter="survey", kept_by_community=True))
