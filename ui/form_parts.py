"""Small parts every form shares, so they look and behave the same everywhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton

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


def save_cancel(box_name: str, save: tuple[str, str], cancel_name: str, on_save: Callable[[], object],
                on_cancel: Callable[[], object], *, ok_text: str | None = None,
                ) -> tuple[QDialogButtonBox, QPushButton]:
    """Save and Cancel under a form, named for tests and screen readers (``save`` is the object name and
    the accessible name of the first button) and wired to ``on_save`` / ``on_cancel``. With ``ok_text``
    the first button is an OK button with that text (Apply, …) instead of Save. Returns the box and the
    first button."""
    standard = QDialogButtonBox.StandardButton
    first = standard.Ok if ok_text else standard.Save
    box = QDialogButtonBox(first | standard.Cancel)
    box.setObjectName(box_name)
    button = box.button(first)
    if ok_text:
        button.setText(ok_text)
    button.setObjectName(save[0])
    button.setAccessibleName(save[1])
    cancel = box.button(standard.Cancel)
    cancel.setObjectName(cancel_name)
    cancel.setAccessibleName(QCoreApplication.translate("FormParts", "Cancel"))
    box.accepted.connect(on_save)
    box.rejected.connect(on_cancel)
    return box, button
