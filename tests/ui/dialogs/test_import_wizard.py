"""The import wizard end to end on the real Japan Post sample (CP932, headerless, half-width kana)."""

from __future__ import annotations

import csv
import threading
import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWizard

from models.accounts import lists
from models.accounts.targets import TargetFilter, count_targets
from models.importing import importer as importing
from ui.dialogs.import_wizard import ImportWizard
from ui.qt_models.targets_model import COL_ADDRESS, COL_KANA, COL_NAME


def next_page(qtbot, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.CommitButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), wizard.currentPage().objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_wizard(qtbot, window, path) -> ImportWizard:
    wizard = ImportWizard(window.db, window.bus, window.settings, window, path=str(path))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_import_the_post_office_sample_end_to_end(window, qtbot, post_office_csv, tmp_path, monkeypatch):
    wizard = open_wizard(qtbot, window, post_office_csv)
    next_page(qtbot, wizard)
    mapping_page = wizard.mapping_page
    assert wizard.currentPage() is mapping_page
    assert "Shift_JIS" in mapping_page.info.text() and "2,055 rows" in mapping_page.info.text()
    assert not mapping_page.header_check.isChecked()  # headerless file detected
    mapping = mapping_page.mapping()
    assert mapping[1:8] == ["name_kana", "name", "prefecture", "address", "address", "address", "postal_code"]
    # Fix the mapping as a caller would: the town column (列6) is not wanted, then wanted again.
    combo = mapping_page.combos[5]
    combo.setCurrentIndex(0)
    assert mapping_page.preview_model.headerData(5, Qt.Orientation.Horizontal).endswith("(skip)")
    combo.setCurrentIndex(combo.findData("address"))
    mapping_page.save_check.setChecked(True)
    next_page(qtbot, wizard)
    assert importing.load_mappings(window.db)  # saved for next time

    list_page = wizard.list_page
    assert wizard.currentPage() is list_page
    list_page.new_name.clear()
    qtbot.keyClicks(list_page.new_name, "Post offices")
    next_page(qtbot, wizard)  # "Import": runs with the progress dialog

    result_page = wizard.result_page
    assert wizard.currentPage() is result_page
    counts = {key: int(label.text().replace(",", "")) for key, label in result_page.counts.items()}
    assert counts["rows"] == 2055
    assert counts["created"] + counts["updated"] + counts["duplicates"] + counts["rejected"] == counts["rows"]
    assert counts["created"] == count_targets(window.db, TargetFilter(list_id=wizard.imported_list_id)) - 0
    wizard.accept()
    window.targets_page.show_list(wizard.imported_list_id)

    page = window.targets_page
    qtbot.waitUntil(lambda: page.model.total() == counts["created"])
    model = page.model
    rows = {model.index(r, COL_NAME).data(): r for r in range(model.rowCount())}
    row = rows["株式会社　日本経済新聞社　札幌支社"]
    # The reading was half-width in the file; it is stored (and shown) as full-width katakana.
    assert model.index(row, COL_KANA).data() == "(カブ) ニホンケイザイシンブンシヤ サツポロシシヤ"
    assert model.index(row, COL_ADDRESS).data().startswith("北海道札幌市中央区北一条西")  # columns joined
    assert page.count_label.text() == f"{counts['created']:,} companies"


def test_encoding_unclear_asks_and_rejects_can_be_saved_and_import_undone(window, qtbot, tmp_path,
                                                                          monkeypatch):
    path = tmp_path / "list.csv"
    lines = ["会社名,電話番号", "株式会社テスト,03-1111-2222", ",03-3333-4444",
             "有限会社サンプル,06-5555-6666"]
    path.write_bytes("\n".join(lines).encode("euc_jp"))
    asked = {}

    def choose(_parent, _title, _label, items, *args, **kwargs):
        asked["items"] = items
        return next(item for item in items if "EUC" in item), True

    from PySide6.QtWidgets import QInputDialog
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    wizard = open_wizard(qtbot, window, path)
    next_page(qtbot, wizard)
    # EUC-JP: UTF-8 and CP932 both refuse it, so the caller was asked, EUC-JP offered first.
    assert "EUC" in asked["items"][0]
    assert wizard.table.encoding == "euc_jp"
    assert wizard.mapping_page.header_check.isChecked()
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    result = wizard.result
    assert (result.rows, result.created, result.rejected) == (3, 2, 1)
    saved = tmp_path / "rejects.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(saved), "")))
    wizard.result_page.save_rejects.click()
    with saved.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:2] == ["行番号", "理由"] and rows[1][0] == "3"
    before = count_targets(window.db, TargetFilter())
    wizard.result_page.undo.click()  # the answer fixture says Yes
    assert count_targets(window.db, TargetFilter()) == before - 2
    assert not wizard.result_page.undo.isEnabled()


def test_an_unreadable_file_is_explained_on_the_first_page(window, qtbot, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    wizard = open_wizard(qtbot, window, path)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    assert "空のファイル" in wizard.file_page.error.text()


def test_a_file_that_would_lose_rows_is_explained_on_the_first_page(window, qtbot, tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text('会社名,電話番号\r\nA社,03-1111-1111\r\n"B社,03-2222-2222\r\nC社,03-3333-3333\r\n',
                    encoding="utf-8")
    wizard = open_wizard(qtbot, window, path)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    assert "3行目にある引用符" in wizard.file_page.error.text()


def test_the_file_is_read_off_the_ui_thread_and_can_be_cancelled(window, qtbot, tmp_path, monkeypatch):
    readers = []

    def slow_read(path, progress=None, **_options):
        readers.append(threading.current_thread())
        for done in range(100_000):  # until Cancel is pressed (or the test gives up)
            if progress(done, 100_000) is False:
                raise importing.ImportCancelled()
            time.sleep(0.001)
        raise AssertionError("Cancel did not stop the read")

    def cancel_when_shown():
        for dialog in wizard.findChildren(QProgressDialog):
            if dialog.isVisible() and dialog.value() > 0:  # it follows the worker's progress
                dialog.cancel()

    monkeypatch.setattr(importing, "read_table", slow_read)
    path = tmp_path / "list.csv"
    path.write_text("会社名\nA社\n", encoding="utf-8")
    wizard = open_wizard(qtbot, window, path)
    timer = QTimer(wizard)
    timer.timeout.connect(cancel_when_shown)
    timer.start(20)
    next_page(qtbot, wizard)
    timer.stop()
    assert readers and readers[0] is not threading.main_thread()
    assert wizard.currentPage() is wizard.file_page
    assert "中止" in wizard.file_page.error.text() and wizard.table is None
    assert not any(dialog.isVisible() for dialog in wizard.findChildren(QProgressDialog))


def test_cancel_during_import_writes_nothing(window, qtbot, post_office_csv, monkeypatch):
    from ui.dialogs import progress

    wizard = open_wizard(qtbot, window, post_office_csv)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    before = count_targets(window.db, TargetFilter())
    lists_before = len(lists.get_lists(window.db))
    monkeypatch.setattr(progress.ProgressCallback, "__call__", lambda self, done, total: done < 500)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.list_page
    assert "中止" in wizard.list_page.error.text()
    assert count_targets(window.db, TargetFilter()) == before
    assert len(lists.get_lists(window.db)) == lists_before


def test_file_menu_opens_the_wizard(window, qtbot):
    def close_it():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportWizard)
        dialog.reject()

    QTimer.singleShot(0, close_it)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)


def test_every_wizard_control_is_named(window, qtbot, post_office_csv, check_names):
    wizard = open_wizard(qtbot, window, post_office_csv)
    assert check_names(wizard) == []
    next_page(qtbot, wizard)
    assert check_names(wizard) == []
    next_page(qtbot, wizard)
    assert check_names(wizard) == []


def _large_list(tmp_path, rows=6000):
    """A list large enough to be planned in a worker thread while it is written (models.importing.write)."""
    path = tmp_path / "large.csv"
    lines = ["会社名,電話番号,住所"] + [
        f"株式会社大量{n:05d},03-6{n // 10000:03d}-{n % 10000:04d},東京都港区芝{n % 9 + 1}-{n % 30 + 1}"
        for n in range(rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    return path


def test_a_large_list_imports_with_progress_while_planned_in_a_worker(window, qtbot, tmp_path, monkeypatch):
    from ui.dialogs import progress

    seen = []
    call = progress.ProgressCallback.__call__

    def recording(self, done, total):
        seen.append((done, total, self.dialog.isVisible()))
        return call(self, done, total)

    monkeypatch.setattr(progress.ProgressCallback, "__call__", recording)
    pipelined = []
    plan_and_write = importing.plan_and_write
    monkeypatch.setattr(importing, "plan_and_write",
                        lambda *args: pipelined.append(1) or plan_and_write(*args))
    wizard = open_wizard(qtbot, window, _large_list(tmp_path))
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    wizard.list_page.new_name.clear()
    qtbot.keyClicks(wizard.list_page.new_name, "Large")
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.result_page
    assert wizard.result.created == 6000 and wizard.result.rejected == 0
    assert pipelined == [1]  # planned in the worker thread while written
    assert all(visible for _done, _total, visible in seen)
    assert [done for done, _total, _visible in seen] == sorted(done for done, _t, _v in seen)
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 4
    assert count_targets(window.db, TargetFilter(list_id=wizard.imported_list_id)) == 6000
    assert count_targets(window.db, TargetFilter(search="大量05999")) == 1  # indexed for search


def test_cancel_while_a_large_list_is_planned_and_written_writes_nothing(window, qtbot, tmp_path,
                                                                          monkeypatch):
    from ui.dialogs import progress

    wizard = open_wizard(qtbot, window, _large_list(tmp_path))
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    before = count_targets(window.db, TargetFilter())
    lists_before = len(lists.get_lists(window.db))
    # Cancel once two chunks are planned: their companies are already written in the transaction.
    monkeypatch.setattr(progress.ProgressCallback, "__call__", lambda self, done, total: done < 4000)
    next_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.list_page
    assert "中止" in wizard.list_page.error.text()
    assert count_targets(window.db, TargetFilter()) == before
    assert len(lists.get_lists(window.db)) == lists_before
    assert not any(thread.name == "import-plan" for thread in threading.enumerate())
