"""The bundled font: registered once, embedded as subsets, and honest about what it cannot draw."""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.pdfgen.canvas import Canvas

from reports.fonts import (
    BOLD,
    FONT_DIR,
    FONT_FILES,
    REGULAR,
    describe,
    missing_glyphs,
    register_fonts,
    replace_missing,
)

EMOJI = "😀"  # U+1F600
RARE_KANJI = "𠮷"  # U+20BB7, CJK Extension B: the "tsuchi-yoshi" of 𠮷野家


def test_fonts_register_once_under_kakeru_names():
    assert register_fonts() == (REGULAR, BOLD)
    first = pdfmetrics.getFont(REGULAR)
    assert register_fonts() == (REGULAR, BOLD)
    assert pdfmetrics.getFont(REGULAR) is first
    assert isinstance(first, TTFont) and isinstance(pdfmetrics.getFont(BOLD), TTFont)
    assert (FONT_DIR / "OFL.txt").exists()


def test_the_test_characters_really_are_missing_from_both_faces():
    for file_name in FONT_FILES.values():
        cmap = TTFontFile(str(FONT_DIR / file_name)).charToGlyph
        assert ord(EMOJI) not in cmap and ord(RARE_KANJI) not in cmap
        assert ord("髙") in cmap and ord("﨑") in cmap  # the 異体字 common in names are there


def test_missing_glyphs_names_exactly_what_the_font_lacks():
    assert missing_glyphs("株式会社みなと精機 ＡＢＣ ｶﾅ ①〜③ 髙﨑\n\t") == set()
    assert missing_glyphs(f"{RARE_KANJI}野家で{EMOJI}") == {RARE_KANJI, EMOJI}
    assert missing_glyphs("") == set() and missing_glyphs(None) == set()


def test_replace_missing_marks_each_missing_character():
    assert replace_missing(f"{RARE_KANJI}田さん{EMOJI}") == ("〓田さん〓", {RARE_KANJI, EMOJI})
    assert replace_missing("山田さん") == ("山田さん", set())
    assert describe(EMOJI) == "「😀」(U+1F600)"


def test_a_pdf_embeds_only_a_subset_of_the_font():
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(REGULAR, 12)
    canvas.drawString(50, 700, "商談ブリーフィングシート")
    canvas.save()
    data = out.getvalue()
    assert b"/FontFile2" in data and b"+BIZUDPGothic-Regular" in data
    assert len(data) < (FONT_DIR / FONT_FILES[REGULAR]).stat().st_size / 20
