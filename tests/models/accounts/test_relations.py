"""Links between contacts, deletes with undo, 異動/退職, map positions and "when did we last speak"."""

from __future__ import annotations

from datetime import date

import pytest

from models.accounts.companies import create_contact, get_contact
from models.accounts.relations import (
    add_relationship,
    delete_contact_with_undo,
    delete_relationship,
    get_relationship,
    last_spoken,
    mark_active,
    mark_moved,
    relationships_for,
    restore_contact,
    restore_relationship,
    save_positions,
    update_relationship,
)
from models.store.db import stamp, writing
from models.store.errors import NotFound, ValidationError
from tests.models.call_helpers import add_company, add_contact, count


@pytest.fixture
def account(fresh_db):
    """株式会社アクメ with 窓口 A, 人事 B, 現場 C; and another company with one person."""
    db = fresh_db
    company = add_company(db, "株式会社アクメ")
    other = add_company(db, "株式会社ベータ")
    ids = {
        "a": add_contact(db, company, "受付 花子", "gatekeeper"),
        "b": add_contact(db, company, "人事 次郎", "hr"),
        "c": add_contact(db, company, "現場 三郎", "field"),
        "x": add_contact(db, other, "他社 四郎"),
    }
    return db, company, ids


def rows(db, table):
    return [dict(row) for row in db.query(f"SELECT * FROM {table} ORDER BY id")]


def test_add_relationship_stores_every_field(account):
    db, company, p = account
    link = add_relationship(db, company, p["a"], p["b"], "introduced", note=" 電話で紹介 ",
                            as_of=date(2025, 4, 1), source="A様との通話")
    assert (link.from_contact_id, link.to_contact_id, link.kind) == (p["a"], p["b"], "introduced")
    assert (link.note, link.as_of, link.source) == ("電話で紹介", "2025-04-01", "A様との通話")
    assert link.company_id == company and link.uid
    assert relationships_for(db, company) == [link]


@pytest.mark.parametrize("case, words", [
    ("self", "同じ方どうし"),
    ("other_company", "この会社の方ではない"),
    ("kind", "関係の種類"),
    ("as_of", "日付として読めません"),
])
def test_add_relationship_refuses_bad_links_in_plain_japanese(account, case, words):
    db, company, p = account
    args = {
        "self": (p["a"], p["a"], "works_with", None),
        "other_company": (p["a"], p["x"], "works_with", None),
        "kind": (p["a"], p["b"], "likes", None),
        "as_of": (p["a"], p["b"], "works_with", "昨年の春"),
    }[case]
    with pytest.raises(ValidationError) as error:
        add_relationship(db, company, args[0], args[1], args[2], as_of=args[3])
    assert words in str(error.value)
    assert str(error.value).endswith("。")
    assert count(db, "relationships") == 0


def test_duplicates_are_refused_and_undirected_kinds_count_both_ways(account):
    db, company, p = account
    add_relationship(db, company, p["a"], p["b"], "works_with")
    with pytest.raises(ValidationError, match="すでに登録"):
        add_relationship(db, company, p["b"], p["a"], "works_with")
    add_relationship(db, company, p["a"], p["b"], "introduced")
    add_relationship(db, company, p["b"], p["a"], "introduced")  # directed: the other way is new
    assert count(db, "relationships") == 3


def test_reports_to_loops_are_refused(account):
    db, company, p = account
    add_relationship(db, company, p["c"], p["b"], "reports_to")  # B is C's boss
    add_relationship(db, company, p["b"], p["a"], "reports_to")  # A is B's boss
    with pytest.raises(ValidationError, match="上司にはできません"):
        add_relationship(db, company, p["a"], p["c"], "reports_to")


def test_missing_contact_is_not_found(account):
    db, company, p = account
    with pytest.raises(NotFound):
        add_relationship(db, company, p["a"], 9999, "works_with")


def test_update_relationship_retypes_and_rechecks(account):
    db, company, p = account
    link = add_relationship(db, company, p["a"], p["b"], "works_with", note="旧メモ")
    other = add_relationship(db, company, p["b"], p["c"], "influences")
    changed = update_relationship(db, link.id, {"kind": "introduced", "note": "", "as_of": "2025-10-01"})
    assert (changed.kind, changed.note, changed.as_of) == ("introduced", None, "2025-10-01")
    assert changed.uid == link.uid
    with pytest.raises(ValidationError, match="すでに登録"):
        update_relationship(db, other.id, {"from_contact_id": p["a"], "to_contact_id": p["b"],
                                           "kind": "introduced"})
    with pytest.raises(ValidationError, match="不明な名前"):
        update_relationship(db, link.id, {"company_id": 2})
    with pytest.raises(ValidationError, match="同じ方どうし"):
        update_relationship(db, link.id, {"to_contact_id": p["a"]})
    assert get_relationship(db, other.id).kind == "influences"


def test_delete_relationship_and_undo_restores_the_same_row(account):
    db, company, p = account
    link = add_relationship(db, company, p["a"], p["b"], "introduced", note="紹介")
    before = rows(db, "relationships")
    snapshot = delete_relationship(db, link.id)
    assert count(db, "relationships") == 0
    restored = restore_relationship(db, snapshot)
    assert restored == link
    assert rows(db, "relationships") == before
    with pytest.raises(NotFound):
        delete_relationship(db, 9999)


def test_relationship_cannot_come_back_once_a_person_is_gone(account):
    db, company, p = account
    snapshot = delete_relationship(db, add_relationship(db, company, p["a"], p["b"], "introduced").id)
    delete_contact_with_undo(db, p["b"])
    with pytest.raises(NotFound):
        restore_relationship(db, snapshot)


def test_delete_contact_with_undo_puts_everything_back(account):
    db, company, p = account
    add_relationship(db, company, p["a"], p["b"], "introduced")
    add_relationship(db, company, p["c"], p["b"], "reports_to")
    add_relationship(db, company, p["a"], p["c"], "works_with")
    mark_moved(db, p["a"], "moved", "2025-04-01", successor_id=p["b"])
    with writing(db):
        touch = db.table("touches").insert(stamp({
            "company_id": company, "contact_id": p["b"], "at": "2025-05-01T10:00:00+09:00",
            "outcome": "connected",
        })).last_pk
        plan = db.table("plans").insert(stamp({"company_id": company, "contact_id": p["b"],
                                               "due": "2025-06-01"})).last_pk
        meeting = db.table("meetings").insert(stamp({"company_id": company,
                                                     "starts_at": "2025-06-10T14:00:00+09:00"})).last_pk
        db.table("meeting_attendees").insert(stamp({"meeting_id": meeting, "contact_id": p["b"],
                                                    "note": "人事"}))
    tables = ("contacts", "relationships", "touches", "plans", "meeting_attendees")
    before = {t: rows(db, t) for t in tables}

    snapshot = delete_contact_with_undo(db, p["b"])
    assert count(db, "contacts", "id = ?", [p["b"]]) == 0
    assert count(db, "relationships") == 1
    assert db.execute("SELECT contact_id FROM touches WHERE id = ?", [touch]).fetchone()[0] is None
    assert db.execute("SELECT contact_id FROM plans WHERE id = ?", [plan]).fetchone()[0] is None
    assert get_contact(db, p["a"]).successor_id is None
    assert {r.kind for r in snapshot.relationships} == {"introduced", "reports_to"}

    restored = restore_contact(db, snapshot)
    assert (restored.id, restored.uid) == (p["b"], before["contacts"][1]["uid"])
    assert {t: rows(db, t) for t in tables} == before


def test_restore_keeps_the_uid_when_the_id_was_taken_meanwhile(account):
    db, company, p = account
    add_relationship(db, company, p["c"], p["b"], "reports_to")
    uid = get_contact(db, p["c"]).uid
    snapshot = delete_contact_with_undo(db, p["c"])  # the highest id of the company
    newcomer = create_contact(db, company, {"name": "新人 五郎"})
    restored = restore_contact(db, snapshot)
    assert restored.uid == uid and restored.id != newcomer.id
    (link,) = relationships_for(db, company)
    assert (link.from_contact_id, link.to_contact_id) == (restored.id, p["b"])


def test_restore_drops_links_to_people_deleted_since(account):
    db, company, p = account
    add_relationship(db, company, p["a"], p["b"], "introduced")
    add_relationship(db, company, p["b"], p["c"], "works_with")
    snapshot = delete_contact_with_undo(db, p["b"])
    delete_contact_with_undo(db, p["c"])
    restore_contact(db, snapshot)
    links = relationships_for(db, company)
    assert [(r.from_contact_id, r.to_contact_id) for r in links] == [(p["a"], p["b"])]


def test_mark_moved_keeps_the_person_and_names_the_successor(account):
    db, company, p = account
    moved = mark_moved(db, p["b"], "moved", date(2025, 4, 1), successor_id=p["c"])
    assert (moved.employment, moved.employment_changed_on) == ("moved", "2025-04-01")
    assert moved.successor_id == p["c"]
    left = mark_moved(db, p["a"], "left", "2025-10-01")
    assert (left.employment, left.successor_id) == ("left", None)
    assert count(db, "contacts", "company_id = ?", [company]) == 3
    again = mark_active(db, p["b"])
    assert (again.employment, again.employment_changed_on, again.successor_id) == ("active", None, None)


@pytest.mark.parametrize("kind, on, successor, words", [
    ("retired", "2025-04-01", None, "種類が正しくありません"),
    ("moved", None, None, "異動日を入力"),
    ("left", "4月", None, "日付として読めません"),
    ("moved", "2025-04-01", "self", "ご本人"),
    ("moved", "2025-04-01", "x", "この会社の方ではない"),
])
def test_mark_moved_refuses_bad_input(account, kind, on, successor, words):
    db, _, p = account
    successor_id = {"self": p["b"], "x": p["x"], None: None}[successor]
    with pytest.raises(ValidationError, match=words):
        mark_moved(db, p["b"], kind, on, successor_id=successor_id)
    assert get_contact(db, p["b"]).employment == "active"


def test_save_positions_is_one_transaction_and_returns_the_undo(account):
    db, _, p = account
    assert save_positions(db, {p["a"]: (10.0, 20.0)}).previous == {p["a"]: None}
    previous = save_positions(db, {p["a"]: (30, 40), p["b"]: (50.5, 60.25)}).previous
    assert previous == {p["a"]: (10.0, 20.0), p["b"]: None}
    assert (get_contact(db, p["b"]).map_x, get_contact(db, p["b"]).map_y) == (50.5, 60.25)
    save_positions(db, previous)  # undo
    assert (get_contact(db, p["a"]).map_x, get_contact(db, p["b"]).map_x) == (10.0, None)
    with pytest.raises(NotFound):
        save_positions(db, {p["a"]: (1, 1), 9999: (2, 2)})
    assert get_contact(db, p["a"]).map_x == 10.0  # nothing of the failed call was kept
    with pytest.raises(ValidationError):
        save_positions(db, {p["a"]: (float("nan"), 0)})


def test_last_spoken_counts_only_talks(account):
    db, company, p = account
    d = add_contact(db, company, "会議 六郎")
    e = add_contact(db, company, "予定 七郎")

    def touch(contact, at, outcome, kind="call", reached=0):
        db.table("touches").insert(stamp({
            "company_id": company, "contact_id": contact, "at": at, "kind": kind, "outcome": outcome,
            "reached_decision_maker": reached,
        }))

    with writing(db):
        touch(p["a"], "2025-03-01T10:00:00+09:00", "connected")
        touch(p["a"], "2025-05-01T10:00:00+09:00", "not_available")  # not a talk
        touch(p["b"], "2025-04-02T09:00:00+09:00", "gatekeeper_block")
        touch(p["b"], "2025-04-03T09:00:00+09:00", "callback_requested", reached=1)  # a connect
        touch(p["c"], "2025-02-01T09:00:00+09:00", None, kind="visit")
        for contact, status, day in ((d, "held", "2025-06-01"), (e, "scheduled", "2025-07-01")):
            meeting = db.table("meetings").insert(stamp({"company_id": company, "status": status,
                                                         "starts_at": f"{day}T14:00:00+09:00"})).last_pk
            db.table("meeting_attendees").insert(stamp({"meeting_id": meeting, "contact_id": contact}))
    assert last_spoken(db, company) == {
        p["a"]: date(2025, 3, 1), p["b"]: date(2025, 4, 3), p["c"]: date(2025, 2, 1), d: date(2025, 6, 1),
        e: None,
    }
