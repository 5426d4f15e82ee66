"""The widget style: Qt's own, with room in menus for the Japanese mnemonic "(&A)".

Qt 6.11's Fusion (the style on Linux and offscreen) sizes a menu item by its text without the ``&`` of
the mnemonic but elides it when drawing measuring the text with the ``&``. A Japanese item such as
"Kakeru について(&A)" then lacks the width of one ``&`` and is drawn as "Kakeru…いて(A)". The other
styles (Windows) lay the text out the way they measure it and are left as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QStyleOptionMenuItem, QWidget


class MenuMnemonicRoom(QProxyStyle):
    """Fusion, with menu items widened by the ``&`` that Fusion counts when it elides their text."""

    def sizeFromContents(self, kind: QStyle.ContentsType, option: QStyleOption, size: QSize,
                         widget: QWidget | None = None) -> QSize:
        result = super().sizeFromContents(kind, option, size, widget)
        if kind == QStyle.ContentsType.CT_MenuItem and isinstance(option, QStyleOptionMenuItem):
            label = option.text.split("\t", 1)[0]
            if "&" in label.replace("&&", ""):
                extra = QFontMetricsF(option.font).horizontalAdvance("&")
                result = QSize(result.width() + int(extra + 0.999), result.height())
        return result


def apply_style(app: QApplication) -> None:
    """Wrap Fusion so Japanese menu items show whole; any other style is kept as it is."""
    style = app.style()
    if isinstance(style, MenuMnemonicRoom) or style.name().lower() != "fusion":
        return
    app.setStyle(MenuMnemonicRoom("Fusion"))
