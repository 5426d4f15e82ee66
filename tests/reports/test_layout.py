"""The page filler, the PDF splitter, and the checks the other report tests rely on."""

from __future__ import annotations

import io

import pypdf
import pytest
from pdfcheck import layout_faults, shows, unembedded_fonts
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Spacer
from reportlab.platypus.doctemplate import LayoutError

from reports.fonts import REGULAR, register_fonts
from reports.layout import Frame, Gap, Keep, paginate
from reports.pdfsplit import SplitError, split_pdf

FRAME = Frame(0, 0, 100, 100)


def heights(laid) -> list[list[float]]:
    return [[round(y) for _, _, y in page] for page in laid.pages]


def test_flowables_fill_pages_top_down_and_gaps_vanish_at_a_page_top():
    laid = paginate([Spacer(10, 40), Gap(10), Spacer(10, 40), Gap(30), Spacer(10, 40)], FRAME)
    assert heights(laid) == [[60, 10], [60]]


def test_a_kept_block_moves_whole_to_the_next_page_when_it_fits_there():
    laid = paginate([Spacer(10, 50), Keep((Spacer(10, 30), Spacer(10, 30)))], FRAME)
    assert heights(laid) == [[50], [70, 40]]
    laid = paginate([Spacer(10, 50), Keep((Spacer(10, 80), Spacer(10, 80)))], FRAME)
    assert len(laid.pages) == 3  # taller than a page: placed piece by piece


def test_an_unsplittable_flowable_taller_than_a_page_is_an_error():
    with pytest.raises(LayoutError):
        paginate([Spacer(10, 150)], FRAME)


def three_page_pdf() -> bytes:
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, initialFontName=REGULAR)  # else Helvetica joins, unembedded
    for text in ("一枚目の会社", "二枚目の会社", "三枚目の会社"):
        canvas.setFont(REGULAR, 14)
        canvas.drawString(72, 700, text)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_split_pdf_cuts_page_ranges_into_valid_files():
    first, rest = split_pdf(three_page_pdf(), [(0, 1), (1, 3)], ["最初", "残り"])
    expected = ((first, ["一枚目の会社"], "最初"), (rest, ["二枚目の会社", "三枚目の会社"], "残り"))
    for data, pages, title in expected:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        assert [page.extract_text().strip() for page in reader.pages] == pages
        assert reader.metadata.title == title
        assert unembedded_fonts(data) == []


def test_split_pdf_refuses_what_it_cannot_read():
    with pytest.raises(SplitError):
        split_pdf(b"%PDF-1.4 not really", [(0, 1)], ["x"])
    data = three_page_pdf()
    with pytest.raises(SplitError):
        split_pdf(data.replace(b"/Length ", b"/Lengxh ", 1), [(0, 1)], ["x"])


def test_the_layout_check_sees_overlap_overflow_and_text_across_a_rule():
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(REGULAR, 10)
    canvas.drawString(100, 700, "重なる文字")
    canvas.drawString(104, 702, "重なる文字")
    canvas.line(300, 600, 300, 650)
    canvas.drawString(280, 620, "罫線をまたぐ")
    canvas.drawString(590, 400, "はみ出し")
    canvas.save()
    faults = " ".join(layout_faults(out.getvalue()))
    assert "overlaps" in faults and "across a table rule" in faults and "outside the printable area" in faults
    assert shows(out.getvalue(), "罫線をまたぐ", "存在しない文") == ["存在しない文"]
