"""The detail panel of the target table: edit one company and its contacts; Save / Revert.

A value the store refuses is shown under its field, in the sentence ``models`` gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from models.accounts import companies
from models.accounts import lists as lists_model
from models.accounts.normalize import PREFECTURES
from models.accounts.text_fields import COMPANIES
from models.accounts.vocab import COMPANY_STATUS, RANKS
from models.store import changes as tables
from models.store.errors import KakeruError, NotFound, ValidationError
from ui.errors import show_expected_error
from ui.form_parts import bounded, error_label
from ui.i18n import arg, label
from ui.qt_models.targets_model import display_date
from ui.shortcuts import add_shortcut
from ui.signals import DataBus, affects
from ui.undo import edit_company
from ui.widgets.contacts_section import ContactsSection

if TYPE_CHECKING:
    from sqlite_utils import Database

LINE_FIELDS = ("name", "name_kana", "corporate_number", "phone", "postal_code", "address", "industry",
               "business_domain", "employees", "website")


class CompanyPanel(QWidget):
    """Shows the selected company as an editable form, its score explained, and its contacts."""

    saved = Signal(int)

    def __init__(self, db: Database, bus: DataBus, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("companyPanel")
        self.setAccessibleName(self.tr("Company details"))
        self.db = db
        self.bus = bus
        self.undo_stack = undo_stack
        self.company = None
        self._loaded: dict[str, Any] = {}
        self.captions = {
            "name": self.tr("Company"), "name_kana": self.tr("Reading"),
            "corporate_number": self.tr("Corporate number"), "phone": self.tr("Phone"),
            "postal_code": self.tr("Postal code"), "prefecture": self.tr("Prefecture"),
            "address": self.tr("Address"), "industry": self.tr("Industry"),
            "business_domain": self.tr("Business"), "employees": self.tr("Employees"),
            "fiscal_year_end_month": self.tr("Fiscal year end"), "website": self.tr("Website"),
            "rank": self.tr("Rank"), "status": self.tr("Status"), "notes": self.tr("Notes"),
        }
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        self.heading = QLabel(self.tr("No company selected"))
        self.heading.setObjectName("companyHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("companySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.error_summary = error_label("companyErrorSummary")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for field in ("name", "name_kana", "rank", "status", "phone", "corporate_number", "postal_code",
                      "prefecture", "address", "industry", "business_domain", "employees",
                      "fiscal_year_end_month", "website", "notes"):
            editor = self._make_editor(field)
            self.editors[field] = editor
            error = error_label(f"error_{field}")
            self.errors[field] = error
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(editor)
            cell.addWidget(error)
            form.addRow(self.captions[field], cell)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("companySaveButton")
        self.save_button.setAccessibleName(self.tr("Save company"))
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setObjectName("companyRevertButton")
        self.revert_button.setAccessibleName(self.tr("Revert changes"))
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        add_shortcut(QKeySequence.StandardKey.Save, self, self.save,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.contacts = ContactsSection(db, bus)
        self.contacts_model = self.contacts.model
        self.add_contact_button = self.contacts.add_button

        body = QWidget()
        body.setObjectName("companyPanelBody")
        inner = QVBoxLayout(body)
        inner.addWidget(self.heading)
        inner.addWidget(self.summary)
        inner.addWidget(self.error_summary)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addSpacing(8)
        inner.addWidget(self.contacts)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("companyPanelScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        # Never narrower than the form: the scroll area only scrolls vertically.
        extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.setMinimumWidth(body.minimumSizeHint().width() + extent + 2 * scroll.frameWidth())
        self.bus.changed.connect(self._on_data_changed)
        self.show_company(None)

    # -- building -----------------------------------------------------------------------------
    def _make_editor(self, field: str) -> QWidget:
        caption = self.captions[field]
        if field in LINE_FIELDS:
            editor: QWidget = bounded(QLineEdit(), COMPANIES, field)
            editor.textEdited.connect(self._update_buttons)
        elif field == "notes":
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(90)
            editor.textChanged.connect(self._update_buttons)
        else:
            editor = QComboBox()
            if field == "prefecture":
                editor.setEditable(True)
                editor.addItem("", None)
                for prefecture in PREFECTURES:
                    editor.addItem(prefecture, prefecture)
                editor.currentTextChanged.connect(self._update_buttons)
            elif field == "rank":
                editor.addItem(self.tr("(none)"), None)
                for rank in RANKS:
                    editor.addItem(rank, rank)
            elif field == "status":
                for value in COMPANY_STATUS:
                    editor.addItem(label(COMPANY_STATUS, value), value)
            elif field == "fiscal_year_end_month":
                editor.addItem(self.tr("(unknown)"), None)
                for month in range(1, 13):
                    editor.addItem(arg(self.tr("Month %1"), month), month)
            editor.currentIndexChanged.connect(self._update_buttons)
        editor.setObjectName(f"company_{field}")
        editor.setAccessibleName(caption)
        return editor

    # -- values -------------------------------------------------------------------------------
    def _editor_value(self, field: str) -> Any:
        editor = self.editors[field]
        if isinstance(editor, QLineEdit):
            return editor.text().strip() or None
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip() or None
        assert isinstance(editor, QComboBox)
        if editor.isEditable():
            return editor.currentText().strip() or None
        return editor.currentData()

    def _set_editor(self, field: str, value: Any) -> None:
        editor = self.editors[field]
        editor.blockSignals(True)
        if isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.setCursorPosition(0)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QComboBox):
            if editor.isEditable():
                editor.setCurrentText(value or "")
            else:
                editor.setCurrentIndex(max(editor.findData(value), 0) if value is not None else 0)
        editor.blockSignals(False)

    def changes(self) -> dict[str, Any]:
        """The fields whose editor differs from the stored value."""
        changed = {}
        for field in self.editors:
            value = self._editor_value(field)
            stored = self._loaded.get(field)
            if (str(value) if value is not None else None) != (str(stored) if stored is not None else None):
                changed[field] = value
        return changed

    def is_dirty(self) -> bool:
        return self.company is not None and bool(self.changes())

    # -- showing ------------------------------------------------------------------------------
    def show_company(self, company_id: int | None) -> None:
        """Load ``company_id`` (None: nothing selected) into the form, discarding unsaved edits."""
        self.company = None
        if company_id is not None:
            try:
                self.company = companies.get_company(self.db, company_id)
            except NotFound:
                self.company = None
        enabled = self.company is not None
        for editor in self.editors.values():
            editor.setEnabled(enabled)
        self._loaded = {field: getattr(self.company, field) for field in self.editors} if enabled else {}
        for field in self.editors:
            self._set_editor(field, self._loaded.get(field))
        self._clear_errors()
        if self.company is None:
            self.heading.setText(self.tr("No company selected"))
            self.summary.setText(self.tr("Select a row in the table to see and edit the company here."))
        else:
            self.heading.setText(self.company.name)
            self._show_summary()
        self.contacts.set_company(self.company.id if self.company is not None else None)
        self._update_buttons()

    def _show_summary(self) -> None:
        assert self.company is not None
        names = [target_list.name for target_list in lists_model.lists_for_company(self.db, self.company.id)]
        score = self.company.score
        lines = [
            arg(self.tr("Score %1"), f"{score:.0f}" if float(score).is_integer() else f"{score:.1f}"),
            arg(self.tr("Last touch: %1"), display_date(self.company.last_touch_at) or self.tr("never")),
            arg(self.tr("Lists: %1"), "、".join(names) if names else self.tr("none")),
        ]
        self.summary.setText("\n".join(lines))
        model = self.parent_model()
        self.summary.setToolTip(model.explanation(self.company.id) if model is not None else "")

    def parent_model(self):
        return getattr(self, "targets_model", None)

    def _update_buttons(self, *_args) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()
            error.clear()
        self.error_summary.hide()

    # -- commands -----------------------------------------------------------------------------
    def focus_first_field(self) -> None:
        self.editors["name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def revert(self) -> None:
        if self.company is not None:
            self.show_company(self.company.id)

    def save(self) -> bool:
        """Save the changed fields; on refused values, show each under its field and keep the edits."""
        if self.company is None:
            return True
        changes = self.changes()
        if not changes:
            return True
        self._clear_errors()
        problems = {}
        for field, value in changes.items():
            try:
                companies.clean_company_values({field: value})
            except ValidationError as error:
                problems[field] = str(error)
        if not problems:
            def refused(error: KakeruError) -> None:
                if isinstance(error, ValidationError):  # the values: shown under the field
                    problems["name" if "name" in changes else next(iter(changes))] = str(error)
                else:  # not the values' fault (the company is gone, the disk is full…)
                    show_expected_error(error, self)

            text = arg(self.tr("Edit %1"), self.company.name)
            saved = edit_company(self.db, self.bus, self.undo_stack, text, self.company.id, changes,
                                 on_error=refused)
            if saved is not None:
                self.show_company(self.company.id)
                self.saved.emit(self.company.id)
                return True
            if not problems:
                return False
        for field, message in problems.items():
            self.errors[field].setText(message)
            self.errors[field].show()
        self.error_summary.setText(arg(self.tr("Not saved: please check %1 field(s) below."), len(problems)))
        self.error_summary.show()
        self.editors[next(iter(problems))].setFocus()
        return False

    def confirm_discard(self) -> bool:
        """Before leaving unsaved edits: save, discard, or stay (False)."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"),
            arg(self.tr("Save the changes to %1?"), self.company.name if self.company else ""),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _on_data_changed(self, payload: str) -> None:
        if self.company is None:
            return
        if affects(payload, tables.CONTACTS):
            self.contacts.reload()
        shown = (tables.COMPANIES, tables.LIST_MEMBERS, tables.TARGET_LISTS)
        if affects(payload, *shown) and not self.is_dirty():
            self.show_company(self.company.id)
