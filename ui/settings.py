"""Per-user window preferences kept with QSettings, behind typed accessors that hold the defaults.

Preferences that belong with the data (caller name, call windows…) live in the database instead,
through ``models.settings``.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("ja", "en")
EXPORT_ENCODINGS = ("utf-8-sig", "cp932")


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
    def last_import_dir(self) -> str:
        return self._str("files/last_import_dir", "")

    def set_last_import_dir(self, folder: str) -> None:
        self._set("files/last_import_dir", folder)

    def last_export_dir(self) -> str:
        return self._str("files/last_export_dir", "")

    def set_last_export_dir(self, folder: str) -> None:
        self._set("files/last_export_dir", folder)

    def export_encoding(self) -> str:
        value = self._str("files/export_encoding", "utf-8-sig")
        return value if value in EXPORT_ENCODINGS else "utf-8-sig"

    def set_export_encoding(self, encoding: str) -> None:
        if encoding not in EXPORT_ENCODINGS:
            raise ValueError(f"unknown export encoding {encoding!r}")
        self._set("files/export_encoding", encoding)

    # -- first run ----------------------------------------------------------------------------
    def first_run_done(self) -> bool:
        return self._bool("app/first_run_done", False)

    def set_first_run_done(self, done: bool = True) -> None:
        self._set("app/first_run_done", done)
