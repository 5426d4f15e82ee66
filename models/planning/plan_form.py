"""Saving a plan as the plan dialog edits it: date (and time), kind, contact, hypothesis and template.

``models.planning.plans`` creates, completes and reschedules; this adds the whole-form save, in one
transaction, with the checks a person's input needs.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from models.accounts.entities import Plan
from models.accounts.vocab import TOUCH_KIND
from models.planning.calendar import load_calendar
from models.planning.dispositions import check_nurture_hypothesis
from models.planning.plans import Due, due_day, due_text, get_plan, plan_row
from models.store.clock import local as working_time
from models.store.clock import today as working_today
from models.store.db import inserted_id, now_iso, writing
from models.store.errors import NotFound, ValidationError
from models.store.settings import current_caller


def _check(db: Database, company_id: int, kind: str, contact_id: int | None) -> None:
    if db.execute("SELECT 1 FROM companies WHERE id = ?", [company_id]).fetchone() is None:
        raise NotFound(f"会社（ID {company_id}）が見つかりません。削除された可能性があります。")
    if kind not in TOUCH_KIND:
        raise ValidationError(f"不明な予定の種類です: {kind}")
    if contact_id is not None:
        row = db.execute("SELECT company_id FROM contacts WHERE id = ?", [contact_id]).fetchone()
        if row is None or row[0] != company_id:
            raise ValidationError(f"担当者（ID {contact_id}）はこの会社の担当者ではありません。")


def save_plan(
    db: Database, company_id: int, due: Due, *, kind: str = "call", hypothesis: str | None = None,
    template: str | None = None, contact_id: int | None = None, plan_id: int | None = None,
    today: date | None = None,
) -> Plan:
    """Create a plan (``plan_id`` None) or change an open one.

    A new date may not be in the past; an existing plan may keep its (overdue) day. A nurture plan
    (further out than ``dispositions.NURTURE_AFTER_BUSINESS_DAYS`` from today) needs its hypothesis
    when it is made, moved or its hypothesis changed.

    Raises:
        ValidationError: a past date, a nurture plan without a hypothesis, an unknown kind, a contact of
            another company, a closed plan.
        NotFound: the company or plan no longer exists.
    """
    today = today or working_today()
    if not isinstance(due, date):
        raise ValidationError("予定日を指定してください。")
    template = (template or "").strip() or None
    with writing(db):
        _check(db, company_id, kind, contact_id)
        text = due_text(due)
        if plan_id is None:
            if due_day(due) < today:
                raise ValidationError(
                    "過去の日付には予定を作成できません。今日以降の日付を指定してください。"
                )
            check_nurture_hypothesis(due, hypothesis, today, load_calendar(db))
            row = plan_row(company_id, due, kind=kind, hypothesis=hypothesis, contact_id=contact_id,
                           caller=current_caller(db))
            row["hypothesis_template"] = template
            plan_id = inserted_id(db.table("plans").insert(row))
        else:
            plan = get_plan(db, plan_id)
            if plan.company_id != company_id:
                raise ValidationError("この予定は別の会社の予定です。画面を更新してください。")
            if plan.status != "open":
                raise ValidationError("この予定はすでに完了または見送りになっているため、変更できません。")
            if due_day(due) != due_day(plan.due) and due_day(due) < today:
                raise ValidationError("過去の日付には変更できません。今日以降の日付を指定してください。")
            if due_day(due) != due_day(plan.due) or (hypothesis or "").strip() != (plan.hypothesis or ""):
                check_nurture_hypothesis(due, hypothesis, today, load_calendar(db))
            db.table("plans").update(plan_id, {
                "due": text, "kind": kind, "hypothesis": (hypothesis or "").strip() or None,
                "hypothesis_template": template, "contact_id": contact_id, "updated_at": now_iso(),
            })
    return get_plan(db, plan_id)


def combine(day: date, clock, tzinfo=None) -> Due:
    """A date, or a datetime when ``clock`` (a ``time``) is given: in ``tzinfo``, else the working zone."""
    if clock is None:
        return day
    moment = datetime.combine(day, clock)
    return moment.replace(tzinfo=tzinfo) if tzinfo is not None else working_time(moment)
