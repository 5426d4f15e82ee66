"""Meetings: validation with plain Japanese messages, attendees, lists, and transactions."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from models.accounts.companies import create_company, create_contact
from models.meetings.meetings import (
    attendees,
    create_meeting,
    delete_meeting,
    field_reps,
    get_meeting,
    list_meetings,
    meetings_on,
    set_attendees,
    update_meeting,
)
from models.store.db import stamp, writing
from models.store.errors import NotFound, ValidationError

JST = timezone(timedelta(hours=9))


@pytest.fixture
def account(fresh_db):
    """(db, company, [contacts]) with two contacts."""
    company = create_company(fresh_db, {"name": "株式会社みなと精機"})
    people = [create_contact(fresh_db, company.id, {"name": "佐藤 恵子", "role": "hr"}),
              create_contact(fresh_db, company.id, {"name": "鈴木 健一", "role": "field"})]
    return fresh_db, company, people


def count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_create_meeting_with_attendees_and_notes(account):
    db, company, (sato, suzuki) = account
    meeting = create_meeting(
        db, company.id,
        {"starts_at": "2025-01-16T10:00:00+09:00", "duration_min": "９０分", "field_rep": " 山本 大輔 ",
         "online_url": "meet.example.jp/abc", "notes_needs": "シフト作成に時間がかかる。", "place": ""},
        attendee_ids=[suzuki.id, sato.id, suzuki.id], attendee_notes={sato.id: "窓口。数字で判断される。"},
    )
    assert meeting == get_meeting(db, meeting.id)
    assert meeting.starts_at == "2025-01-16T10:00:00+09:00"
    assert meeting.duration_min == 90 and meeting.field_rep == "山本 大輔" and meeting.place is None
    assert meeting.online_url == "https://meet.example.jp/abc"
    assert meeting.status == "scheduled" and meeting.notes_needs == "シフト作成に時間がかかる。"
    assert [(c.name, note) for c, note in attendees(db, meeting.id)] == [
        ("鈴木 健一", None), ("佐藤 恵子", "窓口。数字で判断される。")]


def test_start_time_accepts_datetimes_and_local_text(account):
    db, company, _ = account
    aware = create_meeting(db, company.id, {"starts_at": datetime(2025, 1, 16, 14, 30, tzinfo=JST)})
    assert aware.starts_at == "2025-01-16T14:30:00+09:00"
    local = create_meeting(db, company.id, {"starts_at": "２０２５-０１-１６ ０９：００"})
    assert datetime.fromisoformat(local.starts_at).utcoffset() is not None
    assert local.starts_at.startswith("2025-01-16T09:00:00")


@pytest.mark.parametrize("values, message", [
    ({}, "日時"),
    ({"starts_at": ""}, "日時"),
    ({"starts_at": "来週の火曜"}, "読み取れません"),
    ({"starts_at": "2025-01-16"}, "開始時刻"),
    ({"starts_at": date(2025, 1, 16)}, "日時"),
    ({"starts_at": "2025-01-16 10:00", "duration_min": 0}, "所要時間"),
    ({"starts_at": "2025-01-16 10:00", "duration_min": -30}, "所要時間"),
    ({"starts_at": "2025-01-16 10:00", "duration_min": "一時間"}, "所要時間"),
    ({"starts_at": "2025-01-16 10:00", "online_url": "ftp://files.example.jp/x"}, "URL"),
    ({"starts_at": "2025-01-16 10:00", "online_url": "zoomで送ります"}, "URL"),
    ({"starts_at": "2025-01-16 10:00", "online_url": "https://meet.example.jp/a b"}, "URL"),
    ({"starts_at": "2025-01-16 10:00", "status": "done"}, "ステータス"),
    ({"starts_at": "2025-01-16 10:00", "outcome": "maybe"}, "商談結果"),
    ({"starts_at": "2025-01-16 10:00", "colour": "blue"}, "不明な名前"),
])
def test_values_that_do_not_fit_are_refused_in_japanese(account, values, message):
    db, company, _ = account
    with pytest.raises(ValidationError, match=message) as caught:
        create_meeting(db, company.id, values)
    assert str(caught.value).endswith(("。", "）")) or ":" in str(caught.value)
    assert count(db, "meetings") == 0


def test_attendees_must_belong_to_the_company_and_nothing_is_half_written(account):
    db, company, (sato, _) = account
    other = create_company(db, {"name": "別会社"})
    stranger = create_contact(db, other.id, {"name": "部外 者"})
    with pytest.raises(ValidationError, match="この会社の担当者ではありません"):
        create_meeting(db, company.id, {"starts_at": "2025-01-16 10:00"}, attendee_ids=[sato.id, stranger.id])
    assert count(db, "meetings") == 0 and count(db, "meeting_attendees") == 0


def test_missing_company_and_meeting_are_not_found(account):
    db, _, _ = account
    with pytest.raises(NotFound):
        create_meeting(db, 999, {"starts_at": "2025-01-16 10:00"})
    with pytest.raises(NotFound, match="商談"):
        get_meeting(db, 999)
    with pytest.raises(NotFound):
        update_meeting(db, 999, {"purpose": "x"})


def test_appointment_touch_must_be_of_the_same_company(account):
    db, company, _ = account
    other = create_company(db, {"name": "別会社"})
    touch = db.table("touches").insert(stamp({"company_id": other.id, "at": "2025-01-09T16:00:00+09:00",
                                              "outcome": "appointment"})).last_pk
    with pytest.raises(ValidationError, match="アポ獲得の記録"):
        create_meeting(db, company.id, {"starts_at": "2025-01-16 10:00", "touch_id": touch})


def test_create_meeting_joins_an_outer_transaction(account):
    db, company, (sato, _) = account
    with pytest.raises(RuntimeError), writing(db):
        db.table("touches").insert(stamp({"company_id": company.id, "at": "2025-01-09T16:00:00+09:00",
                                          "outcome": "appointment"}))
        create_meeting(db, company.id, {"starts_at": "2025-01-16 10:00"}, attendee_ids=[sato.id])
        raise RuntimeError("the call log failed after the meeting was made")
    assert count(db, "touches") == 0 and count(db, "meetings") == 0

    with writing(db):  # a refused meeting rolls back to its savepoint; the outer write stands
        db.table("touches").insert(stamp({"company_id": company.id, "at": "2025-01-09T16:00:00+09:00"}))
        with pytest.raises(ValidationError):
            create_meeting(db, company.id, {"starts_at": "2025-01-16 10:00", "duration_min": 0})
    assert count(db, "touches") == 1 and count(db, "meetings") == 0


def test_update_meeting_changes_fields_and_replaces_attendees(account):
    db, company, (sato, suzuki) = account
    meeting = create_meeting(db, company.id, {"starts_at": "2025-01-16 10:00"}, attendee_ids=[sato.id])
    changed = update_meeting(db, meeting.id, {"starts_at": "2025-01-17T15:00:00+09:00", "status": "held",
                                              "outcome": "won", "outcome_reason": "timing"},
                             attendee_ids=[suzuki.id], attendee_notes={suzuki.id: "現場の責任者"})
    assert changed.starts_at == "2025-01-17T15:00:00+09:00"
    assert (changed.status, changed.outcome, changed.outcome_reason) == ("held", "won", "timing")
    assert [(c.id, note) for c, note in attendees(db, meeting.id)] == [(suzuki.id, "現場の責任者")]
    assert update_meeting(db, meeting.id, {"purpose": "デモ"}).purpose == "デモ"
    assert len(attendees(db, meeting.id)) == 1  # attendees untouched when not given
    with pytest.raises(ValidationError):
        update_meeting(db, meeting.id, {"starts_at": None})


def test_set_attendees_and_delete(account):
    db, company, (sato, suzuki) = account
    meeting = create_meeting(db, company.id, {"starts_at": "2025-01-16 10:00"})
    chosen = set_attendees(db, meeting.id, [sato.id, suzuki.id]).attendees
    assert [c.id for c, _ in chosen] == [sato.id, suzuki.id]
    assert set_attendees(db, meeting.id, []).attendees == []
    set_attendees(db, meeting.id, [sato.id], {sato.id: "メモ"})
    delete_meeting(db, meeting.id)
    assert count(db, "meetings") == 0 and count(db, "meeting_attendees") == 0


def test_list_meetings_filters_by_dates_rep_and_status(account):
    db, company, (sato, _) = account
    other = create_company(db, {"name": "株式会社あおば"})
    made = [
        create_meeting(db, company.id, {"starts_at": "2025-01-15 17:00", "field_rep": "山本"},
                       attendee_ids=[sato.id]),
        create_meeting(db, other.id, {"starts_at": "2025-01-16 09:00", "field_rep": "田村"}),
        create_meeting(db, company.id, {"starts_at": "2025-01-16 23:30", "field_rep": "山本",
                                        "status": "held"}),
        create_meeting(db, other.id, {"starts_at": "2025-01-17 00:00", "status": "cancelled"}),
    ]
    rows = list_meetings(db)
    assert [r.meeting.id for r in rows] == [m.id for m in made]
    assert (rows[0].company_name, rows[0].attendee_count) == ("株式会社みなと精機", 1)
    assert [r.meeting.id for r in list_meetings(db, start=date(2025, 1, 16), end=date(2025, 1, 16))] == [
        made[1].id, made[2].id]
    assert [r.meeting.id for r in list_meetings(db, field_rep=" 山本 ")] == [made[0].id, made[2].id]
    assert [r.meeting.id for r in list_meetings(db, status="held")] == [made[2].id]
    assert list_meetings(db, start=date(2025, 2, 1)) == []
    with pytest.raises(ValidationError):
        list_meetings(db, status="done")
    assert field_reps(db) == ["山本", "田村"]


def test_meetings_on_a_day_leave_out_cancelled_ones(account):
    db, company, _ = account
    late = create_meeting(db, company.id, {"starts_at": "2025-01-16 16:00"})
    early = create_meeting(db, company.id, {"starts_at": "2025-01-16 09:30"})
    create_meeting(db, company.id, {"starts_at": "2025-01-16 11:00", "status": "cancelled"})
    create_meeting(db, company.id, {"starts_at": "2025-01-17 09:30"})
    assert [m.id for m in meetings_on(db, date(2025, 1, 16))] == [early.id, late.id]
    assert meetings_on(db, date(2025, 1, 18)) == []
