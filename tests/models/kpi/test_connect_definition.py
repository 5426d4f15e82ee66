"""接続 has one definition (models.accounts.vocab): every figure that counts connects gives one answer."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.accounts.people import last_spoken
from models.accounts.vocab import CONNECT_OUTCOMES
from models.kpi.figures import Period, Scope, compute_kpis, figure_rows
from models.kpi.review import gather_review
from models.planning.hypotheses import hypothesis_summary
from models.planning.sessions import current_session, session_summary, start_session
from models.planning.touches import log_outcome
from models.store.db import stamp, writing
from tests.models.call_helpers import JST, NOW, add_company, add_contact, add_list

DAY = NOW.date()
TEMPLATE = "人事計画策定期"
# outcome, reached_decision_maker, what log_outcome needs besides
CALLS = (
    ("connected", False, {}),
    ("callback_requested", False, {"next_plan": {"due": datetime(2026, 11, 24, 10, 0, tzinfo=JST)}}),
    ("info_sent", False, {}),
    ("not_available", True, {}),  # marked, but nobody answered: キーパーソン接触 only, not a connect
    ("appointment", False, {"meeting": {"starts_at": datetime(2026, 12, 3, 14, 0, tzinfo=JST)}}),
    ("no_need", False, {"next_plan": {"due": date(2027, 2, 1), "hypothesis": "来期予算の策定前"}}),
    ("gatekeeper_block", False, {}),
)
CONNECTS = 5  # connected, callback requested, info sent, appointment, no need


@pytest.fixture
def day_of_calls(fresh_db):
    """One session's calls on DAY, each to a person and fulfilling a plan of the same hypothesis template."""
    db = fresh_db
    ids = [add_company(db, f"株式会社接続{n}") for n in range(len(CALLS))]
    people = [add_contact(db, company_id, f"担当 {n}郎") for n, company_id in enumerate(ids)]
    list_id = add_list(db, "接続の定義", [(company_id, 1) for company_id in ids])
    with writing(db):
        for company_id in ids:
            db.table("plans").insert(stamp({
                "company_id": company_id, "due": DAY.isoformat(), "kind": "call", "status": "open",
                "source": "manual", "hypothesis": "人事計画の策定前", "hypothesis_template": TEMPLATE}))
    state = start_session(db, ids, now="2026-11-20T09:00:00+09:00")
    for company_id, person, (outcome, reached, extra) in zip(ids, people, CALLS, strict=True):
        log_outcome(db, company_id, outcome, at=NOW, contact_id=person, duration_s=60,
                    reached_decision_maker=reached, session_uid=state.uid, **extra)
    return db, list_id, people


def connect_counts(db, list_id):
    """Connects of DAY as each place that shows them counts them."""
    period = Period(DAY, DAY)
    state = current_session(db)
    assert state is not None
    template = next(row for row in hypothesis_summary(db, DAY, DAY) if row.template == TEMPLATE)
    return {
        "session summary": session_summary(db, state).connects,
        "KPIs, every account (touch_days)": compute_kpis(db, period, today=DAY).value("connects"),
        "KPIs, one list (touches)": compute_kpis(db, period, Scope.of_list(db, list_id), today=DAY)
        .value("connects"),
        "KPI drill-down rows": len(figure_rows(db, "connects", period, today=DAY)),
        "hypothesis summary": template.connected,
        "review sheet": gather_review(db, period, today=DAY).current.value("connects"),
    }


def test_every_figure_counts_the_same_connects(day_of_calls):
    db, list_id, _ = day_of_calls
    assert connect_counts(db, list_id) == dict.fromkeys(connect_counts(db, list_id), CONNECTS)
    # The decision-maker mark is counted on its own, the same way in the session and on the KPI page.
    state = current_session(db)
    assert state is not None and session_summary(db, state).decision_maker_reaches == 1
    assert compute_kpis(db, Period(DAY, DAY), today=DAY).value("key_person") == 1


def test_the_stored_day_counts_follow_the_definition_when_a_touch_changes(day_of_calls):
    """touch_days' triggers (migration 4) carry their own copy of the outcomes: they must agree."""
    db, list_id, _ = day_of_calls
    with writing(db):
        db.execute("UPDATE touches SET outcome = 'gatekeeper_block' WHERE outcome = 'callback_requested'")
        db.execute("UPDATE touches SET outcome = 'connected' WHERE outcome = 'not_available'")
        db.execute("UPDATE touches SET reached_decision_maker = 1 WHERE outcome = 'gatekeeper_block'")
    assert set(connect_counts(db, list_id).values()) == {CONNECTS}
    for outcome in CONNECT_OUTCOMES:
        with writing(db):
            db.execute("DELETE FROM touches WHERE outcome = ?", [outcome])
        counts = connect_counts(db, list_id)
        assert counts["KPIs, every account (touch_days)"] == counts["KPIs, one list (touches)"]
    assert counts["KPIs, every account (touch_days)"] == 0


def test_last_spoken_is_a_connect_with_the_person(day_of_calls):
    db, _, people = day_of_calls
    spoken = {}
    for person in people:
        company_id = db.execute("SELECT company_id FROM contacts WHERE id = ?", [person]).fetchone()[0]
        spoken.update(last_spoken(db, company_id))
    assert [spoken[person] is not None for person in people] == [
        outcome in CONNECT_OUTCOMES for outcome, _, _ in CALLS]
    assert spoken[people[3]] is None  # the marked 不在: a mark alone is not talking with someone
