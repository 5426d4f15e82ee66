"""Small builders shared by the call-session tests (companies, contacts, lists) and a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from models.store.db import stamp, writing

JST = timezone(timedelta(hours=9))
# Friday 20 November 2026, 10:00 in Tokyo; Monday 23 November is 勤労感謝の日.
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=JST)


def add_company(db, name="株式会社テスト", **values) -> int:
    row = {"name": name, "name_kana": values.pop("name_kana", None), "status": "untouched", **values}
    with writing(db):
        return db.table("companies").insert(stamp(row)).last_pk


def add_contact(db, company_id, name="山田 太郎", role="other") -> int:
    with writing(db):
        row = stamp({"company_id": company_id, "name": name, "role": role})
        return db.table("contacts").insert(row).last_pk


def add_list(db, name, members) -> int:
    """A target list with ``members`` as (company_id, priority) pairs."""
    with writing(db):
        list_id = db.table("target_lists").insert(stamp({"name": name})).last_pk
        for company_id, priority in members:
            db.table("list_members").insert(
                stamp({"list_id": list_id, "company_id": company_id, "priority": priority})
            )
    return list_id


def company(db, company_id) -> dict:
    return next(db.query("SELECT * FROM companies WHERE id = ?", [company_id]))


def count(db, table, where="1", params=()) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", list(params)).fetchone()[0]
