"""Plans — the future touches of an account: create, list the open ones, complete, skip, reschedule.

A plan's ``due`` is a date ('YYYY-MM-DD') or a datetime with its offset ('YYYY-MM-DDTHH:MM:SS+09:00');
both sort correctly as text, which the agenda's indexed queries rely on.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from models.accounts.entities import Plan, from_row
from models.accounts.text_fields import clean_text
from models.accounts.vocab import PLAN_SOURCE, TOUCH_KIND
from models.store import clock
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError
from models.store.settings import current_caller

Due = date | datetime


def due_text(value: Due | str) -> str:
    """How a due date or time is stored: a datetime in the working zone (a naive one is taken as a time
    there), a date as 'YYYY-MM-DD'."""
    if isinstance(value, str):
        value = parse_due(value)
    if isinstance(value, datetime):
        return clock.iso(value)
    if isinstance(value, date):
        return value.isoformat()
    raise ValidationError(f"予定日「{value}」が読み取れません。日付（YYYY-MM-DD）か日時を指定してください。")


def parse_due(text: str) -> Due:
    """A stored (or typed) due back as a date, or a datetime when it has a time of day."""
    text = (text or "").strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise ValidationError(
            f"予定日「{text}」が読み取れません。日付（YYYY-MM-DD）か日時を指定してください。"
        ) from error


def due_day(value: Due | str) -> date:
    """The calendar day of a due, whether it has a time or not."""
    if isinstance(value, str):
        value = parse_due(value)
    return value.date() if isinstance(value, datetime) else value


def has_time(value: Due | str | None) -> bool:
    if isinstance(value, str):
        value = parse_due(value)
    return isinstance(value, datetime)


def get_plan(db: Database, plan_id: int) -> Plan:
    rows = list(db.query("SELECT * FROM plans WHERE id = ?", [plan_id]))
    if not rows:
        raise NotFound(f"予定（ID {plan_id}）が見つかりません。削除された可能性があります。")
    return from_row(Plan, rows[0])


def plan_row(
    company_id: int, due: Due | str, *, kind: str = "call", hypothesis: str | None = None,
    contact_id: int | None = None, source: str = "manual", now: str | None = None, caller: str | None = None,
) -> dict[str, Any]:
    """A checked, stamped row for the plans table (nothing written); ``caller``: who makes it
    (``settings.current_caller``)."""
    if kind not in TOUCH_KIND:
        raise ValidationError(f"不明な予定の種類です: {kind}")
    if source not in PLAN_SOURCE:
        raise ValidationError(f"不明な予定の作成元です: {source}")
    hypothesis = clean_text(hypothesis or "", multiline=True).strip() or None
    return stamp({
        "company_id": company_id, "contact_id": contact_id, "due": due_text(due), "kind": kind,
        "hypothesis": hypothesis, "source": source, "status": "open", "caller": caller,
    }, now=now)


def create_plan(
    db: Database, company_id: int, due: Due | str, *, kind: str = "call", hypothesis: str | None = None,
    contact_id: int | None = None, source: str = "manual",
) -> Plan:
    """Plan a future touch of a company, in the name of the current caller."""
    row = plan_row(company_id, due, kind=kind, hypothesis=hypothesis, contact_id=contact_id, source=source,
                   caller=current_caller(db))
    with writing(db):
        if db.execute("SELECT 1 FROM companies WHERE id = ?", [company_id]).fetchone() is None:
            raise NotFound(f"会社（ID {company_id}）が見つかりません。削除された可能性があります。")
        plan_id = inserted_id(db.table("plans").insert(row))
    return get_plan(db, plan_id)


def open_plans(db: Database, company_id: int) -> list[Plan]:
    """The open plans of a company, soonest first."""
    rows = db.query(
        "SELECT * FROM plans WHERE company_id = ? AND status = 'open' ORDER BY due, id", [company_id]
    )
    return [from_row(Plan, row) for row in rows]


def _open_plan(db: Database, plan_id: int) -> Plan:
    plan = get_plan(db, plan_id)
    if plan.status != "open":
        raise ValidationError(
            "この予定はすでに完了または見送りになっています。一覧を更新してご確認ください。"
        )
    return plan


def complete_plan(db: Database, plan_id: int, *, touch_id: int | None = None, at: str | None = None) -> Plan:
    """Mark an open plan done, fulfilled by ``touch_id`` when there is one."""
    at = at or now_iso()
    with writing(db):
        _open_plan(db, plan_id)
        db.table("plans").update(
            plan_id, {"status": "done", "done_touch_id": touch_id, "done_at": at, "updated_at": now_iso()}
        )
    return get_plan(db, plan_id)


def skip_plan(db: Database, plan_id: int, reason: str | None = None, *, at: str | None = None) -> Plan:
    """Drop an open plan without a touch, keeping why."""
    at = at or now_iso()
    with writing(db):
        _open_plan(db, plan_id)
        db.table("plans").update(plan_id, {
            "status": "skipped", "skip_reason": (reason or "").strip() or None, "done_at": at,
            "updated_at": now_iso(),
        })
    return get_plan(db, plan_id)


def reschedule_plan(db: Database, plan_id: int, due: Due | str) -> Plan:
    """Move an open plan to another day (or day and time)."""
    text = due_text(due)
    with writing(db):
        _open_plan(db, plan_id)
        db.table("plans").update(plan_id, {"due": text, "updated_at": now_iso()})
    return get_plan(db, plan_id)
