"""A filter button that opens a checkable list (stays open while ticking; Space toggles)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ui.i18n import arg


class MultiSelectButton(QPushButton):
    """Shows "<title>: all", the one value chosen, or "<title>: N"; ``selection_changed`` on every tick."""

    selection_changed = Signal()

    def __init__(self, name: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(title)
        self.title = title
        menu = QMenu(self)
        menu.setObjectName(f"{name}Menu")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}List")
        self.list.setAccessibleName(title)
        self.list.setMinimumWidth(200)
        self.list.itemChanged.connect(self._changed)
        self.clear_button = QPushButton(QCoreApplication.translate("MultiSelectButton", "Clear"))
        self.clear_button.setObjectName(f"{name}Clear")
        self.clear_button.setAccessibleName(QCoreApplication.translate("MultiSelectButton", "Clear"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.list)
        layout.addWidget(self.clear_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(box)
        menu.addAction(action)
        menu.aboutToShow.connect(self.list.setFocus)
        self.setMenu(menu)
        self._quiet = False
        self._update_text()

    def set_options(self, options: Sequence[tuple[str, str]]) -> None:
        """Replace the options with (value, label) pairs, keeping the values still offered ticked."""
        chosen = set(self.selected())
        self._quiet = True
        self.list.clear()
        for value, text in options:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        rows = min(max(self.list.count(), 1), 14)
        self.list.setFixedHeight(rows * (self.list.fontMetrics().height() + 8) + 6)
        self._quiet = False
        self._update_text()

    def selected(self) -> tuple[str, ...]:
        return tuple(
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_selected(self, values: Sequence[str], notify: bool = False) -> None:
        wanted = set(values)
        self._quiet = True
        for row in range(self.list.count()):
            item = self.list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._quiet = False
        self._update_text()
        if notify:
            self.selection_changed.emit()

    def clear(self) -> None:
        self.set_selected((), notify=True)

    def _changed(self, _item: QListWidgetItem) -> None:
        if self._quiet:
            return
        self._update_text()
        self.selection_changed.emit()

    def _update_text(self) -> None:
        chosen = [self.list.item(row) for row in range(self.list.count())
                  if self.list.item(row).checkState() == Qt.CheckState.Checked]
        if not chosen:
            text = arg(QCoreApplication.translate("MultiSelectButton", "%1: all"), self.title)
        elif len(chosen) == 1:
            text = f"{self.title}: {chosen[0].text()}"
        else:
            text = arg(QCoreApplication.translate("MultiSelectButton", "%1: %2 chosen"), self.title,
                       len(chosen))
        self.setText(text)
        self.setToolTip(", ".join(item.text() for item in chosen) or text)
