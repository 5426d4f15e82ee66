"""The Japanese catalogue is complete, its placeholders match, the .qm is compiled from the .ts, and the
.ts holds every string the code asks for."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from ui.translations import update

PLACEHOLDER = re.compile(r"%\d+|%n|\{[A-Za-z_][A-Za-z0-9_]*\}")


def messages(path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(context.findtext("name"), message.findtext("source"), message.find("translation"))
            for context in root.iter("context") for message in context.iter("message")]


def test_every_string_is_translated():
    unfinished = ("unfinished", "obsolete", "vanished")
    problems = [(ctx, src) for ctx, src, tr in messages(update.TS)
                if tr is None or tr.get("type") in unfinished or not (tr.text or "")]
    assert problems == []


def test_placeholders_and_accelerators_match():
    problems = []
    for ctx, src, tr in messages(update.TS):
        text = tr.text or ""
        if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
            problems.append((ctx, src, text))
        if re.search(r"&\w", src) and not re.search(r"&\w", text):
            problems.append((ctx, src, "accelerator lost: " + text))
    assert problems == []


def test_the_qm_is_compiled_from_the_ts(tmp_path):
    compiled = tmp_path / "kakeru_ja.qm"
    update.lrelease(update.TS, compiled)
    assert compiled.read_bytes() == update.QM.read_bytes(), "run: python ui/translations/update.py --release"


def test_the_ts_has_every_string_of_the_code(tmp_path, monkeypatch):
    copy = tmp_path / "kakeru_ja.ts"
    shutil.copy(update.TS, copy)
    monkeypatch.setattr(update, "TS", copy)
    update.lupdate()
    fresh = {(ctx, src): (tr.text, tr.get("type")) for ctx, src, tr in messages(copy)}
    committed = {(ctx, src): (tr.text, tr.get("type")) for ctx, src, tr in messages(update.TS)}
    assert fresh == committed, "run: python ui/translations/update.py, then translate the new strings"


@pytest.mark.usefixtures("japanese")
def test_the_ui_speaks_japanese(qtbot, db, db_path, settings, answer):
    from ui.main_window import MainWindow

    window = MainWindow(db, str(db_path), settings)
    qtbot.addWidget(window)
    assert [window.nav.item(row).text() for row in range(window.nav.count())] == [
        "今日", "ターゲット", "アカウント", "予定", "商談", "KPI"]
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "編集(&E)", "表示(&V)", "ヘルプ(&H)"]
    model = window.targets_page.model
    headers = [model.headerData(column, _horizontal()) for column in range(model.columnCount())]
    assert headers == ["会社名", "フリガナ", "電話番号", "都道府県", "住所", "業種", "従業員数", "ランク",
                       "スコア", "ステータス", "最終接触", "次回予定"]
    statuses = {model.index(row, 9).data() for row in range(model.rowCount())}
    assert {"未接触", "アプローチ中", "ナーチャリング", "アポ獲得"} <= statuses


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
