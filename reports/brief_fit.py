"""How much of each section the briefing sheet shows, and cutting a text to a number of lines.

A section is drawn in full or summarised: the touch history limited to the newest touches ending with
「…ほか N 件」 and each note to a line or two, the relationship map drawn smaller, the caller's notes,
the memos on the attendees and the questions cut to a few lines with …. ``LADDER`` lists the steps
``reports.brief_plan`` takes, in order, each summarising one section a little more, until the sheet
fits its page. The first steps cost the field rep least: the hearing row of "why now" (the same facts
are under "what was heard"), then the history, which the timeline strip still shows whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.fonts import REGULAR, fit_text

MAP_HEIGHT = 62 * mm  # the map in full: room for it without pushing the rest over


@dataclass(frozen=True)
class Fit:
    """What each section shows. ``None`` for a number of lines or rows: all of it."""

    why_hearing: bool = True  # the hearing row of "why now"
    why_lines: int | None = None  # lines of the hypothesis, and of what the customer said
    history_rows: int | None = None  # the newest touches listed
    history_lines: int | None = None  # lines of a touch's note
    map_height: float = MAP_HEIGHT
    heard_facts: int = 3  # facts a call heard shown in place of a note nobody wrote
    heard_lines: int | None = None  # lines of one item of "what was heard", its facts included
    person_lines: int | None = None  # lines of the caller's memo on an attendee
    item_lines: int | None = None  # lines of one question or caution


FULL = Fit()

# Each step changes what the one before left; a sheet takes the first step whose sections fit.
LADDER: tuple[dict, ...] = (
    {"why_hearing": False},
    {"history_lines": 3},
    {"history_rows": 10},
    {"map_height": 52 * mm},
    {"history_lines": 2},
    {"history_rows": 8},
    {"heard_lines": 6},
    {"map_height": 46 * mm},
    {"history_rows": 6},
    {"history_lines": 1},
    {"heard_facts": 2, "person_lines": 3, "item_lines": 3},
    {"history_rows": 5},
    {"map_height": 40 * mm},
    {"heard_lines": 4, "why_lines": 4},
    {"history_rows": 4},
    {"heard_facts": 1},
    {"history_rows": 3},
    {"heard_lines": 3, "person_lines": 2, "item_lines": 2, "why_lines": 2},
    # Below this a map of many people is hard to read: the last resort.
    {"map_height": 34 * mm},
    {"map_height": 28 * mm},
)


def steps() -> list[Fit]:
    """``FULL`` then every step of ``LADDER`` applied in turn."""
    fits = [FULL]
    for change in LADDER:
        fits.append(replace(fits[-1], **change))
    return fits


def line_count(text: str, size: float, width: float, font: str = REGULAR) -> int:
    """About how many lines ``text`` takes wrapped ``width`` points wide (each line break starts one).

    One glyph of each line is kept free, as ``fonts.fit_lines`` does, for what line breaking pushes
    down (禁則, a word kept whole), so the count errs on the long side.
    """
    usable = max(size, width - size)
    return sum(max(1, math.ceil(stringWidth(line, font, size) / usable)) for line in text.split("\n"))


def clamp(text: str, size: float, width: float, lines: int | None, font: str = REGULAR) -> tuple[str, bool]:
    """``text`` cut with … to about ``lines`` lines ``width`` points wide; and whether it was cut."""
    if lines is None or line_count(text, size, width, font) <= lines:
        return text, False
    usable = max(size, width - size)
    kept: list[str] = []
    left = lines
    for line in text.split("\n"):
        need = line_count(line, size, width, font)
        if need < left:
            kept.append(line)
            left -= need
            continue
        # This line takes what is left, and ends with … wherever it is cut.
        cut = fit_text(line, font, size, left * usable - stringWidth("…", font, size))
        kept.append(cut if cut.endswith("…") else cut + "…")
        break
    return "\n".join(kept), True
