"""The last step of the import wizard: every row accounted for, rejects saved, the import undone."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from models.accounts import lists as lists_model
from models.importing import importer as importing
from models.store.errors import KakeruError
from ui.i18n import arg, number
from ui.operations import run_write
from ui.qt_models.import_models import DuplicatesModel, RejectsModel

if TYPE_CHECKING:
    from ui.dialogs.import_wizard import ImportWizard


class ResultPage(QWizardPage):
    """Created + updated + duplicates + rejected = rows read; rejects can be saved; the import undone."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setObjectName("importResultPage")
        self.wizard_ = wizard
        self.setTitle(self.tr("Import finished"))
        self.setFinalPage(True)
        self.headline = QLabel()
        self.headline.setObjectName("importResultHeadline")
        self.headline.setWordWrap(True)
        self.counts: dict[str, QLabel] = {}
        grid = QGridLayout()
        captions = (("created", self.tr("Created")), ("updated", self.tr("Updated")),
                    ("duplicates", self.tr("Duplicates in the file")), ("rejected", self.tr("Rejected")),
                    ("rows", self.tr("Rows read")), ("callable", self.tr("Rows with a phone number to call")))
        for row, (key, caption) in enumerate(captions):
            name = QLabel(caption)
            value = QLabel()
            value.setObjectName(f"importCount_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(80)
            if key == "rows":
                bold = value.font()
                bold.setBold(True)
                value.setFont(bold)
                name.setFont(bold)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.counts[key] = value
        self.uncallable = QLabel()
        self.uncallable.setObjectName("importUncallable")
        self.uncallable.setAccessibleName(self.tr("What makes rows uncallable"))
        grid.addWidget(self.uncallable, len(captions), 0, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setVerticalSpacing(4)
        self.rejects_model = RejectsModel(self)
        self.rejects = QTableView()
        self.rejects.setObjectName("importRejectsTable")
        self.rejects.setAccessibleName(self.tr("Rejected rows"))
        self.rejects.setModel(self.rejects_model)
        self.rejects.verticalHeader().hide()
        self.rejects.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.rejects.horizontalHeader().setStretchLastSection(True)
        self.duplicates_model = DuplicatesModel(self)
        self.duplicates = QTableView()
        self.duplicates.setObjectName("importDuplicatesTable")
        self.duplicates.setAccessibleName(self.tr("Rows taken for a company already known, and why"))
        self.duplicates.setModel(self.duplicates_model)
        self.duplicates.verticalHeader().hide()
        self.duplicates.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.duplicates.horizontalHeader().setStretchLastSection(True)
        self.duplicates_title = QLabel(self.tr("Duplicates: the row, the company it matched and why:"))
        self.duplicates_title.setObjectName("importDuplicatesTitle")
        self.save_rejects = QPushButton(self.tr("Save rejected rows…"))
        self.save_rejects.setObjectName("importSaveRejectsButton")
        self.save_rejects.setAccessibleName(self.tr("Save rejected rows as CSV"))
        self.save_rejects.clicked.connect(self.save_rejected_rows)
        self.undo = QPushButton(self.tr("Undo"))
        self.undo.setObjectName("importUndoButton")
        self.undo.setAccessibleName(self.tr("Undo this import"))
        self.undo.clicked.connect(self.undo_import)
        self.note = QLabel()
        self.note.setObjectName("importResultNote")
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rejects)
        buttons.addStretch(1)
        buttons.addWidget(self.undo)
        self.rejects_title = QLabel(self.tr("Rejected rows (line numbers are those of the file):"))
        self.rejects_title.setObjectName("importRejectsTitle")
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(self.rejects_title)
        layout.addWidget(self.rejects, 1)
        layout.addWidget(self.duplicates_title)
        layout.addWidget(self.duplicates, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addStretch(0)

    def initializePage(self) -> None:
        result = self.wizard_.result
        assert result is not None
        self.headline.setText(arg(self.tr("%1 rows of %2 were read and put on the list %3."),
                                  number(result.rows), self.wizard_.file_name(), result.list_name))
        for key in self.counts:
            self.counts[key].setText(number(getattr(result, key)))
        self.uncallable.setText(arg(
            self.tr("Not callable: %1 without a phone number, %2 with one that is not a phone number; "
                    "%3 rejected for their corporate number."),
            number(result.no_phone), number(result.bad_phone), number(result.bad_corporate_number)))
        self.rejects_model.set_rejects(result.rejects)
        self.rejects.setVisible(bool(result.rejects))
        self.rejects_title.setVisible(bool(result.rejects))
        self.duplicates_model.set_matches(result.matches)
        self.duplicates.setVisible(bool(result.matches))
        self.duplicates_title.setVisible(bool(result.matches))
        # Without rejects or duplicates, keep the counts at the top instead of spreading them over the page.
        self.layout().setStretch(self.layout().count() - 1, 0 if result.rejects or result.matches else 1)
        self.save_rejects.setEnabled(bool(result.rejects))
        # Values cut to their field's limit, and a list most of whose rows cannot be called: in red.
        self.note.setText("\n".join(result.warnings()))
        self.note.setStyleSheet("color: #B42318; font-weight: bold;" if result.warnings() else "")

    def save_rejected_rows(self) -> None:
        result = self.wizard_.result
        assert result is not None
        folder = self.wizard_.settings.import_dialog_dir()
        suggested = Path(folder) / arg(self.tr("%1-rejected.csv"), self.wizard_.file_stem())
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save rejected rows"), str(suggested),
                                                    self.tr("CSV (*.csv)"))
        if not path:
            return
        try:
            importing.write_rejects_csv(result, path)
        except (OSError, KakeruError) as error:
            QMessageBox.warning(self, self.tr("Save rejected rows"),
                                str(error) if isinstance(error, KakeruError) else
                                arg(self.tr("The file could not be written (%1). Choose another place."),
                                    error.strerror or error))
            return
        self.note.setText(arg(self.tr("Saved %1 rejected rows to %2."), number(result.rejected), path))

    def undo_import(self) -> None:
        result = self.wizard_.result
        assert result is not None
        answer = QMessageBox.question(
            self, self.tr("Undo this import"),
            self.tr("Undo the whole import? Companies it created are deleted and the ones it updated get "
                    "their previous values back."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        wizard = self.wizard_
        if run_write(wizard.bus, None, "", lambda: importing.undo_import(wizard.db, result.import_id),
                     parent=self, title=self.tr("Undo this import")) is None:
            return
        self.undo.setEnabled(False)
        remaining = {target_list.id for target_list in lists_model.get_lists(self.wizard_.db)}
        if self.wizard_.imported_list_id not in remaining:
            self.wizard_.imported_list_id = None
        self.note.setText(self.tr("The import was undone. The database is as it was before."))
