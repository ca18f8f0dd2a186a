"""公示 — public notices of approved batches (CATALOG §7.1 PN-01, R-35, B-19), generic over ledgers.

A ledger takes part by (1) giving its model `notice_row()` → {name, is_person, id_number, item, amount},
and (2) giving its workflow the steps NOTICE_STEP (put on notice), OBJECTION_STEP (returned by an
objection) and a step with `requires=("notice_closed",)` that must wait for the notice to close
(区级优惠政策 now; SI subsidies and public-welfare posts the same way). NOTICE_STEP requires
"on_draft_notice" and OBJECTION_STEP "objection_logged": neither is fired on its own from the record's page.

`create_notice` writes a draft `public_notice` with one entry per case and fires each case's NOTICE_STEP;
the batch API and the list's 生成公示 action both call it.
Publishing sets the week: start = the publication day, end = start + `notice.days` − 1 (policy parameter,
7), and the supervision phone `notice.phone`. Closing is refused until the week has passed. An objection
logged on the notice names the case; the case is returned (OBJECTION_STEP) with the objection on record.
Names and ID numbers are masked (app/rules/masking.py) in every public format: HTML, .docx, .xlsx.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import xlsxwriter
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import clock, ledger
from app.io import paper
from app.io.official import OfficialDocument
from app.ledger import registry
from app.rules.masking import mask_id, mask_name
from app.security.scope import current_actor
from app.services import policy
from app.services.policy import parameter
from app.workflow import commands
from models.notice import NoticeEntry, NoticeObjection, PublicNotice

NOTICE_STEP, OBJECTION_STEP = "put_on_notice", "objection_returned"


def create_notice(model: type[Any], items: list[Any], title: str, on: date | None = None) -> PublicNotice:
    """A draft notice of `items` (records of one ledger) in the actor's unit; each case goes on notice."""
    if not items:
        raise ledger.LedgerError({"": _l("Choose the records to put on notice")})
    if not (title or "").strip():
        raise ledger.LedgerError({"title": _l("This field is required")})
    on = on or clock.today()
    actor = current_actor()
    notice = ledger.create(
        PublicNotice,
        {
            "org_id": getattr(actor, "org_id", None),
            "title": title.strip(),
            "source_ledger": model.__ledger__,
            "channels": parameter("notice.channels", on),
            "phone": parameter("notice.phone", on),
            "body": str(
                _l(
                    "The review results below are published for public supervision; objections may be "
                    "reported to the supervision phone during the notice period."
                )
            ),
        },
    )
    refused = []
    for item in items:
        if not isinstance(item, model):
            raise ledger.LedgerError({"": _l("The cases of one notice must come from one ledger")})
        entry = NoticeEntry(ledger=model.__ledger__, row_id=item.id, **item.notice_row())
        notice.entries.append(entry)
        ledger.session().flush()  # the case stands on this draft: NOTICE_STEP's precondition "on_draft_notice"
        try:
            commands.fire(item, NOTICE_STEP, {"comment": title.strip()}, item.version)
        except ledger.LedgerError as exc:
            notice.entries.remove(entry)
            refused.append(f"{item.ledger_title()}：{exc}")
    if refused:
        raise ledger.LedgerError({"": "；".join(refused)})
    ledger.session().flush()
    return notice


def takes_notice(workflow: Any) -> bool:
    """Whether a ledger's cases can be put on a notice (its workflow has NOTICE_STEP)."""
    return workflow is not None and workflow.transition(NOTICE_STEP) is not None


def entry_of(ledger_name: str, row_id: int) -> NoticeEntry | None:
    """The case's entry on its latest notice that is not voided."""
    query = (
        select(NoticeEntry)
        .join(PublicNotice)
        .where(
            NoticeEntry.ledger == ledger_name, NoticeEntry.row_id == row_id, PublicNotice.voided_at.is_(None)
        )
        .order_by(NoticeEntry.id.desc())
        .limit(1)
    )
    return ledger.session().execute(query).scalars().first()


def notice_closed(obj: Any) -> list[Any]:
    """Precondition "notice_closed": what still keeps the case waiting for its notice."""
    entry = entry_of(type(obj).__ledger__, obj.id)
    if entry is None:
        return [_l("The record has not been put on public notice")]
    notice = entry.notice
    if notice.state != "closed":
        end = notice.end_on.isoformat() if notice.end_on else "—"
        return [_l("The public notice has not closed yet (notice period until %(date)s)", date=end)]
    if entry.objected:
        return [_l("An objection was raised during the public notice")]
    return []


def on_draft_notice(obj: Any) -> list[Any]:
    """Precondition "on_draft_notice" of NOTICE_STEP: a case goes on notice only with a notice, made by
    create_notice (the list's 生成公示 or the batch API), never by the step alone."""
    entry = entry_of(type(obj).__ledger__, obj.id)
    if entry is None or entry.notice.state != "draft":
        return [_l("Put cases on public notice from the list: tick them and choose “Generate public notice”")]
    return []


def objection_logged(obj: Any) -> list[Any]:
    """Precondition "objection_logged" of OBJECTION_STEP: a case is returned by an objection logged on its
    notice (the notice's step 登记异议), never by the step alone."""
    entry = entry_of(type(obj).__ledger__, obj.id)
    if entry is None or not entry.objected:
        return [_l("Log the objection on the public notice; the case is returned from there")]
    return []


def notice_period_over(notice: Any) -> list[Any]:
    """Precondition "notice_period_over": the notice may close once its week has passed."""
    if notice.end_on is None:
        return [_l("The notice has not been published")]
    if clock.today() <= notice.end_on:
        return [_l("The notice period runs until %(date)s", date=notice.end_on.isoformat())]
    return []


def amounts_settled(notice: Any) -> list[Any]:
    """Precondition "amounts_settled" of publishing: the public must not read 0.00 or a sum computed from a
    policy figure still 待核定. Each refused line is named (its number on the notice, the name) with the
    parameter to set; the administrator sets the figure, the case is computed again and a new notice made."""
    problems: list[Any] = []
    for number, entry in enumerate(notice.entries, 1):
        case = ledger.session().get(ledger.ledger_model(entry.ledger), entry.row_id)
        pending = policy.pending_labels(getattr(case, "rule_readings", None)) if case is not None else []
        if pending:
            problems.append(
                _l(
                    "Line %(number)d %(name)s: the amount was computed from a policy figure not yet "
                    "set: %(parameters)s",
                    number=number,
                    name=entry.name,
                    parameters="、".join(pending),
                )
            )
        elif entry.amount is not None and Decimal(entry.amount) == 0:
            problems.append(
                _l("Line %(number)d %(name)s: the amount is 0.00", number=number, name=entry.name)
            )
    if problems:
        problems.insert(0, _l("The notice cannot be published"))
    return problems


def on_fire(obj: Any, name: str, event: Any) -> None:
    """The notice's own steps: publishing sets the week; an objection is logged and returns the case."""
    if name == "publish":
        days = int(parameter("notice.days", event.on_date))
        obj.start_on = event.on_date
        obj.end_on = event.on_date + timedelta(days=days - 1)
        obj.phone = obj.phone or parameter("notice.phone", event.on_date)
    elif name == "log_objection":
        log_objection(obj, event)


def log_objection(notice: PublicNotice, event: Any) -> None:
    case_id = event.inputs.get("case")
    entry = None
    if case_id is not None:
        entry = next((e for e in notice.entries if e.row_id == case_id), None)
        if entry is None:
            raise ledger.LedgerError({"case": _l("Record %(id)s is not on this notice", id=case_id)})
    actor = current_actor()
    ledger.session().add(
        NoticeObjection(
            notice_id=notice.id,
            entry_id=entry.id if entry else None,
            received_on=event.on_date,
            text=event.comment or "",
            username=getattr(actor, "username", None) or "system",
        )
    )
    if entry is not None and not entry.objected:
        entry.objected = True
        ledger.session().flush()  # OBJECTION_STEP's precondition "objection_logged" reads it
        case = ledger.session().get(ledger.ledger_model(entry.ledger), entry.row_id)
        commands.fire(case, OBJECTION_STEP, {"comment": event.comment}, case.version)


# ---- what the public sees: masked rows, HTML / .docx / .xlsx ---------------------------------------------


def public_rows(notice: PublicNotice) -> list[dict[str, Any]]:
    return [
        {
            "number": n,
            "name": mask_name(e.name) if e.is_person else e.name,
            "id_number": mask_id(e.id_number),
            "item": e.item or "",
            "amount": e.amount,
        }
        for n, e in enumerate(notice.entries, 1)
    ]


def headers() -> list[str]:
    return [str(_l("No.")), str(_l("Name")), str(_l("ID number")), str(_l("Item")), str(_l("Amount (yuan)"))]


def period_line(notice: PublicNotice) -> str:
    start = notice.start_on.isoformat() if notice.start_on else "—"
    end = notice.end_on.isoformat() if notice.end_on else "—"
    return str(_l("Notice period: %(start)s to %(end)s", start=start, end=end))


def phone_line(notice: PublicNotice) -> str:
    return str(_l("Supervision phone: %(phone)s", phone=notice.phone or ""))


def docx_bytes(notice: PublicNotice) -> bytes:
    """The notice as an official paper: centered title, the text, the masked table (the ID number on one
    line), the period and phone, and the 落款 (the notice's unit, the publication day or today)."""
    document = OfficialDocument(notice.title)
    if notice.body:
        document.paragraph(notice.body)
    rows = [
        [row["number"], row["name"], row["id_number"], row["item"], money_text(row["amount"])]
        for row in public_rows(notice)
    ]
    document.table(headers(), rows, widths_cm=(1.3, 2.4, 5.0, 4.6, 2.6), nowrap=(1, 2, 4))
    document.paragraph(period_line(notice))
    document.paragraph(phone_line(notice))
    if notice.channels:
        document.paragraph(str(_l("Published on")) + "：" + notice.channels)
    document.signoff(notice.org.name if notice.org else "", notice.start_on or clock.today())
    return document.bytes()


def money_text(amount: Any) -> str:
    return "" if amount is None else f"{Decimal(amount):,.2f}"


def xlsx_bytes(
    notice: PublicNotice, rows: list[dict[str, Any]] | None = None, title: str | None = None
) -> bytes:
    """The notice's table as a workbook; with `rows` and `title`, the 花名册 for 区财政局: the same table
    closed by 合计 (persons, amount) and the signature lines."""
    roster = rows is not None
    rows = rows if rows is not None else public_rows(notice)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet(str(_l("Roster") if roster else _l("Public notice"))[:31])
    fmt = paper.formats(book)
    cell = book.add_format({"border": 1})
    text = book.add_format({"border": 1, "num_format": "@"})
    money = book.add_format({"border": 1, "num_format": "#,##0.00"})
    columns = headers()
    unit = notice.org.name if notice.org else ""
    lines = [str(_l("Reporting unit: %(unit)s", unit=unit)), period_line(notice), phone_line(notice)]
    head = paper.title_block(sheet, fmt, title or notice.title, len(columns), lines)
    for col, header_text in enumerate(columns):
        sheet.write_string(head, col, header_text, fmt["header"])
    total = Decimal(0)
    r = head
    for r, row in enumerate(rows, head + 1):
        sheet.write_number(r, 0, row["number"], cell)
        sheet.write_string(r, 1, row["name"], cell)
        sheet.write_string(r, 2, row["id_number"] or "", text)
        sheet.write_string(r, 3, row["item"], cell)
        if row["amount"] is None:
            sheet.write_blank(r, 4, None, money)
        else:
            sheet.write_number(r, 4, float(Decimal(row["amount"])), money)
            total += Decimal(row["amount"])
    if roster:
        paper.totals_row(sheet, fmt, r + 1, head + 1, len(rows), [(4, float(total), True)], len(columns))
        paper.signature_lines(sheet, fmt, r + 1, len(columns))
    for col, width in enumerate((6, 12, 22, 26, 14)):
        sheet.set_column(col, col, width)
    paper.print_setup(sheet, len(columns), head)
    book.close()
    return buffer.getvalue()


def roster_rows(notice: PublicNotice, unmasked: bool) -> list[dict[str, Any]]:
    """花名册 for 区财政局: the entries without objection (R-35 “公示结果无异议”), unmasked for PII roles."""
    rows = []
    for n, e in enumerate((e for e in notice.entries if not e.objected), 1):
        rows.append(
            {
                "number": n,
                "name": e.name if unmasked or not e.is_person else mask_name(e.name),
                "id_number": (e.id_number or "") if unmasked else mask_id(e.id_number),
                "item": e.item or "",
                "amount": e.amount,
            }
        )
    return rows


# the steps of any case workflow may wait for its notice (Transition.requires)
registry.KERNEL.preconditions.update(
    notice_closed=notice_closed, on_draft_notice=on_draft_notice, objection_logged=objection_logged
)
