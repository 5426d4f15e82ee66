"""Today in a team: a colleague's recent call keeps the account out of the queue unless asked, and the
queue and the call session say what the colleague did (and how old that knowledge is) before dialling."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from today_helpers import DAY, JST, show_host

from models.planning.plans import create_plan
from models.planning.touches import log_outcome
from models.store import settings as db_settings
from models.team.join import join
from ui.qt_models.today_agenda_model import COL_NAME, COL_REASON


def rows(page) -> dict[str, str]:
    return {page.proxy.index(row, COL_NAME).data(): page.proxy.index(row, COL_REASON).data()
            for row in range(page.proxy.rowCount())}


def test_a_colleagues_call_is_said_and_held_back(qtbot, db, bus, settings, answer):
    join(db, "host=127.0.0.1 dbname=team", "sato", "佐藤")
    db_settings.set_caller_name(db, "佐藤")
    create_plan(db, 2, DAY, hypothesis="決算前の採用計画を確認")
    create_plan(db, 3, DAY, hypothesis="資料の感想を伺う")
    # What a sync brought: 田中 called company 2 yesterday (his rows carry his name).
    db_settings.set_caller_name(db, "田中")
    log_outcome(db, 2, "not_available", at=datetime(2026, 11, 19, 16, 0, tzinfo=JST), plan_next=False)
    db_settings.set_caller_name(db, "佐藤")

    host = show_host(qtbot, db, bus, settings)
    page = host.page
    shown = rows(page)
    assert "東洋精機株式会社" not in shown  # company 2: 田中 called it yesterday
    assert "有限会社さくら商事" in shown
    assert "1 left out: a colleague is working on them (まだ同期していません)" in page.counts_label.text()
    assert page.others_check.isVisible()

    # The caller asks to see it: the reason says what 田中 did, before anything else.
    page.others_check.setFocus()
    qtbot.keyClick(page.others_check, Qt.Key.Key_Space)
    shown = rows(page)
    assert shown["東洋精機株式会社"].startswith("⚠ 田中さんが 昨日架電・不在／")
    assert "left out" not in page.counts_label.text()

    # In the session the card says it before the call.
    page.start_session([2])
    card = page.session.card_view
    qtbot.waitUntil(card.others_label.isVisible)
    assert card.others_label.text() == "⚠ 田中さんが 昨日架電・不在（まだ同期していません）"


def test_outside_a_team_nothing_changes(qtbot, db, bus, settings, answer):
    create_plan(db, 2, date(2026, 11, 19))
    db_settings.set_caller_name(db, "田中")
    log_outcome(db, 3, "not_available", at=datetime(2026, 11, 19, 16, 0, tzinfo=JST), plan_next=False)
    host = show_host(qtbot, db, bus, settings)
    page = host.page
    assert not page.others_check.isVisible()
    assert "left out" not in page.counts_label.text()
    page.start_session([3])
    assert not page.session.card_view.others_label.isVisible()
