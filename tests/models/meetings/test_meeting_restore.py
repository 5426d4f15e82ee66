"""Deleting a meeting so that undo can put it back exactly."""

from __future__ import annotations

import pytest

from models.accounts.companies import create_company, create_contact, delete_companies, delete_contact
from models.meetings.meetings import attendees, create_meeting, get_meeting
from models.meetings.restore import delete_meeting_keeping, restore_meeting
from models.store.errors import NotFound


@pytest.fixture
def meeting(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社みなと精機"})
    first = create_contact(fresh_db, company.id, {"name": "佐藤 恵子", "role": "hr"})
    second = create_contact(fresh_db, company.id, {"name": "鈴木 健一", "role": "field"})
    created = create_meeting(fresh_db, company.id, {"starts_at": "2025-01-16 10:00", "field_rep": "山本 大輔",
                                                    "notes_needs": "シフト作成に毎月20時間"},
                             attendee_ids=[second.id, first.id], attendee_notes={first.id: "窓口"})
    return fresh_db, created, first, second


def test_delete_then_restore_gives_back_the_same_meeting_and_attendees(meeting):
    db, created, first, second = meeting
    before = attendees(db, created.id)
    snapshot = delete_meeting_keeping(db, created.id)
    with pytest.raises(NotFound):
        get_meeting(db, created.id)
    assert db.execute("SELECT count(*) FROM meeting_attendees").fetchone()[0] == 0
    restore_meeting(db, snapshot)
    assert get_meeting(db, created.id) == created
    assert attendees(db, created.id) == before  # same order, same notes
    assert [c.id for c, _ in before] == [second.id, first.id]


def test_an_attendee_deleted_meanwhile_stays_out(meeting):
    db, created, first, second = meeting
    snapshot = delete_meeting_keeping(db, created.id)
    delete_contact(db, first.id)
    restore_meeting(db, snapshot)
    assert [c.id for c, _ in attendees(db, created.id)] == [second.id]


def test_a_company_deleted_meanwhile_is_a_plain_error(meeting):
    db, created, *_ = meeting
    snapshot = delete_meeting_keeping(db, created.id)
    delete_companies(db, [created.company_id])
    with pytest.raises(NotFound, match="会社は削除されている"):
        restore_meeting(db, snapshot)
    assert db.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0


def test_deleting_a_missing_meeting_says_so(fresh_db):
    with pytest.raises(NotFound, match="見つかりません"):
        delete_meeting_keeping(fresh_db, 404)
