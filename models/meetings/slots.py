"""When a meeting can be: the field rep's meetings a time collides with, the first free time in the call
windows, and the rep the caller booked last.

A field rep is known by the name on their meetings (``meetings.field_rep``, compared as written, spaces
at the ends ignored); a cancelled meeting keeps nobody busy. Times are the working zone's
(``models.store.clock``), call windows those of the calendar in the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from models.planning.calendar import DEFAULT_WINDOWS, CalendarRules, is_business_day
from models.store import clock

STEP_MIN = 30  # proposals start on the hour or the half hour
SEARCH_DAYS = 62  # how far ahead a free time is looked for


@dataclass(frozen=True)
class Busy:
    """One of the rep's meetings: when, and at which company."""

    meeting_id: int
    company_name: str
    starts_at: datetime
    ends_at: datetime

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.starts_at < end and start < self.ends_at


def rep_meetings(db: Database, field_rep: str | None, start: datetime, end: datetime, *,
                 ignore_id: int | None = None) -> list[Busy]:
    """The meetings of ``field_rep`` (not cancelled; not ``ignore_id``, the one being edited) that overlap
    ``start``–``end``, earliest first; none without a rep."""
    rep = (field_rep or "").strip()
    if not rep:
        return []
    # Stored times compare as text: a day either side keeps every offset (and a meeting of up to a day
    # that began the day before) in, and the exact test is below.
    low, high = (start - timedelta(days=1)).date().isoformat(), (end + timedelta(days=2)).date().isoformat()
    rows = db.execute(
        "SELECT m.id, m.starts_at, m.duration_min, c.name FROM meetings m "
        "JOIN companies c ON c.id = m.company_id WHERE m.field_rep = ? AND m.status <> 'cancelled' "
        "AND m.starts_at >= ? AND m.starts_at < ? ORDER BY m.starts_at, m.id", [rep, low, high]).fetchall()
    found = []
    for meeting_id, starts_at, duration_min, company_name in rows:
        if meeting_id == ignore_id:
            continue
        begins = clock.parse(starts_at)
        busy = Busy(meeting_id, company_name, begins, begins + timedelta(minutes=duration_min))
        if busy.overlaps(start, end):
            found.append(busy)
    return found


def collisions(db: Database, field_rep: str | None, starts_at: datetime, duration_min: int, *,
               ignore_id: int | None = None) -> list[Busy]:
    """The rep's meetings that a meeting at ``starts_at`` lasting ``duration_min`` would overlap: a double
    booking."""
    start = clock.local(starts_at)
    return rep_meetings(db, field_rep, start, start + timedelta(minutes=duration_min), ignore_id=ignore_id)


def propose_start(db: Database, field_rep: str | None, duration_min: int, after: datetime,
                  calendar: CalendarRules, *, ignore_id: int | None = None,
                  days: int = SEARCH_DAYS) -> datetime | None:
    """The first start at or after ``after`` that suits: a business day, on the hour or half hour, inside
    a call window with the whole meeting before the window ends (a meeting longer than every window only
    starts in one), and overlapping none of the rep's meetings. None when nothing suits within ``days``.
    """
    after = clock.local(after)
    windows = sorted(calendar.windows or DEFAULT_WINDOWS)
    length = timedelta(minutes=duration_min)
    longest = max(datetime.combine(after.date(), end) - datetime.combine(after.date(), start)
                  for start, end in windows)
    busy = rep_meetings(db, field_rep, after, after + timedelta(days=days + 1), ignore_id=ignore_id)
    zone = after.tzinfo
    for offset in range(days + 1):
        day = after.date() + timedelta(days=offset)
        if not is_business_day(day, calendar.closures):
            continue
        for window_start, window_end in windows:
            moment = max(datetime.combine(day, window_start, tzinfo=zone), after)
            moment = _round_up(moment)
            closes = datetime.combine(day, window_end, tzinfo=zone)
            while moment < closes and (length > longest or moment + length <= closes):
                if not any(b.overlaps(moment, moment + length) for b in busy):
                    return moment
                moment += timedelta(minutes=STEP_MIN)
    return None


def _round_up(moment: datetime) -> datetime:
    """``moment`` moved forward to the next hour or half hour (kept when it is one)."""
    minutes = moment.hour * 60 + moment.minute
    extra = -minutes % STEP_MIN
    if extra == 0 and not moment.second and not moment.microsecond:
        return moment
    extra = extra or STEP_MIN
    return (moment + timedelta(minutes=extra)).replace(second=0, microsecond=0)


def last_field_rep(db: Database, company_id: int | None = None) -> str | None:
    """The field rep of the account's latest booked meeting, else of the latest meeting booked at all."""
    named = "trim(coalesce(field_rep, '')) <> ''"
    latest = "ORDER BY created_at DESC, id DESC LIMIT 1"
    queries: list[tuple[str, list]] = []
    if company_id is not None:
        queries.append((f"SELECT field_rep FROM meetings WHERE company_id = ? AND {named} {latest}",
                        [company_id]))
    queries.append((f"SELECT field_rep FROM meetings WHERE {named} {latest}", []))
    for sql, params in queries:
        row = db.execute(sql, params).fetchone()
        if row:
            return row[0].strip()
    return None
