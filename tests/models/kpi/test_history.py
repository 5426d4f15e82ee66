"""Untouched of a past period counts the statuses and list memberships of its last day, whatever
happened since (migration 10's history), with known answers."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from models.accounts import lists
from models.accounts.companies import create_company, set_field_bulk, update_company
from models.kpi.figures import Period, Scope, compute_kpis, figure_rows
from models.store import clock
from models.store.db import open_db, stamp

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

LAST_WEEK = Period(date(2026, 11, 9), date(2026, 11, 15))
TODAY = date(2026, 11, 20)


class Clock:
    """The moment every write of a test happens at, moved on by the test."""

    def __init__(self, monkeypatch):
        self.at = datetime(2026, 11, 2, 9, 0, tzinfo=clock.zone_named("Asia/Tokyo"))
        monkeypatch.setattr(clock, "now", lambda: self.at)

    def set(self, day: str) -> None:
        self.at = datetime.fromisoformat(f"{day}T10:00:00+09:00")


@pytest.fixture
def moment(monkeypatch):
    return Clock(monkeypatch)


def _untouched(db, period=LAST_WEEK, scope=None):
    report = compute_kpis(db, period, scope, today=TODAY, with_trend=False)
    rows = figure_rows(db, "untouched", period, scope, today=TODAY)
    assert len(rows) == report.value("untouched")  # the count and the rows behind it agree
    return report.value("untouched"), sorted(r.company_name for r in rows)


@pytest.fixture
def accounts(fresh_db, moment):
    """Five never-touched companies on a list since 2 November, one touched on the 10th."""
    db = fresh_db
    ids = {name: create_company(db, {"name": name}).id for name in ("甲", "乙", "丙", "丁", "戊", "己")}
    target = lists.create_list(db, "一都三県")
    lists.add_to_list(db, target.id, list(ids.values()))
    db.table("touches").insert(stamp({"company_id": ids["己"], "kind": "call", "outcome": "not_available",
                                      "at": "2026-11-10T10:00:00+09:00"}))
    db.execute("UPDATE companies SET last_touch_at = '2026-11-10T10:00:00+09:00' WHERE id = ?", [ids["己"]])
    return db, ids, target


def test_closing_companies_this_week_leaves_last_weeks_untouched_as_it_was(accounts, moment):
    db, ids, _ = accounts
    assert _untouched(db) == (5, ["丁", "丙", "乙", "戊", "甲"])
    moment.set("2026-11-18")  # this week: three closed, by hand and in bulk
    update_company(db, ids["甲"], {"status": "disqualified"})
    set_field_bulk(db, [ids["乙"], ids["丙"]], "status", "do_not_call")
    assert _untouched(db) == (5, ["丁", "丙", "乙", "戊", "甲"])
    # This week counts today's statuses.
    assert _untouched(db, Period(date(2026, 11, 16), date(2026, 11, 22))) == (2, ["丁", "戊"])
    # One closed during last week is out of it; reopened since, it stays out of last week.
    moment.set("2026-11-12")
    update_company(db, ids["丁"], {"status": "disqualified"})
    moment.set("2026-11-19")
    update_company(db, ids["丁"], {"status": "in_progress"})
    assert _untouched(db) == (4, ["丙", "乙", "戊", "甲"])
    week_before = Period(date(2026, 11, 2), date(2026, 11, 8))
    assert _untouched(db, week_before) == (6, ["丁", "丙", "乙", "己", "戊", "甲"])


def test_a_company_added_to_a_list_after_the_period_is_not_counted_in_it(accounts, moment):
    db, ids, target = accounts
    other = lists.create_list(db, "製造業")
    moment.set("2026-11-17")
    late = create_company(db, {"name": "庚"}).id
    lists.add_to_list(db, target.id, [late])
    lists.add_to_list(db, other.id, [ids["甲"]])  # 甲 was on a list then already: still counted once
    assert _untouched(db)[0] == 5
    assert _untouched(db, Period(date(2026, 11, 16), date(2026, 11, 22)))[0] == 6
    # Scoped to the list: its members of the period's last day.
    assert _untouched(db, scope=Scope.of_list(db, target.id))[0] == 5
    assert _untouched(db, scope=Scope.of_list(db, other.id)) == (0, [])


def test_a_company_taken_off_a_list_after_the_period_still_counts_in_it(accounts, moment):
    db, ids, target = accounts
    moment.set("2026-11-12")  # during last week: gone by its last day
    lists.remove_from_list(db, target.id, [ids["甲"]])
    moment.set("2026-11-18")  # after it: still a member on its last day
    lists.remove_from_list(db, target.id, [ids["乙"]])
    assert _untouched(db) == (4, ["丁", "丙", "乙", "戊"])
    assert _untouched(db, scope=Scope.of_list(db, target.id)) == (4, ["丁", "丙", "乙", "戊"])
    assert _untouched(db, Period(date(2026, 11, 16), date(2026, 11, 22)))[0] == 3
    # Put back on the list today: a new membership, from today.
    lists.add_to_list(db, target.id, [ids["甲"]])
    assert _untouched(db)[0] == 4


def test_a_membership_deleted_without_a_removal_is_forgotten(accounts, moment):
    """An import's undo deletes the members it added: they were never members, in any period."""
    db, ids, _ = accounts
    db.execute("DELETE FROM list_members WHERE company_id = ?", [ids["甲"]])
    assert db.execute("SELECT count(*) FROM list_member_history WHERE company_id = ?",
                      [ids["甲"]]).fetchone()[0] == 0
    assert _untouched(db)[0] == 4


def test_history_is_stamped_in_the_working_zone(accounts, moment):
    db, ids, target = accounts
    moment.set("2026-11-18")
    update_company(db, ids["甲"], {"status": "disqualified"})
    lists.remove_from_list(db, target.id, [ids["乙"]])
    change = db.execute(
        "SELECT at, old_status, new_status, created_at FROM company_status_changes").fetchone()
    assert change == ("2026-11-18T10:00:00+09:00", "untouched", "disqualified", "2026-11-18T10:00:00+09:00")
    removed = db.execute("SELECT added_at, removed_at FROM list_member_history WHERE company_id = ?",
                         [ids["乙"]]).fetchone()
    assert removed == ("2026-11-02T09:00:00+09:00", "2026-11-18T10:00:00+09:00")


def test_migration_10_backfills_the_members_and_the_closed_companies(tmp_path):
    """A version 9 file: every member since it was added; a closed company closed at its closing call,
    or at its last update without one."""
    path = tmp_path / "kakeru.db"
    shutil.copyfile(FIXTURES / "kakeru_v9.db", path)
    conn = sqlite3.connect(path)
    with conn:
        never, called = (row[0] for row in conn.execute(
            "SELECT id FROM companies WHERE status IN ('untouched', 'in_progress') "
            "GROUP BY status ORDER BY status DESC"))
        conn.execute("UPDATE companies SET status = 'disqualified', updated_at = '2026-11-18T09:00:00+09:00' "
                     "WHERE id = ?", [never])
        conn.execute("INSERT INTO touches (uid, created_at, updated_at, company_id, kind, at, outcome) "
                     "VALUES ('x1', '2026-11-05T10:00:00+09:00', '2026-11-05T10:00:00+09:00', ?, 'call', "
                     "'2026-11-05T10:00:00+09:00', 'bad_number')", [called])
        conn.execute("UPDATE companies SET status = 'do_not_call', updated_at = '2026-11-19T09:00:00+09:00' "
                     "WHERE id = ?", [called])
    conn.close()
    db = open_db(path)
    try:
        members = db.execute(
            "SELECT list_id, company_id, created_at FROM list_members ORDER BY id").fetchall()
        history = db.execute("SELECT list_id, company_id, added_at FROM list_member_history "
                             "WHERE removed_at IS NULL ORDER BY id").fetchall()
        assert members and history == members
        changes = db.execute("SELECT company_id, at, old_status, new_status FROM company_status_changes "
                             "ORDER BY company_id").fetchall()
        assert sorted(changes) == sorted([
            (never, "2026-11-18T09:00:00+09:00", "untouched", "disqualified"),
            (called, "2026-11-05T10:00:00+09:00", "in_progress", "do_not_call")])
    finally:
        db.close()


def test_the_correction_reads_covering_indexes_only(accounts, moment):
    """As tests/models/kpi/test_query_plans.py asks of every KPI count: with a never-touched company
    changed since the period, the long range is read too, still from an index alone."""
    import re

    db, ids, _ = accounts
    moment.set("2026-11-18")
    update_company(db, ids["甲"], {"status": "disqualified"})
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        compute_kpis(db, LAST_WEEK, today=TODAY, with_trend=False)
    finally:
        db.conn.set_trace_callback(None)
    selects = [sql for sql in statements if sql.lstrip().startswith("SELECT")]
    assert any("+c.id IN" in sql and sql.rstrip().endswith("c.first_touch_at IS NULL") for sql in selects)
    for sql in selects:
        plan = [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
        reads = [line for line in plan if re.match(r"(SCAN|SEARCH) (c|p|lm|m|t)\b", line)]
        assert [line for line in reads if "COVERING INDEX" not in line] == [], sql
