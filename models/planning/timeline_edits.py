"""The plan edits the timeline makes, with their undo: move to a day, complete with the hypothesis's
result, skip, reopen, delete. Each is one transaction; the calendar rules decide where a moved plan lands.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from models.accounts.entities import Plan
from models.accounts.vocab import HYPOTHESIS_RESULT, TOUCH_KIND
from models.planning.calendar import CalendarRules, fit_to_call_window, load_calendar, next_business_day
from models.planning.plans import (
    Due,
    complete_plan,
    due_text,
    get_plan,
    parse_due,
    reschedule_plan,
    skip_plan,
)
from models.store.changes import Changes
from models.store.db import now_iso, writing
from models.store.errors import ValidationError


def snap_due(old_due: str, day: date, calendar: CalendarRules) -> Due:
    """Where a plan dropped on ``day`` lands: a day plan on the next business day (``day`` itself when
    it is one); a timed plan keeps its time of day and goes through the call windows."""
    old = parse_due(old_due)
    if isinstance(old, datetime):
        moment = datetime.combine(day, old.timetz())
        return fit_to_call_window(moment, calendar.windows, calendar.closures)
    return next_business_day(day, calendar.closures, inclusive=True)


def move_plan_to_day(db: Database, plan_id: int, day: date, calendar: CalendarRules | None = None) -> Plan:
    """Reschedule an open plan to ``day`` under the business-day and call-window rules."""
    plan = get_plan(db, plan_id)
    calendar = calendar or load_calendar(db)
    return reschedule_plan(db, plan_id, snap_due(plan.due, day, calendar))


def complete_with_result(db: Database, plan_id: int, result: str | None, *, at: str | None = None) -> Plan:
    """Mark an open plan done and record whether its hypothesis held ('held', 'missed', 'unknown')."""
    if result is not None and result not in HYPOTHESIS_RESULT:
        raise ValidationError(f"仮説の結果が不明です: {result}")
    with writing(db):
        complete_plan(db, plan_id, at=at)
        db.table("plans").update(plan_id, {"hypothesis_result": result, "updated_at": now_iso()})
    return get_plan(db, plan_id)


def skip_with_reason(db: Database, plan_id: int, reason: str | None) -> Plan:
    """Skip an open plan; a reason is required, so a skipped plan always says why."""
    if not (reason or "").strip():
        raise ValidationError("見送りの理由を入力してください。")
    return skip_plan(db, plan_id, reason)


def reopen_plan(db: Database, plan_id: int) -> Plan:
    """Put a done or skipped plan back to open (the undo of complete and skip)."""
    with writing(db):
        get_plan(db, plan_id)
        db.table("plans").update(plan_id, {
            "status": "open", "done_touch_id": None, "done_at": None, "skip_reason": None,
            "hypothesis_result": None, "updated_at": now_iso(),
        })
    return get_plan(db, plan_id)


def delete_plan(db: Database, plan_id: int) -> Changes:
    """Remove a plan (the undo of adding one)."""
    with writing(db):
        db.execute("DELETE FROM plans WHERE id = ?", [plan_id])
    return Plan.changes


PLAN_EDIT_FIELDS = ("due", "kind", "hypothesis", "contact_id")


def update_plan(db: Database, plan_id: int, changes: dict) -> Plan:
    """Change an open plan's due, kind, hypothesis or contact (the quick editor and its undo)."""
    unknown = set(changes) - set(PLAN_EDIT_FIELDS)
    if unknown:
        raise ValidationError(f"予定の項目に不明な名前があります: {', '.join(sorted(unknown))}")
    values = dict(changes)
    if "due" in values:
        values["due"] = due_text(values["due"])
    if "kind" in values and values["kind"] not in TOUCH_KIND:
        raise ValidationError(f"不明な予定の種類です: {values['kind']}")
    if "hypothesis" in values:
        values["hypothesis"] = (values["hypothesis"] or "").strip() or None
    with writing(db):
        plan = get_plan(db, plan_id)
        if plan.status != "open":
            raise ValidationError(
                "この予定はすでに完了または見送りになっています。一覧を更新してご確認ください。")
        contact_id = values.get("contact_id")
        if contact_id is not None:
            row = db.execute("SELECT company_id FROM contacts WHERE id = ?", [contact_id]).fetchone()
            if row is None or row[0] != plan.company_id:
                raise ValidationError(f"担当者（ID {contact_id}）はこの会社の担当者ではありません。")
        db.table("plans").update(plan_id, {**values, "updated_at": now_iso()})
    return get_plan(db, plan_id)
