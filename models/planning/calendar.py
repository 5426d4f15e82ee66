"""Business days and call windows: weekends, Japanese public holidays, company closure days.

Public holidays come from ``jpholiday`` (振替休日 and 国民の休日 included), never a hand-written
table. Closure days are ``(MM-DD, MM-DD)`` ranges that may wrap the year (12-29 → 01-03).
Every function takes the day it works from; nothing here reads the clock.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import jpholiday
from dateutil.relativedelta import relativedelta
from sqlite_utils import Database

from models.store import settings
from models.store.changes import Changes
from models.store.db import writing
from models.store.errors import ValidationError

Closure = tuple[str, str]
Window = tuple[time, time]

# The keys, their JSON shapes and defaults are those of store/settings.py, which also edits them.
DEFAULT_CLOSURES: tuple[Closure, ...] = settings.DEFAULT_CLOSURE_DAYS
DEFAULT_WINDOWS: tuple[Window, ...] = tuple(
    (time.fromisoformat(start), time.fromisoformat(end)) for start, end in settings.DEFAULT_CALL_WINDOWS
)

_MONTH_DAY_RE = re.compile(r"^(\d{2})-(\d{2})$")
# A search for the next business day never needs more than a few weeks; this bounds a bad setting.
_MAX_SEARCH_DAYS = 366


def _check_month_day(text: str) -> str:
    match = _MONTH_DAY_RE.match(text or "")
    if not match:
        raise ValidationError(f"休業日「{text}」は MM-DD の形で指定してください（例: 12-29）。")
    try:
        date(2000, int(match[1]), int(match[2]))  # a leap year, so 02-29 is accepted
    except ValueError as error:
        raise ValidationError(f"休業日「{text}」は存在しない日付です。") from error
    return text


def _parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except (TypeError, ValueError) as error:
        raise ValidationError(
            f"架電時間帯「{text}」は HH:MM の形で指定してください（例: 09:00）。"
        ) from error


@dataclass(frozen=True)
class CalendarRules:
    """The company calendar: closure ranges and the call windows of a business day."""

    closures: tuple[Closure, ...] = DEFAULT_CLOSURES
    windows: tuple[Window, ...] = DEFAULT_WINDOWS

    def __post_init__(self):
        for start, end in self.closures:
            _check_month_day(start)
            _check_month_day(end)
        for start, end in self.windows:
            if not start < end:
                raise ValidationError(
                    f"架電時間帯 {start:%H:%M}〜{end:%H:%M} は開始が終了より前になるように指定してください。"
                )

    def to_json(self) -> dict:
        return {
            "closures": [list(pair) for pair in self.closures],
            "windows": [[f"{start:%H:%M}", f"{end:%H:%M}"] for start, end in self.windows],
        }

    @classmethod
    def from_json(cls, data: dict | None) -> CalendarRules:
        """Rules from their stored form; a missing part takes its default."""
        data = data or {}
        closures = data.get("closures")
        windows = data.get("windows")
        return cls(
            closures=DEFAULT_CLOSURES if closures is None else tuple((str(a), str(b)) for a, b in closures),
            windows=DEFAULT_WINDOWS if windows is None else tuple(
                sorted((_parse_time(a), _parse_time(b)) for a, b in windows)
            ),
        )


def load_calendar(db: Database) -> CalendarRules:
    """The calendar stored in settings (keys ``closure_days`` and ``call_windows``), or the defaults."""
    data = {"closures": settings.get_setting(db, settings.CLOSURE_DAYS),
            "windows": settings.get_setting(db, settings.CALL_WINDOWS)}
    try:
        return CalendarRules.from_json(data)
    except (ValidationError, TypeError, ValueError):
        # A damaged setting must not stop the day's calls; the defaults are a safe calendar.
        return CalendarRules()


def save_calendar(db: Database, rules: CalendarRules) -> Changes:
    data = rules.to_json()
    with writing(db):
        settings.set_setting(db, settings.CLOSURE_DAYS, data["closures"])
        return settings.set_setting(db, settings.CALL_WINDOWS, data["windows"])


def is_closure_day(d: date, closures: Iterable[Closure] = DEFAULT_CLOSURES) -> bool:
    month_day = f"{d.month:02d}-{d.day:02d}"
    for start, end in closures:
        if start <= end:
            if start <= month_day <= end:
                return True
        elif month_day >= start or month_day <= end:  # wraps the year end
            return True
    return False


def is_business_day(d: date, closures: Iterable[Closure] = DEFAULT_CLOSURES) -> bool:
    """Not a weekend, not a Japanese public holiday, not a company closure day."""
    if isinstance(d, datetime):
        d = d.date()
    return d.weekday() < 5 and not jpholiday.is_holiday(d) and not is_closure_day(d, closures)


def next_business_day(
    d: date, closures: Iterable[Closure] = DEFAULT_CLOSURES, *, inclusive: bool = False
) -> date:
    """The first business day after ``d`` (or ``d`` itself when ``inclusive`` and it is one)."""
    closures = tuple(closures)
    day = d if inclusive else d + timedelta(days=1)
    for _ in range(_MAX_SEARCH_DAYS):
        if is_business_day(day, closures):
            return day
        day += timedelta(days=1)
    raise ValidationError("休業日の設定により、1年以内に営業日がありません。休業日の設定をご確認ください。")


def previous_business_day(d: date, closures: Iterable[Closure] = DEFAULT_CLOSURES) -> date:
    closures = tuple(closures)
    day = d - timedelta(days=1)
    for _ in range(_MAX_SEARCH_DAYS):
        if is_business_day(day, closures):
            return day
        day -= timedelta(days=1)
    raise ValidationError("休業日の設定により、1年以内に営業日がありません。休業日の設定をご確認ください。")


def add_business_days(d: date, n: int, closures: Iterable[Closure] = DEFAULT_CLOSURES) -> date:
    """The ``n``-th business day after ``d`` (before it when ``n`` is negative).

    With ``n == 0``: ``d`` itself when it is a business day, else the next one.
    """
    closures = tuple(closures)
    if n == 0:
        return next_business_day(d, closures, inclusive=True)
    day = d
    step = next_business_day if n > 0 else previous_business_day
    for _ in range(abs(n)):
        day = step(day, closures)
    return day


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, clamped to the month end (Jan 31 + 3 months = Apr 30)."""
    return d + relativedelta(months=n)


def first_business_day_of_month(
    year: int, month: int, closures: Iterable[Closure] = DEFAULT_CLOSURES
) -> date:
    return next_business_day(date(year, month, 1), closures, inclusive=True)


def months_before_fiscal_year_end(
    today: date, fiscal_month: int, months: int, closures: Iterable[Closure] = DEFAULT_CLOSURES
) -> date:
    """Early in the month ``months`` before the fiscal year end, the next time that comes round.

    The answer is the first business day of that month, on or after ``today``: with a March year end
    and ``months=3`` that is early December (this year's, or next year's once it has passed).
    """
    if not 1 <= fiscal_month <= 12:
        raise ValidationError(f"決算月は 1〜12 で指定してください（{fiscal_month}）。")
    closures = tuple(closures)
    month = (fiscal_month - 1 - months) % 12 + 1
    for year in (today.year, today.year + 1):
        candidate = first_business_day_of_month(year, month, closures)
        if candidate >= today:
            return candidate
    return first_business_day_of_month(today.year + 2, month, closures)  # unreachable in practice


def in_call_window(moment: datetime, windows: Sequence[Window] = DEFAULT_WINDOWS) -> bool:
    clock = moment.time().replace(tzinfo=None)
    return any(start <= clock < end for start, end in windows)


def fit_to_call_window(
    moment: datetime,
    windows: Sequence[Window] = DEFAULT_WINDOWS,
    closures: Iterable[Closure] = DEFAULT_CLOSURES,
) -> datetime:
    """``moment`` itself when it falls in a call window of a business day, else the next window start.

    A moment on a day that is not a business day moves to the next business day and keeps its time
    when that time is in a call window (a holiday at 10:00 → the next business day at 10:00); a time
    between windows moves to the next window's start, a time after the last one to the first.
    The time zone of ``moment`` is kept. With no windows at all, only the day is moved.
    """
    closures = tuple(closures)
    windows = sorted(windows)
    day = moment.date()
    clock = moment.time().replace(tzinfo=None)
    if is_business_day(day, closures):
        if not windows or in_call_window(moment, windows):
            return moment
        for start, _end in windows:
            if clock < start:
                return moment.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
        # After the last window: the first window of the next business day.
        return datetime.combine(next_business_day(day, closures), windows[0][0], tzinfo=moment.tzinfo)
    moved = datetime.combine(next_business_day(day, closures), moment.timetz())
    if not windows or in_call_window(moved, windows):
        return moved
    for start, _end in windows:
        if clock < start:
            return moved.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
    return moved.replace(hour=windows[0][0].hour, minute=windows[0][0].minute, second=0, microsecond=0)


def holiday_name(d: date) -> str | None:
    """The name of the Japanese public holiday on ``d`` (e.g. 「国民の休日」), or None."""
    return jpholiday.is_holiday_name(d)


@dataclass(frozen=True)
class DayOff:
    """Why a day is not a business day.

    ``kind`` is holiday, closure, saturday or sunday; ``name`` is the holiday's name (「天皇誕生日」) or
    the closure's (「年末年始」 for a range over the new year), else None.
    """

    kind: str
    name: str | None = None


def day_off(d: date, closures: Iterable[Closure] = DEFAULT_CLOSURES) -> DayOff | None:
    """Why ``d`` is not a business day (a holiday first, then a closure, then the weekend), or None."""
    if isinstance(d, datetime):
        d = d.date()
    name = jpholiday.is_holiday_name(d)
    if name:
        return DayOff("holiday", name)
    for start, end in closures:
        if is_closure_day(d, ((start, end),)):
            return DayOff("closure", "年末年始" if start > end else None)
    if d.weekday() >= 5:
        return DayOff("saturday" if d.weekday() == 5 else "sunday")
    return None


def describe_non_business_day(d: date, closures: Iterable[Closure] = DEFAULT_CLOSURES) -> str | None:
    """Why ``d`` is not a business day, in Japanese (「祝日（天皇誕生日）」「土曜日」「休業日（年末年始）」),
    or None when it is one."""
    off = day_off(d, closures)
    if off is None:
        return None
    if off.kind == "holiday":
        return f"祝日（{off.name}）"
    if off.kind == "closure":
        return f"休業日（{off.name}）" if off.name else "休業日"
    return "土曜日" if off.kind == "saturday" else "日曜日"


def _weekdays_through(d: date) -> int:
    """Mondays to Fridays from 0001-01-01 (a Monday) to ``d``, both included."""
    weeks, rest = divmod(d.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


@lru_cache(maxsize=64)
def _weekdays_off(year: int, closures: tuple[Closure, ...]) -> tuple[date, ...]:
    """The Mondays to Fridays of ``year`` that are holidays or closure days, in order."""
    holidays = {day for day, _name in jpholiday.year_holidays(year)}
    day, days = date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5 and (day in holidays or is_closure_day(day, closures)):
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def business_days_between(start: date, end: date, closures: Iterable[Closure] = DEFAULT_CLOSURES) -> int:
    """The business days after ``start`` up to and including ``end`` (0 when ``end`` is not later).

    Friday → the next Monday is 1; Friday → Tuesday over a Monday holiday is 1 as well.
    """
    if end <= start:
        return 0
    closures = tuple((str(first), str(last)) for first, last in closures)  # hashable, for the cache
    count = _weekdays_through(end) - _weekdays_through(start)
    for year in range(start.year, end.year + 1):
        off = _weekdays_off(year, closures)
        count -= bisect_right(off, end) - bisect_right(off, start)
    return count
