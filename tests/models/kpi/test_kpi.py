"""KPIs on a hand-built week with known answers, including the edge cases that start arguments."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.accounts import lists
from models.accounts.companies import create_company
from models.accounts.targets import TargetFilter, save_view
from models.kpi import figures as kpi
from models.kpi.figures import Period, Scope, compute_kpis, figure_rows
from models.meetings.meetings import create_meeting, update_meeting
from models.store import clock
from models.store.db import stamp
from models.store.errors import ValidationError

WEEK = Period(date(2025, 1, 6), date(2025, 1, 12))  # Monday to Sunday
LATER = date(2025, 1, 20)


def _touch(db, company_id, at, outcome=None, kind="call", reached=False):
    db.table("touches").insert(stamp({"company_id": company_id, "kind": kind, "at": f"{at}+09:00",
                                      "outcome": outcome, "reached_decision_maker": int(reached)}))
    db.execute("UPDATE companies SET last_touch_at = max(ifnull(last_touch_at, ''), ?) WHERE id = ?",
               [f"{at}+09:00", company_id])


def _plan(db, company_id, due, created, status="open", done_at=None):
    db.table("plans").insert(stamp({"company_id": company_id, "due": due, "kind": "call", "status": status,
                                    "done_at": done_at, "source": "manual"}, now=f"{created}T12:00:00+09:00"))


@pytest.fixture
def week(fresh_db, monkeypatch):
    # The lists were made and the statuses set before the week (a past week counts the lists and
    # statuses of its last day): every write of these tests happens on 2 January 2025.
    written = datetime(2025, 1, 2, 9, 0, tzinfo=clock.zone_named("Asia/Tokyo"))
    monkeypatch.setattr(clock, "now", lambda: written)
    db = fresh_db
    ids = {key: create_company(db, {"name": f"会社{key}", "status": status}).id for key, status in (
        ("A", "appointment"), ("B", "in_progress"), ("C", "nurturing"), ("D", "untouched"),
        ("E", "in_progress"), ("F", "untouched"), ("G", "nurturing"), ("X", "disqualified"))}
    l1 = lists.create_list(db, "一都三県")
    l2 = lists.create_list(db, "製造業")
    old = lists.create_list(db, "昨年度")
    lists.add_to_list(db, l1.id, [ids["A"], ids["B"], ids["C"], ids["F"], ids["X"]])
    lists.add_to_list(db, l2.id, [ids["C"], ids["D"]])  # C is on two lists
    lists.add_to_list(db, old.id, [ids["E"]])
    db.execute("UPDATE target_lists SET archived = 1 WHERE id = ?", [old.id])
    A, B, C, E, F, G = (ids[k] for k in "ABCEFG")
    _touch(db, A, "2025-01-06T10:00:00", "not_available")
    _touch(db, A, "2025-01-07T10:00:00", "connected", reached=True)
    _touch(db, A, "2025-01-08T10:00:00", "appointment")
    _touch(db, B, "2025-01-09T10:00:00", "gatekeeper_block")
    _touch(db, B, "2025-01-13T09:00:00", "connected")  # the Monday after
    _touch(db, C, "2025-01-03T10:00:00", "not_available")  # the Friday before
    _touch(db, C, "2025-01-10T10:00:00", "no_need")
    _touch(db, E, "2025-01-07T11:00:00", kind="email")  # not a call
    _touch(db, F, "2025-01-15T10:00:00", "not_available")  # first touched after the week
    _touch(db, G, "2024-11-01T10:00:00", "no_need")  # silent since
    won = create_meeting(db, A, {"starts_at": "2025-01-09 14:00"})
    update_meeting(db, won.id, {"status": "held", "outcome": "won"})
    lost = create_meeting(db, B, {"starts_at": "2025-01-12T23:30:00+09:00"})
    update_meeting(db, lost.id, {"status": "held", "outcome": "lost", "outcome_reason": "price"})
    moved = create_meeting(db, C, {"starts_at": "2025-01-10 10:00"})
    update_meeting(db, moved.id, {"starts_at": "2025-01-14 10:00", "status": "held", "outcome": "ongoing"})
    cancelled = create_meeting(db, ids["D"], {"starts_at": "2025-01-11 10:00"})
    update_meeting(db, cancelled.id, {"status": "cancelled", "outcome": "cancelled"})
    _plan(db, A, "2025-01-20", "2025-01-08")  # open through the week's end
    _plan(db, C, "2025-01-14", "2025-01-10", "done", "2025-01-14T10:00:00+09:00")  # open at the week's end
    _plan(db, B, "2025-01-30", "2025-01-13")  # made after the week
    _plan(db, E, "2025-01-07", "2025-01-02", "done", "2025-01-07T15:00:00+09:00")  # due in the week, on time
    _plan(db, E, "2025-01-08T10:00:00+09:00", "2025-01-02", "done", "2025-01-09T10:00:00+09:00")  # late
    _plan(db, F, "2025-01-09", "2025-01-02")  # due in the week, still open: late
    _plan(db, G, "2025-01-10", "2024-11-01", "skipped", "2025-01-10T10:00:00+09:00")  # skipped: left out
    return db, ids, (l1, l2)


def values(report):
    return {key: figure.value for key, figure in report.figures.items()}


def test_every_figure_of_the_week(week):
    db, _, _ = week
    report = compute_kpis(db, WEEK, today=LATER)
    assert values(report) == {
        "calls": 5, "connects": 3, "connect_rate": 3 / 5, "key_person": 1, "key_person_rate": 1 / 5,
        "appointments": 1, "appointment_rate": 1 / 5, "meetings_held": 2, "won": 1, "win_rate": 1 / 2,
        # A's meeting was made by hand, not by its appointment call; no won meeting has an amount.
        "meeting_rate": 0.0, "order_amount": 0, "average_order": None,
        # D never touched; F touched only after the week; X disqualified, E on an archived list only.
        "untouched": 2,
        # A's and F's plans open; C's done only after the week; B's made after it; E's done in it.
        "pipeline": 3,
        "plans_on_time": 1 / 3,
        "silent": 1,
    }
    assert report.figures["connect_rate"].numerator == 3
    assert report.figures["connect_rate"].denominator == 5
    assert report.loss_reasons == (("価格", 1),)


def test_connects_count_only_calls_where_someone_talked(week):
    db, _, _ = week
    rows = figure_rows(db, "connects", WEEK, today=LATER)
    assert [(r.company_name, r.what) for r in rows] == [
        ("会社A", "担当者接続（キーパーソン）"), ("会社A", "アポ獲得"), ("会社C", "ニーズなし")]
    assert [r.what for r in figure_rows(db, "appointments", WEEK, today=LATER)] == ["アポ獲得"]


def test_no_calls_in_the_period_gives_no_rates(week):
    db, _, _ = week
    report = compute_kpis(db, Period(date(2024, 12, 2), date(2024, 12, 8)), today=LATER)
    assert report.value("calls") == 0
    assert report.value("connect_rate") is None and report.figures["connect_rate"].text() == "—"
    assert report.value("win_rate") is None
    assert report.value("plans_on_time") is None


def test_a_meeting_moved_across_the_boundary_counts_where_it_is_now(week):
    db, _, _ = week
    assert [r.company_name for r in figure_rows(db, "meetings_held", WEEK, today=LATER)] == ["会社A", "会社B"]
    following = compute_kpis(db, Period(date(2025, 1, 13), date(2025, 1, 19)), today=LATER)
    assert following.value("meetings_held") == 1 and following.value("won") == 0


def test_a_company_on_two_lists_counts_once_overall_and_in_each_list(week):
    db, _, (l1, l2) = week
    overall = compute_kpis(db, WEEK, today=LATER)
    first = compute_kpis(db, WEEK, Scope.of_list(db, l1.id), today=LATER)
    second = compute_kpis(db, WEEK, Scope.of_list(db, l2.id), today=LATER)
    assert overall.value("calls") == 5
    assert first.value("calls") == 5  # A, B and C
    assert second.value("calls") == 1 and second.value("connects") == 1  # C's ニーズなし
    assert second.value("untouched") == 1  # D
    assert first.value("untouched") == 1  # F (X is disqualified)
    assert second.value("meetings_held") == 0


def test_a_list_or_view_scope_without_its_id_is_refused_rather_than_counted_as_empty(week):
    db, _, _ = week
    for kind in ("list", "view"):
        with pytest.raises(ValueError, match="needs the id"):
            compute_kpis(db, WEEK, Scope(kind), today=LATER)


def test_untouched_in_the_current_week_is_as_of_today(week):
    db, _, _ = week
    report = compute_kpis(db, Period(date(2025, 1, 13), date(2025, 1, 19)), today=date(2025, 1, 16))
    assert report.value("untouched") == 1  # F was reached on the 15th


def test_a_saved_view_as_scope_and_the_summary_table_agree_with_the_touches(week):
    db, _, _ = week
    view = save_view(db, "すべて", TargetFilter()).id
    assert values(compute_kpis(db, WEEK, Scope.of_view(db, view), today=LATER)) == values(
        compute_kpis(db, WEEK, today=LATER))
    # Editing and deleting touches keeps the day counts in step (triggers).
    touch_id = db.execute("SELECT id FROM touches WHERE outcome = 'gatekeeper_block'").fetchone()[0]
    db.execute("UPDATE touches SET outcome = 'appointment', reached_decision_maker = 1 WHERE id = ?",
               [touch_id])
    db.execute("DELETE FROM touches WHERE outcome = 'not_available' AND at LIKE '2025-01-06%'")
    assert values(compute_kpis(db, WEEK, Scope.of_view(db, view), today=LATER)) == values(
        compute_kpis(db, WEEK, today=LATER))
    assert compute_kpis(db, WEEK, today=LATER).value("appointments") == 2


def test_every_figure_opens_its_rows(week):
    db, _, _ = week
    report = compute_kpis(db, WEEK, today=LATER)
    for key, figure in report.figures.items():
        rows = figure_rows(db, key, WEEK, today=LATER)
        expected = figure.numerator if figure.is_rate else figure.value
        if key == "plans_on_time":
            expected = figure.denominator  # every plan judged, on time or late
        if figure.is_money:
            expected = figure.denominator  # the won meetings with an amount
        assert len(rows) == expected, key
    untouched = figure_rows(db, "untouched", WEEK, today=LATER)
    assert sorted(r.company_name for r in untouched) == ["会社D", "会社F"]
    assert [r.company_name for r in figure_rows(db, "silent", WEEK, today=LATER)] == ["会社G"]


def test_trend_has_eight_weeks_ending_with_the_period(week):
    db, _, _ = week
    trend = compute_kpis(db, WEEK, today=LATER).trend
    assert len(trend) == 8 and trend[-1].start == date(2025, 1, 6)
    assert (trend[-1].calls, trend[-1].connects, trend[-1].appointments, trend[-1].meetings_held,
            trend[-1].won) == (5, 3, 1, 2, 1)
    assert trend[-2].calls == 1  # C's call on the Friday before


def test_periods():
    assert kpi.period_for("this_week", date(2025, 1, 8)) == WEEK
    assert kpi.period_for("last_week", date(2025, 1, 13)) == WEEK
    assert kpi.period_for("this_month", date(2025, 2, 10)) == Period(date(2025, 2, 1), date(2025, 2, 28))
    assert kpi.period_for("last_month", date(2025, 3, 31)) == Period(date(2025, 2, 1), date(2025, 2, 28))
    assert WEEK.previous() == Period(date(2024, 12, 30), date(2025, 1, 5))
    with pytest.raises(ValidationError, match="開始日"):
        Period(date(2025, 1, 2), date(2025, 1, 1))


def test_csv_export_reuses_the_spreadsheet_safeguards(week, tmp_path):
    from models.kpi.export import drill_table, report_tables, write_tables_csv

    db, _, _ = week
    db.execute("UPDATE meetings SET outcome_reason = '=HYPERLINK(\"http://x\")' WHERE outcome = 'lost'")
    report = compute_kpis(db, WEEK, today=LATER)
    previous = compute_kpis(db, WEEK.previous(), today=LATER, with_trend=False)
    result = write_tables_csv(tmp_path / "kpi.csv", report_tables(report, previous), "cp932")
    text = (tmp_path / "kpi.csv").read_bytes().decode("cp932")
    assert result.escaped_cells == 1 and "'=HYPERLINK" in text
    lines = text.splitlines()
    # CP932 reads the wave dash back as its full-width twin.
    assert lines[0] == "指標,今期 2025/01/06～2025/01/12,分子,分母,前期 2024/12/30～2025/01/05,定義"
    assert lines[3].startswith("接続率,0.6,3,5,")
    write_tables_csv(tmp_path / "rows.csv", [drill_table(figure_rows(db, "won", WEEK, today=LATER))])
    assert "会社A" in (tmp_path / "rows.csv").read_text(encoding="utf-8-sig")


def test_account_figures_of_a_past_period_are_rebuilt_at_its_end(week):
    db, ids, (l1, l2) = week
    quiet = create_company(db, {"name": "会社H", "status": "in_progress"}).id
    _touch(db, quiet, "2024-11-20T10:00:00", "not_available")  # before the 30 days up to the week's end
    _touch(db, quiet, "2025-01-16T10:00:00", "connected")  # and again only after the week
    late = create_company(db, {"name": "会社I", "status": "untouched"}).id
    lists.add_to_list(db, l1.id, [late])
    lists.add_to_list(db, l2.id, [late])  # on two active lists: counted once
    _touch(db, late, "2025-01-14T10:00:00", "not_available")  # first touched after the week
    # A plan of A made before the week's end and done after it, beside A's open plan: A counts once.
    _plan(db, ids["A"], "2025-01-15", "2025-01-05", "done", "2025-01-15T10:00:00+09:00")
    report = compute_kpis(db, WEEK, today=LATER)
    assert (report.value("untouched"), report.value("pipeline"), report.value("silent")) == (3, 3, 2)
    for key in ("untouched", "pipeline", "silent"):
        assert len(figure_rows(db, key, WEEK, today=LATER)) == report.value(key), key
    # The week after: both were touched in it. This week (today in it): the figures of now.
    following = compute_kpis(db, Period(date(2025, 1, 13), date(2025, 1, 19)), today=LATER)
    assert (following.value("untouched"), following.value("silent")) == (1, 1)
    now = compute_kpis(db, Period(date(2025, 1, 20), date(2025, 1, 26)), today=LATER)
    assert (now.value("untouched"), now.value("pipeline"), now.value("silent")) == (1, 3, 1)


def _first_touches(db):
    """companies.first_touch_at beside the earliest touch of each company, read from the touches."""
    return db.execute(
        "SELECT c.id, c.first_touch_at, (SELECT min(t.at) FROM touches t WHERE t.company_id = c.id) "
        "FROM companies c ORDER BY c.id").fetchall()


def test_first_touch_stays_exact_when_touches_are_added_edited_and_deleted(week):
    db, ids, _ = week
    assert all(first == earliest for _, first, earliest in _first_touches(db))
    D, F = ids["D"], ids["F"]
    assert db.execute("SELECT first_touch_at FROM companies WHERE id = ?", [F]).fetchone()[0] \
        == "2025-01-15T10:00:00+09:00"
    _touch(db, F, "2025-01-20T10:00:00")  # later: the first touch stays
    _touch(db, F, "2025-01-05T10:00:00")  # earlier: the new first touch, before the week ends
    assert compute_kpis(db, WEEK, today=LATER).value("untouched") == 1
    first = db.execute("SELECT id FROM touches WHERE company_id = ? ORDER BY at LIMIT 1", [F]).fetchone()[0]
    db.execute("UPDATE touches SET at = '2025-01-25T10:00:00+09:00' WHERE id = ?", [first])  # moved later
    assert compute_kpis(db, WEEK, today=LATER).value("untouched") == 2
    db.execute("UPDATE touches SET company_id = ? WHERE id = ?", [D, first])  # moved to another company
    db.execute("DELETE FROM touches WHERE company_id = ? AND at = ?", [F, "2025-01-15T10:00:00+09:00"])
    rows = {cid: (first_at, earliest) for cid, first_at, earliest in _first_touches(db)}
    assert rows[F] == ("2025-01-20T10:00:00+09:00",) * 2
    assert rows[D] == ("2025-01-25T10:00:00+09:00",) * 2
    db.execute("DELETE FROM touches WHERE company_id IN (?, ?)", [D, F])  # no touch left
    assert all(first == earliest for _, first, earliest in _first_touches(db))
    assert db.execute("SELECT first_touch_at FROM companies WHERE id = ?", [F]).fetchone()[0] is None


def _open_plan_counts(db):
    """companies.open_plans beside the open plans counted in plans."""
    return db.execute(
        "SELECT c.id, c.open_plans, (SELECT count(*) FROM plans p WHERE p.company_id = c.id "
        "AND p.status = 'open') FROM companies c ORDER BY c.id").fetchall()


def test_open_plan_counts_stay_exact_and_silent_follows_them(week):
    db, ids, _ = week
    assert all(kept == counted for _, kept, counted in _open_plan_counts(db))
    G, B = ids["G"], ids["B"]
    assert compute_kpis(db, WEEK, today=LATER).value("silent") == 1  # G: silent, no open plan
    _plan(db, G, "2025-01-25", "2025-01-02")
    assert compute_kpis(db, WEEK, today=LATER).value("silent") == 0
    plan = db.execute("SELECT id FROM plans WHERE company_id = ? AND status = 'open'", [G]).fetchone()[0]
    db.execute("UPDATE plans SET status = 'done', done_at = '2025-01-21T10:00:00+09:00' WHERE id = ?", [plan])
    assert compute_kpis(db, WEEK, today=LATER).value("silent") == 1
    db.execute("UPDATE plans SET status = 'open', done_at = NULL WHERE id = ?", [plan])  # reopened (undo)
    db.execute("UPDATE plans SET company_id = ? WHERE id = ?", [B, plan])  # moved to another company
    assert compute_kpis(db, WEEK, today=LATER).value("silent") == 1
    db.execute("DELETE FROM plans WHERE company_id = ?", [B])
    assert all(kept == counted for _, kept, counted in _open_plan_counts(db))
    assert db.execute("SELECT open_plans FROM companies WHERE id = ?", [B]).fetchone()[0] == 0
