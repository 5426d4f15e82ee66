"""Edit the hypothesis quick templates: name, the sentence it starts the hypothesis with, and how it
proposes a day (months from the fiscal year end, given calendar months, or months from today).
Save stores them through models/; nothing is written before."""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.planning import hypotheses
from models.planning.hypotheses import HypothesisTemplate
from models.store.errors import KakeruError
from ui.form_parts import error_label, save_cancel
from ui.naming import named as _named


class HypothesisTemplatesDialog(QDialog):
    """``templates`` holds what was saved after ``accept``."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hypothesisTemplatesDialog")
        title = self.tr("Hypothesis templates")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.db = db
        self.templates: list[HypothesisTemplate] = hypotheses.load_templates(db)
        self._row = -1

        self.names = QStringListModel(self)
        self.list = _named(QListView(), "templateList", self.tr("Templates"))
        self.list.setModel(self.names)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setMinimumWidth(170)
        self.add_button = _named(QPushButton(self.tr("Add")), "templateAdd", self.tr("Add a template"))
        self.remove_button = _named(QPushButton(self.tr("Remove")), "templateRemove",
                                    self.tr("Remove the selected template"))
        self.reset_button = _named(QPushButton(self.tr("Restore defaults")), "templateReset",
                                   self.tr("Restore the default templates"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.reset_button.clicked.connect(self.restore_defaults)

        self.name = _named(QLineEdit(), "templateName", self.tr("Name"))
        self.text = _named(QPlainTextEdit(), "templateText", self.tr("Hypothesis"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(70)
        self.rule = _named(QComboBox(), "templateRule", self.tr("Proposed day"))
        for value, caption in (("fiscal", self.tr("Months from the fiscal year end month")),
                               ("months", self.tr("Calendar months")),
                               ("after", self.tr("Months from today")),
                               ("none", self.tr("No proposal"))):
            self.rule.addItem(caption, value)
        self.months = _named(QSpinBox(), "templateMonths", self.tr("Months"))
        self.months.setRange(-11, 36)
        self.calendar_months = _named(QLineEdit(), "templateCalendarMonths", self.tr("Calendar months"))
        self.calendar_months.setPlaceholderText(self.tr("e.g. 4, 10"))
        self.rule.currentIndexChanged.connect(self._rule_changed)
        form = self.form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Hypothesis"), self.text)
        form.addRow(self.tr("Proposed day"), self.rule)
        form.addRow(self.tr("Months"), self.months)
        form.addRow(self.tr("Calendar months"), self.calendar_months)
        self.rule_note = _named(QLabel(), "templateRuleNote", self.tr("About the proposed day"))
        self.rule_note.setStyleSheet("color: palette(mid);")
        self.rule_note.setWordWrap(True)
        form.addRow("", self.rule_note)

        self.error = error_label("templateError", self.tr("Error"))
        buttons, self.save_button = save_cancel(
            "templateButtons", ("templateSave", self.tr("Save templates")), "templateCancel",
            self.save, self.reject)

        side = QVBoxLayout()
        side.addWidget(self.list, 1)
        for button in (self.add_button, self.remove_button, self.reset_button):
            side.addWidget(button)
        body = QHBoxLayout()
        body.addLayout(side)
        body.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumSize(640, 360)

        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self._show_list(0)

    # -- the list and the form --------------------------------------------------------------------
    def _show_list(self, row: int) -> None:
        self._row = -1
        self.names.setStringList([template.name for template in self.templates])
        if self.templates:
            self.list.setCurrentIndex(self.names.index(max(0, min(row, len(self.templates) - 1))))
        else:
            self._load(None)
        self.remove_button.setEnabled(bool(self.templates))

    def _row_changed(self, current, _previous=None) -> None:
        self._store()
        self._row = current.row()
        self._load(self.templates[self._row] if 0 <= self._row < len(self.templates) else None)

    def _load(self, template: HypothesisTemplate | None) -> None:
        for widget in (self.name, self.text, self.rule, self.months, self.calendar_months):
            widget.setEnabled(template is not None)
        template = template or HypothesisTemplate("", "")
        self.name.setText(template.name)
        self.text.setPlainText(template.text)
        self.rule.setCurrentIndex(max(0, self.rule.findData(template.rule)))
        self.months.setValue(template.months)
        self.calendar_months.setText(", ".join(str(m) for m in template.calendar_months))
        self._rule_changed()

    def _form_template(self) -> HypothesisTemplate:
        months = tuple(int(part) for part in re.findall(r"\d+", self.calendar_months.text()))
        return HypothesisTemplate(self.name.text(), self.text.toPlainText(), self.rule.currentData(),
                                  self.months.value(), months)

    def _store(self) -> None:
        """Keep the form's values in the list being edited (checked on Save)."""
        if 0 <= self._row < len(self.templates):
            self.templates[self._row] = self._form_template()
            self.names.setData(self.names.index(self._row), self.templates[self._row].name)

    def _rule_changed(self) -> None:
        rule = self.rule.currentData()
        self.form.setRowVisible(self.months, rule in ("fiscal", "after"))
        self.form.setRowVisible(self.calendar_months, rule == "months")
        notes = {
            "fiscal": self.tr("-3 is three months before the fiscal year end month; 1 is the month after it. "
                              "Accounts without a fiscal year end month get no proposal."),
            "months": self.tr("The first business day of the next of these months."),
            "after": self.tr("This many months from today, on a business day."),
            "none": self.tr("The template fills in the hypothesis only."),
        }
        self.rule_note.setText(notes.get(rule, ""))

    def add(self) -> None:
        self._store()
        self.templates.append(HypothesisTemplate(self.tr("New template"), "", "after", 3))
        self._show_list(len(self.templates) - 1)
        self.name.setFocus()
        self.name.selectAll()

    def remove(self) -> None:
        if 0 <= self._row < len(self.templates):
            row = self._row
            del self.templates[row]
            self._show_list(row)

    def restore_defaults(self) -> None:
        self.templates = list(hypotheses.DEFAULT_TEMPLATES)
        self._show_list(0)

    def save(self) -> None:
        self._store()
        try:
            self.templates = hypotheses.save_templates(self.db, self.templates).templates
        except KakeruError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()
