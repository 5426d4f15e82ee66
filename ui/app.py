"""Starting the GUI: the QApplication, the bundled font, the language, the error hook, the database,
the first-run choice, and the main window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from models import db as store
from models.errors import KakeruError
from ui import errors
from ui.fonts import apply_app_font
from ui.i18n import install_translators
from ui.settings import AppSettings

ORGANIZATION = "Kakeru"
APPLICATION = "Kakeru"


def configure_application(app: QApplication, settings: AppSettings | None = None) -> AppSettings:
    """Names (for QSettings), the bundled Japanese font and the translators; returns the settings."""
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANIZATION)
    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() == "python":
        QCoreApplication.setApplicationName(APPLICATION)
    apply_app_font(app)
    settings = settings or AppSettings()
    install_translators(app, settings.language())
    return settings


def run_gui(db_path: str | None, argv: Sequence[str]) -> int:
    """Run the desktop app on the database at ``db_path`` (default: the user data folder)."""
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    settings = configure_application(app)
    errors.install_excepthook()
    path = str(db_path) if db_path else str(store.default_db_path())
    try:
        db = store.open_db(path)
    except KakeruError as error:
        errors.show_expected_error(error)
        return 1

    from ui.dialogs.first_run import needs_first_run, run_first_run
    from ui.main_window import MainWindow

    window = MainWindow(db, path, settings)
    window.show()
    if needs_first_run(db, settings):
        QTimer.singleShot(0, lambda: run_first_run(window))
    try:
        return app.exec()
    finally:
        db.close()
