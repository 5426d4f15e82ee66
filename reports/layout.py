"""A small page filler for reportlab flowables: lay out once, draw on as many canvases as needed.

platypus' DocTemplate lays out and draws in one pass on one canvas. A day's briefs go into one
file per meeting and a combined file, so the layout is computed here once (wrap, split, page
breaks) and the placed flowables are then drawn on each canvas. Knowing every page before
drawing also gives the "1 / 2" page count without a second build.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import LayoutError

_FUZZ = 1e-6
# A sheet is a few pages. A story still running past this many is a flowable whose splits make no
# progress (reportlab can split a table row with spans into a remainder as tall as before): stop there
# instead of filling memory with pages.
MAX_PAGES = 100


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Keep:
    """Flowables kept on one page when they fit on one (a section and its heading)."""

    flowables: tuple[Flowable, ...]


@dataclass(frozen=True)
class Gap:
    """Vertical space between sections; dropped at the top of a page."""

    height: float


@dataclass(frozen=True)
class PageBreak:
    """What follows starts a new page (nothing happens at the top of an empty page)."""


# What a story for ``paginate`` is made of.
StoryItem = Flowable | Keep | Gap | PageBreak


@dataclass
class LaidOut:
    """Pages of (flowable, x, y): each flowable already wrapped, ready for ``drawOn``."""

    pages: list[list[tuple[Flowable, float, float]]] = field(default_factory=lambda: [[]])


def paginate(story: Iterable[StoryItem], frame: Frame) -> LaidOut:
    """Fill pages of ``frame`` with ``story``, splitting flowables that run over a page.

    Raises:
        LayoutError: a flowable that cannot be split is taller than a whole page, or the story runs past
            ``MAX_PAGES`` (a split that makes no progress).
    """
    laid = LaidOut()
    used = 0.0
    # Wrapping a paragraph again is the costly part: once is enough. The flowable is kept in the
    # value so its id cannot be reused by another object while this runs.
    heights: dict[int, tuple[Flowable, float]] = {}

    def height_of(flowable: Flowable) -> float:
        key = id(flowable)
        if key not in heights:
            heights[key] = (flowable, flowable.wrap(frame.width, frame.height)[1])
        return heights[key][1]

    def place(flowable: Flowable, height: float) -> None:
        nonlocal used
        laid.pages[-1].append((flowable, frame.x, frame.y + frame.height - used - height))
        used += height

    def new_page() -> None:
        nonlocal used
        if len(laid.pages) >= MAX_PAGES:
            raise LayoutError(f"the story runs past {MAX_PAGES} pages: a flowable does not split down")
        laid.pages.append([])
        used = 0.0

    queue: deque = deque(story)
    while queue:
        item = queue.popleft()
        room = frame.height - used
        if isinstance(item, PageBreak):
            if laid.pages[-1]:
                new_page()
            continue
        if isinstance(item, Gap):
            if laid.pages[-1]:
                if item.height >= room:
                    new_page()
                else:
                    used += item.height
            continue
        if isinstance(item, Keep):
            total = sum(height_of(f) for f in item.flowables)
            if total <= room + _FUZZ:
                for flowable in item.flowables:
                    place(flowable, height_of(flowable))
            elif total <= frame.height and laid.pages[-1]:
                new_page()
                queue.appendleft(item)
            else:
                queue.extendleft(reversed(item.flowables))
            continue
        height = height_of(item)
        if height <= room + _FUZZ:
            place(item, height)
            continue
        parts = item.split(frame.width, room)
        if parts:
            first_height = parts[0].wrap(frame.width, room)[1]
            if _FUZZ < first_height <= room + _FUZZ:  # an empty first part would be placed forever
                place(parts[0], first_height)
                queue.extendleft(reversed(parts[1:]))
                continue
        if not laid.pages[-1]:
            raise LayoutError(f"{type(item).__name__} is taller than a page and cannot be split")
        new_page()
        queue.appendleft(item)
    if not laid.pages[-1] and len(laid.pages) > 1:
        laid.pages.pop()
    return laid
