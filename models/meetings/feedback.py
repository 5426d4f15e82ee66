"""The field's feedback on a meeting, and what it changes on the account, in one transaction.

受注 makes the account a customer; 失注 and 延期 put it into nurturing with a plan whose date and
hypothesis are required; 継続 needs a follow-up plan (a date); キャンセル leaves the meeting not held
and the account in progress. The feedback is also written as a touch (kind 'meeting' when it took
place, 'other' when cancelled), so it shows on the account's timeline and in the next call session.
A customer stays a customer whatever a later meeting's outcome. ``undo_feedback`` puts it all back.

There is no default outcome: one is chosen. 失注 and 延期 need a reason. Feedback on a meeting whose
time has not come is refused (``NotHeldYet``) unless it is confirmed (``early``); a cancellation may
come before. Entering the feedback again replaces the earlier one and undoes what it caused: the plan
it made goes while still open (known by being made at the earlier feedback's moment), and the account's
status follows the new outcome (a customer only this meeting's 受注 made stops being one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from sqlite_utils import Database

from models.accounts.entities import Meeting, Plan, from_row
from models.accounts.text_fields import clean_text
from models.accounts.vocab import MEETING_OUTCOME, label
from models.meetings.meetings import OUTCOME_REASON, clean_amount
from models.planning.plans import plan_row
from models.store import clock
from models.store.changes import COMPANIES, MEETINGS, PLANS, TOUCHES, Changes
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError
from models.store.settings import MEETING_OUTCOME_REASONS, current_caller, get_setting, set_setting

# outcome → (company status, plan: "required" date and hypothesis, "date" only, or None)
RULES = {
    "won": ("customer", None),
    "lost": ("nurturing", "required"),
    "postponed": ("nurturing", "required"),
    "ongoing": ("appointment", "date"),
    "cancelled": ("in_progress", None),
}
FEEDBACK_FIELDS = ("outcome", "outcome_reason", "outcome_note", "next_step", "brief_difference",
                   "feedback_at", "status", "order_amount", "expected_amount")
# Outcomes the field must give a reason for: the review looks at why meetings are lost or put off.
REASON_REQUIRED = ("lost", "postponed")


class NotHeldYet(ValidationError):
    """Feedback other than キャンセル on a meeting whose time has not come; ``early=True`` saves it anyway."""

    def __init__(self, starts_at: str):
        self.starts_at = starts_at
        when = f"{clock.parse(starts_at):%Y/%m/%d %H:%M}"
        super().__init__(f"この商談は {when} の予定で、まだ行われていません。"
                         "商談が終わってから結果を記録してください。")


@dataclass(frozen=True)
class RecordedFeedback:
    """What ``record_feedback`` changed, so that ``undo_feedback`` can put it back."""

    # What saving feedback changes, and undoing it changes back.
    changes: ClassVar[Changes] = Changes.of(MEETINGS, TOUCHES, PLANS, COMPANIES)

    meeting_id: int
    company_id: int
    touch_id: int
    plan_id: int | None
    previous_meeting: tuple[tuple[str, Any], ...]
    previous_status: str
    new_status: str
    previous_last_touch_at: str | None
    last_touch_at: str | None
    replaced_touch: tuple[tuple[str, Any], ...] | None = None
    removed_plan: tuple[tuple[str, Any], ...] | None = None  # the earlier feedback's plan, still open


# -- the pick list ------------------------------------------------------------------------------------

def reason_choices(db: Database) -> list[str]:
    """The outcome reasons offered (stored values: the default keys, or the text a person added)."""
    stored = get_setting(db, MEETING_OUTCOME_REASONS)
    if isinstance(stored, list) and all(isinstance(item, str) for item in stored) and stored:
        return stored
    return list(OUTCOME_REASON)


@dataclass(frozen=True)
class SavedReasons:
    """The outcome reasons as stored, with what the save changed."""

    reasons: list[str]
    changes: Changes


def set_reason_choices(db: Database, reasons: list[str]) -> SavedReasons:
    """Replace the pick list (blank entries and repeats dropped; the order kept)."""
    clean = list(dict.fromkeys(r.strip() for r in reasons if r and r.strip()))
    if not clean:
        raise ValidationError("失注理由の選択肢を 1 つ以上入力してください。")
    return SavedReasons(clean, set_setting(db, MEETING_OUTCOME_REASONS, clean))


def reason_value(db: Database, text: str | None) -> str | None:
    """A reason as stored: the key of a default reason given by its label, else the text as typed."""
    text = (text or "").strip()
    if not text:
        return None
    for key, (ja, en) in OUTCOME_REASON.items():
        if text in (key, ja, en):
            return key
    return text


# -- recording --------------------------------------------------------------------------------------------

def _meeting(db: Database, meeting_id: int) -> Meeting:
    rows = list(db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id]))
    if not rows:
        raise NotFound(f"商談（ID {meeting_id}）が見つかりません。削除された可能性があります。")
    return from_row(Meeting, rows[0])


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    return clean_text(str(value), multiline=True).strip() or None


def not_held_yet(meeting: Meeting, outcome: str | None, at: str | None = None) -> bool:
    """Whether feedback with ``outcome`` entered at ``at`` (default now) comes before ``meeting`` starts;
    a cancellation may."""
    if outcome == "cancelled":
        return False
    return clock.parse(meeting.starts_at) > clock.parse(at or now_iso())


def _touch_note(outcome: str, reason: str | None, note: str | None, next_step: str | None,
                difference: str | None, amount: int | None = None) -> str:
    head = f"商談結果: {label(MEETING_OUTCOME, outcome)}"
    if reason:
        head += f"（{label(OUTCOME_REASON, reason)}）"
    lines = [head]
    if amount is not None:
        lines.append(f"{'受注額' if outcome == 'won' else '見込み額'}: {amount:,}円")
    if note:
        lines.append(note)
    if next_step:
        lines.append(f"次のステップ: {next_step}")
    if difference:
        lines.append(f"事前情報との違い: {difference}")
    return "\n".join(lines)


def record_feedback(
    db: Database,
    meeting_id: int,
    outcome: str | None,
    *,
    reason: str | None = None,
    note: str | None = None,
    next_step: str | None = None,
    brief_difference: str | None = None,
    plan_due: date | datetime | str | None = None,
    plan_hypothesis: str | None = None,
    at: str | None = None,
    order_amount: int | str | None = None,
    expected_amount: int | str | None = None,
    early: bool = False,
) -> RecordedFeedback:
    """Save the field's outcome of a meeting and everything it implies on the account.

    Args:
        reason: a pick-list value (or its label) or free text; a new text joins the pick list.
        plan_due, plan_hypothesis: the next touch. Required (both) for 失注 and 延期, the date for 継続;
            optional otherwise (a plan is made when a date is given).
        at: when the feedback was entered (default now).
        order_amount: 受注額 in yen (「1,200,000」「120万」 as typed), kept for 受注 only.
        expected_amount: the amount hoped for, in yen, kept for 継続 only (optional).
        early: save even though the meeting has not started yet (the person confirmed it).

    Raises:
        NotHeldYet: the meeting has not started and ``early`` is not set (キャンセル excepted).
        ValidationError: no or an unknown outcome, no reason for 失注 or 延期, an amount that is not
            one, or a required plan part missing.
        NotFound: the meeting no longer exists.
    """
    if not outcome:
        raise ValidationError("商談結果（受注・失注・継続・延期・キャンセル）を選んでください。")
    if outcome not in RULES:
        raise ValidationError(f"不明な商談結果です: {outcome}")
    new_status, plan_rule = RULES[outcome]
    reason_text = reason_value(db, reason)
    note, next_step, brief_difference = _clean(note), _clean(next_step), _clean(brief_difference)
    hypothesis = _clean(plan_hypothesis)
    if isinstance(plan_due, str) and not plan_due.strip():
        plan_due = None
    name = label(MEETING_OUTCOME, outcome)
    if outcome in REASON_REQUIRED and reason_text is None:
        raise ValidationError(
            f"「{name}」の場合は理由を選ぶか入力してください（次のアプローチの手がかりになります）。")
    if plan_rule == "required" and (plan_due is None or hypothesis is None):
        raise ValidationError(
            f"「{name}」の場合はナーチャリングに移るため、次回の接触日と仮説（その日にする理由）を入力してください。")
    if plan_rule == "date" and plan_due is None:
        raise ValidationError(f"「{name}」の場合は、次のフォローの予定日を入力してください。")
    at = at or now_iso()
    amount = clean_amount(order_amount) if outcome == "won" else None
    expected = clean_amount(expected_amount, "見込み額") if outcome == "ongoing" else None

    with writing(db):
        caller = current_caller(db)
        meeting = _meeting(db, meeting_id)
        if not early and not_held_yet(meeting, outcome, at):
            raise NotHeldYet(meeting.starts_at)
        company = db.execute("SELECT status, last_touch_at FROM companies WHERE id = ?",
                             [meeting.company_id]).fetchone()
        previous_status, previous_last = company
        if previous_status == "customer" and not _customer_by_this_meeting(db, meeting):
            new_status = "customer"
        removed_plan = _remove_earlier_plan(db, meeting)
        previous = tuple((key, getattr(meeting, key)) for key in FEEDBACK_FIELDS)
        db.table("meetings").update(meeting_id, {
            "outcome": outcome, "outcome_reason": reason_text, "outcome_note": note, "next_step": next_step,
            "brief_difference": brief_difference, "feedback_at": at,
            "status": "cancelled" if outcome == "cancelled" else "held", "order_amount": amount,
            "expected_amount": expected, "updated_at": now_iso(),
        })
        # Entering the feedback again replaces the earlier feedback touch instead of adding one.
        touch_at = at if outcome == "cancelled" else meeting.starts_at
        kind = "other" if outcome == "cancelled" else "meeting"
        decider = db.execute(
            "SELECT 1 FROM meeting_attendees a JOIN contacts c ON c.id = a.contact_id "
            "WHERE a.meeting_id = ? AND c.role = 'decision_maker'", [meeting_id]).fetchone()
        first = db.execute(
            "SELECT contact_id FROM meeting_attendees WHERE meeting_id = ? ORDER BY id LIMIT 1", [meeting_id]
        ).fetchone()
        touch = {
            "company_id": meeting.company_id, "contact_id": first[0] if first else None, "kind": kind,
            "at": touch_at, "duration_s": meeting.duration_min * 60 if kind == "meeting" else None,
            "reached_decision_maker": int(decider is not None and kind == "meeting"),
            "note": _touch_note(outcome, reason_text, note, next_step, brief_difference,
                                amount if amount is not None else expected),
            "caller": meeting.caller or caller,  # the meeting's touch is of who won it, when known
        }
        replaced = None
        old = list(db.query(
            "SELECT * FROM touches WHERE company_id = ? AND kind IN ('meeting', 'other') "
            "AND note LIKE '商談結果: %' AND (at = ? OR at = ?) ORDER BY id DESC LIMIT 1",
            [meeting.company_id, meeting.starts_at, meeting.feedback_at or ""]))
        if old:
            touch_id = old[0]["id"]
            replaced = tuple((key, old[0][key]) for key in touch)
            db.table("touches").update(touch_id, {**touch, "updated_at": now_iso()})
        else:
            touch_id = inserted_id(db.table("touches").insert(stamp(touch)))

        plan_id = None
        if plan_due is not None:
            if hypothesis is None and outcome == "ongoing":
                hypothesis = next_step  # the follow-up's reason is the next step agreed
            # Made at the feedback's moment, which is how entering the feedback again finds it.
            plan_id = inserted_id(db.table("plans").insert(plan_row(
                meeting.company_id, plan_due, hypothesis=hypothesis, source="manual", caller=caller, now=at)))
        last = previous_last if previous_last and previous_last >= touch_at else touch_at
        db.execute("UPDATE companies SET status = ?, last_touch_at = ?, updated_at = ? WHERE id = ?",
                   [new_status, last, now_iso(), meeting.company_id])
        if reason_text and reason_text not in OUTCOME_REASON:
            choices = reason_choices(db)
            if reason_text not in choices:
                set_setting(db, MEETING_OUTCOME_REASONS, [*choices, reason_text])
    return RecordedFeedback(
        meeting_id=meeting_id, company_id=meeting.company_id, touch_id=touch_id, plan_id=plan_id,
        previous_meeting=previous, previous_status=previous_status, new_status=new_status,
        previous_last_touch_at=previous_last, last_touch_at=last, replaced_touch=replaced,
        removed_plan=removed_plan,
    )


def _customer_by_this_meeting(db: Database, meeting: Meeting) -> bool:
    """Whether the account is a customer through this meeting's earlier 受注 alone (no other meeting won)."""
    if meeting.outcome != "won":
        return False
    other = db.execute("SELECT 1 FROM meetings WHERE company_id = ? AND id <> ? AND outcome = 'won' LIMIT 1",
                       [meeting.company_id, meeting.id]).fetchone()
    return other is None


def _earlier_plan_row(db: Database, meeting: Meeting) -> dict[str, Any] | None:
    if meeting.outcome is None or not meeting.feedback_at:
        return None
    rows = list(db.query(
        "SELECT * FROM plans WHERE company_id = ? AND status = 'open' AND source = 'manual' "
        "AND created_at = ? ORDER BY id DESC LIMIT 1", [meeting.company_id, meeting.feedback_at]))
    return rows[0] if rows else None


def earlier_plan(db: Database, meeting: Meeting) -> Plan | None:
    """The next touch the meeting's feedback planned, while it is still open (None without one)."""
    row = _earlier_plan_row(db, meeting)
    return from_row(Plan, row) if row else None


def _remove_earlier_plan(db: Database, meeting: Meeting) -> tuple[tuple[str, Any], ...] | None:
    """Delete the plan the meeting's earlier feedback made, while it is still open; return its row."""
    row = _earlier_plan_row(db, meeting)
    if row is None:
        return None
    db.execute("DELETE FROM plans WHERE id = ?", [row["id"]])
    return tuple(row.items())


def undo_feedback(db: Database, recorded: RecordedFeedback) -> Changes:
    """Put back what ``record_feedback`` changed; the status only where nothing has changed it since.

    Raises:
        NotFound: the meeting is gone (deleted since).
    """
    with writing(db):
        _meeting(db, recorded.meeting_id)
        db.table("meetings").update(recorded.meeting_id, {**dict(recorded.previous_meeting),
                                                          "updated_at": now_iso()})
        if recorded.plan_id is not None:
            db.execute("DELETE FROM plans WHERE id = ?", [recorded.plan_id])
        if recorded.removed_plan is not None:
            db.table("plans").insert(dict(recorded.removed_plan))
        if recorded.replaced_touch is not None:
            db.table("touches").update(recorded.touch_id, dict(recorded.replaced_touch))
        else:
            db.execute("DELETE FROM touches WHERE id = ?", [recorded.touch_id])
        db.execute(
            "UPDATE companies SET status = CASE WHEN status = ? THEN ? ELSE status END, "
            "last_touch_at = CASE WHEN last_touch_at IS ? THEN ? ELSE last_touch_at END, updated_at = ? "
            "WHERE id = ?",
            [recorded.new_status, recorded.previous_status, recorded.last_touch_at,
             recorded.previous_last_touch_at, now_iso(), recorded.company_id])
    return recorded.changes

