"""No account called twice, through a real server: 鈴木 calls an account on the laptop next door; after
both sync, 佐藤's Today page leaves the account out of the queue and, asked to show it, says what 鈴木 did;
the call session says it again before 佐藤 dials."""

from __future__ import annotations

from datetime import datetime

import psycopg
from PySide6.QtCore import Qt
from today_helpers import DAY, JST, show_host

from models.accounts import companies, lists
from models.planning.plans import create_plan
from models.planning.touches import log_outcome
from models.store import settings as db_settings
from models.store.db import open_db
from models.team.admin import assign_list
from tests.team.team_roles import make_team
from tests.ui.team.team_helpers import join_as, sync_colleague
from ui.qt_models.today_agenda_model import COL_NAME, COL_REASON


def test_a_colleagues_call_reaches_the_queue_and_the_session_before_dialling(
        qtbot, tmp_path, team_dsn, keychain, bus, settings, answer):
    team = make_team(team_dsn, callers=("佐藤", "鈴木"), managers=("田中",))
    # The manager's laptop: a list of two accounts, both callers on it (a shared list).
    manager = open_db(tmp_path / "tanaka.db")
    first = companies.create_company(manager, {"name": "株式会社ふたり営業", "phone": "03-1111-2222"})
    second = companies.create_company(manager, {"name": "株式会社ひとり営業", "phone": "03-3333-4444"})
    shared = lists.create_list(manager, "共同リスト")
    lists.add_to_list(manager, shared.id, [first.id, second.id])
    join_as(manager, team, "田中")
    sync_colleague(manager, team, "田中")
    with psycopg.connect(team.admin_dsn, autocommit=True) as admin:
        assign_list(admin, shared.uid, "佐藤")
        assign_list(admin, shared.uid, "鈴木")

    # 佐藤 plans a callback on both accounts for the 20th.
    sato = open_db(tmp_path / "sato.db")
    join_as(sato, team, "佐藤")
    sync_colleague(sato, team, "佐藤")
    here = {uid: company_id for uid, company_id in sato.execute("SELECT uid, id FROM companies")}
    for uid in (first.uid, second.uid):
        create_plan(sato, here[uid], DAY, hypothesis="人事部長に採用計画を伺う")
    sync_colleague(sato, team, "佐藤")

    # 鈴木, next door, calls the first account on the 19th and syncs.
    suzuki = open_db(tmp_path / "suzuki.db")
    join_as(suzuki, team, "鈴木")
    sync_colleague(suzuki, team, "鈴木")
    theirs = suzuki.execute("SELECT id FROM companies WHERE uid = ?", [first.uid]).fetchone()[0]
    log_outcome(suzuki, theirs, "connected", at=datetime(2026, 11, 19, 15, 30, tzinfo=JST), plan_next=False)
    sync_colleague(suzuki, team, "鈴木")

    sync_colleague(sato, team, "佐藤")  # what the background sync does
    assert sato.execute("SELECT caller FROM touches").fetchall() == [("鈴木",)]
    assert db_settings.caller_name(sato) == "佐藤"

    host = show_host(qtbot, sato, bus, settings)
    page = host.page
    shown = [page.proxy.index(row, COL_NAME).data() for row in range(page.proxy.rowCount())]
    assert "株式会社ひとり営業" in shown and "株式会社ふたり営業" not in shown
    assert "1 left out: a colleague is working on them" in page.counts_label.text()

    page.others_check.setFocus()
    qtbot.keyClick(page.others_check, Qt.Key.Key_Space)
    reasons = {page.proxy.index(row, COL_NAME).data(): page.proxy.index(row, COL_REASON).data()
               for row in range(page.proxy.rowCount())}
    assert reasons["株式会社ふたり営業"].startswith("⚠ 鈴木さんが 昨日架電・担当者接続／")

    page.start_session([here[first.uid]])
    card = page.session.card_view
    qtbot.waitUntil(card.others_label.isVisible)
    assert card.others_label.text().startswith("⚠ 鈴木さんが 昨日架電・担当者接続（最終同期")
    for db in (manager, sato, suzuki):
        db.close()
