"""Meetings won for field sales: create, edit, list, attendees and the caller's structured notes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from models.accounts import text_fields
from models.accounts.entities import Contact, Meeting, from_row
from models.accounts.vocab import MEETING_OUTCOME, MEETING_STATUS
from models.planning.cadences import apply_stop_rules
from models.store import clock
from models.store.changes import MEETING_ATTENDEES, Changes
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError
from models.store.settings import current_caller

# The fields a person may set on a meeting (the rest are kept by the store).
MEETING_FIELDS = (
    "starts_at", "duration_min", "touch_id", "place", "online_url", "field_rep", "caller", "purpose",
    "notes_needs", "notes_current", "notes_expectations", "notes_concerns", "notes_personality",
    "notes_budget", "notes_timing", "notes_decision_process", "notes_competitors", "notes_unknowns",
    "questions", "cautions", "status", "outcome", "outcome_reason", "outcome_note", "next_step",
    "brief_difference", "feedback_at", "order_amount", "expected_amount",
)
AMOUNT_FIELDS = {"order_amount": "受注額", "expected_amount": "見込み額"}
MAX_AMOUNT = 100_000_000_000  # 1,000億円: more is a typing slip

# The caller's structured notes, in the order the form and the briefing sheet show them.
NOTE_FIELDS = {
    "notes_needs": "課題・ニーズ",
    "notes_current": "現状",
    "notes_expectations": "期待",
    "notes_concerns": "懸念",
    "notes_personality": "お人柄",
    "notes_budget": "予算",
    "notes_timing": "時期",
    "notes_decision_process": "決裁プロセス",
    "notes_competitors": "競合",
    "notes_unknowns": "聞けていないこと",
}

# Default pick list for the outcome reason: value → (日本語, English). Stored as the English word.
OUTCOME_REASON = {
    "price": ("価格", "Price"),
    "timing": ("時期", "Timing"),
    "competitor": ("競合", "Competitor"),
    "no_fit": ("ニーズ不一致", "Needs did not match"),
    "no_decision_maker": ("決裁者不在", "Decision maker absent"),
    "missing_info": ("情報不足", "Not enough information"),
    "other": ("その他", "Other"),
}

MAX_DURATION_MIN = 24 * 60
_DOMAIN_RE = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/\S*)?$")


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings list: the meeting with its company and attendee count."""

    meeting: Meeting
    company_name: str
    attendee_count: int = 0


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def parse_starts_at(value: Any) -> str:
    """An ISO 8601 datetime with offset (to the minute) from a datetime or text like 2025-01-15 10:00.

    The result is in the working zone (models.store.clock); a time without an offset is taken as a
    time there. Raises ValidationError otherwise.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date) or value is None or not str(value).strip():
        raise ValidationError("商談の日時（日付と開始時刻）を入力してください。")
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError as error:
            raise ValidationError(
                f"商談の日時「{value}」を読み取れません。2025-01-15 10:00 の形式で入力してください。"
            ) from error
        if "T" not in text and " " not in text:
            raise ValidationError(f"商談の開始時刻が入力されていません（「{value}」）。")
    return clock.iso(moment.replace(second=0, microsecond=0))


def _duration(value: Any) -> int:
    try:
        minutes = int(unicodedata.normalize("NFKC", str(value)).strip().removesuffix("分"))
    except ValueError as error:
        raise ValidationError(f"所要時間「{value}」は分単位の数値で入力してください。") from error
    if not 0 < minutes <= MAX_DURATION_MIN:
        raise ValidationError(f"所要時間は 1〜{MAX_DURATION_MIN} 分で入力してください（「{value}」）。")
    return minutes


def clean_online_url(value: Any) -> str | None:
    """An http(s) URL; a bare address such as ``zoom.us/j/123`` gets ``https://`` in front."""
    text = _blank_to_none(value)
    if text is None:
        return None
    text = unicodedata.normalize("NFKC", text)
    if "://" not in text and _DOMAIN_RE.match(text):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise ValidationError(
            f"オンライン会議の URL「{value}」が正しくありません。https:// から始まる URL を入力してください。"
        )
    return text


def clean_meeting_values(values: dict[str, Any]) -> dict[str, Any]:
    """Tidy user-given meeting fields for storage; raises ValidationError on values that cannot fit."""
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(f"商談の項目に不明な名前があります: {', '.join(sorted(unknown))}")
    clean = {key: _blank_to_none(value) for key, value in values.items()}
    text_fields.bound(text_fields.MEETINGS, clean)  # control characters out, over-long text refused
    if "starts_at" in clean:
        clean["starts_at"] = parse_starts_at(clean["starts_at"])
    if "duration_min" in clean:
        clean["duration_min"] = _duration(clean["duration_min"])
    if "online_url" in clean:
        clean["online_url"] = clean_online_url(clean["online_url"])
    if "status" in clean:
        clean["status"] = clean["status"] or "scheduled"
        if clean["status"] not in MEETING_STATUS:
            raise ValidationError(f"不明な商談ステータスです: {clean['status']}")
    if clean.get("outcome") is not None and clean["outcome"] not in MEETING_OUTCOME:
        raise ValidationError(f"不明な商談結果です: {clean['outcome']}")
    for key, name in AMOUNT_FIELDS.items():
        if key in clean:
            clean[key] = clean_amount(clean[key], name)
    return clean


def clean_amount(value: Any, name: str = "受注額") -> int | None:
    """An amount in yen as typed (「1,200,000」「120万」「¥800000」) as a whole number, or None when blank.

    Raises:
        ValidationError: not a number of yen from 0 to 1,000億.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = value
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        for mark in (",", "¥", "\\", "円", " "):
            text = text.replace(mark, "")
        if not text:
            return None
        scale = 10_000 if text.endswith("万") else 1
        try:
            number = float(text.removesuffix("万")) * scale
        except ValueError as error:
            raise ValidationError(
                f"{name}「{value}」を金額として読めません。1200000 や 120万 と入力してください。") from error
    if not 0 <= number <= MAX_AMOUNT or number != int(number):
        raise ValidationError(f"{name}は 0 円以上の円単位の金額で入力してください。")
    return int(number)


def _check_touch(db: Database, company_id: int, touch_id: int | None) -> None:
    if touch_id is None:
        return
    row = db.execute("SELECT company_id FROM touches WHERE id = ?", [touch_id]).fetchone()
    if row is None or row[0] != company_id:
        raise ValidationError(f"アポ獲得の記録（ID {touch_id}）はこの会社のものではありません。")


def create_meeting(
    db: Database,
    company_id: int,
    values: dict[str, Any],
    attendee_ids: Iterable[int] = (),
    attendee_notes: dict[int, str] | None = None,
) -> Meeting:
    """Create a meeting for ``company_id`` with its attendees, in one transaction.

    Runs inside ``writing`` (a savepoint when the caller already holds a transaction), so logging
    an appointment and creating its meeting can commit together. A meeting is an appointment won:
    the account's cadences that stop on one stop with it (``apply_stop_rules``), as when the
    appointment is logged from a call. Without a ``caller`` in ``values`` the meeting is the current
    caller's (``settings.current_caller``).

    Raises:
        ValidationError: a value does not fit (no start time, duration ≤ 0, a bad URL, …).
        NotFound: the company does not exist.
    """
    clean = clean_meeting_values(values)
    if "starts_at" not in clean:
        raise ValidationError("商談の日時（日付と開始時刻）を入力してください。")
    with writing(db):
        if db.execute("SELECT 1 FROM companies WHERE id = ?", [company_id]).fetchone() is None:
            raise NotFound(f"会社（ID {company_id}）が見つかりません。削除された可能性があります。")
        _check_touch(db, company_id, clean.get("touch_id"))
        row = {"company_id": company_id, "status": "scheduled", "duration_min": 60,
               "caller": current_caller(db), **clean}
        meeting_id = inserted_id(db.table("meetings").insert(stamp(row)))
        _replace_attendees(db, meeting_id, company_id, attendee_ids, attendee_notes or {})
        apply_stop_rules(db, company_id)
    return get_meeting(db, meeting_id)


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    rows = list(db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id]))
    if not rows:
        raise NotFound(f"商談（ID {meeting_id}）が見つかりません。削除された可能性があります。")
    return from_row(Meeting, rows[0])


def update_meeting(
    db: Database,
    meeting_id: int,
    changes: dict[str, Any],
    attendee_ids: Iterable[int] | None = None,
    attendee_notes: dict[int, str] | None = None,
) -> Meeting:
    """Change some fields of one meeting; with ``attendee_ids``, replace its attendees as well."""
    clean = clean_meeting_values(changes)
    if "starts_at" in clean and clean["starts_at"] is None:
        raise ValidationError("商談の日時（日付と開始時刻）を入力してください。")
    with writing(db):
        current = get_meeting(db, meeting_id)
        if "touch_id" in clean:
            _check_touch(db, current.company_id, clean["touch_id"])
        if clean:
            db.table("meetings").update(meeting_id, clean | {"updated_at": now_iso()})
        if attendee_ids is not None:
            _replace_attendees(db, meeting_id, current.company_id, attendee_ids, attendee_notes or {})
    return get_meeting(db, meeting_id)


def delete_meeting(db: Database, meeting_id: int) -> Changes:
    with writing(db):
        db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])  # attendees by ON DELETE CASCADE
    return Meeting.changes


def _replace_attendees(
    db: Database, meeting_id: int, company_id: int, contact_ids: Iterable[int], notes: dict[int, str]
) -> None:
    ids = list(dict.fromkeys(int(i) for i in contact_ids))  # keep the order given, drop repeats
    if ids:
        marks = ",".join("?" * len(ids))
        found = {row[0] for row in db.execute(
            f"SELECT id FROM contacts WHERE company_id = ? AND id IN ({marks})", [company_id, *ids])}
        strangers = [str(i) for i in ids if i not in found]
        if strangers:
            raise ValidationError(
                f"出席者（担当者 ID {', '.join(strangers)}）はこの会社の担当者ではありません。"
            )
    db.execute("DELETE FROM meeting_attendees WHERE meeting_id = ?", [meeting_id])
    rows = [stamp({"meeting_id": meeting_id, "contact_id": i, "note": _blank_to_none(notes.get(i))})
            for i in ids]
    if rows:
        db.table("meeting_attendees").insert_all(rows)


@dataclass(frozen=True)
class SavedAttendees:
    """A meeting's attendees as stored, each with the caller's note, with what the save changed."""

    attendees: list[tuple[Contact, str | None]]
    changes: Changes


def set_attendees(
    db: Database, meeting_id: int, contact_ids: Iterable[int], notes: dict[int, str] | None = None
) -> SavedAttendees:
    """Replace the attendees of a meeting (contacts of its company), each with the caller's note."""
    with writing(db):
        meeting = get_meeting(db, meeting_id)
        _replace_attendees(db, meeting_id, meeting.company_id, contact_ids, notes or {})
    return SavedAttendees(attendees(db, meeting_id), Changes.of(MEETING_ATTENDEES))


def attendees(db: Database, meeting_id: int) -> list[tuple[Contact, str | None]]:
    """The attendees of a meeting in the order they were given, each with the caller's note on them."""
    rows = db.query(
        "SELECT c.*, a.note AS attendee_note FROM meeting_attendees a "
        "JOIN contacts c ON c.id = a.contact_id WHERE a.meeting_id = ? ORDER BY a.id",
        [meeting_id],
    )
    return [(from_row(Contact, row), row["attendee_note"]) for row in rows]


def _day_bounds(day: date) -> tuple[str, str]:
    return day.isoformat(), (day + timedelta(days=1)).isoformat()


def meetings_on(db: Database, day: date) -> list[Meeting]:
    """Meetings starting on ``day`` (local date as written), earliest first; cancelled ones excluded."""
    low, high = _day_bounds(day)
    rows = db.query(
        "SELECT * FROM meetings WHERE starts_at >= ? AND starts_at < ? AND status <> 'cancelled' "
        "ORDER BY starts_at, id",
        [low, high],
    )
    return [from_row(Meeting, row) for row in rows]


def list_meetings(
    db: Database,
    start: date | None = None,
    end: date | None = None,
    field_rep: str | None = None,
    status: str | None = None,
) -> list[MeetingRow]:
    """Meetings between ``start`` and ``end`` (both days included), earliest first, with company names.

    ``field_rep`` matches exactly (spaces ignored at the ends); ``status`` is a MEETING_STATUS value.
    """
    where, params = [], []
    if start is not None:
        where.append("m.starts_at >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("m.starts_at < ?")
        params.append(_day_bounds(end)[1])
    if field_rep is not None and field_rep.strip():
        where.append("m.field_rep = ?")
        params.append(field_rep.strip())
    if status is not None:
        if status not in MEETING_STATUS:
            raise ValidationError(f"不明な商談ステータスです: {status}")
        where.append("m.status = ?")
        params.append(status)
    sql = (
        "SELECT m.*, c.name AS company_name, "
        "(SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) AS attendee_count "
        "FROM meetings m JOIN companies c ON c.id = m.company_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY m.starts_at, m.id"
    )
    return [MeetingRow(from_row(Meeting, row), row["company_name"], row["attendee_count"])
            for row in db.query(sql, params)]


def field_reps(db: Database) -> list[str]:
    """The field reps named on meetings so far, for the filter and the form's suggestions."""
    rows = db.execute(
        "SELECT DISTINCT field_rep FROM meetings WHERE field_rep IS NOT NULL ORDER BY field_rep")
    return [row[0] for row in rows]
