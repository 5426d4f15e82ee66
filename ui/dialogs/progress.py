"""Long operations (import, demo data) run in the GUI thread; this dialog keeps the window painting
and turns a click on Cancel into ``False`` from the progress callback the models/ function calls."""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


class ProgressCallback:
    """A modal QProgressDialog driven by ``callback(done, total) -> bool`` (False: cancel asked)."""

    REFRESH_S = 0.05

    def __init__(self, parent: QWidget | None, title: str, label: str, cancellable: bool = True):
        cancel_text = QCoreApplication.translate("ProgressCallback", "Cancel") if cancellable else None
        self.dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
        self.dialog.setObjectName("progressDialog")
        self.dialog.setAccessibleName(title)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumWidth(420)
        self._last = 0.0
        self.dialog.show()
        QCoreApplication.processEvents()

    def __call__(self, done: int, total: int) -> bool:
        now = time.monotonic()
        if now - self._last >= self.REFRESH_S or done >= total:
            self._last = now
            if self.dialog.maximum() != max(total, 1):
                self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
            QCoreApplication.processEvents()
        return not self.dialog.wasCanceled()

    def cancelled(self) -> bool:
        return self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()
