"""The crash dialog: says plainly that Kakeru hit a bug, shows the report, and lets it be copied."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import arg


class CrashDialog(QDialog):
    """Shows a crash report read-only, with "Copy" and the log file it was written to."""

    def __init__(self, report: str, log_file: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Kakeru — unexpected error"))
        self.resize(720, 480)
        self.report = report
        self.log_file = log_file

        intro = QLabel(self.tr(
            "Kakeru ran into an unexpected error. Your saved data is safe. "
            "Please send the report below to the person who supports Kakeru; "
            "you can continue working, but restarting Kakeru is safer."
        ))
        intro.setWordWrap(True)
        intro.setObjectName("crashIntro")

        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setObjectName("crashReport")
        self.text.setAccessibleName(self.tr("Error report"))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        # Japanese (file names, messages) falls back to the app font.
        mono.setFamilies([mono.family(), "DejaVu Sans Mono", "Consolas", "Menlo", self.font().family()])
        self.text.setFont(mono)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        if log_file is not None:
            where = arg(self.tr("The report was also saved to: %1"), log_file)
        else:
            where = self.tr("The report could not be saved to the log file.")
        self.log_label = QLabel(where)
        self.log_label.setObjectName("crashLogPath")
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(self.log_label.textInteractionFlags()
                                               | self.log_label.textInteractionFlags().TextSelectableByMouse)

        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("crashCopyButton")
        self.copy_button.setAccessibleName(self.tr("Copy the report"))
        self.copy_button.clicked.connect(self.copy_report)
        self.open_folder_button = QPushButton(self.tr("Open log folder"))
        self.open_folder_button.setObjectName("crashOpenFolderButton")
        self.open_folder_button.setAccessibleName(self.tr("Open log folder"))
        self.open_folder_button.setEnabled(log_file is not None)
        self.open_folder_button.clicked.connect(self._open_folder)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("crashButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("crashCloseButton")
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.open_folder_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.log_label)
        layout.addLayout(row)
        self.copy_button.setFocus()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(self.tr("Copied"))

    def _open_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))
