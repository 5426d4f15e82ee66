"""Edit the fit rules the priority score is made of: points per industry, employee-count band and
prefecture, and for an approaching fiscal year end. Save stores them and scores every company again
(in one transaction, with progress for a large database); nothing is written before."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts import scoring
from models.accounts.normalize import PREFECTURES
from models.accounts.scoring import ScoringRules
from models.accounts.targets import distinct_values
from models.store.changes import Changes
from models.store.db import writing
from models.store.errors import KakeruError, ValidationError
from ui.dialogs.progress import ProgressCallback
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg
from ui.naming import named as _named
from ui.operations import run_write
from ui.signals import DataBus

PROGRESS_FROM = 20_000  # companies: below this, scoring again takes well under a second
MAX_EMPLOYEES = 10_000_000


def _points_spin(value: float, name: str, accessible: str) -> QDoubleSpinBox:
    spin = _named(QDoubleSpinBox(), name, accessible)
    spin.setRange(-100, 100)
    spin.setDecimals(1)
    spin.setSingleStep(5)
    spin.setValue(value)
    return spin


class ScoringRulesDialog(QDialog):
    """``saved`` is True after Save stored the rules and scored the companies again."""

    def __init__(self, db: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scoringRulesDialog")
        title = self.tr("Scoring rules")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.db = db
        self.bus = bus
        self.saved = False
        self.error = error_label("scoringError", self.tr("Error"))
        try:
            rules = scoring.load_rules(db)
        except ValidationError as error:  # shown, and the defaults offered in its place
            rules = ScoringRules()
            self.error.setText(str(error))
            self.error.show()

        intro = _named(QLabel(self.tr(
            "A company's score is the sum of the points below. Point at a score in the Targets table to "
            "see how it was made. Saving scores every company again.")), "scoringIntro",
            self.tr("About the score"))
        intro.setWordWrap(True)

        self.industries = self._table("scoringIndustries", [self.tr("Industry"), self.tr("Points")])
        self.add_industry_button = _named(QPushButton(self.tr("Add")), "scoringAddIndustry",
                                          self.tr("Add an industry"))
        self.add_used_button = _named(QPushButton(self.tr("Add industries in use")), "scoringAddUsed",
                                      self.tr("Add the industries of your companies that have no points"))
        self.remove_industry_button = _named(QPushButton(self.tr("Remove")), "scoringRemoveIndustry",
                                             self.tr("Remove the selected industry"))
        self.add_industry_button.clicked.connect(lambda: self._add_industry("", 0.0, edit=True))
        self.add_used_button.clicked.connect(self.add_industries_in_use)
        self.remove_industry_button.clicked.connect(lambda: self._remove(self.industries))

        self.bands = self._table("scoringBands", [self.tr("From"), self.tr("To"), self.tr("Points")])
        self.bands.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_band_button = _named(QPushButton(self.tr("Add")), "scoringAddBand", self.tr("Add a band"))
        self.remove_band_button = _named(QPushButton(self.tr("Remove")), "scoringRemoveBand",
                                         self.tr("Remove the selected band"))
        self.add_band_button.clicked.connect(self._add_band_after_last)
        self.remove_band_button.clicked.connect(lambda: self._remove(self.bands))

        self.prefectures = self._table("scoringPrefectures", [self.tr("Prefecture"), self.tr("Points")])
        self.add_prefecture_button = _named(QPushButton(self.tr("Add")), "scoringAddPrefecture",
                                            self.tr("Add a prefecture"))
        self.remove_prefecture_button = _named(QPushButton(self.tr("Remove")), "scoringRemovePrefecture",
                                               self.tr("Remove the selected prefecture"))
        self.add_prefecture_button.clicked.connect(lambda: self._add_prefecture(PREFECTURES[0], 0.0))
        self.remove_prefecture_button.clicked.connect(lambda: self._remove(self.prefectures))

        self.fiscal_months = _named(QSpinBox(), "scoringFiscalMonths",
                                    self.tr("Months before the fiscal year end"))
        self.fiscal_months.setRange(0, 11)
        self.fiscal_months.setSuffix(self.tr(" months or less"))
        self.fiscal_points = _points_spin(0.0, "scoringFiscalPoints",
                                          self.tr("Points for an approaching fiscal year end"))
        fiscal = QWidget()
        fiscal_form = QFormLayout(fiscal)
        fiscal_form.addRow(self.tr("Fiscal year end within"), self.fiscal_months)
        fiscal_form.addRow(self.tr("Points"), self.fiscal_points)
        note = QLabel(self.tr("0 months is the fiscal year end month itself; companies without a fiscal "
                              "year end month get no points here."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        fiscal_form.addRow("", note)

        self.tabs = _named(QTabWidget(), "scoringTabs", self.tr("Rules"))
        self.tabs.addTab(self._page(self.industries, self.add_industry_button, self.add_used_button,
                                    self.remove_industry_button), self.tr("Industry"))
        self.tabs.addTab(self._page(self.bands, self.add_band_button, self.remove_band_button),
                         self.tr("Employees"))
        self.tabs.addTab(self._page(self.prefectures, self.add_prefecture_button,
                                    self.remove_prefecture_button), self.tr("Prefecture"))
        self.tabs.addTab(fiscal, self.tr("Fiscal year end"))

        self.defaults_button = _named(QPushButton(self.tr("Restore defaults")), "scoringDefaults",
                                      self.tr("Put the default rules in the form"))
        self.defaults_button.clicked.connect(lambda: self.show_rules(ScoringRules()))
        buttons, self.save_button = save_cancel(
            "scoringButtons", ("scoringSave", self.tr("Save and score")), "scoringCancel", self.save,
            self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.defaults_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(620, 520)
        self.show_rules(rules)

    # -- building ---------------------------------------------------------------------------------
    @staticmethod
    def _table(name: str, headers: list[str]) -> QTableWidget:
        table = _named(QTableWidget(0, len(headers)), name, name)
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setDefaultSectionSize(30)
        return table

    @staticmethod
    def _page(table: QTableWidget, *buttons: QPushButton) -> QWidget:
        page = QWidget()
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        return page

    def show_rules(self, rules: ScoringRules) -> None:
        for table in (self.industries, self.bands, self.prefectures):
            table.setRowCount(0)
        for industry, points in rules.industry_points.items():
            self._add_industry(industry, points)
        for low, high, points in rules.employee_bands:
            self._add_band(low, high, points)
        for prefecture, points in rules.prefecture_points.items():
            self._add_prefecture(prefecture, points)
        self.fiscal_months.setValue(rules.fiscal_months_ahead)
        self.fiscal_points.setValue(rules.fiscal_points)

    def _add_industry(self, industry: str, points: float, *, edit: bool = False) -> None:
        row = self.industries.rowCount()
        self.industries.insertRow(row)
        self.industries.setItem(row, 0, QTableWidgetItem(industry))
        self.industries.setCellWidget(row, 1, _points_spin(
            points, f"scoringIndustryPoints{row + 1}", arg(self.tr("Points of industry %1"), row + 1)))
        if edit:
            self.industries.selectRow(row)
            self.industries.editItem(self.industries.item(row, 0))

    def _add_band(self, low: int, high: int | None, points: float) -> None:
        row = self.bands.rowCount()
        self.bands.insertRow(row)
        start = _named(QSpinBox(), f"scoringBandFrom{row + 1}", arg(self.tr("From, band %1"), row + 1))
        start.setRange(0, MAX_EMPLOYEES)
        start.setSuffix(self.tr(" employees"))
        start.setValue(low)
        end = _named(QSpinBox(), f"scoringBandTo{row + 1}", arg(self.tr("To, band %1"), row + 1))
        end.setRange(0, MAX_EMPLOYEES)
        end.setSuffix(self.tr(" employees"))
        end.setSpecialValueText(self.tr("and more"))  # 0: no upper end
        end.setValue(high or 0)
        self.bands.setCellWidget(row, 0, start)
        self.bands.setCellWidget(row, 1, end)
        self.bands.setCellWidget(row, 2, _points_spin(
            points, f"scoringBandPoints{row + 1}", arg(self.tr("Points of band %1"), row + 1)))

    def _add_band_after_last(self) -> None:
        last = self.band_rows()[-1] if self.bands.rowCount() else (0, 0, 0.0)
        low = (last[1] or last[0]) + 1
        self._add_band(low, None, 0.0)
        self.bands.selectRow(self.bands.rowCount() - 1)

    def _add_prefecture(self, prefecture: str, points: float) -> None:
        row = self.prefectures.rowCount()
        self.prefectures.insertRow(row)
        combo = _named(QComboBox(), f"scoringPrefecture{row + 1}", arg(self.tr("Prefecture %1"), row + 1))
        combo.addItems(list(PREFECTURES))
        if prefecture not in PREFECTURES:
            combo.addItem(prefecture)
        combo.setCurrentText(prefecture)
        self.prefectures.setCellWidget(row, 0, combo)
        self.prefectures.setCellWidget(row, 1, _points_spin(
            points, f"scoringPrefecturePoints{row + 1}", arg(self.tr("Points of prefecture %1"), row + 1)))
        self.prefectures.selectRow(row)

    @staticmethod
    def _remove(table: QTableWidget) -> None:
        rows = table.selectionModel().selectedRows()
        row = rows[0].row() if rows else table.currentRow()
        if 0 <= row < table.rowCount():
            table.removeRow(row)
            if table.rowCount():
                table.selectRow(min(row, table.rowCount() - 1))

    def add_industries_in_use(self) -> None:
        have = {name for name, _points in self.industry_rows()}
        for industry in distinct_values(self.db, "industry"):
            if industry not in have:
                self._add_industry(industry, 0.0)

    # -- reading the form ---------------------------------------------------------------------------
    def industry_rows(self) -> list[tuple[str, float]]:
        rows = []
        for row in range(self.industries.rowCount()):
            item = self.industries.item(row, 0)
            rows.append(((item.text() if item else "").strip(), self.industries.cellWidget(row, 1).value()))
        return rows

    def band_rows(self) -> list[tuple[int, int | None, float]]:
        return [(self.bands.cellWidget(row, 0).value(), self.bands.cellWidget(row, 1).value() or None,
                 self.bands.cellWidget(row, 2).value()) for row in range(self.bands.rowCount())]

    def prefecture_rows(self) -> list[tuple[str, float]]:
        table = self.prefectures
        return [(table.cellWidget(row, 0).currentText(), table.cellWidget(row, 1).value())
                for row in range(table.rowCount())]

    def form_rules(self) -> ScoringRules:
        """The rules the form describes; ValidationError names what to fix."""
        industries = self.industry_rows()
        for number, (name, _points) in enumerate(industries, start=1):
            if not name:
                raise ValidationError(arg(self.tr("Industry %1 has no name."), number))
        named = ((industries, self.tr("industry")), (self.prefecture_rows(), self.tr("prefecture")))
        for rows, what in named:
            names = [name for name, _points in rows]
            twice = sorted({name for name in names if names.count(name) > 1})
            if twice:
                raise ValidationError(arg(self.tr("The %1 \"%2\" is listed twice."), what, twice[0]))
        for number, (low, high, _points) in enumerate(self.band_rows(), start=1):
            if high is not None and high < low:
                raise ValidationError(arg(self.tr("Band %1 ends before it starts."), number))
        return ScoringRules(
            industry_points=dict(industries), employee_bands=tuple(self.band_rows()),
            prefecture_points=dict(self.prefecture_rows()), fiscal_months_ahead=self.fiscal_months.value(),
            fiscal_points=self.fiscal_points.value())

    # -- saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        if run_write(self.bus, None, "", self._save_and_score, on_error=self._refused) is None:
            return
        self.saved = True
        self.accept()

    def _refused(self, error: KakeruError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def _save_and_score(self) -> Changes:
        """The rules and every company's new score, in one transaction."""
        rules = self.form_rules()
        progress = None
        count = self.db.execute("SELECT count(*) FROM companies").fetchone()[0]
        if count >= PROGRESS_FROM:
            progress = ProgressCallback(self, self.windowTitle(), self.tr("Scoring every company…"),
                                        cancellable=False)
        try:
            with writing(self.db):
                saved = scoring.save_rules(self.db, rules)
                return saved | scoring.rescore_all(self.db, rules, progress=progress).changes
        finally:
            if progress is not None:
                progress.close()
