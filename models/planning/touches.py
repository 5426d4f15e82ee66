"""Touches — the past. Logging a call outcome is one transaction, and so is undoing it.

``log_outcome`` writes the touch, closes the plans the call fulfils, creates the next plan, creates
the meeting of an appointment and moves the company's status, all or nothing. It is committed when
it returns: a process killed a moment later loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from sqlite_utils import Database

from models.accounts.entities import Company, Meeting, Touch, from_row
from models.accounts.text_fields import clean_text
from models.accounts.vocab import HYPOTHESIS_RESULT, OUTCOME, TOUCH_KIND
from models.planning.cadences import apply_stop_rules, reopen_plans
from models.planning.calendar import CalendarRules, fit_to_call_window, load_calendar
from models.planning.dispositions import (
    Proposal,
    Rule,
    check_choice,
    check_nurture_hypothesis,
    load_rules,
    propose_next,
)
from models.planning.plans import parse_due, plan_row
from models.store import clock
from models.store.changes import COMPANIES, MEETINGS, PLANS, TOUCHES, Changes
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError
from models.store.settings import current_caller

HEARING_FIELDS = ("issue", "current", "budget", "timing", "decision_maker", "competitor")
NEXT_PLAN_FIELDS = ("due", "kind", "hypothesis", "contact_id", "source", "template")
# What the meeting form fills in; status, outcome and feedback come later, from the field.
_LATER_MEETING_FIELDS = (
    "id", "uid", "company_id", "touch_id", "caller", "status", "outcome", "outcome_reason", "outcome_note",
    "brief_difference", "feedback_at",
)
MEETING_FIELDS = (*(f.name for f in fields(Meeting) if f.name not in _LATER_MEETING_FIELDS), "attendees")


@dataclass(frozen=True)
class LoggedOutcome:
    """What one ``log_outcome`` changed, so that ``undo_outcome`` can put it all back."""

    changes: ClassVar[Changes] = Changes.of(TOUCHES, PLANS, MEETINGS, COMPANIES)

    touch_id: int
    company_id: int
    outcome: str
    plan_id: int | None
    meeting_id: int | None
    closed_plan_ids: tuple[int, ...]
    previous_status: str
    new_status: str
    previous_last_touch_at: str | None
    last_touch_at: str | None
    stopped_plan_ids: tuple[int, ...] = ()  # cadence plans this outcome stopped (models.planning.cadences)


def _moment(value: datetime | str | None) -> datetime:
    if value is None:
        value = now_iso()
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError as error:
            raise ValidationError(f"日時「{value}」が読み取れません。") from error
    return clock.local(value)  # stored in the working zone, whatever zone it was given in


def _iso(moment: datetime) -> str:
    return clock.iso(moment)


def _later(a: str | None, b: str) -> bool:
    """Whether ``b`` is later than ``a`` (or ``a`` is missing or unreadable)."""
    if not a:
        return True
    try:
        return _moment(b) > _moment(a)
    except (ValidationError, TypeError):
        return True


def _company(db: Database, company_id: int) -> Company:
    rows = list(db.query("SELECT * FROM companies WHERE id = ?", [company_id]))
    if not rows:
        raise NotFound(f"会社（ID {company_id}）が見つかりません。削除された可能性があります。")
    return from_row(Company, rows[0])


def _check_contacts(db: Database, company_id: int, contact_ids: list[int]) -> None:
    for contact_id in contact_ids:
        row = db.execute("SELECT company_id FROM contacts WHERE id = ?", [contact_id]).fetchone()
        if row is None or row[0] != company_id:
            raise ValidationError(f"担当者（ID {contact_id}）はこの会社の担当者ではありません。")


def _hearing_columns(hearing: dict | None) -> dict[str, str | None]:
    hearing = {key.removeprefix("hearing_"): value for key, value in (hearing or {}).items()}
    unknown = set(hearing) - set(HEARING_FIELDS)
    if unknown:
        raise ValidationError(f"ヒアリング項目に不明な名前があります: {', '.join(sorted(unknown))}")
    return {f"hearing_{key}": (clean_text(str(value), multiline=True).strip() or None) if value is not None
            else None for key, value in hearing.items()}


def _plan_choice(
    outcome: str, rule: Rule, proposal: Proposal, next_plan: dict | None, plan_next: bool, made_on: date,
    calendar: CalendarRules,
) -> dict[str, Any] | None:
    """The next plan as it will be stored (without ids), or None; validated against the rule (and a
    nurture plan made on ``made_on`` needs its hypothesis, ``dispositions.check_nurture_hypothesis``)."""
    if next_plan is not None:
        unknown = set(next_plan) - set(NEXT_PLAN_FIELDS)
        if unknown:
            raise ValidationError(f"次回予定の項目に不明な名前があります: {', '.join(sorted(unknown))}")
        if not plan_next:
            raise ValidationError("次回予定を作らない指定と、次回予定の内容が同時に渡されました。")
    if rule.action == "close":
        if next_plan:
            raise ValidationError(
                f"「{OUTCOME[outcome][0]}」はすべてのリストから外れるため、次回予定は作成できません。"
            )
        return None
    if not plan_next:
        if rule.action == "plan":
            check_choice(outcome, None, None, {outcome: rule})  # a required date cannot be left out
        return None
    if next_plan is None and rule.action != "plan":
        return None
    # A key left out keeps the proposal's value; a key given (even empty) is the caller's choice.
    choice = next_plan or {}
    due = choice.get("due", proposal.due)
    if isinstance(due, str):
        due = parse_due(due) if due.strip() else None
    hypothesis = choice.get("hypothesis", proposal.hypothesis)
    hypothesis = clean_text(hypothesis or "", multiline=True).strip() or None
    if rule.action == "plan":
        check_choice(outcome, due, hypothesis, {outcome: rule})
    if due is None:
        if next_plan:
            raise ValidationError("次回予定の日付を指定してください。")
        return None  # the rule proposes no date and the caller gave none
    check_nurture_hypothesis(due, hypothesis, made_on, calendar)
    kind = choice.get("kind") or proposal.kind
    source = choice.get("source")
    if source is None:
        as_proposed = (due, hypothesis, kind) == (proposal.due, proposal.hypothesis, proposal.kind)
        source = "rule" if as_proposed else "manual"
    return {"due": due, "hypothesis": hypothesis, "kind": kind, "contact_id": choice.get("contact_id"),
            "source": source, "template": (choice.get("template") or "").strip() or None}


def _meeting_row(company_id: int, meeting: dict, touch_id: int, caller: str | None) -> tuple[dict, list[int]]:
    unknown = set(meeting) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(f"商談の項目に不明な名前があります: {', '.join(sorted(unknown))}")
    values = {key: value for key, value in meeting.items() if key != "attendees"}
    starts_at = values.get("starts_at")
    if not starts_at:
        raise ValidationError("アポ獲得として保存するには、商談の日時を入力してください。")
    if isinstance(starts_at, date) and not isinstance(starts_at, datetime):
        raise ValidationError("商談の開始時刻を入力してください。")
    values["starts_at"] = _iso(_moment(starts_at))
    duration = values.get("duration_min")
    if duration is not None and (not isinstance(duration, int) or duration <= 0):
        raise ValidationError(f"商談の所要時間は 1 分以上の整数で入力してください（{duration}）。")
    if duration is None:
        values.pop("duration_min", None)
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = value.strip() or None
    row = stamp({"company_id": company_id, "touch_id": touch_id, "caller": caller, **values})
    return row, [int(contact_id) for contact_id in meeting.get("attendees") or []]


def log_outcome(
    db: Database,
    company_id: int,
    outcome: str,
    *,
    at: datetime | str | None = None,
    contact_id: int | None = None,
    duration_s: int | None = None,
    note: str | None = None,
    hearing: dict | None = None,
    reached_decision_maker: bool = False,
    next_plan: dict | None = None,
    plan_next: bool = True,
    meeting: dict | None = None,
    hypothesis_results: dict[int, str] | None = None,
    caller: str | None = None,
    session_uid: str | None = None,
    kind: str = "call",
    rules: dict[str, Rule] | None = None,
    calendar: CalendarRules | None = None,
) -> LoggedOutcome:
    """Log one call outcome with everything it implies, in one transaction.

    Args:
        next_plan: the next touch as the caller confirmed it (keys due, kind, hypothesis, contact_id,
            source, template: the hypothesis template or quick pick it came from); a key left out keeps
            the rule's proposal, and None takes the proposal as it is.
        plan_next: False leaves the account without a next touch (refused where a date is required).
        meeting: for an appointment, the meeting form (starts_at required; attendees: contact ids).
        hypothesis_results: plan id → whether its hypothesis held ('held', 'missed', 'unknown'), for
            plans this call fulfils (the open plans it closes).
        caller: who logs it, recorded on the touch, the next plan and the meeting; None: the current
            caller (``settings.current_caller``).
        rules, calendar: default to those stored in settings.

    Raises:
        ValidationError: a required part is missing (ニーズなし without date and hypothesis, a nurture
            plan without a hypothesis, 折返し依頼 without a time, アポ獲得 without a meeting time), a
            hypothesis result is for a plan this call does not fulfil, or a value does not fit.
        NotFound: the company no longer exists.
    """
    if outcome not in OUTCOME:
        raise ValidationError(f"不明な結果です: {outcome}")
    if kind not in TOUCH_KIND:
        raise ValidationError(f"不明な接触の種類です: {kind}")
    if duration_s is not None and (not isinstance(duration_s, int) or duration_s < 0):
        raise ValidationError(f"通話時間は 0 秒以上の整数で指定してください（{duration_s}）。")
    moment = _moment(at)
    at_text = _iso(moment)
    rules = rules or load_rules(db)
    calendar = calendar or load_calendar(db)
    rule = rules[outcome]
    hearing_columns = _hearing_columns(hearing)
    results = {int(plan_id): result for plan_id, result in (hypothesis_results or {}).items()}
    if any(result not in HYPOTHESIS_RESULT for result in results.values()):
        raise ValidationError("仮説の結果は当たり・外れ・不明のいずれかで指定してください。")
    if meeting is not None and rule.action != "meeting":
        raise ValidationError(
            f"「{OUTCOME[outcome][0]}」では商談を登録できません。アポ獲得を選んでください。"
        )
    if rule.action == "meeting" and not meeting:
        raise ValidationError("アポ獲得として保存するには、商談の日時を入力してください。")

    with writing(db):
        if caller is None:
            caller = current_caller(db)
        company = _company(db, company_id)
        proposal = propose_next(outcome, moment, company, rules, calendar)
        choice = _plan_choice(outcome, rule, proposal, next_plan, plan_next, moment.date(), calendar)
        if choice and isinstance(choice["due"], datetime) and outcome != "callback_requested":
            # A time the customer named is kept as named; any other time moves into a call window.
            choice["due"] = fit_to_call_window(choice["due"], calendar.windows, calendar.closures)
        _check_contacts(db, company_id, [c for c in (contact_id, (choice or {}).get("contact_id")) if c])

        touch_id = inserted_id(db.table("touches").insert(stamp({
            "company_id": company_id, "contact_id": contact_id, "kind": kind, "at": at_text,
            "duration_s": duration_s, "outcome": outcome,
            "reached_decision_maker": int(bool(reached_decision_maker)),
            "note": clean_text(note or "", multiline=True).strip() or None, "caller": caller,
            "session_uid": session_uid,
            **hearing_columns,
        })))

        next_day = (moment.date() + timedelta(days=1)).isoformat()
        closed = tuple(row[0] for row in db.execute(
            "SELECT id FROM plans WHERE company_id = ? AND status = 'open' AND kind = ? AND due < ? "
            "ORDER BY id",
            [company_id, kind, next_day],
        ).fetchall())
        if closed:
            db.execute(
                f"UPDATE plans SET status = 'done', done_touch_id = ?, done_at = ?, updated_at = ? "
                f"WHERE id IN ({','.join('?' * len(closed))})",
                [touch_id, at_text, now_iso(), *closed],
            )
        if set(results) - set(closed):
            raise ValidationError(
                "仮説の当たり外れは、この架電で完了する予定にだけ記録できます。画面を更新してください。"
            )
        for fulfilled_id, result in results.items():
            db.execute("UPDATE plans SET hypothesis_result = ? WHERE id = ?", [result, fulfilled_id])

        plan_id = None
        if choice:
            row = plan_row(company_id, choice["due"], kind=choice["kind"], hypothesis=choice["hypothesis"],
                           contact_id=choice["contact_id"], source=choice["source"], caller=caller)
            row["hypothesis_template"] = choice["template"]
            plan_id = inserted_id(db.table("plans").insert(row))

        meeting_id = None
        if meeting:
            row, attendees = _meeting_row(company_id, meeting, touch_id, caller)
            _check_contacts(db, company_id, attendees)
            meeting_id = inserted_id(db.table("meetings").insert(row))
            for attendee in dict.fromkeys(attendees):
                db.table("meeting_attendees").insert(
                    stamp({"meeting_id": meeting_id, "contact_id": attendee})
                )

        new_last = at_text if _later(company.last_touch_at, at_text) else company.last_touch_at
        db.execute(
            "UPDATE companies SET status = ?, last_touch_at = ?, updated_at = ? WHERE id = ?",
            [proposal.new_status, new_last, now_iso(), company_id],
        )
        # An appointment, a do-not-call or a reply ends the account's cadences, as each cadence says.
        stopped = apply_stop_rules(db, company_id).plan_ids
    return LoggedOutcome(
        touch_id=touch_id, company_id=company_id, outcome=outcome, plan_id=plan_id, meeting_id=meeting_id,
        closed_plan_ids=closed, previous_status=company.status, new_status=proposal.new_status,
        previous_last_touch_at=company.last_touch_at, last_touch_at=new_last, stopped_plan_ids=stopped,
    )


def undo_outcome(db: Database, logged: LoggedOutcome) -> Changes:
    """Put back everything ``log_outcome`` changed, in one transaction.

    The status and last-touch time are restored only where nothing else has changed them since.

    Raises:
        NotFound: the outcome was already undone (or its company deleted).
    """
    with writing(db):
        if db.execute("SELECT 1 FROM touches WHERE id = ?", [logged.touch_id]).fetchone() is None:
            raise NotFound("取り消す記録が見つかりません。すでに取り消されている可能性があります。")
        reopen_plans(db, logged.stopped_plan_ids)
        if logged.meeting_id is not None:
            db.execute("DELETE FROM meetings WHERE id = ?", [logged.meeting_id])
        if logged.plan_id is not None:
            db.execute("DELETE FROM plans WHERE id = ?", [logged.plan_id])
        if logged.closed_plan_ids:
            ids = logged.closed_plan_ids
            # Open again, so untested: the result recorded with the call goes with it.
            db.execute(
                "UPDATE plans SET status = 'open', done_touch_id = NULL, done_at = NULL, "
                "hypothesis_result = NULL, updated_at = ? "
                f"WHERE done_touch_id = ? AND id IN ({','.join('?' * len(ids))})",
                [now_iso(), logged.touch_id, *ids],
            )
        db.execute("DELETE FROM touches WHERE id = ?", [logged.touch_id])
        db.execute(
            "UPDATE companies SET status = CASE WHEN status = ? THEN ? ELSE status END, "
            "last_touch_at = CASE WHEN last_touch_at IS ? THEN ? ELSE last_touch_at END, updated_at = ? "
            "WHERE id = ?",
            [logged.new_status, logged.previous_status, logged.last_touch_at, logged.previous_last_touch_at,
             now_iso(), logged.company_id],
        )
    return logged.changes


def get_touch(db: Database, touch_id: int) -> Touch:
    rows = list(db.query("SELECT * FROM touches WHERE id = ?", [touch_id]))
    if not rows:
        raise NotFound(f"接触記録（ID {touch_id}）が見つかりません。")
    return from_row(Touch, rows[0])


def list_touches(db: Database, company_id: int, limit: int | None = None) -> list[Touch]:
    """The touches of a company, newest first."""
    sql = "SELECT * FROM touches WHERE company_id = ? ORDER BY at DESC, id DESC"
    params: list[Any] = [company_id]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [from_row(Touch, row) for row in db.query(sql, params)]

