"""The parts every printed sheet is built from: colours, data made safe for the font, styles and tables.

Styles are built once per process. Every piece of data passes through ``Texts``, which escapes it
for paragraph markup and replaces a character the font lacks with 〓, remembering it so the caller
is told: a glyph missing from the font would otherwise print as nothing. It also cuts a value longer
than its box takes (``LONG_TEXT`` for notes, which may run on to the next page; ``SHORT_TEXT`` for a
name, a post, an address) with …, and says so: a sheet stays a few pages, and laid out in bounded
memory, whatever the data holds. Fixed labels are plain
table strings (cheaper than paragraphs, and they never need wrapping). The briefing sheet
(``reports.briefing_sections``) and the weekly review (``reports.weekly``) share them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table, TableStyle

from reports.brief_fit import clamp
from reports.fonts import BOLD, REGULAR, describe, register_fonts, replace_missing
from reports.kinsoku import JaParagraph

NAVY = colors.HexColor("#1F3A5F")
LABEL_BG = colors.HexColor("#EDF1F6")
GRID = colors.HexColor("#B8C2CF")
MUTED = colors.HexColor("#6B7280")
ALERT = colors.HexColor("#B42318")
INK = colors.HexColor("#1F2328")
LABEL_FONT = (BOLD, 7.4, 9.4)
# The most of one value a sheet draws, in characters: a note (a few pages at most) and anything else.
LONG_TEXT = 5_000
SHORT_TEXT = 300


class Texts:
    """Escapes data for paragraphs and collects, by section, the characters the font cannot draw."""

    def __init__(self) -> None:
        self._missing: dict[str, set[str]] = {}
        self._cut: dict[str, None] = {}  # where a value was cut, in order

    def plain(self, text: str | None, where: str, limit: int = LONG_TEXT) -> str:
        """The text with characters the font lacks replaced by 〓 and cut to ``limit`` characters with …
        (for drawing on the canvas)."""
        text = text or ""
        if len(text) > limit:
            text = text[: limit - 1] + "…"
            self._cut[where] = None
        shown, missing = replace_missing(text.replace("\r\n", "\n").replace("\r", "\n"))
        if missing:
            self._missing.setdefault(where, set()).update(missing)
        return shown

    def __call__(self, text: str | None, where: str, limit: int = LONG_TEXT) -> str:
        """The text as paragraph markup: replaced and cut as ``plain``, escaped, line breaks kept."""
        return escape(self.plain(text, where, limit)).replace("\n", "<br/>")

    def short(self, text: str | None, where: str) -> str:
        """``self(text, where)`` for a value that is a name, a post or an address (``SHORT_TEXT``)."""
        return self(text, where, SHORT_TEXT)

    def cut_note(self, where: str) -> None:
        """Record that a value of ``where`` was cut to fit its box by the caller (``fit_text``)."""
        self._cut[where] = None

    def lines(self, text: str | None, where: str, width: float, lines: int | None, size: float, *,
              quiet: bool = False) -> str:
        """``self(text, where)`` cut with … to about ``lines`` lines ``width`` points wide (all of it for
        None); a cut is recorded for the warnings unless ``quiet`` (a summary the sheet marks itself)."""
        shown, cut = clamp(self.plain(text, where), size, width, lines)
        if cut and not quiet:
            self._cut[where] = None
        return escape(shown).replace("\n", "<br/>")

    def merge(self, other: Texts) -> None:
        """Take in what ``other`` noted (a section built apart, then chosen for the sheet)."""
        for where, chars in other._missing.items():
            self._missing.setdefault(where, set()).update(chars)
        self._cut.update(other._cut)

    def warnings(self) -> tuple[str, ...]:
        missing = tuple(
            f"{where}に、フォントにない文字 {'、'.join(describe(c) for c in sorted(chars))} があります。"
            "印刷では「〓」で表示しています。"
            for where, chars in self._missing.items()
        )
        cut = tuple(
            f"{where}の記載が長すぎるため、枠に収まるところまでを「…」で区切って印刷しています。"
            "全文は Kakeru の画面でご確認ください。"
            for where in self._cut
        )
        return missing + cut


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_bold: ParagraphStyle
    cell: ParagraphStyle
    heading: ParagraphStyle
    kicker: ParagraphStyle
    title: ParagraphStyle
    mark: ParagraphStyle
    item: ParagraphStyle
    notice: ParagraphStyle


@functools.cache
def styles() -> Styles:
    """The paragraph styles of the sheet, built on first use and shared by every brief."""
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=8, leading=10.6, textColor=INK, wordWrap="CJK")
    return Styles(
        body=base,
        body_bold=ParagraphStyle("body_bold", base, fontName=BOLD),
        cell=ParagraphStyle("cell", base, fontSize=7.6, leading=9.8),
        heading=ParagraphStyle("heading", base, fontName=BOLD, fontSize=9, leading=10.6, textColor=NAVY),
        kicker=ParagraphStyle("kicker", base, fontName=BOLD, fontSize=8, leading=10, textColor=NAVY,
                              alignment=TA_RIGHT),
        title=ParagraphStyle("title", base, fontName=BOLD, fontSize=14.5, leading=18),
        mark=ParagraphStyle("mark", base, fontName=BOLD, fontSize=8.5, leading=10, textColor=ALERT,
                            alignment=TA_CENTER),
        item=ParagraphStyle("item", base, leftIndent=8, firstLineIndent=-8),
        notice=ParagraphStyle("notice", base, fontName=BOLD, alignment=TA_CENTER, textColor=NAVY),
    )


# The helpers below kept the short names they had inside the briefing sheet; the weekly sheet uses
# them too.

def _p(markup: str, style: ParagraphStyle) -> JaParagraph:
    return JaParagraph(markup, style)


def _muted(text: str, size: float | None = None) -> str:
    sized = f' size="{size}"' if size else ""
    return f'<font color="{MUTED.hexval()}"{sized}>{escape(text)}</font>'


# One table style command: its name, first and last cell (column, row), then the command's arguments.
TableCommand = tuple[str, tuple[int, int], tuple[int, int], *tuple[Any, ...]]

# Shared table styling: small paddings, regular font for string cells, top alignment.
_BASE: list[TableCommand] = [("FONT", (0, 0), (-1, -1), REGULAR, 8), ("LEFTPADDING", (0, 0), (-1, -1), 3),
         ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 1.6),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2), ("VALIGN", (0, 0), (-1, -1), "TOP")]


def _labels(first: tuple[int, int], last: tuple[int, int], shade: bool = True) -> list[TableCommand]:
    """Style commands making the cells from ``first`` to ``last`` (col, row) label cells."""
    commands: list[TableCommand] = [("FONT", first, last, *LABEL_FONT), ("TEXTCOLOR", first, last, NAVY)]
    return [*commands, ("BACKGROUND", first, last, LABEL_BG)] if shade else commands


def _table(rows, widths, commands, *, grid: bool = True, repeat: int = 0, heights=None) -> Table:
    # splitInRow lets a note longer than a page continue on the next one instead of failing.
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=repeat,
                  splitInRow=0 if repeat else 1)
    lines: list[TableCommand] = [("GRID", (0, 0), (-1, -1), 0.4, GRID)] if grid else []
    table.setStyle(TableStyle([*_BASE, *lines, *commands]))
    return table


def _heading(title: str, width: float, note: str = "") -> Table:
    text = escape(title) + (f" {_muted(note, 6.8)}" if note else "")
    return _table([[_p(text, styles().heading)]], [width],
                  [("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BACKGROUND", (0, 0), (-1, -1), LABEL_BG),
                   ("LINEBEFORE", (0, 0), (0, -1), 2.5, NAVY)], grid=False)


def _value(markup: str, style: ParagraphStyle | None = None) -> JaParagraph:
    return _p(markup or _muted("—"), style or styles().body)
