"""Strings of a mixin (MapEdits, NextTouchForm, …) sit in the mixin's context of the catalogue; PySide6's
``self.tr`` looks along the class's MRO, so the widget that mixes it in still speaks Japanese."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack


@pytest.mark.usefixtures("japanese")
def test_a_map_menu_built_by_map_edits_is_japanese(qtbot, db, bus):
    from ui.widgets.map_panel import MapPanel

    panel = MapPanel(db, bus, QUndoStack())
    qtbot.addWidget(panel)
    assert [action.text() for action in panel.build_menu("background", 0).actions()] == [
        "ここに人物を追加…", "配置を整える", "全体表示"]


@pytest.mark.usefixtures("japanese")
def test_the_next_touch_box_of_the_outcome_panel_is_japanese(qtbot):
    from ui.session.outcome_panel import OutcomePanel

    panel = OutcomePanel(["connected", "not_available"])
    qtbot.addWidget(panel)
    assert [button.text() for button in panel.pick_buttons[:3]] == ["明日", "3営業日後", "来週"]
    assert panel.next_info.text() == "架電結果を選ぶと、ルールに沿って次回の接触が提案されます。"
