"""App-wide preferences that belong with the data, kept in the ``settings`` table as key → JSON value.

Read them through the typed accessors below, which hold the defaults; a value that cannot be read
(edited by hand, written by a newer version) is reported in the log and its default used instead.
Window-only preferences (geometry, language) live in ``ui.settings`` with QSettings.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlite_utils import Database

from models.store.db import now_iso, stamp, writing
from models.store.errors import ValidationError

log = logging.getLogger(__name__)

CALLER_NAME = "caller_name"
DAILY_TARGET = "daily_target"
CALL_WINDOWS = "call_windows"
CLOSURE_DAYS = "closure_days"

DEFAULT_DAILY_TARGET = 40
DEFAULT_CALL_WINDOWS = (("09:00", "12:00"), ("13:00", "18:00"))
DEFAULT_CLOSURE_DAYS = (("12-29", "01-03"),)  # 年末年始: a range may run over the new year
_MISSING = object()
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})")
_MONTH_DAY_RE = re.compile(r"(\d{1,2})-(\d{1,2})")


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    """The stored value of ``key`` (decoded from JSON), or ``default`` when it was never set."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None or row[0] is None:
        return default
    try:
        return json.loads(row[0])
    except ValueError:
        log.warning("setting %r is not valid JSON (%r); using the default", key, row[0][:200])
        return default


def set_setting(db: Database, key: str, value: Any) -> None:
    """Store ``value`` (anything JSON can hold) under ``key``, replacing what was there."""
    text = json.dumps(value, ensure_ascii=False)
    row = stamp({"key": key, "value": text})
    with writing(db):
        db.execute(
            "INSERT INTO settings (uid, created_at, updated_at, key, value) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [row["uid"], row["created_at"], now_iso(), key, text],
        )


def _typed(db: Database, key: str, default: Any, convert) -> Any:
    value = get_setting(db, key, _MISSING)
    if value is _MISSING:
        return default
    try:
        return convert(value)
    except (TypeError, ValueError, ValidationError):
        log.warning("setting %r has an unusable value %r; using the default", key, value)
        return default


# -- caller name ----------------------------------------------------------------------------------

def caller_name(db: Database) -> str:
    """The caller's name as shown on touches and briefing sheets ("" until set)."""
    return _typed(db, CALLER_NAME, "", lambda v: v if isinstance(v, str) else str(v))


def set_caller_name(db: Database, name: str | None) -> None:
    set_setting(db, CALLER_NAME, " ".join((name or "").split()))


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
    return _typed(db, DAILY_TARGET, DEFAULT_DAILY_TARGET, _check_daily_target)


def set_daily_target(db: Database, calls: int) -> None:
    set_setting(db, DAILY_TARGET, _check_daily_target(calls))


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
    """Call hours as ("HH:MM", "HH:MM") pairs in time order (read by planning.calendar)."""
    return _typed(db, CALL_WINDOWS, list(DEFAULT_CALL_WINDOWS), _check_windows)


def set_call_windows(db: Database, windows: Iterable[tuple[str, str]]) -> None:
    try:
        clean = _check_windows(windows)
    except (TypeError, ValueError) as error:
        raise ValidationError("架電時間帯は「開始」「終了」の組で入力してください。") from error
    for (_, end), (start, _) in itertools.pairwise(clean):
        if start < end:
            raise ValidationError("架電時間帯が重なっています。重ならないように入力してください。")
    set_setting(db, CALL_WINDOWS, [list(pair) for pair in clean])


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
    return _typed(db, CLOSURE_DAYS, list(DEFAULT_CLOSURE_DAYS), _check_closures)


def set_closure_days(db: Database, ranges: Iterable[tuple[str, str]]) -> None:
    try:
        clean = _check_closures(ranges)
    except (TypeError, ValueError) as error:
        raise ValidationError("休業期間は「開始日」「終了日」の組で入力してください。") from error
    set_setting(db, CLOSURE_DAYS, [list(pair) for pair in clean])
