"""What the caller typed for the current account and did not save: kept in the session, given back on
reopening, forgotten when the account is logged, skipped or left; and which sessions reopen at all."""

from __future__ import annotations

from models.planning.sessions import (
    Draft,
    advance,
    current_session,
    discard_draft,
    end_session,
    keep_draft,
    resume_session,
    skip,
    start_session,
    step_back,
)
from models.planning.touches import log_outcome
from models.store import settings
from models.store.db import open_db, writing
from tests.models.call_helpers import NOW, add_company

STARTED = "2026-11-20T13:00:00+09:00"
TYPED = "2026-11-20T13:05:00+09:00"


def three(db):
    return [add_company(db, f"株式会社{number}") for number in range(3)]


def typed(company_id: int, **values) -> Draft:
    return Draft(company_id=company_id, **{"outcome": "connected", "note": "3名体制で採用中", **values})


def test_a_draft_survives_reopening_the_file(file_db):
    db, path = file_db
    ids = three(db)
    start_session(db, ids, now=STARTED)
    draft = typed(ids[0], hearing={"issue": "採用が進まない"}, due="2026-11-30", hypothesis="来月",
                  meeting=None, duration_s=95, contact_id=None, reached_decision_maker=True)
    kept = keep_draft(db, draft, now=TYPED)
    assert kept.draft == Draft(**{**draft.__dict__, "saved_at": TYPED})
    db.close()  # as if the app were killed now
    reopened = open_db(path)
    try:
        resumed = resume_session(reopened)
        assert resumed.current_company_id == ids[0]
        assert resumed.draft.note == "3名体制で採用中"
        assert resumed.draft.hearing == {"issue": "採用が進まない"}
        assert resumed.draft.due == "2026-11-30" and resumed.draft.duration_s == 95
        assert resumed.draft.saved_at == TYPED
    finally:
        reopened.close()


def test_logging_skipping_or_stepping_back_forgets_the_draft(fresh_db):
    ids = three(fresh_db)
    state = start_session(fresh_db, ids, now=STARTED)
    keep_draft(fresh_db, typed(ids[0]))
    with writing(fresh_db):  # as the session view saves: the outcome and the step in one transaction
        log_outcome(fresh_db, ids[0], "connected", at=NOW, session_uid=state.uid)
        assert advance(fresh_db).draft is None
    keep_draft(fresh_db, typed(ids[1], outcome=None, note="折返し待ち"))
    assert skip(fresh_db).draft is None
    keep_draft(fresh_db, typed(ids[2]))
    assert step_back(fresh_db).draft is None and current_session(fresh_db).draft is None


def test_an_empty_form_or_another_account_keeps_nothing(fresh_db):
    ids = three(fresh_db)
    start_session(fresh_db, ids, now=STARTED)
    assert keep_draft(fresh_db, Draft(company_id=ids[0], contact_id=5, due="2026-11-30")).draft is None
    keep_draft(fresh_db, typed(ids[0]))
    # Typed for the account just left (a late write): ignored, the current draft stays.
    assert keep_draft(fresh_db, typed(ids[1], note="別の会社")).draft.note == "3名体制で採用中"
    # Emptied again: forgotten.
    assert keep_draft(fresh_db, Draft(company_id=ids[0])).draft is None
    keep_draft(fresh_db, typed(ids[0]))
    assert discard_draft(fresh_db).draft is None


def test_a_draft_for_another_account_or_unreadable_is_dropped_not_the_session(fresh_db):
    ids = three(fresh_db)
    state = start_session(fresh_db, ids, now=STARTED)
    stored = settings.get_setting(fresh_db, settings.CALL_SESSION)
    settings.set_setting(fresh_db, settings.CALL_SESSION, {**stored, "draft": {"note": "会社なし"}})
    assert current_session(fresh_db) == state
    settings.set_setting(fresh_db, settings.CALL_SESSION, {**stored, "draft": typed(ids[2]).to_json()})
    assert current_session(fresh_db).draft is None


def test_a_crash_after_logging_does_not_bring_back_the_logged_draft(fresh_db):
    ids = three(fresh_db)
    state = start_session(fresh_db, ids, now=STARTED)
    keep_draft(fresh_db, typed(ids[0]))
    log_outcome(fresh_db, ids[0], "connected", at=NOW, session_uid=state.uid)
    # Died before advancing (an older build saved in two steps): the logged account is passed, and so
    # is what had been typed for it.
    resumed = resume_session(fresh_db)
    assert resumed.current_company_id == ids[1] and resumed.draft is None


def test_only_an_interrupted_session_is_resumed(fresh_db):
    ids = three(fresh_db)
    start_session(fresh_db, ids, now=STARTED)
    skip(fresh_db)
    assert resume_session(fresh_db).current_company_id == ids[1]  # interrupted: resumed
    end_session(fresh_db)
    assert resume_session(fresh_db) is None  # ended early: never again
    start_session(fresh_db, ids[:1], now=STARTED)
    skip(fresh_db)
    assert current_session(fresh_db).finished
    assert resume_session(fresh_db) is None and current_session(fresh_db) is None  # reached its end
