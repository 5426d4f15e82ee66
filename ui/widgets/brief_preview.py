"""Preview of a generated briefing sheet PDF, with Print (the system print path) and Save as PDF.

The PDF is read with QtPdf (``QPdfDocument``, part of PySide6-Addons pinned in pyproject.toml)
and shown as page images in a scroll area. Printing draws each page as an
image rendered at the printer's resolution (capped at ``MAX_PRINT_DPI``), so what comes out of the
printer is what the preview shows, with the fonts already rasterised.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, QSizeF, Qt, QTemporaryDir
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.store.errors import KakeruError
from models.store.output_path import check_output_path
from ui.dialogs.progress import ProgressCallback
from ui.errors import show_expected_error
from ui.i18n import arg
from ui.settings import AppSettings
from ui.shortcuts import add_shortcut

MAX_PRINT_DPI = 300  # enough for 8-point Japanese text; 1200 dpi pages would be ~560 MB each
PROGRESS_FROM_PAGES = 4


class PdfOpenError(Exception):
    """The PDF could not be read (a bug or a damaged temp file: generated files always open)."""


class PdfPages:
    """The pages of one PDF file (read with QtPdf): their size in points and each as an image."""

    def __init__(self, path: Path, parent=None):
        self.document = QPdfDocument(parent)
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise PdfOpenError(f"{path}: {error}")

    def page_count(self) -> int:
        return self.document.pageCount()

    def page_points(self, index: int) -> QSizeF:
        return self.document.pagePointSize(index)

    def render(self, index: int, size: QSize) -> QImage:
        return self.document.render(index, size)

    def close(self) -> None:
        self.document.close()


def open_pdf(path: Path | str, parent=None) -> PdfPages:
    """The pages of ``path``, read with QtPdf."""
    return PdfPages(Path(path), parent)


def _image_size(points: QSizeF, dpi: float) -> QSize:
    return QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))


def print_pages(pages: PdfPages, printer: QPrinter, parent: QWidget | None = None) -> bool:
    """Print every page on ``printer`` as an image at its resolution; False when it would not start.

    The page size is taken from the first page (A4 for a brief) and the printer's margins are not
    added: the sheet has its own.
    """
    count = pages.page_count()
    if count == 0:
        return False
    first = pages.page_points(0)
    printer.setPageSize(QPageSize(first.toSize(), "", QPageSize.SizeMatchPolicy.FuzzyMatch))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait if first.height() >= first.width()
                               else QPageLayout.Orientation.Landscape)
    printer.setFullPage(True)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    progress = None
    if count >= PROGRESS_FROM_PAGES:
        text = QCoreApplication.translate("BriefPreview", "Printing %1 pages…")
        progress = ProgressCallback(parent, QCoreApplication.translate("BriefPreview", "Printing"),
                                    arg(text, count), cancellable=True)
    painter = QPainter()
    if not painter.begin(printer):
        if progress is not None:
            progress.close()
        return False
    try:
        for index in range(count):
            if progress is not None and not progress(index, count):
                printer.abort()
                break
            if index:
                printer.newPage()
            points = pages.page_points(index)
            image = pages.render(index, _image_size(points, dpi))
            target = painter.viewport()
            scale = min(target.width() / points.width(), target.height() / points.height())
            width, height = points.width() * scale, points.height() * scale
            painter.drawImage(QRectF((target.width() - width) / 2, (target.height() - height) / 2,
                                     width, height), image)
    finally:
        painter.end()
        if progress is not None:
            progress.close()
    return True


class BriefPreview(QWidget):
    """A PDF shown page by page, with Print… (Ctrl+P) and Save as PDF… (Ctrl+S)."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("briefPreview")
        self.setAccessibleName(self.tr("Briefing sheet preview"))
        self.settings = settings
        self.pages: PdfPages | None = None
        self.path: Path | None = None
        self.suggested_name = "brief.pdf"

        self.title_label = QLabel()
        self.title_label.setObjectName("briefTitleLabel")
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.pages_label = QLabel()
        self.pages_label.setObjectName("briefPagesLabel")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("briefPrintButton")
        self.print_button.setAccessibleName(self.tr("Print the briefing sheet"))
        self.print_button.setToolTip(self.tr("Print (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.save_button.setObjectName("briefSaveButton")
        self.save_button.setAccessibleName(self.tr("Save the briefing sheet as a PDF file"))
        self.save_button.setToolTip(self.tr("Save as PDF (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_as)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("briefWarningLabel")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("background: #fff4ce; padding: 4px 8px;")
        self.warning_label.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.pages_label)
        bar.addSpacing(12)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)

        self.view = QPdfView(self)
        self.view.setObjectName("briefPdfView")
        self.view.setAccessibleName(self.tr("Briefing sheet pages"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.view, 1)
        add_shortcut(QKeySequence.StandardKey.Print, self, self.print_with_dialog,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut)
        add_shortcut(QKeySequence.StandardKey.Save, self, self.save_as,
                     Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._set_enabled()

    def _set_enabled(self) -> None:
        ready = self.pages is not None and self.pages.page_count() > 0
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def load(self, path: Path | str, title: str = "", suggested_name: str = "brief.pdf",
             warnings: tuple[str, ...] = ()) -> int:
        """Show the PDF at ``path``; return its page count."""
        self.close_document()
        self.path = Path(path)
        self.suggested_name = suggested_name
        self.pages = open_pdf(self.path, self)
        self.view.setDocument(self.pages.document)
        count = self.pages.page_count()
        self.title_label.setText(title)
        self.pages_label.setText(arg(self.tr("%1 page(s)"), count))
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        self._set_enabled()
        return count

    def page_count(self) -> int:
        return self.pages.page_count() if self.pages is not None else 0

    def close_document(self) -> None:
        if self.pages is not None:
            self.view.setDocument(None)
            self.pages.close()
            self.pages = None
        self._set_enabled()

    # -- printing and saving --------------------------------------------------------------------
    def print_to(self, printer: QPrinter) -> bool:
        """Print the shown PDF on ``printer`` (already set up); a message when it cannot start."""
        if self.pages is None:
            return False
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            done = print_pages(self.pages, printer, self)
        finally:
            self.unsetCursor()
        if not done:
            QMessageBox.warning(self, self.tr("Print"), self.tr(
                "Printing could not start. Check that the printer is connected and switched on, "
                "then try again."))
        return done

    def print_with_dialog(self) -> bool:
        """Ask which printer (the system's print dialog), then print."""
        if self.pages is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name)
        if self.pages.page_count():
            printer.setPageSize(QPageSize(self.pages.page_points(0).toSize(), "",
                                          QPageSize.SizeMatchPolicy.FuzzyMatch))
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("briefPrintDialog")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def save_as(self) -> Path | None:
        """Ask where, then copy the PDF there; the chosen path, or None."""
        if self.path is None:
            return None
        folder = self.settings.brief_dialog_dir()
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the briefing sheet"), str(Path(folder) / self.suggested_name),
            self.tr("PDF files (*.pdf)"))
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            check_output_path(target)
        except KakeruError as error:
            show_expected_error(error, self, self.tr("Save as PDF"))
            return None
        try:
            shutil.copyfile(self.path, target)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Save as PDF"), arg(self.tr(
                "The file could not be saved to %1 (%2). Check the folder, the free space and that "
                "no other program has the file open."), target, error.strerror or error))
            return None
        self.settings.set_last_brief_dir(str(target.parent))
        return target


class BriefPreviewDialog(QDialog):
    """A window holding a ``BriefPreview`` and the temporary folder its PDF lives in."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("briefPreviewDialog")
        self.setWindowTitle(self.tr("Briefing sheet"))
        self.setAccessibleName(self.tr("Briefing sheet"))
        self.temp_dir = QTemporaryDir()
        self.preview = BriefPreview(settings, self)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("briefCloseButton")
        close.setAccessibleName(self.tr("Close the preview"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(bottom)
        self.resize(760, 900)

    def folder(self) -> Path:
        return Path(self.temp_dir.path())

    def done(self, result: int) -> None:
        self.preview.close_document()
        super().done(result)
