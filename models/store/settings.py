"""App-wide preferences that belong with the data, kept in the ``settings`` table as key → JSON value.

This module knows every key of the table: ``KEYS`` names each one with its default and the module that
uses it, and a key not registered there is refused. Simple values are read through the typed accessors
below, which check them; a value that cannot be read (edited by hand, written by a newer version) is
reported in the log and its default used instead. Structured values owned by one subsystem (the
disposition rules, the open call session…) are read and written raw with ``get_setting`` and
``set_setting``; their owner checks them and, while nothing is stored, uses its own built-in table.
Window-only preferences (geometry, language) live in ``ui.settings`` with QSettings.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from models.store.changes import SETTINGS, Changes
from models.store.db import now_iso, stamp, writing
from models.store.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

# -- every key of the settings table ---------------------------------------------------------------

CALLER_NAME = "caller_name"
DAILY_TARGET = "daily_target"
CALL_WINDOWS = "call_windows"
CLOSURE_DAYS = "closure_days"
BACKUP_KEEP_DAILY = "backup_keep_daily"
BACKUP_KEEP_MANUAL = "backup_keep_manual"
BACKUP_MAX_BYTES = "backup_max_bytes"
CALL_SESSION = "call_session"
DISPOSITION_RULES = "disposition_rules"
HYPOTHESIS_TEMPLATES = "hypothesis_templates"
DEFAULT_CADENCES_SHIPPED = "default_cadences_shipped"
HEARING_CHECKLIST = "hearing_checklist:{list_id}"  # one key per target list
MEETING_OUTCOME_REASONS = "meeting_outcome_reasons"
SCORING_RULES = "scoring_rules"
SCORES_MONTH = "scores_month"
TIME_ZONE = "time_zone"

DEFAULT_DAILY_TARGET = 40
DEFAULT_CALL_WINDOWS = (("09:00", "12:00"), ("13:00", "18:00"))
DEFAULT_CLOSURE_DAYS = (("12-29", "01-03"),)  # 年末年始: a range may run over the new year
DEFAULT_BACKUP_KEEP_DAILY = 14
DEFAULT_BACKUP_KEEP_MANUAL = 20


@dataclass(frozen=True)
class Setting:
    """One key of the settings table.

    Attributes:
        key: the key as stored; a ``{list_id}`` part makes it a family of keys, one per list.
        default: what a reader gets while nothing (or nothing readable) is stored, in its JSON shape.
            None for a structured value whose owner falls back to its own built-in table.
        owner: the module that reads and writes it.
    """

    key: str
    default: Any
    owner: str


def _json_shape(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))  # tuples become lists, as when read back


KEYS: Mapping[str, Setting] = MappingProxyType({setting.key: setting for setting in (
    Setting(CALLER_NAME, "", "models.store.settings"),
    Setting(DAILY_TARGET, DEFAULT_DAILY_TARGET, "models.store.settings"),
    Setting(CALL_WINDOWS, _json_shape(DEFAULT_CALL_WINDOWS), "models.store.settings"),
    Setting(CLOSURE_DAYS, _json_shape(DEFAULT_CLOSURE_DAYS), "models.store.settings"),
    Setting(BACKUP_KEEP_DAILY, DEFAULT_BACKUP_KEEP_DAILY, "models.store.settings"),
    Setting(BACKUP_KEEP_MANUAL, DEFAULT_BACKUP_KEEP_MANUAL, "models.store.settings"),
    Setting(BACKUP_MAX_BYTES, None, "models.store.settings"),  # None: backup_folder.backup_budget
    Setting(CALL_SESSION, None, "models.planning.sessions"),  # None: no session is open
    Setting(DISPOSITION_RULES, None, "models.planning.dispositions"),  # DEFAULT_RULES
    Setting(HYPOTHESIS_TEMPLATES, None, "models.planning.hypotheses"),  # DEFAULT_TEMPLATES
    Setting(DEFAULT_CADENCES_SHIPPED, [], "models.planning.cadences"),  # names of DEFAULT_CADENCES made
    Setting(HEARING_CHECKLIST, [], "models.planning.session_card"),
    Setting(MEETING_OUTCOME_REASONS, None, "models.meetings.feedback"),  # meetings.OUTCOME_REASON
    Setting(SCORING_RULES, None, "models.accounts.scoring"),  # ScoringRules()
    Setting(SCORES_MONTH, None, "models.accounts.scoring"),  # "2026-11": the month scores were computed for
    Setting(TIME_ZONE, None, "models.store.time_zone"),  # None: the system's zone; "Asia/Tokyo"
)})

# The team's keys: on a file in a team they sync (managers write, everyone reads; models/team/README.md
# item 11). Every other key is the person's or the file's and never leaves the laptop: who calls
# (caller_name), their own pace and hours (daily_target, call_windows), this file's backups, the open
# session, which built-in cadences were made here, the scores' month, the working zone (time_zone), and
# the hearing checklists (keyed by a local list id, which means nothing on another laptop).
TEAM_KEYS = frozenset({DISPOSITION_RULES, HYPOTHESIS_TEMPLATES, MEETING_OUTCOME_REASONS, SCORING_RULES,
                       CLOSURE_DAYS})

_FAMILIES = {setting.key.split(":", 1)[0]: setting for setting in KEYS.values() if "{" in setting.key}
_MISSING = object()
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})")
_MONTH_DAY_RE = re.compile(r"(\d{1,2})-(\d{1,2})")


class UnknownSetting(LookupError):
    """A key that is not registered in ``KEYS`` (a programming error, never the user's)."""


def hearing_checklist_key(list_id: int) -> str:
    """The key of one target list's hearing checklist."""
    return HEARING_CHECKLIST.format(list_id=int(list_id))


def setting_of(key: str) -> Setting:
    """The registered ``Setting`` of ``key``.

    Raises:
        UnknownSetting: ``key`` is not a key of the settings table.
    """
    found = KEYS.get(key)
    if found is None:
        prefix, _, suffix = key.partition(":")
        found = _FAMILIES.get(prefix) if suffix.isdigit() else None
    if found is None:
        raise UnknownSetting(f"{key!r} is not a registered settings key (see models.store.settings.KEYS)")
    return found


def default(key: str) -> Any:
    """The default of ``key`` in its JSON shape (a fresh copy, safe to change)."""
    return _json_shape(setting_of(key).default)


# -- raw values ------------------------------------------------------------------------------------

def get_raw(db: Database, key: str) -> str | None:
    """The JSON text stored under ``key`` as is, or None; for an owner that reports its own errors."""
    setting_of(key)
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return None if row is None else row[0]


SETTINGS_CHANGED = Changes.of(SETTINGS)


def set_raw(db: Database, key: str, text: str) -> Changes:
    """Store ``text``, already JSON, under ``key``, replacing what was there (uid and created_at kept)."""
    setting_of(key)
    json.loads(text)  # the table holds JSON only: a ValueError here is the caller's bug
    row = stamp({"key": key, "value": text})
    with writing(db):
        db.execute(
            "INSERT INTO settings (uid, created_at, updated_at, key, value) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [row["uid"], row["created_at"], now_iso(), key, text],
        )
    return SETTINGS_CHANGED


def put_pulled(db: Database, key: str, text: str | None) -> bool:
    """Store ``text`` (JSON) under ``key`` as it came from the team's server, or forget the key for None;
    whether the stored value changed. For ``models.team.team_settings``, inside the pull's transaction."""
    setting_of(key)
    if text is None:
        return db.execute("DELETE FROM settings WHERE key = ?", [key]).rowcount > 0
    if get_raw(db, key) == text:
        return False
    row = stamp({"key": key, "value": text})
    db.execute(
        "INSERT INTO settings (uid, created_at, updated_at, key, value) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [row["uid"], row["created_at"], now_iso(), key, text],
    )
    return True


def _stored(db: Database, key: str) -> Any:
    """The decoded value of ``key``, or ``_MISSING`` when nothing readable is stored."""
    text = get_raw(db, key)
    if text is None:
        return _MISSING
    try:
        return json.loads(text)
    except ValueError:
        log.warning("setting %r is not valid JSON (%r); using the default", key, text[:200])
        return _MISSING


def get_setting(db: Database, key: str) -> Any:
    """The stored value of ``key`` (decoded from JSON), or its registered default when there is none."""
    value = _stored(db, key)
    return default(key) if value is _MISSING else value


def set_setting(db: Database, key: str, value: Any) -> Changes:
    """Store ``value`` (anything JSON can hold) under ``key``, replacing what was there."""
    return set_raw(db, key, json.dumps(value, ensure_ascii=False, sort_keys=True))


def delete_setting(db: Database, key: str) -> Changes:
    """Forget ``key``: readers get its default again."""
    setting_of(key)
    with writing(db):
        db.execute("DELETE FROM settings WHERE key = ?", [key])
    return SETTINGS_CHANGED


def _typed(db: Database, key: str, convert: Callable[[Any], Any]) -> Any:
    value = _stored(db, key)
    if value is not _MISSING:
        try:
            return convert(value)
        except (TypeError, ValueError, ValidationError):
            log.warning("setting %r has an unusable value %r; using the default", key, value)
    return convert(default(key))


# -- caller name ----------------------------------------------------------------------------------

def caller_name(db: Database) -> str:
    """The caller's name as shown on touches and briefing sheets ("" until set)."""
    return _typed(db, CALLER_NAME, lambda v: v if isinstance(v, str) else str(v))


def set_caller_name(db: Database, name: str | None) -> Changes:
    """Store the caller's name, its spaces collapsed ("" forgets it)."""
    return set_setting(db, CALLER_NAME, " ".join((name or "").split()))


def current_caller(db: Database) -> str | None:
    """Who is making a write now: what every new touch, plan and meeting records (None until named)."""
    return caller_name(db) or None


# -- daily target -----------------------------------------------------------------------------------

def _check_daily_target(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str | float):
        raise ValidationError("1日の目標件数は数字で入力してください。")
    try:
        number = int(value)
    except ValueError as error:
        raise ValidationError("1日の目標件数は数字で入力してください。") from error
    if not 0 <= number <= 1000:
        raise ValidationError("1日の目標件数は 0〜1000 の範囲で入力してください。")
    return number


def daily_target(db: Database) -> int:
    """How many accounts a day the caller aims to work (default 40; models.planning.agenda reads it)."""
    return _typed(db, DAILY_TARGET, _check_daily_target)


def set_daily_target(db: Database, calls: int) -> Changes:
    return set_setting(db, DAILY_TARGET, _check_daily_target(calls))


# -- call windows -----------------------------------------------------------------------------------

def _clock(text: Any) -> str:
    match = _TIME_RE.fullmatch(str(text).strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationError(f"「{text}」は時刻として読めません。「9:00」のように入力してください。")
    return f"{int(match[1]):02d}:{match[2]}"


def _check_windows(windows: Iterable[Any]) -> list[tuple[str, str]]:
    clean = []
    for window in windows:
        start, end = window  # a pair; anything else is a ValueError
        start, end = _clock(start), _clock(end)
        if start >= end:
            raise ValidationError(
                f"架電時間帯 {start}〜{end} は、終了を開始より後の時刻にしてください。")
        clean.append((start, end))
    return sorted(clean)


def call_windows(db: Database) -> list[tuple[str, str]]:
    """Call hours as ("HH:MM", "HH:MM") pairs in time order (planning.calendar reads the same key)."""
    return _typed(db, CALL_WINDOWS, _check_windows)


def set_call_windows(db: Database, windows: Iterable[tuple[str, str]]) -> Changes:
    try:
        clean = _check_windows(windows)
    except (TypeError, ValueError) as error:
        raise ValidationError("架電時間帯は「開始」「終了」の組で入力してください。") from error
    for (_, end), (start, _) in itertools.pairwise(clean):
        if start < end:
            raise ValidationError("架電時間帯が重なっています。重ならないように入力してください。")
    return set_setting(db, CALL_WINDOWS, [list(pair) for pair in clean])


# -- closure days -----------------------------------------------------------------------------------

def _month_day(text: Any) -> str:
    match = _MONTH_DAY_RE.fullmatch(str(text).strip())
    try:
        day = date(2000, int(match[1]), int(match[2])) if match else None  # a leap year: 02-29 is fine
    except ValueError:
        day = None
    if day is None:
        raise ValidationError(f"「{text}」は日付として読めません。「12-29」のように月-日で入力してください。")
    return f"{day.month:02d}-{day.day:02d}"


def _check_closures(ranges: Iterable[Any]) -> list[tuple[str, str]]:
    clean = []
    for pair in ranges:
        first, last = pair
        clean.append((_month_day(first), _month_day(last)))
    return clean


def closure_days(db: Database) -> list[tuple[str, str]]:
    """Days nobody is called (年末年始, 夏季休業…) as ("MM-DD", "MM-DD") ranges, both ends included.

    A range may run over the new year (12-29 → 01-03); ``planning.calendar.is_closure_day`` applies them.
    """
    return _typed(db, CLOSURE_DAYS, _check_closures)


def set_closure_days(db: Database, ranges: Iterable[tuple[str, str]]) -> Changes:
    try:
        clean = _check_closures(ranges)
    except (TypeError, ValueError) as error:
        raise ValidationError("休業期間は「開始日」「終了日」の組で入力してください。") from error
    return set_setting(db, CLOSURE_DAYS, [list(pair) for pair in clean])


# -- backups kept -----------------------------------------------------------------------------------

def _at_least_one(value: Any) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(number)
    return number


def _backup_keep(db: Database, key: str) -> int:
    try:
        return _typed(db, key, _at_least_one)
    except sqlite3.Error:
        # A backup is also taken of a file too damaged to read settings from; it keeps the default.
        return _at_least_one(default(key))


def backup_keep_daily(db: Database) -> int:
    """How many ``daily`` backups ``store.backup`` keeps (default 14; never fewer than one)."""
    return _backup_keep(db, BACKUP_KEEP_DAILY)


def backup_keep_manual(db: Database) -> int:
    """How many ``manual`` backups ``store.backup`` keeps (default 20; never fewer than one)."""
    return _backup_keep(db, BACKUP_KEEP_MANUAL)


def backup_max_bytes(db: Database) -> int | None:
    """The most the backups may take together, in bytes; None (the default) lets ``store.backup``
    allow five copies of the database, at least 2 GB (``backup_folder.backup_budget``)."""
    try:
        return _typed(db, BACKUP_MAX_BYTES, lambda value: None if value is None else _at_least_one(value))
    except sqlite3.Error:
        return None
