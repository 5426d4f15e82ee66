"""The import wizard: file → columns → list → run (cancellable) → result with every row accounted for."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlite_utils import Database

from models.accounts import lists as lists_model
from models.importing import importer as importing
from models.store.errors import KakeruError
from ui.dialogs.import_mapping_page import MappingPage
from ui.dialogs.import_result_page import ResultPage
from ui.dialogs.progress import ProgressCallback
from ui.form_parts import error_label
from ui.i18n import arg, number
from ui.operations import run_write
from ui.settings import AppSettings
from ui.signals import DataBus

READ_QUIETLY_S = 0.25  # how long a file is read before the progress dialog shows


class ImportWizard(QWizard):
    """Import a CSV, TSV or XLSX list; ``imported_list_id`` names the list filled (None if none)."""

    def __init__(self, db: Database, bus: DataBus, settings: AppSettings, parent: QWidget | None = None,
                 path: str | None = None):
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import a list"))
        self.setAccessibleName(self.tr("Import a list"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.db = db
        self.bus = bus
        self.settings = settings
        self.table: importing.SourceTable | None = None
        self.mapping: list[str | None] = []
        self.result: importing.ImportResult | None = None
        self.imported_list_id: int | None = None
        self._read_args: dict = {}
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Done"))
        for which, name in ((QWizard.WizardButton.NextButton, "importNextButton"),
                            (QWizard.WizardButton.BackButton, "importBackButton"),
                            (QWizard.WizardButton.CommitButton, "importCommitButton"),
                            (QWizard.WizardButton.FinishButton, "importFinishButton"),
                            (QWizard.WizardButton.CancelButton, "importCancelButton")):
            button = self.button(which)
            button.setObjectName(name)
            button.setAccessibleName(button.text().replace("&", "").strip(" <>"))
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.list_page = ListPage(self)
        self.result_page = ResultPage(self)
        for page in (self.file_page, self.mapping_page, self.list_page, self.result_page):
            self.addPage(page)
        if path:
            self.file_page.path.setText(path)
        self.resize(940, 680)

    def file_name(self) -> str:
        return Path(self.table.path).name if self.table else ""

    def file_stem(self) -> str:
        return Path(self.table.path).stem if self.table else ""

    def read(self, path: str, encoding: str, has_header: bool | None, sheet: str | None = None) -> None:
        """Read the file into ``table`` off the UI thread, with a progress dialog whose Cancel stops it.

        Raises ImportFileError (EncodingUnclear when asked to choose) or ImportCancelled; ``table`` is
        then the one read before.
        """
        # Reading is the import's first step: its dialog says so in the import's own words (ListPage's).
        title = QCoreApplication.translate("ListPage", "Importing")
        label = arg(QCoreApplication.translate("ListPage", "Importing %1…"), Path(path).name)
        self.table = read_in_worker(self, title, label, lambda progress: importing.read_table(
            path, encoding=encoding, has_header=has_header, sheet=sheet, progress=progress))
        self._read_args = {"path": path, "encoding": encoding, "has_header": has_header, "sheet": sheet}
        # Once read, keep the encoding found so re-reading (header toggled, sheet chosen) cannot fail.
        if self.table.encoding:
            self._read_args["encoding"] = self.table.encoding

    def reread(self, **changes) -> None:
        args = {**self._read_args, **changes}
        try:
            self.read(**args)
        except importing.ImportCancelled:
            pass  # the person stopped it: the file read before stays
        except KakeruError as error:
            QMessageBox.warning(self, self.tr("Import a list"), str(error))


def read_in_worker(parent: QWidget, title: str, label: str, work: Callable[[importing.Progress], Any]) -> Any:
    """Run ``work(progress)`` in a worker thread and return what it returns (or raise what it raised).

    The window keeps painting meanwhile. Once the work takes a moment, a progress dialog follows the
    ``progress(done, total)`` calls (total 0: a busy bar); its Cancel makes the next call return False.
    ``work`` must not touch Qt or the database.
    """
    state = {"done": 0, "total": 0}
    cancel = threading.Event()
    outcome: dict[str, Any] = {}

    def progress(done: int, total: int) -> bool:
        state["done"], state["total"] = done, total
        return not cancel.is_set()

    def target() -> None:
        try:
            outcome["value"] = work(progress)
        except BaseException as error:  # raised again below, in the GUI thread
            outcome["error"] = error

    thread = threading.Thread(target=target, name="import-read", daemon=True)
    thread.start()
    thread.join(READ_QUIETLY_S)  # most files are read before a dialog would flash up
    if thread.is_alive():
        shown = ProgressCallback(parent, title, label)
        try:
            while thread.is_alive():
                if shown.cancelled():
                    cancel.set()
                total = state["total"]
                shown.dialog.setMaximum(max(total, 0))
                shown.dialog.setValue(min(state["done"], total) if total > 0 else 0)
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                thread.join(0.02)
        finally:
            shown.close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class FilePage(QWizardPage):
    """Choose the file, and (rarely needed) its encoding and whether it has a header row."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setObjectName("importFilePage")
        self.wizard_ = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("CSV, TSV or Excel (.xlsx). Kakeru detects the encoding (UTF-8 or "
                                 "Shift_JIS) and whether the first row is a header."))
        self.path = QLineEdit()
        self.path.setObjectName("importPathEdit")
        self.path.setAccessibleName(self.tr("File to import"))
        self.path.textChanged.connect(self.completeChanged)
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.setObjectName("importBrowseButton")
        self.browse.setAccessibleName(self.tr("Choose the file to import"))
        self.browse.clicked.connect(self._browse)
        self.encoding = QComboBox()
        self.encoding.setObjectName("importEncodingCombo")
        self.encoding.setAccessibleName(self.tr("Encoding"))
        self.encoding.addItem(self.tr("Detect automatically"), "auto")
        for code in ("utf-8", "cp932", "euc_jp", "iso2022_jp", "utf-16"):
            self.encoding.addItem(importing.ENCODING_LABELS.get(code, code), code)
        self.header = QComboBox()
        self.header.setObjectName("importHeaderCombo")
        self.header.setAccessibleName(self.tr("Header row"))
        self.header.addItem(self.tr("Detect automatically"), None)
        self.header.addItem(self.tr("The first row is a header"), True)
        self.header.addItem(self.tr("No header: the first row is data"), False)
        self.error = error_label("importFileError", hidden=False)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Encoding:"), self.encoding)
        form.addRow(self.tr("Header row:"), self.header)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _browse(self) -> None:
        folder = self.wizard_.settings.import_dialog_dir()
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the list to import"), folder,
            self.tr("Lists (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = self.path.text().strip()
        encoding = self.encoding.currentData()
        self.error.clear()
        try:
            try:
                self.wizard_.read(path, encoding, self.header.currentData())
            except importing.EncodingUnclear as unclear:
                chosen = self._ask_encoding(unclear)
                if chosen is None:
                    self.error.setText(str(unclear))
                    return False
                self.wizard_.read(path, chosen, self.header.currentData())
        except KakeruError as error:  # the file, or the person stopped reading it (ImportCancelled)
            self.error.setText(str(error))
            return False
        self.wizard_.settings.set_last_import_dir(str(Path(path).parent))
        return True

    def _ask_encoding(self, unclear: importing.EncodingUnclear) -> str | None:
        labels = [importing.ENCODING_LABELS.get(code, code) for code in unclear.candidates]
        if not labels:
            return None
        text, ok = QInputDialog.getItem(
            self, self.tr("Choose the encoding"),
            self.tr("Kakeru could not tell which encoding the file uses. Which one should it read it as?"),
            labels, 0, False)
        if not ok:
            return None
        code = unclear.candidates[labels.index(text)]
        index = self.encoding.findData(code)
        if index < 0:
            self.encoding.addItem(text, code)
            index = self.encoding.count() - 1
        self.encoding.setCurrentIndex(index)
        return code


class ListPage(QWizardPage):
    """Which target list the companies go on; "Import" runs the import here."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setObjectName("importListPage")
        self.wizard_ = wizard
        self.setTitle(self.tr("Choose the target list"))
        self.setSubTitle(self.tr("Every company in the file is put on this list, the new ones and those "
                                 "Kakeru already knew."))
        self.setCommitPage(True)
        self.new_radio = QRadioButton(self.tr("A new list named:"))
        self.new_radio.setObjectName("importNewListRadio")
        self.new_radio.setAccessibleName(self.tr("Import into a new list"))
        self.new_name = QLineEdit()
        self.new_name.setObjectName("importNewListName")
        self.new_name.setAccessibleName(self.tr("Name of the new list"))
        self.existing_radio = QRadioButton(self.tr("An existing list:"))
        self.existing_radio.setObjectName("importExistingListRadio")
        self.existing_radio.setAccessibleName(self.tr("Import into an existing list"))
        self.existing = QComboBox()
        self.existing.setObjectName("importExistingListCombo")
        self.existing.setAccessibleName(self.tr("Existing list"))
        group = QButtonGroup(self)
        group.addButton(self.new_radio)
        group.addButton(self.existing_radio)
        self.new_radio.setChecked(True)
        self.new_radio.toggled.connect(self._update)
        self.new_name.textChanged.connect(self._update)
        self.summary = QLabel()
        self.summary.setObjectName("importListSummary")
        self.summary.setWordWrap(True)
        self.error = error_label("importListError", hidden=False)
        grid = QGridLayout()
        grid.addWidget(self.new_radio, 0, 0)
        grid.addWidget(self.new_name, 0, 1)
        grid.addWidget(self.existing_radio, 1, 0)
        grid.addWidget(self.existing, 1, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.existing.clear()
        for target_list in lists_model.get_lists(self.wizard_.db):
            self.existing.addItem(arg(self.tr("%1 (%2 companies)"), target_list.name,
                                      number(target_list.member_count)), target_list.name)
        self.existing_radio.setEnabled(self.existing.count() > 0)
        self.existing.setEnabled(self.existing.count() > 0)
        if not self.new_name.text():
            self.new_name.setText(self.wizard_.file_stem())
        self.error.clear()
        self._update()

    def list_name(self) -> str:
        if self.new_radio.isChecked():
            return self.new_name.text().strip()
        return self.existing.currentData() or ""

    def _update(self, *_args) -> None:
        self.new_name.setEnabled(self.new_radio.isChecked())
        self.existing.setEnabled(self.existing_radio.isChecked())
        rows = len(self.wizard_.table.rows) if self.wizard_.table else 0
        self.summary.setText(arg(self.tr("%1 rows of %2 will be imported into the list %3."), number(rows),
                                 self.wizard_.file_name(), self.list_name()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.list_name())

    def validatePage(self) -> bool:
        """Run the import with a cancellable progress dialog; stay on this page if it did not happen."""
        wizard = self.wizard_
        assert wizard.table is not None
        name = self.list_name()
        if self.new_radio.isChecked() and lists_model.find_list(wizard.db, name) is not None:
            answer = QMessageBox.question(
                self, self.tr("Import a list"),
                arg(self.tr("A list named %1 already exists. Add the companies to it?"), name))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        table = wizard.table

        def run_import() -> importing.ImportResult:
            progress = ProgressCallback(self, self.tr("Importing"),
                                        arg(self.tr("Importing %1…"), wizard.file_name()))
            try:
                return importing.import_table(wizard.db, table, wizard.mapping, name, progress=progress,
                                              file_name=wizard.file_name())
            finally:
                progress.close()

        def refused(error: KakeruError) -> None:  # a bad file, or the person cancelled (ImportCancelled)
            self.error.setText(str(error))

        result = run_write(wizard.bus, None, "", run_import, on_error=refused)
        if result is None:
            return False
        wizard.result = result
        found = lists_model.find_list(wizard.db, result.list_name)
        wizard.imported_list_id = found.id if found else None
        return True
