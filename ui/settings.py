"""Per-user window preferences kept with QSettings, behind typed accessors that hold the defaults.

Preferences that belong with the data (caller name, call windows…) live in the database instead,
through ``models.store.settings``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

LANGUAGES = ("ja", "en")
EXPORT_ENCODINGS = ("utf-8-sig", "cp932")


def documents_dir() -> str:
    """The person's Documents folder; their home folder when there is none (never the program's folder)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


class AppSettings:
    """Typed access to the QSettings of the running application (organisation/application names)."""

    def __init__(self, store: QSettings | None = None):
        self._store = store if store is not None else QSettings()

    # -- helpers ------------------------------------------------------------------------------
    def _str(self, key: str, default: str) -> str:
        value = self._store.value(key, default)
        return value if isinstance(value, str) else default

    def _bytes(self, key: str) -> QByteArray:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    def _bool(self, key: str, default: bool) -> bool:
        value = self._store.value(key, default)
        if isinstance(value, str):  # INI files give booleans back as text
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _set(self, key: str, value) -> None:
        self._store.setValue(key, value)

    def sync(self) -> None:
        self._store.sync()

    # -- language -----------------------------------------------------------------------------
    def language(self) -> str:
        """'ja' (the default) or 'en'."""
        value = self._str("ui/language", "ja")
        return value if value in LANGUAGES else "ja"

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self._set("ui/language", language)

    # -- main window --------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray:
        return self._bytes("main_window/geometry")

    def set_window_geometry(self, geometry: QByteArray) -> None:
        self._set("main_window/geometry", geometry)

    def window_state(self) -> QByteArray:
        return self._bytes("main_window/state")

    def set_window_state(self, state: QByteArray) -> None:
        self._set("main_window/state", state)

    def last_page(self) -> str:
        return self._str("main_window/last_page", "targets")

    def set_last_page(self, page: str) -> None:
        self._set("main_window/last_page", page)

    # -- targets page -------------------------------------------------------------------------
    def targets_splitter(self) -> QByteArray:
        return self._bytes("targets/splitter")

    def set_targets_splitter(self, state: QByteArray) -> None:
        self._set("targets/splitter", state)

    def targets_header(self) -> QByteArray:
        return self._bytes("targets/header")

    def set_targets_header(self, state: QByteArray) -> None:
        self._set("targets/header", state)

    # -- files --------------------------------------------------------------------------------
    # A file dialog given no folder, or one that is gone, opens in the current directory: the program's
    # folder when Kakeru is started from its icon. Each kind of file starts where the last one went,
    # else in Documents.
    def _dialog_dir(self, key: str) -> str:
        folder = self._str(key, "")
        return folder if folder and Path(folder).is_dir() else documents_dir()

    def import_dialog_dir(self) -> str:
        """Where the file dialog for a list to import opens."""
        return self._dialog_dir("files/last_import_dir")

    def export_dialog_dir(self) -> str:
        """Where the file dialog for an export (CSV, calendar, map, KPI tables and sheets) opens."""
        return self._dialog_dir("files/last_export_dir")

    def brief_dialog_dir(self) -> str:
        """Where the file dialog for saving a briefing sheet as PDF opens."""
        return self._dialog_dir("files/last_brief_dir")

    def last_import_dir(self) -> str:
        return self._str("files/last_import_dir", "")

    def set_last_import_dir(self, folder: str) -> None:
        self._set("files/last_import_dir", folder)

    def last_export_dir(self) -> str:
        return self._str("files/last_export_dir", "")

    def set_last_export_dir(self, folder: str) -> None:
        self._set("files/last_export_dir", folder)

    def remember_export(self, path: str) -> None:
        """The next export's file dialog opens in the folder of ``path``, the file just chosen."""
        self.set_last_export_dir(str(Path(path).parent))

    def export_encoding(self) -> str:
        value = self._str("files/export_encoding", "utf-8-sig")
        return value if value in EXPORT_ENCODINGS else "utf-8-sig"

    def set_export_encoding(self, encoding: str) -> None:
        if encoding not in EXPORT_ENCODINGS:
            raise ValueError(f"unknown export encoding {encoding!r}")
        self._set("files/export_encoding", encoding)

    # -- meetings page and briefing sheets ---------------------------------------------------------
    def last_brief_dir(self) -> str:
        """Where a briefing sheet was last saved as PDF ('' at first)."""
        return self._str("files/last_brief_dir", "")

    def set_last_brief_dir(self, folder: str) -> None:
        self._set("files/last_brief_dir", folder)

    def meetings_header(self) -> QByteArray:
        return self._bytes("meetings/header")

    def set_meetings_header(self, state: QByteArray) -> None:
        self._set("meetings/header", state)

    # -- first run ----------------------------------------------------------------------------
    def first_run_done(self) -> bool:
        return self._bool("app/first_run_done", False)

    def set_first_run_done(self, done: bool = True) -> None:
        self._set("app/first_run_done", done)

    # -- KPI page -----------------------------------------------------------------------------
    KPI_PERIODS = ("this_week", "last_week", "this_month", "last_month", "custom")

    def kpi_period(self) -> str:
        """The KPI page's period choice (default this week)."""
        value = self._str("kpis/period", "this_week")
        return value if value in self.KPI_PERIODS else "this_week"

    def set_kpi_period(self, period: str) -> None:
        if period not in self.KPI_PERIODS:
            raise ValueError(f"unknown KPI period {period!r}")
        self._set("kpis/period", period)

    # -- relationship map ---------------------------------------------------------------------
    def map_show_us(self) -> bool:
        """Whether the map shows the 自社 card linked to the people we reached (default off)."""
        return self._bool("map/show_us", False)

    def set_map_show_us(self, show: bool) -> None:
        self._set("map/show_us", bool(show))

    def map_splitter(self) -> QByteArray:
        return self._bytes("map/splitter")

    def set_map_splitter(self, state: QByteArray) -> None:
        self._set("map/splitter", state)

    # -- Today page and the call session ----------------------------------------------------------
    def session_outcome_order(self) -> list[str]:
        """The outcomes on number keys 1–9, in key order (stored values: accounts.vocab.OUTCOME)."""
        from models.accounts.vocab import OUTCOME

        value = self._str("session/outcome_order", "")
        order = [item for item in value.split(",") if item in OUTCOME]
        if sorted(order) != sorted(OUTCOME):  # a damaged or partial setting: the default order
            return list(OUTCOME)
        return order

    def set_session_outcome_order(self, outcomes: list[str]) -> None:
        from models.accounts.vocab import OUTCOME

        if sorted(outcomes) != sorted(OUTCOME):
            raise ValueError(f"the order must name every outcome once: {outcomes!r}")
        self._set("session/outcome_order", ",".join(outcomes))

    def today_list_id(self) -> int | None:
        """The list the Today queue takes fresh targets from (None: every list)."""
        value = self._str("today/list_id", "")
        return int(value) if value.isdigit() else None

    def set_today_list_id(self, list_id: int | None) -> None:
        self._set("today/list_id", "" if list_id is None else str(int(list_id)))

    def session_splitter(self) -> QByteArray:
        return self._bytes("session/splitter")

    def set_session_splitter(self, state: QByteArray) -> None:
        self._set("session/splitter", state)

    # -- account page timeline ------------------------------------------------------------------
    def timeline_lanes_per_contact(self) -> bool:
        """One lane per contact (the default) or a single lane for the whole account."""
        return self._bool("timeline/lanes_per_contact", True)

    def set_timeline_lanes_per_contact(self, per_contact: bool) -> None:
        self._set("timeline/lanes_per_contact", bool(per_contact))

    # -- agenda page ----------------------------------------------------------------------------
    def agenda_silent_days(self) -> int:
        """Days without a touch after which a worked account counts as silent (default 30)."""
        value = self._store.value("agenda/silent_days", 30)
        try:
            days = int(value)
        except (TypeError, ValueError):
            return 30
        return days if 1 <= days <= 365 else 30

    def set_agenda_silent_days(self, days: int) -> None:
        self._set("agenda/silent_days", max(1, min(365, int(days))))

    def agenda_period(self) -> str:
        """The lead-time period: 'week', 'month' (the default, last 30 days), 'quarter' or 'this_month'."""
        value = self._str("agenda/period", "month")
        return value if value in ("week", "month", "quarter", "this_month") else "month"

    def set_agenda_period(self, period: str) -> None:
        self._set("agenda/period", period)

    def agenda_splitter(self) -> QByteArray:
        return self._bytes("agenda/splitter")

    def set_agenda_splitter(self, state: QByteArray) -> None:
        self._set("agenda/splitter", state)
