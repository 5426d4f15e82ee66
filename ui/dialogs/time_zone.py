"""Choose the time zone the caller works in (タイムゾーン): the database's ``time_zone`` setting.

Times are shown, sorted, counted and stored in it. Saving another zone rewrites every stored time to
its offset in one transaction (models.store.time_zone); the moments stay the same.
"""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget
from sqlite_utils import Database

from models.store import clock
from models.store.errors import KakeruError
from models.store.time_zone import COMMON_ZONES, set_time_zone, stored_time_zone
from ui.form_parts import error_label, save_cancel
from ui.i18n import arg
from ui.naming import named as _named
from ui.operations import run_write
from ui.signals import DataBus


class TimeZoneDialog(QDialog):
    """``saved`` is True after Save stored another zone."""

    def __init__(self, db: Database, bus: DataBus, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeZoneDialog")
        title = self.tr("Time zone")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.db = db
        self.bus = bus
        self.saved = False

        intro = _named(QLabel(self.tr(
            "Times are shown, sorted and stored in this zone. Saving another zone rewrites the stored times "
            "to it; the moments stay the same.")), "timeZoneIntro", self.tr("About the time zone"))
        intro.setWordWrap(True)
        self.zone = _named(QComboBox(), "timeZoneCombo", self.tr("Time zone"))
        self.zone.setEditable(True)  # any IANA name can be typed; the list completes it
        system = clock.system_zone_name() or f"UTC{clock.offset_text(clock.system_zone().utcoffset(None))}"
        self.zone.addItem(arg(self.tr("The system's (%1)"), system), None)
        others = sorted(available_timezones() - set(COMMON_ZONES))
        for name in (*COMMON_ZONES, *others):
            self.zone.addItem(name, name)
        current = stored_time_zone(db)
        self.zone.setCurrentIndex(max(0, self.zone.findData(current)) if current else 0)
        self.error = error_label("timeZoneError", self.tr("Error"))

        form = QFormLayout()
        form.addRow(self.tr("Time zone"), self.zone)
        buttons, _save = save_cancel("timeZoneButtons", ("timeZoneSaveButton", self.tr("Save the time zone")),
                                     "timeZoneCancelButton", self.accept, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def chosen(self) -> str | None:
        """The zone chosen: an IANA name, or None for the system's."""
        text = self.zone.currentText().strip()
        index = self.zone.findText(text)
        return self.zone.itemData(index) if index >= 0 else text or None

    def _refused(self, error: KakeruError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def accept(self) -> None:
        name = self.chosen()
        if name == stored_time_zone(self.db):
            super().accept()
            return
        done = run_write(self.bus, None, self.tr("Change the time zone"),
                         lambda: set_time_zone(self.db, name), parent=self, on_error=self._refused)
        if done is not None:
            self.saved = True
            super().accept()
