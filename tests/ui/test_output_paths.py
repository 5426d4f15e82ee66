"""The app's save dialogs cannot replace the database: a chosen file that is the database (here through a
link with the expected extension) is refused with the sentence, and the database stays as it was."""

from __future__ import annotations

from brief_samples import make_typical
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog

from models.store.check import quick_check
from ui.dialogs.brief_day import preview_meeting_brief
from ui.widgets.map_panel import MapPanel


def choose(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_args, **_kwargs: (str(path), "")))


def test_saving_a_briefing_sheet_over_the_database_is_refused(qtbot, db, db_path, settings, answer, tmp_path,
                                                              monkeypatch):
    meeting = make_typical(db)
    dialog = preview_meeting_brief(db, meeting, settings)
    qtbot.addWidget(dialog)
    link = tmp_path / "sheet.pdf"
    link.symlink_to(db_path)
    choose(monkeypatch, link)
    assert dialog.preview.save_as() is None
    [(kind, _title, text)] = answer.calls
    assert kind == "warning" and "使用中のデータベースそのものです" in text
    assert quick_check(db_path) and db.execute("SELECT count(*) FROM meetings").fetchone()[0] == 1


def test_exporting_the_map_over_a_companion_of_the_database_is_refused(qtbot, db, db_path, bus, answer,
                                                                       monkeypatch):
    panel = MapPanel(db, bus, QUndoStack())
    qtbot.addWidget(panel)
    panel.set_company(db.execute("SELECT min(id) FROM companies").fetchone()[0])
    wal = db_path.with_name(db_path.name + "-wal")
    before = wal.read_bytes()
    choose(monkeypatch, wal)
    panel._export("png")
    [(kind, _title, text)] = answer.calls
    assert kind == "warning" and "関連ファイル" in text
    assert wal.read_bytes() == before
