"""Export open plans and meetings to an iCalendar (.ics) file for Outlook, Google Calendar or a phone.

Each row becomes one VEVENT whose UID comes from the row's ``uid`` (``{uid}@kakeru``), so importing
the file again after a change updates the events instead of adding copies. SEQUENCE grows with the
row's ``updated_at``; LAST-MODIFIED and DTSTAMP are ``updated_at`` too, so the same data gives the
same file. A plan with a time (a callback at 14:00) is a 15-minute event in Asia/Tokyo time; a plan
with only a date is an all-day event. Cancelled meetings are written with STATUS:CANCELLED so that
a calendar which had them removes them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
from sqlite_utils import Database

from models.accounts.vocab import TOUCH_KIND
from models.planning.plans import parse_due
from models.store import clock
from models.store.db import db_path
from models.store.errors import KakeruError
from models.store.output_path import check_output_path

PRODID = "-//Kakeru//Kakeru 架電//JA"
UID_DOMAIN = "kakeru"
CALL_MINUTES = 15


class IcsExportError(KakeruError):
    """The .ics file could not be written."""


def _tokyo():
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Tokyo")
    except Exception:  # no time zone database (Windows without tzdata): a fixed +09:00 is exact for Japan
        return timezone(timedelta(hours=9), "JST")


TOKYO = _tokyo()


@dataclass(frozen=True)
class IcsResult:
    path: Path
    plans: int
    meetings: int


def event_uid(uid: str) -> str:
    return f"{uid}@{UID_DOMAIN}"


def _moment(text: str) -> datetime:
    return clock.parse(text)  # a naive text (none is stored so) is a time in the working zone


def _sequence(created_at: str, updated_at: str) -> int:
    """A number that grows whenever ``updated_at`` does (seconds since the row was created)."""
    try:
        return max(0, int((_moment(updated_at) - _moment(created_at)).total_seconds()))
    except (TypeError, ValueError):
        return 0


def _stamp(event: icalendar.Event, row: dict) -> None:
    event.add("uid", event_uid(row["uid"]))
    modified = _moment(row["updated_at"]).astimezone(UTC)
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", _sequence(row["created_at"], row["updated_at"]))


def _range_sql(column: str, start: date | None, end: date | None, params: list) -> str:
    where = ""
    if start is not None:
        where += f" AND {column} >= ?"
        params.append(start.isoformat())
    if end is not None:
        where += f" AND {column} < ?"
        params.append((end + timedelta(days=1)).isoformat())
    return where


def _company_sql(column: str, company_ids: Sequence[int] | None, params: list) -> str:
    if company_ids is None:
        return ""
    ids = [int(i) for i in company_ids]
    params.extend(ids)
    return f" AND {column} IN ({','.join('?' * len(ids))})" if ids else " AND 0"


def _plan_event(row: dict) -> icalendar.Event:
    event = icalendar.Event()
    _stamp(event, row)
    kind = TOUCH_KIND.get(row["kind"], (row["kind"],))[0]
    event.add("summary", f"{kind}: {row['company_name']}")
    due = parse_due(row["due"])
    if isinstance(due, datetime):
        start = due.astimezone(TOKYO)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=CALL_MINUTES))
    else:
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a day's to-do, not a busy block
    lines = []
    if row["hypothesis"]:
        lines.append(f"仮説: {row['hypothesis']}")
    if row["contact_name"]:
        lines.append(f"担当者: {row['contact_name']}")
    phone = row["contact_phone"] or row["phone"]
    if phone:
        lines.append(f"電話: {phone}")
    lines.append("Kakeru の予定から書き出し")
    event.add("description", "\n".join(lines))
    event.add("categories", ["Kakeru", kind])
    return event


def _meeting_event(row: dict) -> icalendar.Event:
    event = icalendar.Event()
    _stamp(event, row)
    event.add("summary", f"商談: {row['company_name']}")
    start = _moment(row["starts_at"]).astimezone(TOKYO)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=row["duration_min"] or 60))
    if row["place"]:
        event.add("location", row["place"])
    elif row["online_url"]:
        event.add("location", row["online_url"])
    if row["online_url"]:
        event.add("url", row["online_url"])
    lines = []
    for caption, key in (("目的", "purpose"), ("担当営業", "field_rep"), ("オンライン", "online_url")):
        if row[key]:
            lines.append(f"{caption}: {row[key]}")
    lines.append("Kakeru の商談から書き出し")
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if row["status"] == "cancelled" else "CONFIRMED")
    event.add("categories", ["Kakeru", "商談"])
    return event


def _rows(
    db: Database, company_ids: Sequence[int] | None, start: date | None, end: date | None,
) -> tuple[list[dict], list[dict]]:
    params: list = []
    where = _range_sql("p.due", start, end, params) + _company_sql("p.company_id", company_ids, params)
    plans = list(db.query(
        f"""SELECT p.uid, p.created_at, p.updated_at, p.due, p.kind, p.hypothesis, c.name AS company_name,
            c.phone, k.name AS contact_name, COALESCE(k.phone, k.mobile) AS contact_phone
        FROM plans p JOIN companies c ON c.id = p.company_id LEFT JOIN contacts k ON k.id = p.contact_id
        WHERE p.status = 'open' {where} ORDER BY p.due, p.id""",
        params,
    ))
    params = []
    where = _range_sql("m.starts_at", start, end, params) + _company_sql("m.company_id", company_ids, params)
    meetings = list(db.query(
        f"""SELECT m.uid, m.created_at, m.updated_at, m.starts_at, m.duration_min, m.place, m.online_url,
            m.purpose, m.field_rep, m.status, c.name AS company_name
        FROM meetings m JOIN companies c ON c.id = m.company_id
        WHERE 1 {where} ORDER BY m.starts_at, m.id""",
        params,
    ))
    return plans, meetings


def _calendar_head() -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Kakeru")
    return cal


def build_calendar(
    db: Database, *, company_ids: Sequence[int] | None = None, start: date | None = None,
    end: date | None = None,
) -> tuple[icalendar.Calendar, int, int]:
    """The calendar of open plans and meetings (optionally for some companies and days), in memory."""
    plans, meetings = _rows(db, company_ids, start, end)
    cal = _calendar_head()
    for row in plans:
        cal.add_component(_plan_event(row))
    for row in meetings:
        cal.add_component(_meeting_event(row))
    cal.add_missing_timezones()
    return cal, len(plans), len(meetings)


def _timezone() -> icalendar.Timezone:
    return icalendar.Timezone.from_tzinfo(TOKYO, "Asia/Tokyo")


# Tens of thousands of events take seconds to serialise; progress is reported every this many.
PROGRESS_EVERY = 250


def export_ics(
    db: Database, path: str | Path, *, company_ids: Sequence[int] | None = None, start: date | None = None,
    end: date | None = None, progress: Callable[[int, int], bool | None] | None = None,
) -> IcsResult:
    """Write the open plans and meetings to ``path`` (whole or not at all).

    Events are serialised one at a time so that ``progress(done, total)`` can report (returning False
    cancels; nothing is written). The bytes are those of ``build_calendar(...).to_ical()``.

    Raises:
        OutputPathRefused: ``path`` is the database, a companion of it, a folder or a device.
        IcsExportError: the file cannot be written (folder missing, no permission, disk full), or the
            export was cancelled.
    """
    path = check_output_path(path, db_path(db))
    plans, meetings = _rows(db, company_ids, start, end)
    head = _calendar_head()
    if any(len(row["due"]) > 10 for row in plans) or meetings:
        head.add_component(_timezone())
    header = head.to_ical()
    footer = b"END:VCALENDAR\r\n"
    total = len(plans) + len(meetings)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as out:
            out.write(header[: -len(footer)])
            events = [(_plan_event, row) for row in plans] + [(_meeting_event, row) for row in meetings]
            for done, (make, row) in enumerate(events, start=1):
                out.write(make(row).to_ical())
                report = done % PROGRESS_EVERY == 0 or done == total
                if progress is not None and report and progress(done, total) is False:
                    raise _Cancelled
            out.write(footer)
        os.replace(partial, path)
    except _Cancelled:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise IcsExportError("カレンダーへの書き出しを中止しました。ファイルは作成していません。") from None
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise IcsExportError(
            f"カレンダーファイル「{path}」を保存できませんでした（{error.strerror or error}）。"
            "保存先のフォルダと空き容量をご確認ください。"
        ) from error
    if progress is not None and total == 0:
        progress(0, 0)
    return IcsResult(path=path, plans=len(plans), meetings=len(meetings))


class _Cancelled(Exception):
    pass
