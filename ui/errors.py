"""The two kinds of error (STYLE.md §5): a KakeruError is the environment's or the input's fault and
is shown as its plain Japanese sentence; anything else is our bug and opens the crash dialog, with
the report appended to ``<data folder>/logs/kakeru.log`` (open to the user only, rotated: the log and
at most ``LOG_KEEP`` older ones of up to ``LOG_MAX_BYTES`` each)."""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import models.store.db
from models.store.errors import KakeruError
from models.store.private import PRIVATE_FILE, private_file, private_folder

_showing = False
LOG_MAX_BYTES = 1024 * 1024
LOG_KEEP = 3  # kakeru.log.1 … kakeru.log.3 besides the log itself


def log_path() -> Path:
    """The crash log in the user data folder (the folder is created when missing, open to the user only)."""
    return private_folder(models.store.db.data_dir() / "logs") / "kakeru.log"


def rotate_log(path: Path) -> None:
    """Once the log has reached ``LOG_MAX_BYTES``: kakeru.log → .1 → .2 → .3, the oldest dropped."""
    try:
        if path.stat().st_size < LOG_MAX_BYTES:
            return
    except FileNotFoundError:
        return
    for number in range(LOG_KEEP - 1, 0, -1):
        older = path.with_name(f"{path.name}.{number}")
        if older.exists():
            os.replace(older, path.with_name(f"{path.name}.{number + 1}"))
    os.replace(path, path.with_name(f"{path.name}.1"))


def format_report(exc_type: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    """A report a developer can act on: when, which versions, and the traceback."""
    import platform  # only for a report: not on every start

    lines = [
        f"Kakeru crash report — {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} · PySide6 {pyside_version} · Qt {qVersion()} · "
        f"{platform.platform()}",
        "",
        *traceback.format_exception(exc_type, error, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_report(report: str) -> Path | None:
    """Append ``report`` to the log; returns its path, or None when even the log cannot be written."""
    try:
        path = log_path()
        rotate_log(path)
        private_file(path)  # a log an older Kakeru left readable by others
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE), "a",
                       encoding="utf-8") as log:
            log.write(report + "\n" + "-" * 80 + "\n")
        return path
    except OSError:
        return None


def _parent() -> QWidget | None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    return app.activeWindow()


def show_expected_error(error: KakeruError, parent: QWidget | None = None, title: str | None = None) -> None:
    """Show an expected failure as a warning with its sentence (``title``: what was being done)."""
    QMessageBox.warning(
        parent if parent is not None else _parent(),
        title or QCoreApplication.translate("Errors", "Kakeru"),
        str(error),
    )


def handle_exception(exc_type: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """The ``sys.excepthook`` of the GUI."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt) or not isinstance(QApplication.instance(), QApplication):
        sys.__excepthook__(exc_type, error, tb)
        return
    if isinstance(error, KakeruError):
        show_expected_error(error)
        return
    report = format_report(exc_type, error, tb)
    path = write_report(report)
    sys.stderr.write(report)
    if _showing:  # an error while the crash dialog is open: logged above, not stacked
        return
    from ui.dialogs.crash import CrashDialog

    _showing = True
    try:
        CrashDialog(report, path, _parent()).exec()
    finally:
        _showing = False


def install_excepthook() -> None:
    sys.excepthook = handle_exception
