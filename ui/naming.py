"""Every control a person uses gets a stable object name (for tests) and an accessible name (for
screen readers); this is the one place that sets both."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, accessible: str) -> W:
    """``widget`` with its objectName and accessibleName set; returned for use inline."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget
