"""The push on a real PostgreSQL: batches by uid, idempotent on re-send, per-field merge with conflicts."""

from __future__ import annotations

import psycopg
import pytest

from models.accounts.companies import create_company, create_contact, update_company
from models.planning.touches import log_outcome
from models.store.db import open_db, writing
from models.team.join import join
from models.team.outbox import pending
from models.team.push import acknowledge, prepare, push, send
from models.team.server_schema import migrate_server


@pytest.fixture
def server(team_dsn):
    with psycopg.connect(team_dsn, autocommit=True) as conn:
        migrate_server(conn)
        yield conn


@pytest.fixture
def laptop(tmp_path, team_dsn):
    db = open_db(tmp_path / "a.db")
    join(db, team_dsn, "kakeru", "高橋 由美")
    yield db
    db.close()


def _server_rows(conn, table):
    return conn.execute(f"SELECT to_jsonb(t) FROM kakeru.{table} t ORDER BY uid").fetchall()


def _server_state(conn):
    return (_server_rows(conn, "companies"), conn.execute("SELECT count(*) FROM kakeru.changes").fetchone())


def test_rows_arrive_by_uid_with_references_as_uids(laptop, server):
    company = create_company(laptop, {"name": "株式会社送信", "prefecture": "東京都"})
    contact = create_contact(laptop, company.id, {"name": "佐藤 花子"})
    log_outcome(laptop, company.id, "not_available", contact_id=contact.id, plan_next=False)
    assert push(laptop, server) == 4  # the call also moved the company to in_progress
    assert pending(laptop) == []
    row = server.execute("SELECT name, prefecture, deleted FROM kakeru.companies WHERE uid = %s",
                         [company.uid]).fetchone()
    assert row == ("株式会社送信", "東京都", False)
    assert server.execute("SELECT company_uid FROM kakeru.contacts WHERE uid = %s",
                          [contact.uid]).fetchone() == (company.uid,)
    assert server.execute("SELECT company_uid, contact_uid, outcome FROM kakeru.touches").fetchone() == (
        company.uid, contact.uid, "not_available")
    assert server.execute("SELECT acked FROM kakeru.devices").fetchone()[0] == 4


def test_a_batch_re_sent_after_a_lost_acknowledgement_changes_nothing(laptop, server):
    company = create_company(laptop, {"name": "株式会社再送"})
    update_company(laptop, company.id, {"rank": "A"})
    batch = prepare(laptop)
    assert batch is not None
    send(server, laptop.execute("SELECT origin FROM sync_state").fetchone()[0], batch)
    # The acknowledgement is lost: the laptop still holds its outbox and sends it again.
    before = _server_state(server)
    again = prepare(laptop)
    assert again is not None and [e.id for e in again.entries] == [e.id for e in batch.entries]
    staged = send(server, laptop.execute("SELECT origin FROM sync_state").fetchone()[0], again)
    assert staged == []
    acknowledge(laptop, again, staged)
    assert _server_state(server) == before
    assert pending(laptop) == []


def test_the_first_push_of_a_file_is_batched(tmp_path, team_dsn, server):
    db = open_db(tmp_path / "big.db")
    with writing(db):
        for index in range(1200):
            db.execute("INSERT INTO companies (uid, created_at, updated_at, name) "
                       "VALUES (lower(hex(randomblob(16))), ?, ?, ?)",
                       ["2026-01-01T00:00:00+09:00", "2026-01-01T00:00:00+09:00", f"会社{index}"])
    assert join(db, team_dsn, "kakeru", "高橋 由美").queued == 1200
    assert push(db, server, batch_size=500) == 1200
    assert server.execute("SELECT count(*) FROM kakeru.companies").fetchone()[0] == 1200
    assert server.execute("SELECT acked FROM kakeru.devices").fetchone()[0] == 1200
    db.close()


def test_concurrent_edits_of_one_field_leave_one_conflict_and_the_newer_value(tmp_path, team_dsn, server):
    a = open_db(tmp_path / "a.db")
    join(a, team_dsn, "kakeru", "A")
    company = create_company(a, {"name": "株式会社衝突", "notes": "元"})
    push(a, server)
    # B has seen the row as A pushed it (its base), then both edit the notes.
    b = open_db(tmp_path / "b.db")
    join(b, team_dsn, "kakeru", "B")
    with writing(b):
        b.execute("UPDATE sync_state SET recording = 0")
        b.table("companies").insert({"uid": company.uid, "created_at": company.created_at,
                                     "updated_at": company.updated_at, "name": company.name, "notes": "元"})
        b.execute("UPDATE sync_state SET recording = 1")
        seen = server.execute("SELECT field_hlc::text FROM kakeru.companies").fetchone()[0]
        b.execute("INSERT INTO sync_seen (table_name, row_uid, field_hlc) VALUES ('companies', ?, ?)",
                  [company.uid, seen])
    update_company(a, company.id, {"notes": "Aの変更"})
    b_id = b.execute("SELECT id FROM companies").fetchone()[0]
    update_company(b, b_id, {"notes": "Bの変更", "rank": "B"})
    push(a, server)
    push(b, server)  # B's edit is the later one: it wins, A's value is kept as the conflict's loser
    assert server.execute("SELECT notes, rank FROM kakeru.companies").fetchone() == ("Bの変更", "B")
    conflicts = server.execute(
        "SELECT row_uid, field, lost_value #>> '{}', won_value #>> '{}' FROM kakeru.conflicts").fetchall()
    assert conflicts == [(company.uid, "notes", "Aの変更", "Bの変更")]
    a.close()
    b.close()


def test_a_delete_is_a_tombstone(laptop, server):
    company = create_company(laptop, {"name": "株式会社削除"})
    push(laptop, server)
    with writing(laptop):
        laptop.execute("DELETE FROM companies WHERE id = ?", [company.id])
    push(laptop, server)
    assert server.execute("SELECT deleted FROM kakeru.companies").fetchone() == (True,)
