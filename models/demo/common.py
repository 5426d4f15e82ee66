"""What every part of the demo generator shares: a weighted choice that draws one random number, the
business-day calendar around today, and the account whose history is being built.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import jpholiday

TZ = "+09:00"
WINDOW = 250  # business days of history (about a year)
WEEKDAYS = "月火水木金土日"
NO_HEARING = (None, None, None, None, None, None)


class Weighted:
    """A weighted choice that consumes exactly one ``rng.random()``."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, pairs: tuple[tuple[Any, float], ...]):
        self.items = tuple(item for item, _ in pairs)
        self.cumulative: list[float] = []
        total = 0.0
        for _, weight in pairs:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]


class Seen:
    """Numbers already handed out, in a bitmap of fixed size: memory does not grow with the companies.

    A number is marked by its value modulo the bitmap's size, so a new number may now and then look
    taken (then the caller draws another: less than 1 in 100 at a million companies); a number given
    out before is always seen, so nothing is repeated.
    """

    __slots__ = ("bits", "mask")

    def __init__(self, expected: int):
        size = 1 << max(16, min(28, (expected * 128).bit_length()))  # ≤ 32 MiB
        self.bits = bytearray(size >> 3)
        self.mask = size - 1

    def add(self, number: int) -> bool:
        """Mark ``number``; False when it (or one sharing its bit) was marked before."""
        bit = number & self.mask
        byte, flag = bit >> 3, 1 << (bit & 7)
        if self.bits[byte] & flag:
            return False
        self.bits[byte] |= flag
        return True


def person(surname: str) -> str:
    return f"{surname}様"


class Calendar:
    """Business days (weekdays that are neither public holidays nor 12/29–1/3) around ``today``.

    Indices below ``today`` are the past; ``today`` is the first business day on or after the date.
    """

    def __init__(self, today: date):
        first, last = today - timedelta(days=WINDOW * 7 // 5 + 60), today + timedelta(days=430)
        holidays = {day for day, _ in jpholiday.between(first, last)}
        self.dates: list[date] = []
        day = first
        while day <= last:
            year_end = (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)
            if day.weekday() < 5 and day not in holidays and not year_end:
                self.dates.append(day)
            day += timedelta(days=1)
        self.iso = [day.isoformat() for day in self.dates]
        self.ordinals = [day.toordinal() for day in self.dates]
        self.date = today
        self.today = self.index_on_or_after(today)
        self.window_start = max(0, self.today - WINDOW)

    def index_on_or_after(self, day: date) -> int:
        return min(bisect.bisect_left(self.ordinals, day.toordinal()), len(self.dates) - 1)


@dataclass(eq=False)
class Account:
    """What the history of one company needs to know about it while it is generated."""

    id: int
    status: str
    industry: str
    employees: int | None
    fiscal_month: int | None
    address: str
    caller: str
    contacts: list[tuple[int, str, str]] = field(default_factory=list)  # (id, role, 「田中様」)
    talkers: list[tuple[int, str, str]] = field(default_factory=list)  # contacts beyond the gatekeeper
    last_at: str | None = None
    first_at: str | None = None  # companies.first_touch_at and open_plans, written with the company
    open_plans: int = 0

    def touched(self, at: str) -> None:
        """Note a touch at ``at`` (as written) among the account's first and last."""
        if self.last_at is None or at > self.last_at:
            self.last_at = at
        if self.first_at is None or at < self.first_at:
            self.first_at = at


# One generated touch as later steps need it: (id, day index, at, outcome, contact or None).
Touch = tuple[int, int, str, str | None, tuple[int, str, str] | None]
