"""Mixins every ledger row is built on, and the column metadata that drives views, API, Excel and tests.

A ledger column is declared once with `field(...)`: its Chinese label (an English msgid translated in the
zh catalog), code list, required flag, natural key, export format and PII flag live in `Column.info`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, ClassVar

from flask_appbuilder import Model
from sqlalchemy import DateTime, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

__all__ = ["Model", "LedgerMixin", "ColumnMeta", "field", "column_meta", "utcnow", "FLAT"]

# a required reference loads with an inner join that stays flat when its row is itself outer-joined: a
# plain innerjoin=True beside an optional `person` gives LEFT OUTER JOIN (person JOIN org_unit), which
# SQLite answers by materialising every person per query (SQLAlchemy takes "unnested"; its stub says bool)
FLAT: Any = "unnested"


_clock: list[Callable[[], date]] = [date.today]  # app.clock installs Beijing's date (frozen in tests, demos)


def install_clock(today_of: Callable[[], date]) -> None:
    """Where the models' checks read today's date from (app.clock, which imports the models)."""
    _clock[0] = today_of


def today() -> date:
    """Beijing's date as app.clock gives it, not the server's."""
    return _clock[0]()


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class ColumnMeta:
    """What the kernel knows about one ledger column."""

    name: str
    label: Any  # lazy msgid
    code_list: str | None = None
    required: bool = False
    natural_key: bool = False
    export: str = "auto"  # auto | text | date | number | code
    pii: bool = False
    description: Any = None
    not_future: bool = False  # a date that cannot lie after today (checked by the validation path)
    future_message: Any = None  # the refusal of a future date when it says more than the common one
    readonly: bool = False  # written by the ledger's own rules or workflow steps, never typed in


def field(
    type_: Any,
    label: Any,
    *fk: Any,
    code_list: str | None = None,
    required: bool = False,
    natural_key: bool = False,
    export: str = "auto",
    pii: bool = False,
    description: Any = None,
    public: bool = False,
    not_future: bool = False,
    future_message: Any = None,
    readonly: bool = False,
    **kwargs: Any,
) -> Any:
    """A mapped column carrying its ledger metadata in `info`. `public`: a reference to a row that any
    territory may name (a published vacancy is public information), so only its liveness is checked.
    `not_future`: a date that cannot lie after today (Beijing), refused with `future_message` if given.
    `pii`: personal data (ID number, phone, birth date) masked for users without the PII permission;
    `readonly`: shown and exported, but written only by the ledger's rules and workflow steps."""
    info = {
        "label": label,
        "code_list": code_list,
        "required": required,
        "natural_key": natural_key,
        "export": "code" if code_list and export == "auto" else export,
        "pii": pii,
        "description": description,
        "public": public,
        "not_future": not_future,
        "future_message": future_message,
        "readonly": readonly,
    }
    kwargs.setdefault("nullable", not required)
    return mapped_column(type_, *fk, info=info, **kwargs)


@cache
def column_meta(model: type) -> list[ColumnMeta]:
    """The ledger columns of a model, in declaration order (only those declared with `field`); computed
    once per model (models are fixed at import; the commands ask for every row of an import)."""
    metas = []
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        info = column.info
        if "label" not in info:
            continue
        metas.append(
            ColumnMeta(
                name=column.key,
                label=info["label"],
                code_list=info["code_list"],
                required=info["required"],
                natural_key=info["natural_key"],
                export=info["export"],
                pii=info["pii"],
                description=info["description"],
                not_future=info["not_future"],
                future_message=info["future_message"],
                readonly=info["readonly"],
            )
        )
    return metas


class LedgerMixin:
    """Owning org unit, version number, void marker and timestamps: what every ledger row carries.

    `__ledger__` is the registry name used in URLs, the REST resource, the command line and tests.
    """

    __ledger__: ClassVar[str]
    __ledger_label__: ClassVar[Any]

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    voided_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    void_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    @declared_attr
    def org_id(cls) -> Mapped[int]:  # noqa: N805
        from flask_babel import lazy_gettext as _l

        return field(Integer, _l("Org unit"), ForeignKey("org_unit.id"), required=True, index=True)

    @declared_attr
    def org(cls) -> Mapped[Any]:  # noqa: N805
        return relationship("OrgUnit", lazy="joined", innerjoin=FLAT)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.version}

    def __str__(self) -> str:
        """How a row reads where it is referred to (a form's select of 协管员, 贷款 ...): its title."""
        title = getattr(self, "ledger_title", None)
        return str(title()) if callable(title) else f"{self.__ledger_label__} #{self.id}"
