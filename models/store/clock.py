"""The working zone: the time zone the caller works in, and "now", "today" and timestamps in it.

Every timestamp Kakeru stores carries the working zone's offset, so that stored texts sort and compare
as the moments they name and their first ten characters are the caller's day (the agenda, the KPI
periods and the per-day counts compare them as text). The zone is the database's ``time_zone`` setting
(``models.store.time_zone`` applies it when the file is opened), else the system's. A process works on
one database at a time, so the zone is held here, for the process, and every "now" and "today" of
``models/`` and ``ui/`` is read through this module rather than from the system clock's zone.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TOKYO_NAME = "Asia/Tokyo"
ZONE_VARIABLE = "KAKERU_TIME_ZONE"  # the system's zone for Kakeru alone, when set

_chosen: tzinfo | None = None  # None: the system's zone
_system: tuple[str | None, tzinfo] | None = None
_system_env: str | None = None


class UnknownTimeZone(ValueError):
    """A time zone name the time zone database does not know."""


def zone_named(name: str) -> ZoneInfo:
    """The zone of an IANA name ("Asia/Tokyo", "UTC").

    Raises:
        UnknownTimeZone: the name is not in the time zone database.
    """
    try:
        return ZoneInfo(str(name).strip())
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as error:
        raise UnknownTimeZone(name) from error


def _known(name: str) -> str | None:
    try:
        zone_named(name)
    except UnknownTimeZone:
        return None
    return name


def _key_of_path(path: str) -> str | None:
    """The IANA name of a zoneinfo file's path (…/zoneinfo/Asia/Tokyo → Asia/Tokyo)."""
    resolved = Path(path).resolve().as_posix()
    marker = "/zoneinfo/"
    if marker not in resolved:
        return None
    key = resolved.split(marker, 1)[1].removeprefix("posix/").removeprefix("right/")
    return _known(key)


def _system_name() -> str | None:
    chosen = os.environ.get(ZONE_VARIABLE, "").strip()
    if chosen and _known(chosen):
        return chosen
    name = os.environ.get("TZ")
    if name:
        # TZ wins over /etc/localtime, as it does for the C library; a POSIX rule ("JST-9") has no name.
        name = name.removeprefix(":")
        return _key_of_path(name) if name.startswith("/") else _known(name)
    if os.path.exists("/etc/localtime"):
        found = _key_of_path("/etc/localtime")
        if found:
            return found
    try:
        return _known(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        return None


def _system_zone() -> tuple[str | None, tzinfo]:
    global _system, _system_env
    env = f"{os.environ.get(ZONE_VARIABLE)}|{os.environ.get('TZ')}"
    if _system is None or env != _system_env:  # a test (or the user) may change TZ while running
        name = _system_name()
        offset = datetime.now().astimezone().utcoffset() or timedelta()
        zone: tzinfo = zone_named(name) if name else timezone(offset)
        _system, _system_env = (name, zone), env
    return _system


def system_zone_name() -> str | None:
    """The IANA name of the system's zone, or None when it cannot be known.

    ``KAKERU_TIME_ZONE`` names it for Kakeru alone when set (a team's machines, the test suite), else
    it is TZ's or /etc/localtime's. On Windows it cannot be known (without tzlocal); the system's zone
    is then its current UTC offset.
    """
    return _system_zone()[0]


def system_zone() -> tzinfo:
    """The system's zone: its IANA zone when known, else a fixed zone of its current UTC offset."""
    return _system_zone()[1]


def use_zone(zone: tzinfo | str | None) -> None:
    """Make ``zone`` (a tzinfo or an IANA name) the working zone; None goes back to the system's.

    Raises:
        UnknownTimeZone: a name the time zone database does not know (the working zone is unchanged).
    """
    global _chosen
    _chosen = zone_named(zone) if isinstance(zone, str) else zone


def working_zone() -> tzinfo:
    """The zone the caller works in: the database's ``time_zone`` setting, else the system's zone."""
    return _chosen if _chosen is not None else system_zone()


def zone_name(zone: tzinfo | None = None) -> str | None:
    """The IANA name of ``zone`` (default: the working zone), or None for a bare offset."""
    zone = working_zone() if zone is None else zone
    return zone.key if isinstance(zone, ZoneInfo) else None


def now() -> datetime:
    """The current moment in the working zone."""
    return datetime.now(working_zone())


def now_text() -> str:
    """The current moment in the working zone as ISO 8601 with its offset, to the second."""
    return now().isoformat(timespec="seconds")


def today() -> date:
    """Today's date in the working zone (the caller's day, not the machine's)."""
    return now().date()


def local(moment: datetime) -> datetime:
    """``moment`` in the working zone: a naive one is taken as a wall-clock time there."""
    zone = working_zone()
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def parse(text: str) -> datetime:
    """A stored or typed ISO 8601 date-time as an aware datetime in the working zone.

    Raises:
        ValueError: the text is not an ISO 8601 date-time.
    """
    return local(datetime.fromisoformat(text.strip()))


def iso(moment: datetime) -> str:
    """How a moment is stored: ISO 8601 in the working zone with its offset, to the second."""
    return local(moment).isoformat(timespec="seconds")


def text_in_zone(text: str | None, zone: tzinfo) -> str | None:
    """A stored timestamp rewritten to ``zone``'s offset; anything else (a bare date, a naive or
    unreadable text, None) comes back unchanged, and so does a timestamp already at that offset."""
    if not isinstance(text, str) or len(text) <= 10:
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        return text
    moved = moment.astimezone(zone)
    if moved.utcoffset() == moment.utcoffset():
        return text
    return moved.isoformat()


def fixed_offset(zone: tzinfo, year: int | None = None) -> timedelta | None:
    """``zone``'s UTC offset when it is the same all year round (Asia/Tokyo, UTC), else None."""
    year = year or datetime.now().year
    january, july = (datetime(year, month, 1, 12, tzinfo=zone).utcoffset() for month in (1, 7))
    return january if january == july else None


def offset_text(offset: timedelta) -> str:
    """An offset as stored timestamps end with it: "+09:00", "+00:00", "-05:30"."""
    return datetime(2000, 1, 1, tzinfo=timezone(offset)).isoformat()[-6:]
