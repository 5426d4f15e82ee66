"""Three laptops working offline on one server converge, whatever they do and whenever they sync.

Property-based (hypothesis): a random sequence of operations (new accounts with two people, edits of
the same companies' fields, logged calls, plans made, moved and deleted, links between people made and
removed, people moved on the map and deleted, accounts deleted, lists of one name made on two laptops
and the same company put on them) on
three laptops, with syncs in random order in between. After every laptop syncs twice in turn, all three
hold the same rows (by uid, references as uids) as the server's live rows, every call exists exactly
once, and every conflict is listed once on each laptop. Deleting an account or a person on one laptop
while another adds to it ends with what was added gone everywhere, as a local delete cascades.
"""

from __future__ import annotations

import contextlib
import secrets
import tempfile
from pathlib import Path

import psycopg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.accounts.companies import (
    create_company,
    create_contact,
    delete_companies,
    delete_contact,
    update_company,
)
from models.accounts.lists import add_to_list, create_list
from models.accounts.people import save_positions
from models.accounts.relations import add_relationship, delete_relationship
from models.planning.plans import create_plan, reschedule_plan
from models.planning.timeline_edits import delete_plan
from models.planning.touches import log_outcome
from models.store.db import open_db
from models.store.errors import KakeruError
from models.team.join import join
from models.team.outbox import pending
from models.team.server_schema import migrate_server
from models.team.sync import sync
from tests.team.snapshots import laptop_snapshot, server_snapshot

LAPTOPS = 3
_EDITS = (("notes", ("電話は午前中", "決算前に再訪", None)), ("rank", ("A", "B", "C")),
          ("status", ("nurturing", "in_progress", "customer")))
_OPS = ("create", "edit", "edit", "call", "plan", "move_plan", "delete_plan", "link", "unlink", "move_person",
        "delete_person", "delete_company", "new_list", "add_to_list", "sync")

operations = st.lists(
    st.tuples(st.sampled_from(_OPS), st.integers(0, LAPTOPS - 1), st.integers(0, 10_000)),
    min_size=5, max_size=30)


def _pick(db, sql, k):
    rows = [row[0] for row in db.execute(sql)]
    return rows[k % len(rows)] if rows else None


def _apply(db, op, k, counter):
    """Do one operation on one laptop; the number of calls logged (0 or 1)."""
    company = _pick(db, "SELECT id FROM companies ORDER BY uid", k)
    if op == "create":
        made = create_company(db, {"name": f"株式会社収束{counter}"})
        create_contact(db, made.id, {"name": f"佐藤 {counter}"})
        create_contact(db, made.id, {"name": f"鈴木 {counter}"})
    elif company is None:
        return 0
    elif op == "edit":
        field, values = _EDITS[k % len(_EDITS)]
        update_company(db, company, {field: values[(k // 3) % len(values)]})
    elif op == "call":
        log_outcome(db, company, ("not_available", "connected", "info_sent")[k % 3], plan_next=False,
                    note=f"通話{counter}")
        return 1
    elif op == "plan":
        create_plan(db, company, f"2026-12-{1 + k % 28:02d}", hypothesis=f"仮説{counter}")
    elif op == "move_plan":
        plan = _pick(db, "SELECT id FROM plans WHERE status = 'open' ORDER BY uid", k)
        if plan is not None:
            reschedule_plan(db, plan, f"2027-01-{1 + k % 28:02d}")
    elif op == "delete_plan":
        plan = _pick(db, "SELECT id FROM plans ORDER BY uid", k)
        if plan is not None:
            delete_plan(db, plan)
    elif op == "unlink":
        link = _pick(db, "SELECT id FROM relationships ORDER BY uid", k)
        if link is not None:
            delete_relationship(db, link)
    elif op == "move_person":
        person = _pick(db, "SELECT id FROM contacts ORDER BY uid", k)
        if person is not None:
            save_positions(db, {person: (float(k % 400), float(k % 300))})
    elif op == "delete_person":
        person = _pick(db, "SELECT id FROM contacts ORDER BY uid", k)
        if person is not None:
            delete_contact(db, person)
    elif op == "delete_company":
        delete_companies(db, [company])
    elif op == "new_list":  # two laptops may make a list of one name offline
        with contextlib.suppress(KakeruError):
            create_list(db, ("重点リスト", "春の架電")[k % 2])
    elif op == "add_to_list":  # and put one company on one list each
        target = _pick(db, "SELECT id FROM target_lists ORDER BY uid", k)
        if target is not None:
            add_to_list(db, target, [company])
    elif op == "link":
        people = [row[0] for row in db.execute("SELECT id FROM contacts WHERE company_id = ? ORDER BY uid",
                                               [company])]
        if len(people) >= 2:
            with contextlib.suppress(KakeruError):  # the same link twice: refused, as in the app
                add_relationship(db, company, people[0], people[1], ("introduced", "works_with")[k % 2])
    return 0






@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_three_laptops_converge(pg_server, ops):
    name = f"conv_{secrets.token_hex(6)}"
    with psycopg.connect(pg_server.dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    dsn = pg_server.dsn_for(name)
    folder = Path(tempfile.mkdtemp(prefix="kakeru-conv-"))
    laptops = []
    try:
        with psycopg.connect(dsn, autocommit=True) as server:
            migrate_server(server)

            def factory():
                return psycopg.connect(dsn, autocommit=True)

            for index in range(LAPTOPS):
                db = open_db(folder / f"{index}.db")
                join(db, dsn, "kakeru", f"発信者{index}")
                laptops.append(db)
            calls = 0
            for counter, (op, laptop, k) in enumerate(ops):
                if op == "sync":
                    sync(laptops[laptop], factory)
                else:
                    calls += _apply(laptops[laptop], op, k, counter)
            for _round in range(2):
                for db in laptops:
                    sync(db, factory)

            expected = server_snapshot(server)
            for db in laptops:
                assert pending(db) == []
                assert laptop_snapshot(db) == expected
            assert server.execute("SELECT count(*) FROM kakeru.touches").fetchone()[0] == calls
            conflicts = server.execute("SELECT uid FROM kakeru.conflicts ORDER BY uid").fetchall()
            for db in laptops:
                assert db.execute("SELECT uid FROM conflicts ORDER BY uid").fetchall() == conflicts
    finally:
        for db in laptops:
            db.close()
        with psycopg.connect(pg_server.dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _live_server_matches(server, *laptops):
    expected = server_snapshot(server)
    for db in laptops:
        assert laptop_snapshot(db) == expected


def test_an_account_deleted_on_one_laptop_while_another_calls_it_is_gone_everywhere(tmp_path, team_dsn):
    from models.accounts.people import delete_contact_with_undo  # noqa: F401 (the app's delete of a person)

    with psycopg.connect(team_dsn, autocommit=True) as server:
        migrate_server(server)

        def factory():
            return psycopg.connect(team_dsn, autocommit=True)

        a, b = open_db(tmp_path / "a.db"), open_db(tmp_path / "b.db")
        join(a, team_dsn, "kakeru", "A")
        join(b, team_dsn, "kakeru", "B")
        company = create_company(a, {"name": "株式会社消滅"})
        left = create_contact(a, company.id, {"name": "佐藤 花子"})
        create_contact(a, company.id, {"name": "鈴木 一郎"})
        sync(a, factory)
        sync(b, factory)
        b_company = b.execute("SELECT id FROM companies").fetchone()[0]
        b_people = [row[0] for row in b.execute("SELECT id FROM contacts ORDER BY name")]
        delete_contact(a, left.id)  # A deletes a person while B links them
        add_relationship(b, b_company, b_people[0], b_people[1], "introduced")
        sync(a, factory)
        sync(b, factory)
        sync(a, factory)
        _live_server_matches(server, a, b)
        assert b.execute("SELECT count(*) FROM relationships").fetchone()[0] == 0

        delete_companies(a, [company.id])  # A deletes the account while B calls it
        log_outcome(b, b_company, "connected", plan_next=False)
        create_plan(b, b_company, "2026-12-01")
        sync(a, factory)
        sync(b, factory)
        sync(a, factory)
        _live_server_matches(server, a, b)
        assert b.execute("SELECT count(*) FROM companies").fetchone()[0] == 0
        a.close()
        b.close()
