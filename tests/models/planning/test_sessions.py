"""Resumable call sessions and their summary."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.planning.sessions import (
    SessionSummary,
    advance,
    current_session,
    end_session,
    resume_session,
    session_summary,
    skip,
    start_session,
    step_back,
    summary_text,
)
from models.planning.touches import log_outcome, undo_outcome
from models.store import settings
from models.store.db import open_db
from models.store.errors import ValidationError
from tests.models.call_helpers import JST, NOW, add_company

STARTED = "2026-11-20T13:00:00+09:00"


def companies(db, n):
    return [add_company(db, f"株式会社{number}") for number in range(n)]


def test_start_advance_skip_and_finish(fresh_db):
    ids = companies(fresh_db, 3)
    state = start_session(fresh_db, [*ids, ids[0]], now=STARTED)
    assert state.company_ids == tuple(ids) and state.current_company_id == ids[0]
    assert current_session(fresh_db) == state
    state = advance(fresh_db)
    assert state.current_company_id == ids[1] and state.remaining == 2
    state = skip(fresh_db)
    assert state.current_company_id == ids[2] and state.skipped == (ids[1],)
    state = advance(fresh_db)
    assert state.finished and state.current_company_id is None
    assert advance(fresh_db) == state  # nothing past the end


def test_step_back_after_an_undo(fresh_db):
    ids = companies(fresh_db, 3)
    start_session(fresh_db, ids, now=STARTED)
    skip(fresh_db)
    state = step_back(fresh_db)
    assert state.position == 0 and state.skipped == ()
    assert step_back(fresh_db).position == 0


def test_reopening_resumes_where_it_was(file_db):
    db, path = file_db
    ids = companies(db, 4)
    state = start_session(db, ids, now=STARTED)
    log_outcome(db, ids[0], "not_available", at=NOW, session_uid=state.uid)
    advance(db)
    skip(db)
    db.close()
    reopened = open_db(path)
    try:
        resumed = resume_session(reopened)
        assert resumed.uid == state.uid and resumed.current_company_id == ids[2]
        assert resumed.skipped == (ids[1],)
    finally:
        reopened.close()


def test_a_crash_between_logging_and_advancing_does_not_call_twice(fresh_db):
    ids = companies(fresh_db, 3)
    state = start_session(fresh_db, ids, now=STARTED)
    log_outcome(fresh_db, ids[0], "not_available", at=NOW, session_uid=state.uid)
    # The app died here, before advance(): the logged account is stepped past on resume.
    assert current_session(fresh_db).current_company_id == ids[0]
    assert resume_session(fresh_db).current_company_id == ids[1]
    assert settings.get_setting(fresh_db, settings.CALL_SESSION)["position"] == 1
    assert resume_session(fresh_db).current_company_id == ids[1]  # an unlogged account stays


def test_no_session(fresh_db):
    assert current_session(fresh_db) is None and resume_session(fresh_db) is None
    with pytest.raises(ValidationError, match="セッションがありません"):
        advance(fresh_db)
    with pytest.raises(ValidationError, match="架電する会社がありません"):
        start_session(fresh_db, [])
    settings.set_setting(fresh_db, settings.CALL_SESSION, {"uid": "x"})  # damaged: treated as none
    assert current_session(fresh_db) is None


def test_a_new_session_replaces_the_open_one(fresh_db):
    ids = companies(fresh_db, 2)
    first = start_session(fresh_db, ids, now=STARTED)
    second = start_session(fresh_db, ids[::-1], now=STARTED)
    assert second.uid != first.uid and current_session(fresh_db).current_company_id == ids[1]


def test_summary_counts_from_the_sessions_touches(fresh_db):
    ids = companies(fresh_db, 8)
    state = start_session(fresh_db, ids, now=STARTED)
    uid = state.uid

    def call(company_id, outcome, seconds, **kwargs):
        return log_outcome(fresh_db, company_id, outcome, at=NOW, duration_s=seconds, session_uid=uid,
                           **kwargs)

    call(ids[0], "not_available", 20)
    call(ids[1], "connected", 300, reached_decision_maker=True)
    call(ids[2], "gatekeeper_block", 40)
    call(ids[3], "appointment", 600, reached_decision_maker=True,
         meeting={"starts_at": datetime(2026, 12, 3, 14, 0, tzinfo=JST)})
    call(ids[4], "no_need", 120, next_plan={"due": date(2027, 2, 1), "hypothesis": "来期予算の策定前"})
    undone = call(ids[5], "info_sent", 90)
    undo_outcome(fresh_db, undone)
    log_outcome(fresh_db, ids[6], "connected", at=NOW, duration_s=999)  # outside the session
    for _ in range(6):
        advance(fresh_db)
    skip(fresh_db)
    summary = end_session(fresh_db, now="2026-11-20T16:45:00+09:00")
    assert summary == SessionSummary(
        session_uid=uid, started_at=STARTED, ended_at="2026-11-20T16:45:00+09:00", accounts=8, calls=5,
        connects=3, decision_maker_reaches=2, appointments=1, talk_time_s=1080, skipped=1,
    )
    assert current_session(fresh_db) is None
    text = summary_text(summary)
    assert text.splitlines() == [
        "架電セッションのまとめ（11/20 13:00〜16:45）",
        "架電 5件 / 接続 3件（接続率 60%）",
        "キーパーソン接触 2件 / アポ獲得 1件",
        "通話時間 18分0秒 / スキップ 1件",
    ]


def test_summary_text_of_an_empty_session_and_long_talk(fresh_db):
    ids = companies(fresh_db, 1)
    state = start_session(fresh_db, ids, now=STARTED)
    empty = session_summary(fresh_db, state, now=STARTED)
    assert "架電 0件 / 接続 0件" in summary_text(empty) and "接続率" not in summary_text(empty)
    log_outcome(fresh_db, ids[0], "connected", at=NOW, duration_s=3 * 3600 + 25 * 60, session_uid=state.uid)
    assert "通話時間 3時間25分" in summary_text(session_summary(fresh_db, state, now=STARTED))


def test_log_then_advance_visits_every_account_in_order(fresh_db):
    ids = companies(fresh_db, 3)
    state = start_session(fresh_db, ids, now=STARTED)
    visited = []
    while not state.finished:
        visited.append(state.current_company_id)
        log_outcome(fresh_db, state.current_company_id, "not_available", at=NOW, session_uid=state.uid)
        state = advance(fresh_db)
    assert visited == ids
    assert current_session(fresh_db).finished  # the summary is counted from it until it is closed
    # A session that reached its last account is over: reopening forgets it instead of showing it again.
    assert resume_session(fresh_db) is None and current_session(fresh_db) is None
