"""The bundled Japanese font (BIZ UDPGothic, SIL OFL): registered at start so Japanese renders
on a machine with no Japanese fonts installed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FONT_DIR = Path(__file__).resolve().parent.parent / "reports" / "fonts"
FONT_FILES = ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf")
DEFAULT_POINT_SIZE = 10


def register_bundled_fonts() -> list[str]:
    """Add the bundled TTFs to the application font database; return the families they provide."""
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
        if font_id < 0:
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def apply_app_font(app: QApplication) -> str | None:
    """Register the bundled fonts and make the first family the application font; return it."""
    families = register_bundled_fonts()
    if not families:
        return None
    font = QFont(families[0], DEFAULT_POINT_SIZE)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)
    return families[0]
