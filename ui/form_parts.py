"""Small parts every form shares, so they look and behave the same everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_STYLE = "color: #b3261e;"


def error_label(name: str, accessible: str | None = None, *, hidden: bool = True) -> QLabel:
    """A wrapping, red line under a form where a refused input is explained in a sentence (hidden
    until there is one, unless ``hidden`` is False)."""
    label = QLabel()
    label.setObjectName(name)
    if accessible is not None:
        label.setAccessibleName(accessible)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    if hidden:
        label.hide()
    return label
