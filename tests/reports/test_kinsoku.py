"""Japanese line breaking: no line starts with closing punctuation, none ends with an opening one."""

from __future__ import annotations

import itertools

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.briefing_sections import styles
from reports.kinsoku import NO_LINE_END, NO_LINE_START, JaParagraph, clean_markup

TEXT = ("ご担当者は会議中とのこと。「社内で回覧中です。」とのことで、（決裁は来月）、次回は決算期の前に"
        "ご連絡する。ショートメッセージ、ミーティング、シャッフル。Excel と kintone を併用。")


def lines_of(markup: str, width: float) -> list[str]:
    paragraph = JaParagraph(markup, styles().body)
    paragraph.wrap(width, 1000)
    return ["".join(frag.text for frag in line.words) for line in paragraph.blPara.lines]


@pytest.mark.parametrize("width", [float(w) for w in range(40, 260, 3)])
def test_lines_obey_kinsoku_and_keep_every_character(width):
    lines = lines_of(TEXT, width)
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")
    for before, after in itertools.pairwise(lines):
        assert after[:1] not in NO_LINE_START, (width, before, after)
        assert before[-1:] not in NO_LINE_END, (width, before, after)


def test_lines_stay_inside_the_width():
    paragraph = JaParagraph(TEXT, styles().body)
    paragraph.wrap(100, 1000)
    assert all(line.currentWidth <= 100 + 1e-6 for line in paragraph.blPara.lines)


def test_latin_words_are_not_cut_when_a_line_can_end_before_them():
    style = styles().body
    width = stringWidth("ああ kint", style.fontName, style.fontSize)
    assert lines_of("ああ kintone", width) == ["ああ ", "kintone"]
    long_word = "https://example.jp/" + "a" * 40
    assert "".join(lines_of(long_word, width)) == long_word  # a word longer than the line is cut


def test_forced_line_breaks_are_kept():
    assert lines_of("一行目<br/>二行目", 300) == ["一行目", "二行目"]


def test_full_width_spaces_survive_markup_cleaning():
    assert clean_markup("  佐藤　恵子 \n  様  ") == "佐藤　恵子 様"
    assert lines_of("□ その他（　　　）", 300) == ["□ その他（　　　）"]


def test_wrapping_twice_at_the_same_width_reuses_the_lines():
    paragraph = JaParagraph(TEXT, styles().body)
    paragraph.wrap(120, 1000)
    first = paragraph.blPara
    paragraph.wrap(120, 1000)
    assert paragraph.blPara is first
    paragraph.wrap(200, 1000)
    assert paragraph.blPara is not first
