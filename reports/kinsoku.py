"""Japanese line breaking for reportlab paragraphs (禁則処理).

reportlab's ``wordWrap='CJK'`` hangs at most one forbidden character in the right margin, so
「です。」 can still start a line with 」 and a hung 。 pokes out of a table cell. ``JaParagraph``
breaks lines itself instead: it pushes characters down to the next line (追い出し) until the
next line does not start with closing punctuation and this line does not end with an opening
bracket, and it keeps runs of Latin letters and digits (URLs, model numbers) whole where it can.
"""

from __future__ import annotations

import re

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines, cjkFragSplit  # type: ignore[attr-defined]  # not in the stubs
from reportlab.platypus.paraparser import ParaFrag
from reportlab.rl_config import _FUZZ

# JIS X 4051 line-start prohibitions on top of reportlab's list: closing brackets and marks.
NO_LINE_START = frozenset(ALL_CANNOT_START + "、。，．・：；？！）」』］｝〕〉》】〙〗〟’”｠»"
                          "ゝゞヽヾ々〻‐゠…‥")
NO_LINE_END = frozenset(ALL_CANNOT_END + "（「『［｛〔〈《【〘〖〝‘“｟«")


_MARKUP_SPACE = re.compile(r"[\t\n\r\f\v ]+")


def clean_markup(text: str) -> str:
    """Collapse runs of ASCII white space as HTML does, but keep full-width spaces (U+3000).

    reportlab's own cleaner treats 「佐藤　恵子」's space and a form's blank （　　　） as
    collapsible white space; in Japanese they are characters.
    """
    return _MARKUP_SPACE.sub(" ", text).strip(" ")


def _in_word(char: str) -> bool:
    """Part of a Latin word or number, which should not be cut (CJK text breaks anywhere)."""
    return bool(char) and ord(char) < 0x2E80 and not char.isspace()


def break_point(glyphs: list[str], start: int, end: int) -> int:
    """Where to end the line ``glyphs[start:end + 1]`` that overflows at ``end``; returns an index > start."""
    point = end
    if _in_word(glyphs[point - 1]) and _in_word(glyphs[point]):
        word_start = point - 1
        while word_start > start and _in_word(glyphs[word_start - 1]):
            word_start -= 1
        if word_start > start:
            point = word_start
    while point > start + 1 and (glyphs[point] in NO_LINE_START or glyphs[point - 1] in NO_LINE_END):
        point -= 1
    return point


_widths: dict[tuple[str, float], dict[str, float]] = {}


def _char_widths(frag) -> dict[str, float]:
    """A per-font, per-size cache of character widths (the line breaker asks for every character)."""
    key = (frag.fontName, frag.fontSize)
    table = _widths.get(key)
    if table is None:
        table = _widths[key] = {}
    return table


def _frag_line(chars: list[str], frags: list, max_width: float, width: float, hard: bool) -> FragLine:
    """One line in the shape ``makeCJKParaLine`` gives, grouping characters by fragment."""
    words = []
    font_size, ascent, descent = 0.0, 0.0, 0.0
    current: ParaFrag | None = None
    run: list[str] = []
    for char, frag in zip(chars, frags, strict=True):
        if frag is not current:
            if current is not None:  # the run of the fragment before
                word = current.clone()
                word.text = "".join(run)
                words.append(word)
            current, run = frag, []
            up, down = getAscentDescent(frag.fontName, frag.fontSize)
            font_size, ascent, descent = max(font_size, frag.fontSize), max(ascent, up), min(descent, down)
        run.append(char)
    if current is not None:
        word = current.clone()
        word.text = "".join(run)
        words.append(word)
    return FragLine(kind=1, extraSpace=max_width - width, wordCount=1, words=words, fontSize=font_size,
                    ascent=ascent, descent=descent, maxWidth=max_width, currentWidth=width, lineBreak=hard)


def kinsoku_frag_split(frags, max_widths: list[float], calc_bounds: bool) -> ParaLines:
    """Break paragraph fragments into lines (the shape reportlab's ``cjkFragSplit`` returns)."""
    if calc_bounds:  # autoLeading (images inline): let reportlab measure, keep our break points
        return cjkFragSplit(frags, max_widths, calc_bounds)
    chars: list[str] = []
    owners: list = []
    widths: list[float] = []
    for frag in frags:
        text = frag.text
        if not text or hasattr(frag, "cbDefn"):
            chars.append(text or "")
            owners.append(frag)
            widths.append(getattr(getattr(frag, "cbDefn", None), "width", 0) or 0)
            continue
        cache = _char_widths(frag)
        for char in text:
            width = cache.get(char)
            if width is None:
                width = cache[char] = stringWidth(char, frag.fontName, frag.fontSize)
            chars.append(char)
            owners.append(frag)
            widths.append(width)
    lines: list[FragLine] = []
    start, count = 0, len(chars)
    while start < count:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        width, index, hard = 0.0, start, False
        while index < count:
            if hasattr(owners[index], "lineBreak"):
                index += 1
                hard = True
                break
            if width + widths[index] > max_width + _FUZZ and index > start:
                break
            width += widths[index]
            index += 1
        end = index
        if not hard and end < count:
            end = break_point(chars, start, end)
            width = sum(widths[start:end])
        lines.append(_frag_line(chars[start:end], owners[start:end], max_width, width, hard))
        start = end
        if not hard:  # a soft break swallows the spaces it falls on
            while start < count and chars[start] == " ":
                start += 1
    return ParaLines(kind=1, lines=lines)


class JaParagraph(Paragraph):
    """A ``Paragraph`` whose CJK wrapping follows the kinsoku rules above (style.wordWrap='CJK')."""

    def __init__(self, text, style, bulletText=None, frags=None, caseSensitive=1, encoding="utf8"):
        # As Paragraph.__init__, with a cleaner that keeps full-width spaces.
        self.caseSensitive = caseSensitive
        self.encoding = encoding
        self._setup(text, style, bulletText or getattr(style, "bulletText", None), frags, clean_markup)

    def wrap(self, availWidth, availHeight):
        # A table wraps its cells again when it draws them; the lines for a width do not change.
        if getattr(self, "_wrapped_for", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return size

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        if not self.frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return kinsoku_frag_split(self.frags, maxWidths, auto_leading not in ("", "off"))
