"""Edit the talk script and hearing checklist of one target list (shown in the call session)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.planning.session_card import ListScript, save_list_script
from models.store.errors import KakeruError
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg


class ScriptDialog(QDialog):
    """The script as free text; the checklist one question a line. Saves on OK (``saved`` holds it)."""

    def __init__(self, db: Database, script: ListScript, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scriptDialog")
        self.db = db
        self.list_id = script.list_id
        self.saved: ListScript | None = None
        title = arg(self.tr("Talk script — %1"), script.list_name or "")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.script = QPlainTextEdit(script.script or "")
        self.script.setObjectName("scriptEdit")
        self.script.setAccessibleName(self.tr("Talk script"))
        self.checklist = QPlainTextEdit("\n".join(script.checklist))
        self.checklist.setObjectName("checklistEdit")
        self.checklist.setAccessibleName(self.tr("Hearing checklist, one item a line"))
        self.checklist.setTabChangesFocus(True)
        self.script.setTabChangesFocus(True)
        self.error = error_label("scriptError")
        buttons, _save = save_cancel("scriptButtons", ("scriptSaveButton", self.tr("Save the script")),
                                     "scriptCancelButton", self.accept, self.reject)
        buttons.setAccessibleName(self.tr("Script dialog buttons"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Talk script")))
        layout.addWidget(self.script, 2)
        layout.addWidget(QLabel(self.tr("Hearing checklist (one question a line)")))
        layout.addWidget(self.checklist, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def accept(self) -> None:
        try:
            self.saved = save_list_script(self.db, self.list_id, self.script.toPlainText(),
                                          self.checklist.toPlainText().splitlines())
        except KakeruError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()
