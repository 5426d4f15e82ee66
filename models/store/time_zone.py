"""The ``time_zone`` setting: the zone the caller works in, kept in the file (an IANA name).

Without the setting the working zone is the system's. ``open_db`` applies the file's zone for the
process (``models.store.clock``); ``set_time_zone`` changes it and rewrites every stored timestamp to
the new zone's offset in the same transaction, so that they keep comparing as text.
"""

from __future__ import annotations

import logging
from datetime import tzinfo
from typing import TYPE_CHECKING

from models.store import clock, settings, timestamps
from models.store.changes import SETTINGS, Changes, Counted
from models.store.db import writing
from models.store.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

# The zones offered first in the settings dialog; any IANA name can be typed.
COMMON_ZONES = ("Asia/Tokyo", "UTC", "Asia/Seoul", "Asia/Shanghai", "Asia/Singapore", "Asia/Bangkok",
                "Asia/Kolkata", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles")


def stored_time_zone(db: Database) -> str | None:
    """The zone chosen for this file, or None when it follows the system's."""
    return timestamps.stored_zone_name(db)


def time_zone_name(db: Database) -> str | None:
    """The IANA name of the file's working zone: its setting, else the system's (None: not known)."""
    return stored_time_zone(db) or clock.system_zone_name()


def apply_time_zone(db: Database) -> tzinfo:
    """Make the file's zone the process's working zone (``open_db`` calls it); return that zone."""
    name = stored_time_zone(db)
    try:
        clock.use_zone(name)
    except clock.UnknownTimeZone:
        # Written by hand or on a machine with a newer time zone database: the system's zone serves.
        log.warning("time_zone setting %r is not a known zone; using the system's", name)
        clock.use_zone(None)
    return clock.working_zone()


def set_time_zone(db: Database, name: str | None) -> Counted:
    """Make ``name`` (an IANA name; None or "" for the system's) the zone of this file and the process.

    Every stored timestamp is rewritten to the new zone's offset in the same transaction (the moments
    stay the same). Returns how many values were rewritten, with every table as changed (the times
    of all of them are shown in another zone now).

    Raises:
        ValidationError: ``name`` is not a zone the time zone database knows.
    """
    name = (name or "").strip() or None
    try:
        zone = clock.zone_named(name) if name else clock.system_zone()
    except clock.UnknownTimeZone as error:
        raise ValidationError(
            f"「{name}」はタイムゾーンとして認識できません。「Asia/Tokyo」のように入力してください。"
        ) from error
    with writing(db):
        if name:
            settings.set_setting(db, settings.TIME_ZONE, name)
        else:
            settings.delete_setting(db, settings.TIME_ZONE)
        changed = timestamps.rewrite(db, zone)
    clock.use_zone(zone if name else None)
    return Counted(changed, Changes.of(SETTINGS, *timestamps.TIMESTAMP_COLUMNS))


def adopt_time_zone(db: Database, name: str) -> None:
    """Before writing rows made in zone ``name`` (the demo's, in Asia/Tokyo): the file's zone becomes
    the working zone, and a file without one takes ``name`` (kept in the file, wherever it is opened
    next), so that the rows need no rewriting."""
    if stored_time_zone(db) is None:
        set_time_zone(db, name)
    else:
        apply_time_zone(db)  # another file opened since may have set the process's zone


def settle_rows_from(db: Database, name: str) -> int:
    """After writing rows made in zone ``name``: when the file works in another zone, rewrite every
    timestamp to it (``adopt_time_zone`` makes this rare). Returns how many values were rewritten."""
    zone = clock.working_zone()
    if clock.zone_name(zone) == name:
        return 0
    with writing(db):
        return timestamps.rewrite(db, zone)
