"""Language: the Japanese catalogue (default) or none (English source strings), and vocab labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models.accounts import vocab

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
CATALOGUE = "kakeru_ja.qm"

_language = "ja"
_installed: list[QTranslator] = []


def current_language() -> str:
    """The language the UI runs in: 'ja' or 'en'."""
    return _language


def install_translators(app: QCoreApplication, language: str) -> bool:
    """Install Kakeru's and Qt's own Japanese catalogues for ``language`` 'ja'; 'en' installs none.

    Returns whether Kakeru's catalogue was loaded.
    """
    global _language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _language = language
    if language != "ja":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return False
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    qt_translator = QTranslator(app)
    if qt_translator.load("qtbase_ja", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    ours = QTranslator(app)
    loaded = ours.load(str(TRANSLATIONS_DIR / CATALOGUE))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    return loaded


def label(table: dict[str, tuple[str, str]], value: str | None) -> str:
    """The label of a stored value (status, role…) in the UI language."""
    return vocab.label(table, value, _language)


def number(value: int) -> str:
    """An integer with thousands separators (1,234), the same in both languages."""
    return f"{value:,}"


def arg(text: str, *values: object) -> str:
    """Fill Qt-style placeholders %1, %2… of a translated string (highest first, so %1 ≠ %10)."""
    for position in range(len(values), 0, -1):
        text = text.replace(f"%{position}", str(values[position - 1]))
    return text
