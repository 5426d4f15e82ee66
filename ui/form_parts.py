"""Small parts every form and list shares, so they look and behave the same everywhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView

from models.accounts.text_fields import limit_of

ERROR_STYLE = "color: #b3261e;"


def bounded(edit: QLineEdit, table: str, field: str) -> QLineEdit:
    """``edit`` holding at most what ``field`` of ``table`` stores (``models.accounts.text_fields``)."""
    limit = limit_of(table, field)
    if limit is not None:
        edit.setMaxLength(limit)
    return edit


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


def list_table(table: QTableView, widths: dict[int, int]) -> None:
    """The look of a page's list of rows: alternating rows of one text line (as high as the font needs),
    no row numbers, Tab leaving the table, columns of the given widths that a person can resize, the last
    one taking what is left."""
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in widths.items():
        header.resizeSection(column, width)
