"""The mapping step of the import wizard: which column holds which field, with a live preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from models.importing import importer as importing
from models.store.errors import KakeruError
from ui.form_parts import error_label
from ui.i18n import arg, number
from ui.qt_models.import_models import PreviewModel, field_caption

if TYPE_CHECKING:
    from ui.dialogs.import_wizard import ImportWizard

SAMPLE_CHARS = 24


def _sample(rows: list[list[str]], column: int) -> str:
    for row in rows[:20]:
        if column < len(row) and row[column].strip():
            text = row[column].strip()
            return text if len(text) <= SAMPLE_CHARS else text[:SAMPLE_CHARS - 1] + "…"
    return ""


class MappingPage(QWizardPage):
    """One combo box per column (several may say Address: they are joined), and the first rows."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setObjectName("importMappingPage")
        self.wizard_ = wizard
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr("Kakeru guessed which field each column holds. Fix any that are wrong; "
                                 "columns set to (skip) are not imported."))
        self.combos: list[QComboBox] = []

        self.info = QLabel()
        self.info.setObjectName("importFileInfo")
        self.info.setWordWrap(True)
        self.header_check = QCheckBox(self.tr("The first row is a header"))
        self.header_check.setObjectName("importHeaderCheck")
        self.header_check.setAccessibleName(self.tr("The first row is a header"))
        self.header_check.toggled.connect(self._header_toggled)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("importSheetCombo")
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_label = QLabel(self.tr("Sheet:"))
        self.sheet_label.setBuddy(self.sheet_combo)
        self.saved_combo = QComboBox()
        self.saved_combo.setObjectName("importSavedMappingCombo")
        self.saved_combo.setAccessibleName(self.tr("Saved column mapping"))
        self.saved_combo.activated.connect(self._saved_chosen)
        saved_label = QLabel(self.tr("Saved mapping:"))
        saved_label.setBuddy(self.saved_combo)
        options = QHBoxLayout()
        options.addWidget(self.header_check)
        options.addSpacing(12)
        options.addWidget(self.sheet_label)
        options.addWidget(self.sheet_combo)
        options.addStretch(1)
        options.addWidget(saved_label)
        options.addWidget(self.saved_combo)

        self.grid_host = QWidget()
        self.grid_host.setObjectName("importMappingGrid")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        scroll = QScrollArea()
        scroll.setObjectName("importMappingScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setMinimumHeight(170)

        hint = QLabel(self.tr("Tip: set several columns to Address to join them, from left to right, "
                              "into one address."))
        hint.setObjectName("importAddressHint")
        hint.setWordWrap(True)
        self.error = error_label("importMappingError", hidden=False)

        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.setAccessibleName(self.tr("Preview of the first rows"))
        self.preview.setModel(self.preview_model)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setDefaultSectionSize(130)
        self.preview.horizontalHeader().setMinimumHeight(2 * self.fontMetrics().height() + 10)
        self.preview.setWordWrap(False)
        self.preview.setMinimumHeight(150)

        self.save_check = QCheckBox(self.tr("Save this mapping as:"))
        self.save_check.setObjectName("importSaveMappingCheck")
        self.save_check.setAccessibleName(self.tr("Save this mapping for next time"))
        self.save_name = QLineEdit()
        self.save_name.setObjectName("importSaveMappingName")
        self.save_name.setAccessibleName(self.tr("Name of the saved mapping"))
        self.save_name.setEnabled(False)
        self.save_check.toggled.connect(self.save_name.setEnabled)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_check)
        save_row.addWidget(self.save_name, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(options)
        layout.addWidget(scroll, 2)
        layout.addWidget(hint)
        layout.addWidget(self.preview, 3)
        layout.addLayout(save_row)
        layout.addWidget(self.error)

    # -- filling --------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.show_table(initial=True)

    def show_table(self, initial: bool = False) -> None:
        """Show the wizard's current table, with the mapping saved for such a file or the guess."""
        table = self.wizard_.table
        assert table is not None
        self.header_check.blockSignals(True)
        self.header_check.setChecked(table.has_header)
        self.header_check.blockSignals(False)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(table.sheets)
        if table.sheet:
            self.sheet_combo.setCurrentText(table.sheet)
        for widget in (self.sheet_label, self.sheet_combo):
            widget.setVisible(len(table.sheets) > 1)
        encoding = importing.ENCODING_LABELS.get(table.encoding or "", table.encoding or "Excel")
        self.info.setText(arg(self.tr("File: %1 · Encoding: %2 · %3 rows"), self.wizard_.file_name(),
                              encoding, number(len(table.rows))))
        self.saved_combo.clear()
        self.saved_combo.addItem(self.tr("(guess from the file)"), None)
        self.saved = importing.load_mappings(self.wizard_.db)
        for name in self.saved:
            self.saved_combo.addItem(name, name)
        mapping = importing.guess_mapping(table)
        found = importing.find_mapping(self.wizard_.db, table)
        if found is not None and len(found[1]) <= table.width:
            name, saved = found
            mapping = (list(saved) + [None] * table.width)[:table.width]
            self.saved_combo.setCurrentIndex(max(self.saved_combo.findData(name), 0))
        if initial or not self.save_name.text():
            self.save_name.setText(self.wizard_.file_stem())
        self._build_grid(mapping)

    def _build_grid(self, mapping: list[str | None]) -> None:
        table = self.wizard_.table
        assert table is not None
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = []
        titles = (self.tr("Column"), self.tr("First value"), self.tr("Field"))
        for position, title in enumerate(titles):
            caption = QLabel(f"<b>{title}</b>")
            self.grid.addWidget(caption, 0, position)
        for column, name in enumerate(table.header):
            column_label = QLabel(name)
            column_label.setObjectName(f"importColumnLabel_{column}")
            sample = QLabel(_sample(table.rows, column))
            sample.setObjectName(f"importColumnSample_{column}")
            sample.setStyleSheet("color: palette(dark);")
            combo = QComboBox()
            combo.setObjectName(f"importFieldCombo_{column}")
            combo.setAccessibleName(arg(self.tr("Field for column %1"), name))
            combo.addItem(field_caption(None), None)
            for field in importing.FIELDS:
                combo.addItem(field_caption(field), field)
            field = mapping[column] if column < len(mapping) else None
            combo.setCurrentIndex(max(combo.findData(field), 0) if field else 0)
            combo.currentIndexChanged.connect(self._mapping_changed)
            column_label.setBuddy(combo)
            self.grid.addWidget(column_label, column + 1, 0)
            self.grid.addWidget(sample, column + 1, 1)
            self.grid.addWidget(combo, column + 1, 2)
            self.combos.append(combo)
        self.grid.setColumnStretch(1, 1)
        self.preview_model.set_table(table.header, table.rows, self.mapping())
        self._mapping_changed()

    # -- the mapping ----------------------------------------------------------------------------
    def mapping(self) -> list[str | None]:
        return [combo.currentData() for combo in self.combos]

    def set_mapping(self, mapping: list[str | None]) -> None:
        for column, combo in enumerate(self.combos):
            field = mapping[column] if column < len(mapping) else None
            combo.setCurrentIndex(max(combo.findData(field), 0) if field else 0)

    def _mapping_changed(self, *_args) -> None:
        mapping = self.mapping()
        self.preview_model.set_mapping(mapping)
        problems = []
        if "name" not in mapping:
            problems.append(self.tr("Choose the column that holds the company name."))
        repeated = sorted({f for f in mapping
                           if f and mapping.count(f) > 1 and f not in importing.REPEATABLE})
        if repeated:
            problems.append(arg(self.tr("These fields are chosen for more than one column: %1. Only Address "
                                        "and Notes can take several columns."),
                                "、".join(field_caption(f) for f in repeated)))
        self.error.setText("\n".join(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        mapping = self.mapping()
        repeated = any(mapping.count(f) > 1 for f in mapping if f and f not in importing.REPEATABLE)
        return "name" in mapping and not repeated

    def _saved_chosen(self, index: int) -> None:
        name = self.saved_combo.itemData(index)
        if name is None:
            assert self.wizard_.table is not None
            self.set_mapping(importing.guess_mapping(self.wizard_.table))
        else:
            self.set_mapping(self.saved[name])
            self.save_name.setText(name)

    def _header_toggled(self, checked: bool) -> None:
        self.wizard_.reread(has_header=checked)
        self.show_table()

    def _sheet_chosen(self, _index: int) -> None:
        self.wizard_.reread(sheet=self.sheet_combo.currentText())
        self.show_table()

    def validatePage(self) -> bool:
        if self.save_check.isChecked():
            table = self.wizard_.table
            assert table is not None
            try:
                importing.save_mapping(self.wizard_.db, self.save_name.text(), self.mapping(),
                                       header=table.header if table.has_header else None)
            except KakeruError as error:
                self.error.setText(str(error))
                return False
        self.wizard_.mapping = self.mapping()
        return True
