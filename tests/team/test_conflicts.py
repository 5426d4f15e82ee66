"""Conflicts seen and reversed on two laptops with the team's real roles; pulled times in the file's zone."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from models.accounts.companies import create_company, update_company
from models.planning.touches import log_outcome
from models.store import clock, settings
from models.store.db import open_db
from models.team import conflicts
from models.team.join import join
from models.team.outbox import pending
from models.team.sync import sync
from tests.team.team_roles import make_team


@pytest.fixture
def team(team_dsn):
    return make_team(team_dsn, callers=("佐藤",), managers=("田中",))


def _laptop(tmp_path, team, name, zone=None):
    db = open_db(tmp_path / f"{team.logins[name]}.db")
    if zone:
        settings.set_setting(db, settings.TIME_ZONE, zone)
    params = {key: value for key, value in conninfo_to_dict(team.admin_dsn).items()
              if key not in ("password", "user")}
    join(db, make_conninfo(**params), team.logins[name], name)
    return db, (lambda: psycopg.connect(team.dsn(name), autocommit=True))


def _notes(db):
    return db.execute("SELECT notes FROM companies").fetchone()[0]


def _conflict_rows(db):
    return db.execute("SELECT uid, lost_value, won_value, lost_by, won_by, resolution, resolved_by, unsent "
                      "FROM conflicts").fetchall()


@pytest.fixture
def conflicted(tmp_path, team):
    """A caller and a manager who edited one company's notes offline: the manager's edit won."""
    sato, sato_sync = _laptop(tmp_path, team, "佐藤")
    tanaka, tanaka_sync = _laptop(tmp_path, team, "田中")
    company = create_company(sato, {"name": "株式会社競合", "notes": "元のメモ"})
    sync(sato, sato_sync)
    sync(tanaka, tanaka_sync)
    update_company(sato, company.id, {"notes": "佐藤のメモ"})
    tanaka_id = tanaka.execute("SELECT id FROM companies").fetchone()[0]
    update_company(tanaka, tanaka_id, {"notes": "田中のメモ"})
    sync(sato, sato_sync)
    result = sync(tanaka, tanaka_sync)  # later: wins, 佐藤's value is kept as the conflict
    assert result.conflicts == 1 and "conflicts" in result.tables and "companies" in result.tables
    sync(sato, sato_sync)
    yield sato, sato_sync, tanaka, tanaka_sync
    sato.close()
    tanaka.close()


def test_a_conflict_is_seen_on_both_laptops_once(conflicted):
    sato, _s, tanaka, _t = conflicted
    for db in (sato, tanaka):
        assert _notes(db) == "田中のメモ"
        [seen] = conflicts.conflicts(db)
        assert (seen.field, seen.lost_value, seen.won_value) == ("notes", "佐藤のメモ", "田中のメモ")
        assert (seen.lost_by, seen.won_by, seen.company_name) == ("佐藤", "田中", "株式会社競合")
        assert seen.open
        assert conflicts.open_count(db) == 1


def test_taking_the_lost_value_syncs_it_and_the_resolution_to_both_exactly_once(conflicted, team):
    sato, sato_sync, tanaka, tanaka_sync = conflicted
    [seen] = conflicts.conflicts(sato)
    done = conflicts.resolve(sato, seen.id, conflicts.LOST)
    assert done.wrote and done.previous == "田中のメモ" and done.changes.affects("companies", "conflicts")
    assert _notes(sato) == "佐藤のメモ"
    assert [(entry.table_name, entry.fields) for entry in pending(sato)] == [("companies", ("notes",))]
    sync(sato, sato_sync)
    sync(tanaka, tanaka_sync)
    sync(sato, sato_sync)
    for db in (sato, tanaka):
        assert _notes(db) == "佐藤のメモ"
        assert conflicts.open_count(db) == 0
        [row] = _conflict_rows(db)
        assert row[5:] == ("lost", "佐藤", 0)
        assert pending(db) == []
    with psycopg.connect(team.admin_dsn) as admin:
        assert admin.execute("SELECT notes FROM kakeru.companies").fetchone() == ("佐藤のメモ",)
        # No new conflict: the taken value was written on top of the winner, which it had seen.
        assert admin.execute("SELECT resolution, resolved_by FROM kakeru.conflicts").fetchall() == [
            ("lost", "佐藤")]
    assert sync(sato, sato_sync).pushed == 0 and sync(tanaka, tanaka_sync).pushed == 0


def test_keeping_the_winner_changes_no_value_and_is_seen_resolved_by_the_other(conflicted):
    sato, sato_sync, tanaka, tanaka_sync = conflicted
    [seen] = conflicts.conflicts(tanaka)
    done = conflicts.resolve(tanaka, seen.id, conflicts.WON)
    assert not done.wrote and pending(tanaka) == []
    sync(tanaka, tanaka_sync)
    sync(sato, sato_sync)
    for db in (sato, tanaka):
        assert _notes(db) == "田中のメモ"
        assert _conflict_rows(db)[0][5:] == ("won", "田中", 0)


def test_undo_restores_the_value_and_reopens_on_both(conflicted):
    sato, sato_sync, tanaka, tanaka_sync = conflicted
    [seen] = conflicts.conflicts(sato)
    done = conflicts.resolve(sato, seen.id, conflicts.LOST)
    sync(sato, sato_sync)
    sync(tanaka, tanaka_sync)
    assert conflicts.open_count(tanaka) == 0
    conflicts.reopen(sato, done)
    assert _notes(sato) == "田中のメモ" and conflicts.open_count(sato) == 1
    sync(sato, sato_sync)
    sync(tanaka, tanaka_sync)
    for db in (sato, tanaka):
        assert _notes(db) == "田中のメモ"
        assert conflicts.open_count(db) == 1
        assert len(_conflict_rows(db)) == 1


def test_a_resolution_not_yet_sent_is_kept_over_an_older_pulled_copy(conflicted):
    sato, sato_sync, tanaka, tanaka_sync = conflicted
    [seen] = conflicts.conflicts(sato)
    conflicts.resolve(sato, seen.id, conflicts.WON)
    # The manager resolves it the other way later; the caller's own (earlier) stands nowhere after.
    [theirs] = conflicts.conflicts(tanaka)
    conflicts.resolve(tanaka, theirs.id, conflicts.LOST)
    sync(tanaka, tanaka_sync)
    sync(sato, sato_sync)  # the caller's resolution is older by HLC than the manager's
    sync(tanaka, tanaka_sync)
    for db in (sato, tanaka):
        assert _notes(db) == "佐藤のメモ"
        assert _conflict_rows(db)[0][5:] == ("lost", "田中", 0)


@pytest.fixture
def zones_restored():
    yield
    clock.use_zone(None)


def test_pulled_times_are_written_in_the_laptops_zone_without_resending(tmp_path, team, zones_restored):
    clock.use_zone("Asia/Tokyo")
    tokyo, tokyo_sync = _laptop(tmp_path, team, "佐藤", "Asia/Tokyo")
    company = create_company(tokyo, {"name": "株式会社時差"})
    log_outcome(tokyo, company.id, "not_available", plan_next=False)
    sync(tokyo, tokyo_sync)
    tokyo_at = tokyo.execute("SELECT at FROM touches").fetchone()[0]
    assert tokyo_at.endswith("+09:00")

    clock.use_zone("America/Los_Angeles")
    la, la_sync = _laptop(tmp_path, team, "田中", "America/Los_Angeles")
    result = sync(la, la_sync)
    assert "touches" in result.tables
    at, created_at = la.execute("SELECT at, created_at FROM touches").fetchone()
    assert at[-6:] in ("-08:00", "-07:00") and created_at[-6:] in ("-08:00", "-07:00")
    assert clock.parse(at) == clock.parse(tokyo_at)
    last_touch_at = la.execute("SELECT last_touch_at FROM companies").fetchone()[0]
    assert last_touch_at == at
    assert pending(la) == []  # the rewritten text is not an edit
    # An edit of another field on the LA laptop sends that field only: no conflict, no resend loop.
    la_company = la.execute("SELECT id FROM companies").fetchone()[0]
    update_company(la, la_company, {"notes": "ロサンゼルスから"})
    assert sync(la, la_sync).pushed == 1
    clock.use_zone("Asia/Tokyo")
    sync(tokyo, tokyo_sync)
    assert tokyo.execute("SELECT at FROM touches").fetchone()[0] == tokyo_at
    assert tokyo.execute("SELECT notes FROM companies").fetchone()[0] == "ロサンゼルスから"
    clock.use_zone("America/Los_Angeles")
    again = sync(la, la_sync)
    assert again.pushed == 0 and pending(la) == []
    with psycopg.connect(team.admin_dsn) as admin:
        assert admin.execute("SELECT at FROM kakeru.touches").fetchone() == (tokyo_at,)  # the writer's text
        assert admin.execute("SELECT count(*) FROM kakeru.conflicts").fetchone() == (0,)
    la.close()
    tokyo.close()


def test_undo_does_not_overwrite_a_newer_edit_pulled_since(conflicted):
    sato, sato_sync, tanaka, tanaka_sync = conflicted
    [seen] = conflicts.conflicts(sato)
    done = conflicts.resolve(sato, seen.id, conflicts.LOST)
    sync(sato, sato_sync)
    sync(tanaka, tanaka_sync)
    theirs = tanaka.execute("SELECT id FROM companies").fetchone()[0]
    update_company(tanaka, theirs, {"notes": "三つ目のメモ"})
    sync(tanaka, tanaka_sync)
    sync(sato, sato_sync)
    conflicts.reopen(sato, done)
    assert _notes(sato) == "三つ目のメモ" and conflicts.open_count(sato) == 1
    assert pending(sato) == []  # only the reopening waits, sent beside the outbox
