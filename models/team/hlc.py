"""The hybrid logical clock that orders edits across laptops whose clocks drift.

An HLC is text ``f"{physical_ms:013d}:{counter:05d}:{origin}"``: compared as strings, it orders by the
physical milliseconds, then by the counter, then by the laptop's origin uid (a tie between two laptops
is settled the same way everywhere). A laptop keeps its last HLC (``sync_state.hlc``); ``tick`` stamps
a local edit no earlier than the last one it stamped or received, and ``receive`` moves the clock past
every pulled change, so an edit made after seeing another's is ordered after it even when this
laptop's wall clock is behind.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

ZERO = ""  # no HLC yet: sorts before every stamped one
_COUNTER_MAX = 99_999


class Hlc(NamedTuple):
    """One reading of the clock, in its parts."""

    ms: int
    counter: int
    origin: str

    def text(self) -> str:
        return f"{self.ms:013d}:{self.counter:05d}:{self.origin}"


def parse(text: str) -> Hlc:
    """The parts of an HLC's text (``ZERO`` reads as the clock's start)."""
    if not text:
        return Hlc(0, 0, "")
    ms, counter, origin = text.split(":", 2)
    return Hlc(int(ms), int(counter), origin)


def ms_of(timestamp: str) -> int:
    """The Unix milliseconds of an ISO 8601 timestamp with its offset (an outbox row's created_at)."""
    return int(datetime.fromisoformat(timestamp).timestamp() * 1000)


def tick(last: str, physical_ms: int, origin: str) -> str:
    """The HLC of a local edit made at ``physical_ms``, after ``last`` (the laptop's last HLC).

    The counter restarts at a new millisecond and counts up within one; past its width the clock moves
    on a millisecond instead, so the text keeps its order.
    """
    previous = parse(last)
    if physical_ms > previous.ms:
        return Hlc(physical_ms, 0, origin).text()
    if previous.counter >= _COUNTER_MAX:
        return Hlc(previous.ms + 1, 0, origin).text()
    return Hlc(previous.ms, previous.counter + 1, origin).text()


def receive(last: str, remote: str, origin: str) -> str:
    """The laptop's clock after seeing ``remote`` (a pulled change's HLC): never behind either.

    Keeps ``origin`` (this laptop's), so the next ``tick`` comes after ``remote`` whatever the wall
    clock says.
    """
    mine, theirs = parse(last), parse(remote)
    if (theirs.ms, theirs.counter) <= (mine.ms, mine.counter):
        return last if last else ZERO
    return Hlc(theirs.ms, theirs.counter, origin).text()
