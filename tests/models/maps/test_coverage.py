"""Coverage hints on hand-built accounts whose right answers are known."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.accounts.relations import add_relationship, mark_moved
from models.maps.coverage import coverage_hints, hints_from
from models.maps.layout import MapLink, MapPerson
from models.store.db import stamp, writing
from tests.models.call_helpers import add_company, add_contact

TODAY = date(2026, 4, 15)
RECENT = TODAY - timedelta(days=10)
LONG_AGO = TODAY - timedelta(days=91)


def person(pid, role, employment="active", successor=None, name=None):
    return MapPerson(pid, name or f"担当{pid}", None, None, role, employment,
                     "2026-04-01" if employment != "active" else None, successor)


def codes(people, spoken=None, links=()):
    return [h.code for h in hints_from(people, list(links), spoken or {}, TODAY)]


# Each account: people, when we spoke with whom, and exactly the hints it must give.
ACCOUNTS = {
    "empty": ([], {}, ["no_contacts"]),
    "the typical stall: 窓口 and 人事 reached, no field person known": (
        [person(1, "gatekeeper"), person(2, "hr")], {1: RECENT, 2: RECENT},
        ["no_decision_maker", "hr_not_field"]),
    "field person known but not reached": (
        [person(1, "hr"), person(2, "field"), person(3, "decision_maker")], {1: RECENT},
        ["hr_not_field"]),
    "field reached: nothing missing": (
        [person(1, "hr"), person(2, "field"), person(3, "decision_maker")], {1: RECENT, 2: LONG_AGO}, []),
    "HR not reached yet: not the stall": (
        [person(1, "hr"), person(2, "decision_maker")], {}, []),
    "only contact, last spoken 91 days ago": (
        [person(1, "decision_maker")], {1: LONG_AGO}, ["only_contact_stale"]),
    "only contact, spoken 90 days ago": (
        [person(1, "decision_maker")], {1: TODAY - timedelta(days=90)}, []),
    "only contact, never reached": ([person(1, "decision_maker")], {}, []),
    "two contacts, both long ago": (
        [person(1, "decision_maker"), person(2, "gatekeeper")], {1: LONG_AGO, 2: LONG_AGO}, []),
    "only active contact besides someone who left": (
        [person(1, "decision_maker"), person(2, "gatekeeper", "left", successor=1)], {1: LONG_AGO},
        ["only_contact_stale"]),
    "moved without successor": (
        [person(1, "decision_maker"), person(2, "hr", "moved")], {1: RECENT}, ["successor_unknown"]),
    "left, successor named, not yet reached": (
        [person(1, "decision_maker"), person(2, "hr", "left", successor=3), person(3, "hr")], {1: RECENT},
        ["successor_not_reached"]),
    "left, successor already reached": (
        [person(1, "decision_maker"), person(2, "other", "left", successor=3), person(3, "other")],
        {1: RECENT, 3: RECENT}, []),
    "the decision maker moved: no decision maker any more": (
        [person(1, "decision_maker", "moved"), person(2, "gatekeeper")], {2: RECENT},
        ["no_decision_maker", "successor_unknown"]),
    "blocker without champion": (
        [person(1, "decision_maker"), person(2, "blocker")], {}, ["blocker_without_champion"]),
    "blocker with champion": (
        [person(1, "decision_maker"), person(2, "blocker"), person(3, "champion")], {}, []),
    "a champion who left does not count": (
        [person(1, "decision_maker"), person(2, "blocker"), person(3, "champion", "left", successor=1)],
        {1: RECENT}, ["blocker_without_champion"]),
    "a blocker who left is no blocker": (
        [person(1, "decision_maker"), person(2, "blocker", "left", successor=1)], {1: RECENT}, []),
}


@pytest.mark.parametrize("name", ACCOUNTS)
def test_each_hint_appears_exactly_when_it_should(name):
    people, spoken, expected = ACCOUNTS[name]
    assert codes(people, spoken) == expected


def test_hints_do_not_depend_on_input_order():
    people, spoken, _ = ACCOUNTS["the decision maker moved: no decision maker any more"]
    assert hints_from(people[::-1], [], spoken, TODAY) == hints_from(people, [], spoken, TODAY)


def test_the_typical_stall_says_what_to_do_next():
    hints = hints_from([person(1, "gatekeeper"), person(2, "hr")], [MapLink(1, 2, "introduced")],
                       {1: RECENT, 2: RECENT}, TODAY)
    by_code = {h.code: h for h in hints}
    assert by_code["no_decision_maker"].message_ja == (
        "決裁者が分かっていません。窓口の方に決裁の流れを伺いましょう。")
    assert by_code["no_decision_maker"].contact_ids == (1,)
    stall = by_code["hr_not_field"]
    assert stall.message_ja == (
        "人事とは話せていますが現場の方に届いていません（現場の困りごとがわからない状態）。"
        "人事の方に現場責任者をご紹介いただけないか相談しましょう。")
    assert (stall.severity, stall.contact_ids) == ("warning", (2,))


def test_messages_name_the_people_and_the_next_step():
    people = [person(1, "decision_maker", name="佐藤 一郎"), person(2, "hr", "moved", name="鈴木 二郎"),
              person(3, "field", "left", successor=4, name="田中 三郎"), person(4, "field", name="高橋 四郎"),
              person(5, "blocker", name="伊藤 五郎")]
    hints = {h.code: h for h in hints_from(people, [], {1: RECENT}, TODAY)}
    assert hints["successor_unknown"].message_ja == (
        "鈴木 二郎様は異動されています（2026/04/01）。後任の方を確認しましょう。")
    assert hints["successor_not_reached"].severity == "info"
    assert "後任の高橋 四郎様" in hints["successor_not_reached"].message_ja
    assert hints["successor_not_reached"].contact_ids == (3, 4)
    assert "伊藤 五郎様" in hints["blocker_without_champion"].message_ja
    assert [h.severity for h in hints.values()] == sorted((h.severity for h in hints.values()),
                                                          key=["warning", "info"].index)
    stale = hints_from([person(1, "decision_maker", name="佐藤 一郎")], [], {1: LONG_AGO}, TODAY)[0]
    assert stale.message_ja.startswith(
        "接点が佐藤 一郎様お一人だけで、90日以上お話しできていません（最後は2026/01/14）")
    known = hints_from([person(1, "hr"), person(2, "field", name="高橋 四郎")], [], {1: RECENT}, TODAY)
    stall = next(h for h in known if h.code == "hr_not_field")
    assert "現場の高橋 四郎様にはまだ届いていません" in stall.message_ja
    for hint in [*hints.values(), stale]:
        assert hint.message_ja.endswith("。")


def test_coverage_hints_reads_the_store(fresh_db):
    db = fresh_db
    company = add_company(db, "株式会社アクメ")
    a = add_contact(db, company, "受付 花子", "gatekeeper")
    b = add_contact(db, company, "人事 次郎", "hr")
    c = add_contact(db, company, "前任 三郎", "decision_maker")
    add_relationship(db, company, a, b, "introduced")
    mark_moved(db, c, "moved", "2026-04-01")
    with writing(db):
        for contact, outcome in ((a, "connected"), (b, "info_sent")):
            db.table("touches").insert(stamp({"company_id": company, "contact_id": contact,
                                              "outcome": outcome, "at": "2026-04-10T10:00:00+09:00"}))
    hints = coverage_hints(db, company, TODAY)
    assert [h.code for h in hints] == ["no_decision_maker", "hr_not_field", "successor_unknown"]
    assert hints[2].contact_ids == (c,)
    assert [h.code for h in coverage_hints(db, add_company(db, "空の会社"), TODAY)] == ["no_contacts"]
