"""The demo's uids: random per build and table, then counting up, so each table's uid index is appended to.

Fully random uids land on random pages of the uid index: once the index outgrows the page cache (about
300,000 companies, whose touches' index alone passes 100 MB) every commit rewrites most of its pages,
and the demo builder's time grows with the square of the companies. A uid here is still 32 hex digits
drawn from the seeded generator: the first of each table is the draw itself (its low half below 2**63),
and each later one is the one before plus one. Two builds (another seed, or more companies added to a
file) start from different draws, so their uids do not meet.
"""

from __future__ import annotations

import random

_LOW = 2**63 - 1  # the low half starts below 2**63: counting up never carries into the high half


class Uids:
    """Hands out the next uid of a table; one random draw per uid, as the demo always took."""

    __slots__ = ("_next", "rng")

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._next: dict[str, tuple[int, int]] = {}

    def __call__(self, table: str) -> str:
        # Drawn even when unused, so every other value of the demo keeps its place in the random stream.
        draw = self.rng.getrandbits(128)
        high, low = self._next.get(table) or (draw >> 64, draw & _LOW)
        self._next[table] = (high, low + 1)
        return f"{high:016x}{low:016x}"
