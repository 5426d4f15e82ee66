"""The search box and filters above the target table; they add up to one ``TargetFilter``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from models.accounts import lists as lists_model
from models.accounts import targets as targets_query
from models.accounts.normalize import PREFECTURES
from models.accounts.vocab import COMPANY_STATUS, RANKS
from ui.i18n import arg, label, number
from ui.naming import named as _named
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.multi_select import MultiSelectButton

if TYPE_CHECKING:
    from sqlite_utils import Database

SEARCH_DEBOUNCE_MS = 150



class FilterBar(QWidget):
    """Search (debounced) and filters; ``filter_changed`` fires when the filter they describe changes."""

    filter_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.db = db
        self._quiet = False

        self.search = QLineEdit()
        _named(self.search, "searchBox", self.tr("Search targets"))
        self.search.setPlaceholderText(self.tr("Search name, reading, phone, address, notes (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self.flush)

        self.list_combo = QComboBox()
        _named(self.list_combo, "listCombo", self.tr("Target list"))
        self.list_combo.setMinimumContentsLength(10)
        self.list_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.list_combo.currentIndexChanged.connect(self._emit)

        self.status_filter = MultiSelectButton("statusFilter", self.tr("Status"))
        self.rank_filter = MultiSelectButton("rankFilter", self.tr("Rank"))
        self.prefecture_filter = MultiSelectButton("prefectureFilter", self.tr("Prefecture"))
        self.industry_filter = MultiSelectButton("industryFilter", self.tr("Industry"))
        for button in self._multi():
            button.selection_changed.connect(self._emit)

        self.untouched = QCheckBox(self.tr("Untouched only"))
        _named(self.untouched, "untouchedOnly", self.tr("Untouched only"))
        self.untouched.toggled.connect(self._emit)
        self.stale = QCheckBox(self.tr("No touch for"))
        _named(self.stale, "notTouchedCheck", self.tr("Only companies not touched for a number of days"))
        self.stale_days = QSpinBox()
        _named(self.stale_days, "notTouchedDays", self.tr("Days without a touch"))
        self.stale_days.setRange(1, 3650)
        self.stale_days.setValue(30)
        self.stale_days.setSuffix(self.tr(" days or more"))
        self.stale_days.setEnabled(False)
        self.stale.toggled.connect(self.stale_days.setEnabled)
        self.stale.toggled.connect(self._emit)
        self.stale_days.valueChanged.connect(lambda _v: self.stale.isChecked() and self._emit())
        self.plan_combo = QComboBox()
        _named(self.plan_combo, "planFilter", self.tr("Open plan"))
        self.plan_combo.addItem(self.tr("Plan: any"), None)
        self.plan_combo.addItem(self.tr("Has an open plan"), True)
        self.plan_combo.addItem(self.tr("No open plan"), False)
        self.plan_combo.currentIndexChanged.connect(self._emit)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        _named(self.clear_button, "clearFilters", self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)

        self.flow = FlowLayout(self)
        for widget in (*self._multi(), self.untouched, self.stale, self.stale_days, self.plan_combo,
                       self.clear_button):
            self.flow.addWidget(widget)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

        self.status_filter.set_options([(value, label(COMPANY_STATUS, value)) for value in COMPANY_STATUS])
        self.rank_filter.set_options([*((rank, rank) for rank in RANKS), ("", self.tr("(not set)"))])
        self.reload_options()

    def _multi(self) -> tuple[MultiSelectButton, ...]:
        return (self.status_filter, self.rank_filter, self.prefecture_filter, self.industry_filter)

    # -- options ------------------------------------------------------------------------------
    def reload_options(self) -> None:
        """Refill the list combo, prefectures and industries from the database, keeping choices."""
        self._quiet = True
        try:
            current = self.list_combo.currentData()
            self.list_combo.clear()
            self.list_combo.addItem(self.tr("All companies"), None)
            for target_list in lists_model.get_lists(self.db):
                text = arg(self.tr("%1 (%2)"), target_list.name, number(target_list.member_count))
                self.list_combo.addItem(text, target_list.id)
            self._select_list(current)
            present = set(targets_query.distinct_values(self.db, "prefecture"))
            ordered = [p for p in PREFECTURES if p in present] + sorted(present - set(PREFECTURES))
            not_set = ("", self.tr("(not set)"))
            self.prefecture_filter.set_options([*((value, value) for value in ordered), not_set])
            industries = sorted(targets_query.distinct_values(self.db, "industry"))
            self.industry_filter.set_options([*((value, value) for value in industries), not_set])
        finally:
            self._quiet = False

    def _select_list(self, list_id: int | None) -> None:
        index = self.list_combo.findData(list_id)
        self.list_combo.setCurrentIndex(max(index, 0))

    # -- the filter ---------------------------------------------------------------------------
    def current_filter(self):
        """The ``TargetFilter`` the controls describe."""
        return targets_query.TargetFilter(
            search=self.search.text().strip(),
            list_id=self.list_combo.currentData(),
            statuses=self.status_filter.selected(),
            ranks=self.rank_filter.selected(),
            prefectures=self.prefecture_filter.selected(),
            industries=self.industry_filter.selected(),
            untouched_only=self.untouched.isChecked(),
            not_touched_days=self.stale_days.value() if self.stale.isChecked() else None,
            has_open_plan=self.plan_combo.currentData(),
        )

    def set_filter(self, flt) -> None:
        """Show ``flt`` in the controls (e.g. a saved view) and announce it once."""
        self._quiet = True
        try:
            self.search.setText(flt.search or "")
            self._debounce.stop()
            self._select_list(flt.list_id)
            self.status_filter.set_selected(flt.statuses)
            self.rank_filter.set_selected(flt.ranks)
            self.prefecture_filter.set_selected(flt.prefectures)
            self.industry_filter.set_selected(flt.industries)
            self.untouched.setChecked(bool(flt.untouched_only))
            self.stale.setChecked(flt.not_touched_days is not None)
            if flt.not_touched_days is not None:
                self.stale_days.setValue(int(flt.not_touched_days))
            self.plan_combo.setCurrentIndex(max(self.plan_combo.findData(flt.has_open_plan), 0))
        finally:
            self._quiet = False
        self.filter_changed.emit()

    def select_list(self, list_id: int | None) -> None:
        self.reload_options()
        self._select_list(list_id)

    def clear(self) -> None:
        self.set_filter(targets_query.TargetFilter(list_id=self.list_combo.currentData()))

    def flush(self) -> None:
        """Apply a pending search now (Enter in the search box)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self._debounce.stop()
            self.filter_changed.emit()
