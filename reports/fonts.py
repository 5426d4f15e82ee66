"""The bundled Japanese font (BIZ UDPGothic, SIL OFL) for every PDF Kakeru writes.

Registered with reportlab once per process as TrueType, which reportlab embeds as subsets, so a
sheet prints the same on a machine without Japanese fonts. ``missing_glyphs`` tells which
characters of a text the font cannot draw, so a report can say so instead of dropping them.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Literal

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "KakeruGothic"
BOLD = "KakeruGothic-Bold"
FONT_FILES = {REGULAR: "BIZUDPGothic-Regular.ttf", BOLD: "BIZUDPGothic-Bold.ttf"}
# Shown in place of a character the font lacks (the customary 〓 "geta" mark of Japanese printing).
REPLACEMENT = "〓"


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces (first call only); return their names.

    Also turns off reportlab's ASCII85 stream encoding: it only makes the compressed streams a
    quarter larger and costs a pure-Python pass over every page and font.
    """
    rl_config.useA85 = 0
    for name, file_name in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file_name)))
    # <b> in a paragraph of the regular face switches to the bold file, not a synthetic bold.
    faces: tuple[tuple[Literal[0, 1], Literal[0, 1], str], ...] = (
        (0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD))
    for bold, italic, name in faces:
        addMapping(REGULAR, bold, italic, name)
    return REGULAR, BOLD


@functools.cache
def _covered() -> frozenset[int]:
    """Code points every Kakeru face can draw."""
    register_fonts()
    maps = []
    for name in FONT_FILES:
        font = pdfmetrics.getFont(name)
        if not isinstance(font, TTFont):  # typed as any Font; register_fonts registered TrueType
            raise TypeError(f"{name} is not registered as a TrueType font")
        maps.append(set(font.face.charToGlyph))
    return frozenset(set.intersection(*maps))


def _drawable(char: str) -> bool:
    # Line breaks and tabs are layout, not glyphs.
    return ord(char) in _covered() or unicodedata.category(char) == "Cc"


def missing_glyphs(text: str | None) -> set[str]:
    """The characters of ``text`` the bundled font cannot draw (empty when all are covered)."""
    if not text:
        return set()
    return {char for char in text if not _drawable(char)}


def replace_missing(text: str) -> tuple[str, set[str]]:
    """``text`` with each character the font lacks replaced by 〓, and the set of those characters."""
    missing = missing_glyphs(text)
    if not missing:
        return text, missing
    return "".join(REPLACEMENT if char in missing else char for char in text), missing


def describe(char: str) -> str:
    """A character as people can find it again: the glyph and its code point, e.g. 「😀」(U+1F600)."""
    return f"「{char}」(U+{ord(char):04X})"


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with … so that it fits ``width`` points (whole when it already fits).

    The cut is found by bisection, so a text of any length costs a few dozen measurements.
    """
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    fits, too_long = 0, len(text)  # the longest prefix known to fit with …, the shortest known not to
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if pdfmetrics.stringWidth(text[:middle] + "…", font, size) <= width:
            fits = middle
        else:
            too_long = middle
    return text[:fits] + "…"


def fit_lines(text: str, font: str, size: float, width: float, lines: int) -> str:
    """``text`` cut with … so that, wrapped into lines ``width`` points wide, it takes about ``lines``.

    One glyph of each line is kept free for what line breaking leaves at its end (禁則, a word).
    """
    return fit_text(text, font, size, max(size, lines * (width - size)))
