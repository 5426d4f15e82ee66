"""An account's timeline as plain data: past touches, future plans and meetings on one time axis.

The screen (``ui/widgets/timeline_view.py``) and the briefing sheet (``reports/drawing_timeline.py``)
draw the same ``Timeline``: its lanes (one per contact plus 担当者未設定, or a single lane), its items
(kind, person, outcome or hypothesis, note, how late a done plan was) and each item's position in
the time range as a fraction from 0 (start) to 1 (end). A meeting is an item of its own while it is
scheduled (source 'meeting', in its first attendee's lane); once its feedback is entered it is the
feedback's touch (kind 'meeting') instead, so it never shows twice. Only the asked range is read, through the
indexes on ``touches(company_id, at)`` and ``plans(company_id, status, due)``, so a view showing 60
of an account's 2,000 items reads about 60 rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlite_utils import Database

from models.accounts.vocab import (
    CONTACT_ROLE,
    EMPLOYMENT,
    HYPOTHESIS_RESULT,
    MEETING_STATUS,
    OUTCOME,
    PLAN_STATUS,
    TOUCH_KIND,
    label,
)
from models.planning.calendar import add_months
from models.planning.plans import parse_due
from models.store import clock

UNASSIGNED = {"ja": "担当者未設定", "en": "No contact"}
ALL_CONTACTS = {"ja": "すべての担当者", "en": "All contacts"}
STRIP_MONTHS = 6  # the paper strip: this many months either side of its centre
STRIP_MAX_ITEMS = 36
_PLAN_STATUSES = ("open", "done", "skipped")


@dataclass(frozen=True)
class Lane:
    """One horizontal band: a contact's touches and plans (``contact_id`` None: no contact / all)."""

    index: int
    contact_id: int | None
    label: str
    detail: str = ""  # role, and 異動/退職 when the person is no longer there


@dataclass(frozen=True)
class TimelineItem:
    """A touch (``source`` 'touch'), a plan ('plan') or a scheduled meeting ('meeting') placed in time
    and in a lane. A meeting's ``note`` is its purpose."""

    source: str
    id: int
    when: datetime
    kind: str
    kind_label: str
    status: str  # 'touch' for a touch; a plan's status otherwise ('open', 'done', 'skipped')
    status_label: str
    lane: int
    position: float  # 0 at the range's start, 1 at its end
    timed: bool = True  # False for a plan due on a day, without a time
    contact_id: int | None = None
    person: str | None = None
    outcome: str | None = None
    outcome_label: str = ""
    hypothesis: str | None = None
    hypothesis_result_label: str = ""
    note: str | None = None
    skip_reason: str | None = None
    done_at: datetime | None = None
    late_days: int = 0  # a done plan: calendar days after its due day
    overdue_days: int = 0  # an open plan whose day has passed
    reached_decision_maker: bool = False
    field_rep: str | None = None  # a meeting's

    @property
    def key(self) -> tuple[str, int]:
        return (self.source, self.id)

    @property
    def is_plan(self) -> bool:
        return self.source == "plan"

    @property
    def is_meeting(self) -> bool:
        return self.source == "meeting"

    @property
    def summary(self) -> str:
        """What happened or why it is planned: the outcome of a touch, the hypothesis of a plan, the
        purpose of a meeting."""
        if self.source == "meeting":
            return self.note or ""
        return self.outcome_label if self.source == "touch" else (self.hypothesis or "")


@dataclass(frozen=True)
class Timeline:
    """The items of one account between ``start`` and ``end`` (both aware datetimes), with lanes."""

    company_id: int
    start: datetime
    end: datetime
    now: datetime
    lanes: tuple[Lane, ...]
    items: tuple[TimelineItem, ...]
    omitted: int = 0  # items in the range left out (the paper strip keeps a fixed maximum)

    def position(self, moment: datetime) -> float:
        """``moment`` as a fraction of the range: 0 at ``start``, 1 at ``end``."""
        span = (self.end - self.start).total_seconds()
        return (moment - self.start).total_seconds() / span if span > 0 else 0.0

    @property
    def now_position(self) -> float:
        return self.position(self.now)

    def lane_of_contact(self, contact_id: int | None) -> int:
        for lane in self.lanes:
            if lane.contact_id == contact_id:
                return lane.index
        return self.lanes[-1].index


@dataclass(frozen=True)
class Extent:
    """The first and last moments an account's timeline holds (None when it holds nothing)."""

    first: datetime | None
    last: datetime | None


def _aware(moment: datetime, tz) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)


def _moment_of(text: str, tz) -> datetime:
    """A stored date or date-time as an aware datetime (a bare day is taken as its start)."""
    value = parse_due(text)
    if isinstance(value, datetime):
        return _aware(value, tz)
    return datetime.combine(value, time(0, 0), tzinfo=tz)


def _as_moment(value: date | datetime, tz) -> datetime:
    if isinstance(value, datetime):
        return _aware(value, tz)
    return datetime.combine(value, time(0, 0), tzinfo=tz)


def _key(moment: datetime) -> str:
    """A lower bound for text comparison with stored values: the day is enough (and index-friendly)."""
    return moment.date().isoformat()


def timeline_lanes(db: Database, company_id: int, *, per_contact: bool = True,
                   language: str = "ja") -> tuple[Lane, ...]:
    """One lane per contact of the company (in the order they were added) then 担当者未設定; or one lane."""
    if not per_contact:
        return (Lane(0, None, ALL_CONTACTS.get(language, ALL_CONTACTS["ja"])),)
    lanes = []
    rows = db.execute(
        "SELECT id, name, role, employment FROM contacts WHERE company_id = ? ORDER BY id", [company_id]
    ).fetchall()
    for index, (contact_id, name, role, employment) in enumerate(rows):
        detail = label(CONTACT_ROLE, role, language)
        if employment and employment != "active":
            detail += f"・{label(EMPLOYMENT, employment, language)}"
        lanes.append(Lane(index, contact_id, name, detail))
    lanes.append(Lane(len(lanes), None, UNASSIGNED.get(language, UNASSIGNED["ja"])))
    return tuple(lanes)


def timeline_extent(db: Database, company_id: int) -> Extent:
    """The first and last touch, plan or scheduled meeting of the account: each a min/max on an index
    (a company's meetings are few), never a scan of the table."""
    tz = clock.working_zone()
    found: list[str] = []
    for column in ("min", "max"):
        row = db.execute(f"SELECT {column}(at) FROM touches WHERE company_id = ?", [company_id]).fetchone()
        if row[0]:
            found.append(row[0])
        for status in _PLAN_STATUSES:
            row = db.execute(f"SELECT {column}(due) FROM plans WHERE company_id = ? AND status = ?",
                             [company_id, status]).fetchone()
            if row[0]:
                found.append(row[0])
        row = db.execute(f"SELECT {column}(starts_at) FROM meetings WHERE company_id = ? "
                         "AND status = 'scheduled'", [company_id]).fetchone()
        if row[0]:
            found.append(row[0])
    if not found:
        return Extent(None, None)
    moments = [_moment_of(text, tz) for text in found]
    return Extent(min(moments), max(moments))


def load_timeline(
    db: Database, company_id: int, start: date | datetime, end: date | datetime, *,
    per_contact: bool = True, now: datetime | None = None, language: str = "ja",
) -> Timeline:
    """The touches and plans of ``company_id`` from ``start`` up to ``end``, placed in lanes and time.

    Args:
        start, end: the range (a bare date is its midnight, local time).
        per_contact: one lane per contact plus 担当者未設定 (True) or a single lane.
        now: the moment marked as now (default: the clock); open plans before it are overdue.
        language: 'ja' or 'en' for labels.
    """
    now = now or clock.now()
    tz = now.tzinfo
    start_at, end_at = _as_moment(start, tz), _as_moment(end, tz)
    lanes = timeline_lanes(db, company_id, per_contact=per_contact, language=language)
    lane_of = {lane.contact_id: lane.index for lane in lanes}
    fallback = lanes[-1].index
    names = dict(db.execute("SELECT id, name FROM contacts WHERE company_id = ?", [company_id]).fetchall())
    # Stored values compare as text; a day either side keeps every offset in, and the exact test is below.
    low, high = _key(start_at - timedelta(days=1)), _key(end_at + timedelta(days=2))
    touches = db.execute(
        "SELECT id, at, kind, contact_id, outcome, note, reached_decision_maker FROM touches "
        "WHERE company_id = ? AND at >= ? AND at < ? ORDER BY at, id", [company_id, low, high]
    ).fetchall()
    plans = db.execute(
        "SELECT id, due, kind, contact_id, hypothesis, hypothesis_result, status, done_at, skip_reason "
        "FROM plans WHERE company_id = ? AND status IN ('open', 'done', 'skipped') AND due >= ? AND due < ? "
        "ORDER BY due, id", [company_id, low, high]
    ).fetchall()
    meetings = db.execute(
        "SELECT m.id, m.starts_at, m.purpose, m.field_rep, "
        "(SELECT a.contact_id FROM meeting_attendees a WHERE a.meeting_id = m.id ORDER BY a.id LIMIT 1) "
        "FROM meetings m WHERE m.company_id = ? AND m.status = 'scheduled' AND m.starts_at >= ? "
        "AND m.starts_at < ? ORDER BY m.starts_at, m.id", [company_id, low, high]
    ).fetchall()

    def place(moment: datetime) -> float:
        span = (end_at - start_at).total_seconds()
        return (moment - start_at).total_seconds() / span if span > 0 else 0.0

    items: list[TimelineItem] = []
    touch_status = {"ja": "接触", "en": "Touch"}.get(language, "接触")
    for touch_id, at, kind, contact_id, outcome, note, reached in touches:
        moment = _moment_of(at, tz)
        if not start_at <= moment < end_at:
            continue
        items.append(TimelineItem(
            source="touch", id=touch_id, when=moment, kind=kind, kind_label=label(TOUCH_KIND, kind, language),
            status="touch", status_label=touch_status,
            lane=lane_of.get(contact_id, fallback) if per_contact else 0,
            position=place(moment), contact_id=contact_id, person=names.get(contact_id), outcome=outcome,
            outcome_label=label(OUTCOME, outcome, language), note=(note or "").strip() or None,
            reached_decision_maker=bool(reached),
        ))
    today = now.date()
    for plan_id, due, kind, contact_id, hypothesis, result, status, done_at, skip_reason in plans:
        moment = _moment_of(due, tz)
        if not start_at <= moment < end_at:
            continue
        due_day = moment.date()
        done_moment = _moment_of(done_at, tz) if done_at else None
        late = (done_moment.date() - due_day).days if status == "done" and done_moment else 0
        overdue = (today - due_day).days if status == "open" else 0
        items.append(TimelineItem(
            source="plan", id=plan_id, when=moment, kind=kind, kind_label=label(TOUCH_KIND, kind, language),
            status=status, status_label=label(PLAN_STATUS, status, language),
            lane=lane_of.get(contact_id, fallback) if per_contact else 0, position=place(moment),
            timed=len(due) > 10, contact_id=contact_id, person=names.get(contact_id),
            hypothesis=(hypothesis or "").strip() or None,
            hypothesis_result_label=label(HYPOTHESIS_RESULT, result, language),
            skip_reason=skip_reason, done_at=done_moment, late_days=max(late, 0),
            overdue_days=max(overdue, 0),
        ))
    scheduled = label(MEETING_STATUS, "scheduled", language)
    for meeting_id, starts_at, purpose, field_rep, contact_id in meetings:
        moment = _moment_of(starts_at, tz)
        if not start_at <= moment < end_at:
            continue
        items.append(TimelineItem(
            source="meeting", id=meeting_id, when=moment, kind="meeting",
            kind_label=label(TOUCH_KIND, "meeting", language), status="scheduled", status_label=scheduled,
            lane=lane_of.get(contact_id, fallback) if per_contact else 0, position=place(moment),
            contact_id=contact_id, person=names.get(contact_id), note=(purpose or "").strip() or None,
            field_rep=field_rep,
        ))
    items.sort(key=_order)
    return Timeline(company_id, start_at, end_at, now, lanes, tuple(items))


def _order(item: TimelineItem) -> tuple:
    """Time, then touches before plans before meetings at the same moment, then id."""
    return (item.when, ("touch", "plan", "meeting").index(item.source), item.id)


def strip_for_paper(
    db: Database, company_id: int, center: date | datetime, *, now: datetime | None = None,
    months: int = STRIP_MONTHS, max_items: int = STRIP_MAX_ITEMS,
) -> Timeline:
    """The timeline strip of the briefing sheet: ``months`` either side of ``center``, one lane, at most
    ``max_items`` items (the nearest to ``center`` are kept; ``omitted`` says how many were not)."""
    now = now or clock.now()
    center_at = _as_moment(center, now.tzinfo)
    start = _as_moment(add_months(center_at.date(), -months), now.tzinfo)
    end = _as_moment(add_months(center_at.date(), months), now.tzinfo)
    full = load_timeline(db, company_id, start, end, per_contact=False, now=now)
    if len(full.items) <= max_items:
        return full
    nearest = sorted(full.items, key=lambda item: (abs((item.when - center_at).total_seconds()), item.id))
    kept = sorted(nearest[:max_items], key=_order)
    return Timeline(company_id, full.start, full.end, now, full.lanes, tuple(kept),
                    omitted=len(full.items) - max_items)
