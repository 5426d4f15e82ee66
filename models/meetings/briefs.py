"""Everything a meeting briefing sheet shows, gathered from the store as plain frozen data.

``reports/briefing.py`` draws a ``BriefData`` on paper; nothing here knows about pages or fonts.
The relationship map and the timeline strip are extension points: ``models/maps/layout.py`` and
``models/planning/timeline.py`` will fill ``BriefData.relationship_map`` and ``BriefData.timeline`` with their
layout data (positions, lanes, labels), and the renderer draws them when they are present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from models.accounts.companies import get_company
from models.accounts.entities import Meeting, Plan, Touch, from_row
from models.accounts.vocab import (
    COMPANY_STATUS,
    CONTACT_ROLE,
    EMPLOYMENT,
    MEETING_OUTCOME,
    MEETING_STATUS,
    OUTCOME,
    TOUCH_KIND,
    label,
)
from models.meetings.hearing_notes import beyond_note
from models.meetings.meetings import NOTE_FIELDS, OUTCOME_REASON, attendees, get_meeting
from models.planning.hearing import HearingFact, gather_hearing, latest
from models.planning.timeline import strip_for_paper
from models.store import clock
from models.store.settings import caller_name

# Notes whose absence is worth a question on the sheet.
_QUESTION_WHEN_EMPTY = {
    "notes_budget": "予算の有無と規模をご確認ください。",
    "notes_timing": "導入・検討の時期をご確認ください。",
    "notes_decision_process": "決裁者と決裁までの流れをご確認ください。",
    "notes_competitors": "比較検討中の他社・現在の取引先をご確認ください。",
}
HISTORY_LIMIT = 60
# Facts a call heard shown for an item the meeting's notes leave empty (the sheet is one page).
HEARD_FACTS = 3
_BULLET_RE = re.compile(r"^\s*(?:[・\-*•●○◆■□]|\d+[.)．）]|[①-⑳])\s*")


@dataclass(frozen=True)
class LabeledText:
    """A labelled text of the sheet. A fact a call heard says when (``at``, ISO) and who heard it
    (``by``): where it came from, not what it says, so two equal texts compare equal whatever their
    source. ``facts``: what calls heard about the item that ``text`` (the meeting's note) does not
    already say, newest first."""

    label: str
    text: str | None
    at: str | None = field(default=None, compare=False)
    by: str | None = field(default=None, compare=False)
    facts: tuple[HearingFact, ...] = ()


@dataclass(frozen=True)
class BriefHeader:
    starts_at: datetime
    duration_min: int
    company_name: str
    company_name_kana: str | None = None
    place: str | None = None
    online_url: str | None = None
    field_rep: str | None = None
    caller: str | None = None
    purpose: str | None = None
    status_label: str = ""

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_min)


@dataclass(frozen=True)
class CompanyProfile:
    name: str
    name_kana: str | None = None
    industry: str | None = None
    business_domain: str | None = None
    employees: int | None = None
    postal_code: str | None = None
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    corporate_number: str | None = None
    fiscal_year_end_month: int | None = None
    rank: str | None = None
    status_label: str = ""


@dataclass(frozen=True)
class WhyNow:
    """Why this meeting, now: the hypothesis the timing rested on and what the customer said."""

    hypothesis: str | None = None
    hypothesis_due: str | None = None
    customer_said: str | None = None
    said_at: str | None = None
    said_by: str | None = None
    hearing: tuple[LabeledText, ...] = ()


@dataclass(frozen=True)
class Attendee:
    contact_id: int
    name: str
    name_kana: str | None = None
    department: str | None = None
    title: str | None = None
    role: str = "other"
    role_label: str = ""
    note: str | None = None
    employment_label: str | None = None  # set only when the person moved or left


@dataclass(frozen=True)
class HistoryEntry:
    at: str
    kind_label: str
    outcome_label: str = ""
    contact_name: str | None = None
    caller: str | None = None
    note: str | None = None
    reached_decision_maker: bool = False


@dataclass(frozen=True)
class FeedbackForm:
    """The pick lists the hand-filled feedback box offers, as labels."""

    outcomes: tuple[str, ...] = tuple(pair[0] for pair in MEETING_OUTCOME.values())
    reasons: tuple[str, ...] = tuple(pair[0] for pair in OUTCOME_REASON.values())


@dataclass(frozen=True)
class BriefData:
    """One meeting's briefing sheet as plain data.

    ``relationship_map`` and ``timeline`` stay ``None`` until the map and timeline layouts exist;
    they will hold those modules' plain layout data, drawn by ``reports/drawing.py``. ``hearing`` is
    everything the calls heard up to the meeting (``planning.hearing.gather_hearing``), newest first:
    "why now" and "what was heard" are both taken from it.
    """

    meeting_id: int
    generated_at: datetime
    header: BriefHeader
    company: CompanyProfile
    why_now: WhyNow
    attendees: tuple[Attendee, ...]
    heard: tuple[LabeledText, ...]
    questions: tuple[str, ...] = ()
    suggested_questions: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    history_omitted: int = 0
    feedback: FeedbackForm = field(default_factory=FeedbackForm)
    relationship_map: Any = None
    timeline: Any = None
    hearing: tuple[HearingFact, ...] = ()


def split_items(text: str | None) -> tuple[str, ...]:
    """A caller's list (one item a line, with or without bullets) as separate items."""
    if not text:
        return ()
    items = (_BULLET_RE.sub("", line).strip() for line in text.splitlines())
    return tuple(item for item in items if item)


def _appointment_touch(db: Database, meeting: Meeting) -> Touch | None:
    if meeting.touch_id is not None:
        rows = list(db.query("SELECT * FROM touches WHERE id = ?", [meeting.touch_id]))
    else:
        rows = list(db.query(
            "SELECT * FROM touches WHERE company_id = ? AND outcome = 'appointment' AND at <= ? "
            "ORDER BY at DESC, id DESC LIMIT 1",
            [meeting.company_id, meeting.starts_at],
        ))
    return from_row(Touch, rows[0]) if rows else None


def _hypothesis_plan(db: Database, company_id: int, touch: Touch | None) -> Plan | None:
    """The plan whose hypothesis explains the timing: the one the appointment fulfilled, else the
    next open one, else the most recent one."""
    queries = []
    if touch is not None:
        queries.append(("SELECT * FROM plans WHERE done_touch_id = ? AND hypothesis IS NOT NULL "
                        "AND trim(hypothesis) <> '' ORDER BY id DESC LIMIT 1", [touch.id]))
    queries.append(("SELECT * FROM plans WHERE company_id = ? AND status = 'open' AND hypothesis IS NOT NULL "
                    "AND trim(hypothesis) <> '' ORDER BY due, id LIMIT 1", [company_id]))
    queries.append(("SELECT * FROM plans WHERE company_id = ? AND hypothesis IS NOT NULL "
                    "AND trim(hypothesis) <> '' ORDER BY coalesce(done_at, due) DESC, id DESC LIMIT 1",
                    [company_id]))
    for sql, params in queries:
        rows = list(db.query(sql, params))
        if rows:
            return from_row(Plan, rows[0])
    return None


def _latest_hearing(facts: tuple[HearingFact, ...]) -> tuple[LabeledText, ...]:
    """For each hearing item, the newest thing any call heard, with when and by whom."""
    return tuple(LabeledText(fact.label, fact.text, at=fact.at, by=fact.caller)
                 for fact in latest(facts).values())


def _heard(meeting: Meeting, facts: tuple[HearingFact, ...]) -> tuple[LabeledText, ...]:
    """The caller's notes of the meeting, each with what the calls heard that it does not say: below a
    note, the newest such fact (the one "why now" quotes); in place of a missing note, the newest
    ``HEARD_FACTS`` (older ones are in the history)."""
    items = []
    for key, name in NOTE_FIELDS.items():
        note = (getattr(meeting, key) or "").strip() or None
        beyond = beyond_note(key, note, facts)
        items.append(LabeledText(name, note, facts=beyond[:1] if note else beyond[:HEARD_FACTS]))
    return tuple(items)


def _caller(db: Database, meeting: Meeting, touch: Touch | None) -> str | None:
    if meeting.caller:
        return meeting.caller
    if touch is not None and touch.caller:
        return touch.caller
    return caller_name(db) or None


def gather_brief(db: Database, meeting_id: int, generated_at: datetime) -> BriefData:
    """Everything the briefing sheet of ``meeting_id`` shows, read in one go.

    Raises:
        NotFound: the meeting (or its company) does not exist.
    """
    meeting = get_meeting(db, meeting_id)
    company = get_company(db, meeting.company_id)
    touch = _appointment_touch(db, meeting)
    plan = _hypothesis_plan(db, company.id, touch)

    touch_rows = list(db.query(
        "SELECT t.*, c.name AS contact_name FROM touches t LEFT JOIN contacts c ON c.id = t.contact_id "
        "WHERE t.company_id = ? AND t.at <= ? ORDER BY t.at DESC, t.id DESC",
        [company.id, meeting.starts_at],
    ))
    facts = gather_hearing(db, company.id, until=meeting.starts_at)
    said_by = None
    if touch is not None and touch.contact_id is not None:
        said_by = next((row["contact_name"] for row in touch_rows if row["id"] == touch.id), None)
    why_now = WhyNow(
        hypothesis=plan.hypothesis.strip() if plan and plan.hypothesis else None,
        hypothesis_due=plan.due if plan else None,
        customer_said=((touch.note or "").strip() or None) if touch else None,
        said_at=touch.at if touch else None,
        said_by=said_by,
        hearing=_latest_hearing(facts),
    )

    people = []
    cautions = list(split_items(meeting.cautions))
    for contact, note in attendees(db, meeting_id):
        moved = contact.employment != "active"
        people.append(Attendee(
            contact_id=contact.id, name=contact.name, name_kana=contact.name_kana,
            department=contact.department, title=contact.title, role=contact.role,
            role_label=label(CONTACT_ROLE, contact.role), note=(note or "").strip() or None,
            employment_label=label(EMPLOYMENT, contact.employment) if moved else None,
        ))
        if moved:
            status = label(EMPLOYMENT, contact.employment)
            cautions.append(f"{contact.name}様は「{status}」と記録されています。ご出席の可否を事前にご確認ください。")

    heard = _heard(meeting, facts)
    suggested = tuple(text for key, text in _QUESTION_WHEN_EMPTY.items() if not getattr(meeting, key))

    from models.maps.brief import brief_map  # imported here: the map layout is only needed by briefs

    address = company.address or ""
    if company.prefecture and not address.startswith(company.prefecture):
        address = company.prefecture + address
    history = tuple(
        HistoryEntry(
            at=row["at"], kind_label=label(TOUCH_KIND, row["kind"]),
            outcome_label=label(OUTCOME, row["outcome"]), contact_name=row["contact_name"],
            caller=row["caller"], note=(row["note"] or "").strip() or None,
            reached_decision_maker=bool(row["reached_decision_maker"]),
        )
        for row in touch_rows[:HISTORY_LIMIT]
    )
    return BriefData(
        meeting_id=meeting.id,
        generated_at=generated_at,
        header=BriefHeader(
            starts_at=clock.parse(meeting.starts_at), duration_min=meeting.duration_min,
            company_name=company.name, company_name_kana=company.name_kana, place=meeting.place,
            online_url=meeting.online_url, field_rep=meeting.field_rep, caller=_caller(db, meeting, touch),
            purpose=meeting.purpose, status_label=label(MEETING_STATUS, meeting.status),
        ),
        company=CompanyProfile(
            name=company.name, name_kana=company.name_kana, industry=company.industry,
            business_domain=company.business_domain, employees=company.employees,
            postal_code=company.postal_code, address=address or None, phone=company.phone,
            website=company.website, corporate_number=company.corporate_number,
            fiscal_year_end_month=company.fiscal_year_end_month, rank=company.rank,
            status_label=label(COMPANY_STATUS, company.status),
        ),
        why_now=why_now,
        attendees=tuple(people),
        heard=heard,
        questions=split_items(meeting.questions),
        suggested_questions=suggested,
        cautions=tuple(cautions),
        history=history,
        history_omitted=max(0, len(touch_rows) - HISTORY_LIMIT),
        relationship_map=brief_map(db, company.id, generated_at.date()),
        timeline=strip_for_paper(db, company.id, clock.parse(meeting.starts_at), now=generated_at),
        hearing=facts,
    )
