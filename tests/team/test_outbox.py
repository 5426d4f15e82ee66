"""Change capture on the laptop: every write of a synced table lands in the outbox in its transaction."""

from __future__ import annotations

import pytest

from models.accounts.companies import create_company, create_contact, delete_companies, update_company
from models.planning.touches import log_outcome
from models.store.db import now_iso, stamp, writing
from models.team.outbox import is_recording, pending, set_recording


@pytest.fixture
def recording_db(fresh_db):
    set_recording(fresh_db, True)
    return fresh_db


def _entries(db):
    return [(entry.table_name, entry.row_uid, entry.op, entry.fields) for entry in pending(db)]


def test_a_file_not_bound_to_a_team_keeps_no_outbox(fresh_db):
    assert not is_recording(fresh_db)
    create_company(fresh_db, {"name": "株式会社ひとり"})
    assert pending(fresh_db) == []


def test_a_new_company_and_person_are_recorded_by_uid(recording_db):
    company = create_company(recording_db, {"name": "株式会社記録"})
    contact = create_contact(recording_db, company.id, {"name": "山田 太郎"})
    assert _entries(recording_db) == [
        ("companies", company.uid, "insert", None), ("contacts", contact.uid, "insert", None)]


def test_the_outbox_row_is_written_in_the_same_transaction_as_the_write(recording_db):
    with writing(recording_db):
        recording_db.table("companies").insert(stamp({"name": "株式会社同時"}))
        assert [entry.op for entry in pending(recording_db)] == ["insert"]


def test_a_rolled_back_write_leaves_no_outbox_row(recording_db):
    with pytest.raises(RuntimeError), writing(recording_db):
        recording_db.table("companies").insert(stamp({"name": "株式会社取消"}))
        raise RuntimeError("the write fails after the insert")
    assert recording_db.execute("SELECT count(*) FROM companies").fetchone()[0] == 0
    assert pending(recording_db) == []


def test_an_update_names_the_fields_it_changed_and_a_no_change_is_not_recorded(recording_db):
    company = create_company(recording_db, {"name": "株式会社変更", "prefecture": "東京都"})
    update_company(recording_db, company.id, {"name": "株式会社変更後", "rank": "A"})
    update_company(recording_db, company.id, {"prefecture": "東京都"})  # the same value: nothing changed
    assert _entries(recording_db)[1:] == [("companies", company.uid, "update", ("name", "rank"))]


def test_a_logged_call_records_the_touch_not_the_companys_derived_columns(recording_db):
    company = create_company(recording_db, {"name": "株式会社架電"})
    before = len(pending(recording_db))
    log_outcome(recording_db, company.id, "not_available", plan_next=False)
    recorded = pending(recording_db)[before:]
    assert [entry.table_name for entry in recorded if entry.op == "insert"] == ["touches"]
    derived = {"last_touch_at", "first_touch_at", "open_plans", "score", "search_key"}
    assert all(not derived & set(entry.fields or ()) for entry in recorded if entry.op == "update")


def test_a_delete_is_recorded_for_the_row_and_what_it_cascades_to(recording_db):
    company = create_company(recording_db, {"name": "株式会社削除"})
    contact = create_contact(recording_db, company.id, {"name": "佐藤 花子"})
    log_outcome(recording_db, company.id, "not_available", plan_next=False)
    touch_uid = recording_db.execute("SELECT uid FROM touches").fetchone()[0]
    delete_companies(recording_db, [company.id])
    deletes = {(entry.table_name, entry.row_uid) for entry in pending(recording_db) if entry.op == "delete"}
    assert deletes == {("companies", company.uid), ("contacts", contact.uid), ("touches", touch_uid)}


def test_writes_while_recording_is_off_are_not_recorded(recording_db):
    set_recording(recording_db, False)
    with writing(recording_db):
        recording_db.table("companies").insert(stamp({"name": "株式会社受信", "updated_at": now_iso()}))
    assert pending(recording_db) == []


def test_changing_the_working_time_zone_sends_nothing_and_keeps_recording(recording_db):
    """The zone change rewrites every stamp's offset, not a moment: nothing for the team to learn."""
    from datetime import datetime, timedelta, timezone

    from models.store.clock import working_zone
    from models.store.time_zone import set_time_zone

    db = recording_db
    company = create_company(db, {"name": "株式会社時差"})
    log_outcome(db, company.id, "not_available", at=datetime(2026, 11, 19, 10, 0, tzinfo=timezone(
        timedelta(hours=9))), plan_next=False)
    before = len(pending(db))
    zone = working_zone()
    try:
        changed = set_time_zone(db, "America/Los_Angeles")
        assert changed.count > 0  # the stamps were rewritten ...
        assert db.execute("SELECT at FROM touches").fetchone()[0].endswith("-08:00")
        assert len(pending(db)) == before  # ... and the outbox did not record them
        assert is_recording(db)
        update_company(db, company.id, {"name": "株式会社時差（変更）"})
        assert _entries(db)[-1] == ("companies", company.uid, "update", ("name",))
    finally:
        set_time_zone(db, getattr(zone, "key", None) or "Asia/Tokyo")
