"""The bundled Japanese font: registered, the application font, and covering Japanese text."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QFontMetrics, QTextLayout
from PySide6.QtWidgets import QApplication

from ui.fonts import FONT_DIR, FONT_FILES

JAPANESE = ("架電・不在・アポ獲得・ナーチャリング　ｶﾌﾞｼｷｶﾞｲｼｬ 株式会社　"
            "〒060-8776 北海道札幌市中央区大通西３丁目")


def test_font_files_and_licence_are_shipped():
    for name in (*FONT_FILES, "OFL.txt"):
        assert (FONT_DIR / name).is_file(), name


def test_registered_font_is_the_app_font_and_covers_japanese(app_font):
    assert app_font == "BIZ UDPGothic"
    assert app_font in QFontDatabase.families()
    font = QApplication.font()
    assert font.family() == app_font
    metrics = QFontMetrics(font)
    # inFontUcs4, not inFont: PySide6 6.12 converts the str given to inFont(QChar) wrongly and
    # reports most kanji (架, 電, 社…) as missing although they render; the code point is exact.
    missing = [ch for ch in JAPANESE if not metrics.inFontUcs4(ord(ch))]
    assert missing == []
    # And the text is really shaped with the bundled font (no fallback, no empty glyphs).
    layout = QTextLayout(JAPANESE, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    assert {run.rawFont().familyName() for run in runs} == {app_font}
    assert all(index != 0 for run in runs for index in run.glyphIndexes())


def test_bold_face_is_registered_too(app_font):
    assert "Bold" in QFontDatabase.styles(app_font)
