"""Language: the Japanese catalogue (default) or none (English source strings), and vocab labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models.accounts import vocab

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
CATALOGUE = "kakeru_ja.qm"
# Qt's own Japanese catalogue: its dialogs (file, message box), standard buttons, and the context menu
# of every text field. qtbase, not the qt_ja meta catalogue: that one also wants Qt Multimedia's,
# Qt Quick's… catalogues, which the bundle leaves out (pyinstaller.spec, KEEP_TRANSLATION).
QT_CATALOGUE = "qtbase_ja"

# Strings of Qt's own widgets that qtbase_ja.qm lacks (found by opening each dialog under Japanese):
# Qt 6 gave some labels a mnemonic, so they no longer match the catalogue's "Look in:"; others are new
# in Qt 6. Kakeru's catalogue carries them (it is installed after Qt's, so it is asked first) and the
# file and print dialogs that Qt draws itself read Japanese throughout. A translation found without
# its disambiguation ("All other platforms") serves the message that has one.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Pages"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Double Sided Printing"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Off"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Long side binding"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Short side binding"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput",
                      "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
                      "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9."),
    QT_TRANSLATE_NOOP("QPageSetupWidget", "Page &order:"),
    QT_TRANSLATE_NOOP("QPageSetupWidget", "Pages &per sheet:"),
)

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
    qt_translator = load_qt_catalogue(app)
    if qt_translator is not None:
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    ours = QTranslator(app)
    loaded = ours.load(str(TRANSLATIONS_DIR / CATALOGUE))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    return loaded


def qt_translations_dirs() -> list[str]:
    """Where Qt's catalogues may be: Qt's own answer, then PySide6's folder (the layout the bundle keeps)."""
    import PySide6

    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
               str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")]
    return list(dict.fromkeys(folder for folder in folders if folder))


def load_qt_catalogue(parent: QCoreApplication | None = None) -> QTranslator | None:
    """Qt's own Japanese catalogue (qtbase_ja.qm), loaded but not installed; None when it is missing."""
    translator = QTranslator(parent)
    for folder in qt_translations_dirs():
        if translator.load(QT_CATALOGUE, folder):
            return translator
    translator.setParent(None)  # not kept by the application: let it go
    return None


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
