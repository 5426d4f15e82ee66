"""Qt's own dialogs and menus read Japanese: the file dialog Qt draws itself, message box buttons, the
context menu of a text field, the print dialog; Qt's catalogue is found where the bundle keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QTreeView,
)

from ui import i18n

pytestmark = pytest.mark.usefixtures("japanese")


def _file_dialog(qtbot, folder: Path, mode: QFileDialog.AcceptMode) -> QFileDialog:
    dialog = QFileDialog(None, "名前を付けて保存", str(folder), "CSV ファイル (*.csv)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the dialog Qt draws (Linux, no portal)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_qt_catalogue_is_found_where_the_bundle_keeps_it():
    assert i18n.load_qt_catalogue() is not None
    assert any(Path(folder).parts[-3:] == ("PySide6", "Qt", "translations")
               for folder in i18n.qt_translations_dirs())


def test_the_file_dialog_qt_draws_reads_japanese(qtbot, tmp_path):
    (tmp_path / "folder").mkdir()
    for mode, accept in ((QFileDialog.AcceptMode.AcceptOpen, "開く(&O)"),
                         (QFileDialog.AcceptMode.AcceptSave, "保存(&S)")):
        dialog = _file_dialog(qtbot, tmp_path, mode)
        labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        assert labels["lookInLabel"] == "ファイルの場所(&L):"
        assert labels["fileNameLabel"] == "ファイル名(&N):"
        assert labels["fileTypeLabel"] == "ファイルの種類(&T):"
        buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
        assert accept in [button.text() for button in buttons.buttons()]
        model = dialog.findChild(QTreeView, "treeView").model()
        headers = [model.headerData(column, Qt.Orientation.Horizontal)
                   for column in range(model.columnCount())]
        assert headers == ["名前", "サイズ", "タイプ", "更新日"]
        dialog.close()


def test_a_folder_is_typed_in_japanese(tmp_path):
    """The file dialog's Type column asks the icon provider."""
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "フォルダ"


def test_message_box_buttons_and_text_field_menu_read_japanese(qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "Kakeru", "よろしいですか？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.buttons()) == sorted(
        ["はい(&Y)", "いいえ(&N)", "キャンセル"])
    field = QLineEdit("架電メモ")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert {"元に戻す(&U)", "切り取り(&T)", "コピー(&C)", "貼り付け(&P)"} <= set(texts)


def test_the_print_dialog_qt_draws_reads_japanese(qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()  # kept alive while the dialog uses it
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    radios = {radio.objectName(): radio.text() for radio in dialog.findChildren(QRadioButton)}
    assert radios["pagesRadioButton"] == "ページ指定"
    assert radios["duplexLong"] == "長辺とじ"
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["pageSetLabel"] == "印刷するページ(&S):"


def test_every_gap_in_qt_catalogue_is_filled():
    """Each string Kakeru adds for Qt's widgets comes out Japanese, under the context Qt asks with."""
    assert i18n.QT_GAPS
    contexts = ("QFileDialog", "QAbstractFileIconProvider", "QPrintSettingsOutput", "QPageSetupWidget")
    untranslated = [source for source in i18n.QT_GAPS
                    if all(QCoreApplication.translate(context, source) == source for context in contexts)]
    assert untranslated == []
    # Qt asks for "Folder" with a disambiguation; the plain translation serves it.
    folder = QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms")
    assert folder == "フォルダ"

