"""推荐 (CATALOG E07; R-54..R-59): the checks of a referral that need the database, the referral count, the
follow-ups the rules of seed/followup_rules.py schedule, the 《推荐介绍信》 (.docx) and the 《推荐人员花名册》
(.xlsx). Everything is in the referral's spec (checks, after-create and after-update hooks), so a
referral added by form, API, import or the matching page behaves the same.

Follow-ups (each on the referred person, with the referral as its subject):
- FU-01 (R-54): a counter match → due 30 days after the referral date;
- FU-05 (R-58): the interview of an accompanied 求职困难人员 → due 5 working days after the interview date;
- FU-06 / FU-07 (R-59): a 用人推荐 → the call to the employer, 7 working days after the referral, by the
  town (FU-06, "within") or the community (FU-07, "after") that recorded it. The follow-up ledger is about a
  person; the employer call stays on the referred person's row, the rule naming it the employer call;
- FU-02 (R-55): the third referral of a registration recorded without a job → the initial diagnosis /
  expert-guidance task, due the day the outcome is recorded;
- FU-03 (R-56): an expert guidance session (guidance_session, mode 专家式) → due 10 working days later.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import xlsxwriter
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app import clock, codes, ledger
from app.dates import zh_date
from app.domain.job_seeker import HARDSHIP_CLASS, current
from app.io import paper
from app.io.official import OfficialDocument
from app.ledger.display import personal
from app.services import followups
from models.job_seeker import JobSeeker
from models.referral import Referral
from models.vacancy import Vacancy

EMPLOYER_DIRECTION = "2"  # 用人推荐
WITHOUT_JOB = ("2", "3")  # 因岗位原因未就业, 因自身原因未就业
R55_REFERRALS = 3


def check_referral(values: dict[str, Any], existing: Any) -> dict[str, Any]:
    errors: dict[str, Any] = {}
    session = ledger.session()
    referred_on = current(values, existing, "referred_on")
    seeker_id = current(values, existing, "job_seeker_id")
    seeker = session.get(JobSeeker, seeker_id) if isinstance(seeker_id, int) else None
    if seeker is not None:
        values["person_id"] = seeker.person_id
        if isinstance(referred_on, date) and not seeker.valid_on(referred_on) and existing is None:
            errors["job_seeker_id"] = _l("The job-seeker registration is not valid on the referral date")
        if seeker.seeker_class == HARDSHIP_CLASS and not current(values, existing, "accompanied"):
            errors["accompanied"] = _l(
                "A job seeker with difficulties is accompanied to the interview (R-58)"
            )
    vacancy_id = current(values, existing, "vacancy_id")
    vacancy = session.get(Vacancy, vacancy_id) if isinstance(vacancy_id, int) else None
    if vacancy is not None:
        values["employer_id"] = vacancy.employer_id
        changed = existing is None or existing.vacancy_id != vacancy.id
        if changed and isinstance(referred_on, date):
            if vacancy.state != "published" or not vacancy.valid_from <= referred_on <= vacancy.valid_until:
                errors["vacancy_id"] = _l("The vacancy is not published on the referral date")
        if changed and seeker is not None and live_referral(seeker.id, vacancy.id) is not None:
            errors["vacancy_id"] = _l("This job seeker has already been referred to this vacancy")
    return errors


def match_values(
    seeker: JobSeeker, vacancy_id: int, direction: str, on: date, at_counter: bool = False
) -> dict[str, Any]:
    """A referral made on the matching page: in the registration's unit, dated `on`; a 求职困难人员 is
    accompanied to the interview (R-58); a match made at the service counter is followed up within 30 days
    (R-54)."""
    return {
        "org_id": seeker.org_id,
        "job_seeker_id": seeker.id,
        "vacancy_id": vacancy_id,
        "direction": direction,
        "referred_on": on,
        "accompanied": seeker.seeker_class == HARDSHIP_CLASS,
        "at_counter": at_counter,
    }


def live_referral(seeker_id: int, vacancy_id: int) -> Referral | None:
    query = select(Referral).where(
        Referral.job_seeker_id == seeker_id, Referral.vacancy_id == vacancy_id, Referral.voided_at.is_(None)
    )
    return ledger.session().execute(query.limit(1)).scalars().first()


def referrals_without_job(seeker_id: int) -> int:
    query = select(func.count(Referral.id)).where(
        Referral.job_seeker_id == seeker_id,
        Referral.outcome.in_(WITHOUT_JOB),
        Referral.voided_at.is_(None),
    )
    return int(ledger.session().execute(query).scalar_one())


# ---- follow-up conditions (FollowUpRule.when) ------------------------------------------------------------


CONDITIONS = {
    "counter_match": lambda ref: bool(ref.at_counter),
    "accompanied_difficult_seeker": lambda ref: (
        bool(ref.accompanied) and ref.job_seeker.seeker_class == HARDSHIP_CLASS
    ),
    "employer_referral_by_town": lambda ref: (
        ref.direction == EMPLOYER_DIRECTION and followups.org_level(ref) in ("town", "district")
    ),
    "employer_referral_by_community": lambda ref: (
        ref.direction == EMPLOYER_DIRECTION and followups.org_level(ref) == "community"
    ),
    "third_referral_without_job": lambda ref: (
        ref.outcome in WITHOUT_JOB and referrals_without_job(ref.job_seeker_id) == R55_REFERRALS
    ),
}


def after_create(obj: Any) -> None:
    if obj.id is None:
        ledger.session().flush()
    seeker = obj.job_seeker or ledger.session().get(JobSeeker, obj.job_seeker_id)
    ledger.update(seeker, {"referral_count": (seeker.referral_count or 0) + 1}, seeker.version)
    followups.fire_event(obj, "create", obj.referred_on)
    if obj.interview_on is not None:
        followups.fire_event(obj, "interview", obj.interview_on)
    if obj.outcome:
        followups.fire_event(obj, "outcome", obj.outcome_on or obj.referred_on)


def after_update(obj: Any, before: dict[str, Any]) -> None:
    if "interview_on" in before and before["interview_on"] is None and obj.interview_on is not None:
        followups.fire_event(obj, "interview", obj.interview_on)
    if "outcome" in before and not before["outcome"] and obj.outcome:
        ledger.session().flush()  # the count of referrals without a job includes this one
        followups.fire_event(obj, "outcome", obj.outcome_on or clock.today())


REFERRAL = ledger.register(
    ledger.Ledger(
        Referral,
        chapter="services",
        checks=(check_referral,),
        after_create=(after_create,),
        after_update=(after_update,),
        conditions=CONDITIONS,
    )
)


# ---- documents ------------------------------------------------------------------------------------------


def letter_lines(referral: Referral) -> dict[str, Any]:
    """The contents of the 《推荐介绍信》."""
    vacancy, employer, person = referral.vacancy, referral.employer, referral.person
    interview = " ".join(
        part
        for part in (
            referral.interview_on.isoformat() if referral.interview_on else "",
            referral.interview_time or "",
            referral.interview_place or "",
            codes.label("interview_mode", referral.interview_mode) if referral.interview_mode else "",
        )
        if part
    )
    return {
        "title": "推荐介绍信",
        "addressee": f"{employer.name}：",
        "body": (
            f"兹介绍{person.name}同志前往贵单位应聘{vacancy.occupation}岗位"
            f"（工资{vacancy.wage_range() or '面议'}元/月），请予接洽为盼。"
        ),
        "interview": f"面试安排：{interview}" if interview else "",
        "accompanied": "本单位工作人员陪同面试。" if referral.accompanied else "",
        "signature": referral.org.name,
        "date": zh_date(referral.referred_on),
        "return_slip": f"回执：{person.name}同志应聘{vacancy.occupation}岗位，结果：□录用 □未录用（原因：　　　）",
    }


def letter_docx(referral: Referral) -> bytes:
    """《推荐介绍信》 as an official letter: centered title, addressee, body, the 落款 (the referring unit
    and the referral day in Chinese), then the return slip under a cut line."""
    lines = letter_lines(referral)
    document = OfficialDocument(lines["title"])
    document.paragraph(lines["addressee"], indent=False)
    for key in ("body", "interview", "accompanied"):
        if lines[key]:
            document.paragraph(lines[key])
    document.signoff(lines["signature"], referral.referred_on)
    document.paragraph("—" * 20, indent=False)
    document.paragraph(lines["return_slip"], indent=False)
    return document.bytes()


ROSTER_HEADERS = (
    "序号",
    "姓名",
    "性别",
    "联系电话",
    "求职意向",
    "推荐日期",
    "面试时间",
    "推荐结果",
    "推荐单位",
)


def roster_rows(referrals: list[Referral]) -> list[list[Any]]:
    rows = []
    for number, ref in enumerate(referrals, 1):
        person = ref.person
        rows.append(
            [
                number,
                person.name,
                codes.label("gender", person.gender) if person.gender else "",
                personal(person, "phone"),
                ref.job_seeker.intended_occupation,
                ref.referred_on.isoformat(),
                " ".join(
                    p
                    for p in (
                        (ref.interview_on.isoformat() if ref.interview_on else ""),
                        ref.interview_time or "",
                    )
                    if p
                ),
                codes.label("referral_outcome", ref.outcome) if ref.outcome else "",
                ref.org.name,
            ]
        )
    return rows


def roster_xlsx(vacancy: Vacancy, referrals: list[Referral], user: Any = None) -> bytes:
    """《推荐人员花名册》 for the employer: the referrals of one vacancy, 合计 and the signature lines,
    printed as app/io/paper.py sets every table."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("推荐人员花名册")
    fmt = paper.formats(book)
    cell = book.add_format({"border": 1})
    width = len(ROSTER_HEADERS)
    title = f"推荐人员花名册：{vacancy.employer.name} {vacancy.occupation}"
    head = paper.title_block(sheet, fmt, title, width, ["　".join(paper.export_lines(user))])
    sheet.write_row(head, 0, ROSTER_HEADERS, fmt["header"])
    rows = roster_rows(referrals)
    for index, row in enumerate(rows, head + 1):
        sheet.write_row(index, 0, row, cell)
    end = head + len(rows) + 1
    paper.totals_row(sheet, fmt, end, head + 1, len(rows), [], width)
    paper.signature_lines(sheet, fmt, end, width)
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, width - 1, 13)
    paper.print_setup(sheet, width, head)
    book.close()
    return buffer.getvalue()
