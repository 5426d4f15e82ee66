"""Pulled changes applied on the laptop: local ids, derived columns, tombstones, pending edits kept."""

from __future__ import annotations

import psycopg
import pytest

from models.accounts.companies import create_company, create_contact, update_company
from models.planning.plans import create_plan
from models.planning.touches import log_outcome
from models.store.check import check_database
from models.store.db import open_db, writing
from models.team.apply import pull, stored_cursor
from models.team.join import join
from models.team.outbox import is_recording, pending
from models.team.push import push
from models.team.server_schema import migrate_server


@pytest.fixture
def server(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        yield conn


@pytest.fixture
def pair(tmp_path, team_dsn, server):
    a = open_db(tmp_path / "a.db")
    b = open_db(tmp_path / "b.db")
    join(a, team_dsn, "a", "高橋 由美")
    join(b, team_dsn, "b", "田中 一郎")
    yield a, b
    a.close()
    b.close()


def test_pulled_rows_get_local_ids_and_their_derived_columns(pair, server):
    a, b = pair
    company = create_company(a, {"name": "株式会社受信", "phone": "03-1234-5678", "industry": "製造業",
                                 "prefecture": "東京都"})
    contact = create_contact(a, company.id, {"name": "佐藤 花子", "role": "hr"})
    log_outcome(a, company.id, "not_available", contact_id=contact.id, at="2026-11-18T10:00:00+09:00",
                plan_next=False)
    create_plan(a, company.id, "2026-12-01", hypothesis="予算策定前", contact_id=contact.id)
    push(a, server)
    pulled = pull(b, server)
    assert pulled.changes == 4  # the company, its person, the call and the plan (one batch: one row each)
    got = b.execute("SELECT id, name, status, last_touch_at, first_touch_at, open_plans, score, search_key "
                    "FROM companies").fetchone()
    assert got[1:3] == ("株式会社受信", "in_progress")
    assert got[3] == got[4] == "2026-11-18T10:00:00+09:00"
    assert got[5] == 1
    assert got[6] == a.execute("SELECT score FROM companies").fetchone()[0] > 0
    assert got[7] == a.execute("SELECT search_key FROM companies").fetchone()[0]
    assert b.execute("SELECT company_id FROM contacts").fetchone()[0] == got[0]
    b_contact = b.execute("SELECT id FROM contacts").fetchone()[0]
    assert b.execute("SELECT company_id, contact_id FROM touches").fetchone() == (got[0], b_contact)
    assert b.execute("SELECT contact_id, hypothesis FROM plans").fetchone() == (b_contact, "予算策定前")
    found = b.execute("SELECT rowid FROM companies_fts WHERE companies_fts MATCH '会社受信'").fetchall()
    assert found == [(got[0],)]
    assert check_database(b).ok, check_database(b).problems
    assert pending(b) == [] and is_recording(b)  # pulled rows are not sent back
    assert stored_cursor(b) == pulled.cursor


def test_a_tombstone_deletes_the_local_row(pair, server):
    a, b = pair
    company = create_company(a, {"name": "株式会社消去"})
    create_contact(a, company.id, {"name": "佐藤 花子"})
    push(a, server)
    pull(b, server)
    with writing(a):
        a.execute("DELETE FROM companies WHERE id = ?", [company.id])
    push(a, server)
    pull(b, server)
    assert b.execute("SELECT count(*) FROM companies").fetchone()[0] == 0
    assert b.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    assert pending(b) == []


def test_a_field_edited_here_and_not_yet_pushed_is_not_overwritten(pair, server):
    a, b = pair
    company = create_company(a, {"name": "株式会社保留", "notes": "元"})
    push(a, server)
    pull(b, server)
    b_id = b.execute("SELECT id FROM companies").fetchone()[0]
    update_company(a, company.id, {"notes": "Aの変更", "rank": "A"})
    push(a, server)
    update_company(b, b_id, {"notes": "Bの変更"})  # waiting in B's outbox
    pull(b, server)
    assert b.execute("SELECT notes, rank FROM companies").fetchone() == ("Bの変更", "A")
    push(b, server)  # concurrent: the server records the conflict
    assert server.execute("SELECT count(*) FROM kakeru.conflicts").fetchone()[0] == 1


def test_the_cursor_moves_only_forward_and_a_second_pull_brings_nothing(pair, server):
    a, b = pair
    create_company(a, {"name": "株式会社一度"})
    push(a, server)
    first = pull(b, server)
    again = pull(b, server)
    assert again.changes == 0 and again.cursor == first.cursor


def test_a_write_that_loses_after_its_laptop_pulled_the_winner_still_ends_with_the_winner(pair, server):
    a, b = pair
    company = create_company(a, {"name": "株式会社後着", "notes": "元"})
    push(a, server)
    pull(b, server)
    b_id = b.execute("SELECT id FROM companies").fetchone()[0]
    update_company(b, b_id, {"notes": "Bの古い変更"})  # pending on B while it pulls A's newer value
    update_company(a, company.id, {"notes": "Aの変更"})
    push(a, server)
    pull(b, server)  # B's cursor passes A's change; B's pending field is kept
    # B's clock and its write's moment as if B's clock had been far behind: its write loses.
    with writing(b):
        b.execute("UPDATE sync_state SET hlc = ''")
        b.execute("UPDATE outbox SET created_at = '2000-01-01T00:00:00.000+00:00'")
    push(b, server)
    assert server.execute("SELECT notes FROM kakeru.companies").fetchone() == ("Aの変更",)
    pull(b, server)  # the server logged the row again, so B receives the winner
    assert b.execute("SELECT notes FROM companies").fetchone() == ("Aの変更",)


def test_pulled_one_change_a_page_every_reference_still_resolves(pair, server):
    from datetime import date

    from models.demo.builder import generate_demo
    from models.team.rows import TABLE_ORDER, server_rows

    a, b = pair
    generate_demo(a, companies=3, seed=7, today=date(2026, 11, 20), touches_per_company=3)  # recorded
    push(a, server)
    pull(b, server, page_size=1)
    for table in TABLE_ORDER:
        uids = [uid for (uid,) in a.execute(f"SELECT uid FROM {table}")]
        assert server_rows(b, table, uids) == server_rows(a, table, uids), table
    assert check_database(b).ok, check_database(b).problems


@pytest.mark.parametrize("page_size", [1, 1000])
def test_a_reference_to_a_row_pulled_after_it_is_mended_when_that_row_arrives(tmp_path, team_dsn, server,
                                                                              page_size):
    a = open_db(tmp_path / "a.db")
    company = create_company(a, {"name": "株式会社後任"})
    leaving = create_contact(a, company.id, {"name": "佐藤 花子"})
    successor = create_contact(a, company.id, {"name": "鈴木 一郎"})
    with writing(a):
        a.execute("UPDATE contacts SET employment = 'left', successor_id = ? WHERE id = ?",
                  [successor.id, leaving.id])
    join(a, team_dsn, "a", "高橋 由美")  # queued in id order: the one who left before their successor
    push(a, server)
    b = open_db(tmp_path / "b.db")
    join(b, team_dsn, "b", "田中 一郎")
    pull(b, server, page_size=page_size)
    assert b.execute("SELECT c.name, s.name FROM contacts c JOIN contacts s ON s.id = c.successor_id"
                     ).fetchall() == [("佐藤 花子", "鈴木 一郎")]
    a.close()
    b.close()


def test_a_page_read_before_another_sync_moved_the_cursor_is_not_applied(pair, server):
    from models.team.apply import apply_page
    from models.team.pull import Cursor, read_changes

    a, b = pair
    company = create_company(a, {"name": "株式会社古頁", "notes": "古い"})
    push(a, server)
    old_page, old_after = read_changes(server, stored_cursor(b))  # a slow sync of B read this page...
    update_company(a, company.id, {"notes": "新しい"})
    push(a, server)
    pull(b, server)  # ...while another sync of B applied it and the newer one
    assert apply_page(b, old_page, old_after, since=Cursor()) is None
    assert b.execute("SELECT notes FROM companies").fetchone() == ("新しい",)
