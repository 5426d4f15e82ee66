"""The scoring rules dialog, driven by clicks and keys: Save stores the rules and scores every company."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.accounts import scoring
from models.accounts.scoring import ScoringRules
from models.store.settings import SCORING_RULES
from ui.dialogs.scoring_rules import ScoringRulesDialog

CLICK = Qt.MouseButton.LeftButton


def _open(qtbot, db, bus):
    dialog = ScoringRulesDialog(db, bus)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _scores(db):
    return dict(db.execute("SELECT name, score FROM companies").fetchall())


def test_changed_points_are_saved_and_every_company_is_scored_again(qtbot, db, bus, check_names):
    heard = []
    bus.changed.connect(heard.append)
    dialog = _open(qtbot, db, bus)
    assert check_names(dialog) == []
    industries = dict(dialog.industry_rows())
    assert industries["製造業"] == 25 and dialog.fiscal_months.value() == 3
    row = [name for name, _points in dialog.industry_rows()].index("製造業")
    dialog.industries.cellWidget(row, 1).setValue(40)
    dialog.tabs.setCurrentIndex(2)  # prefectures: 北海道 gets points
    qtbot.mouseClick(dialog.add_prefecture_button, CLICK)
    added = dialog.prefectures.rowCount() - 1
    dialog.prefectures.cellWidget(added, 0).setCurrentText("北海道")
    dialog.prefectures.cellWidget(added, 1).setValue(30)
    dialog.tabs.setCurrentIndex(3)
    dialog.fiscal_points.setValue(0)
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert dialog.saved and heard and "companies" in heard[-1]
    rules = scoring.load_rules(db)
    assert rules.industry_points["製造業"] == 40 and rules.prefecture_points["北海道"] == 30
    assert rules.fiscal_points == 0
    expected = {name: scoring.score_company(row, rules).score for name, row in (
        (r["name"], r) for r in db.query("SELECT * FROM companies"))}
    assert _scores(db) == expected


def test_bands_industries_in_use_and_restore_defaults(qtbot, db, bus):
    dialog = _open(qtbot, db, bus)
    dialog.tabs.setCurrentIndex(1)
    before = dialog.band_rows()
    assert before[-1] == (1000, None, 20.0)  # "and more"
    dialog.bands.selectRow(0)
    qtbot.mouseClick(dialog.remove_band_button, CLICK)
    assert dialog.band_rows() == before[1:]
    qtbot.mouseClick(dialog.add_band_button, CLICK)
    assert dialog.band_rows()[-1][0] == 1001
    dialog.tabs.setCurrentIndex(0)
    used = {row[0] for row in db.execute("SELECT DISTINCT industry FROM companies WHERE industry <> ''")}
    qtbot.mouseClick(dialog.add_used_button, CLICK)
    names = [name for name, _points in dialog.industry_rows()]
    assert used <= set(names) and len(names) == len(set(names))
    qtbot.mouseClick(dialog.defaults_button, CLICK)
    assert dialog.form_rules() == ScoringRules()


def test_refused_rules_are_explained_and_nothing_is_written(qtbot, db, bus):
    saved = scoring.rules_to_json(scoring.load_rules(db))
    scores = _scores(db)
    dialog = _open(qtbot, db, bus)
    qtbot.mouseClick(dialog.add_industry_button, CLICK)  # a row without a name
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert not dialog.saved and dialog.error.isVisible() and "no name" in dialog.error.text()
    dialog.industries.item(dialog.industries.rowCount() - 1, 0).setText("製造業")  # listed twice
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert "listed twice" in dialog.error.text()
    dialog.industries.removeRow(dialog.industries.rowCount() - 1)
    dialog.tabs.setCurrentIndex(1)
    dialog.bands.cellWidget(0, 1).setValue(0)
    dialog.bands.cellWidget(0, 0).setValue(50)
    dialog.bands.cellWidget(0, 1).setValue(10)  # ends before it starts
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert "ends before it starts" in dialog.error.text()
    assert scoring.rules_to_json(scoring.load_rules(db)) == saved and _scores(db) == scores


def test_unreadable_stored_rules_open_as_the_defaults_with_a_note(qtbot, db, bus):
    db.execute("INSERT INTO settings (uid, created_at, updated_at, key, value) VALUES ('s', '', '', ?, ?)",
               [SCORING_RULES, "{broken"])
    dialog = _open(qtbot, db, bus)
    assert dialog.error.isVisible() and "スコア設定" in dialog.error.text()
    assert dialog.form_rules() == ScoringRules()
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert dialog.saved and scoring.load_rules(db) == ScoringRules()


def test_the_edit_menu_opens_it(window, qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(ScoringRulesDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.scoring_action.trigger()
    assert len(opened) == 1 and opened[0].parent() is window


def test_it_reads_in_japanese(qtbot, japanese, db, bus):
    dialog = _open(qtbot, db, bus)
    assert dialog.windowTitle() == "スコア設定"
    assert [dialog.tabs.tabText(i) for i in range(4)] == ["業種", "従業員数", "都道府県", "決算月"]
    assert dialog.bands.cellWidget(dialog.bands.rowCount() - 1, 1).text() == "上限なし"
