"""Cadences (ケイデンス): named sequences of touches, expanded into plans, and the rules that stop them.

Every step's offset counts from the day the cadence starts (not from the step before):

- ``business_days``: that many business days later (0: the start day, or the next business day).
- ``weeks`` / ``months``: calendar weeks or months later (Jan 31 + 1 month = Feb 28), moved to the
  next business day when that day is a weekend, a public holiday or a closure day.
- ``fiscal_year_end_months``: the first business day of the month that many months from the
  account's fiscal year end month (-3: three months before it). All such steps of one cadence refer
  to the same fiscal year end: the first one whose earliest step is not before the start day. An
  account without a fiscal year end month cannot take such a cadence and is skipped (and counted).

Stop rules: when an account wins an appointment, becomes do-not-call/disqualified, or replies (a
connected-type outcome), the open plans of each cadence that says so are skipped with the reason.

What a cadence is (its steps, the shipped defaults, reading and editing) is
``models.planning.cadence_definitions``; its names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from models.accounts.entities import CadenceStep
from models.accounts.vocab import CLOSED_STATUSES, CONVERSATION_OUTCOMES
from models.planning.cadence_definitions import DEFAULT_CADENCES as DEFAULT_CADENCES
from models.planning.cadence_definitions import OFFSET_UNITS as OFFSET_UNITS
from models.planning.cadence_definitions import CadenceSpec as CadenceSpec
from models.planning.cadence_definitions import StepSpec, cadence_steps, get_cadence, needs_fiscal_month
from models.planning.cadence_definitions import create_cadence as create_cadence
from models.planning.cadence_definitions import delete_cadence as delete_cadence
from models.planning.cadence_definitions import ensure_default_cadences as ensure_default_cadences
from models.planning.cadence_definitions import list_cadences as list_cadences
from models.planning.cadence_definitions import set_steps as set_steps
from models.planning.cadence_definitions import update_cadence as update_cadence
from models.planning.calendar import (
    CalendarRules,
    Closure,
    add_business_days,
    add_months,
    first_business_day_of_month,
    load_calendar,
    next_business_day,
)
from models.planning.plans import plan_row
from models.store.changes import NOTHING, PLANS, Changes
from models.store.db import now_iso, writing
from models.store.errors import NotFound, ValidationError
from models.store.settings import current_caller

# ``X as X`` above: callers import the definitions and their editing from here too.


# -- expansion ------------------------------------------------------------------------------------

def _fiscal_day(year: int, fiscal_month: int, amount: int, closures: tuple[Closure, ...]) -> date:
    """The first business day of the month ``amount`` months from the fiscal year end (``year``-``month``)."""
    month_index = year * 12 + (fiscal_month - 1) + amount
    return first_business_day_of_month(month_index // 12, month_index % 12 + 1, closures)


def step_dates(
    steps: Sequence[CadenceStep | StepSpec], start: date, fiscal_month: int | None,
    closures: Sequence[Closure],
) -> list[date]:
    """The day of each step for an account, in step order.

    Raises:
        ValidationError: a step is relative to the fiscal year end and ``fiscal_month`` is unknown.
    """
    closures = tuple(closures)
    fiscal_amounts = [s.offset_amount for s in steps if s.offset_unit == "fiscal_year_end_months"]
    fiscal_year = None
    if fiscal_amounts:
        if not fiscal_month:
            raise ValidationError(
                "決算月が登録されていないため、決算月を基準にしたステップの日付を決められません。"
            )
        earliest = min(fiscal_amounts)
        fiscal_year = start.year - 1
        while _fiscal_day(fiscal_year, fiscal_month, earliest, closures) < start:
            fiscal_year += 1
    days = []
    for step in steps:
        amount, unit = step.offset_amount, step.offset_unit
        if unit == "business_days":
            day = add_business_days(start, amount, closures)
        elif unit == "weeks":
            day = next_business_day(start + timedelta(weeks=amount), closures, inclusive=True)
        elif unit == "months":
            day = next_business_day(add_months(start, amount), closures, inclusive=True)
        else:  # relative to the fiscal year end, which the steps above made known
            if fiscal_year is None or fiscal_month is None:
                raise ValueError(f"unknown step unit {unit!r}")
            day = _fiscal_day(fiscal_year, fiscal_month, amount, closures)
        days.append(day)
    return days


@dataclass(frozen=True)
class Expansion:
    """What applying a cadence did (or, as a preview, would do)."""

    cadence_id: int
    cadence_name: str
    planned_companies: tuple[int, ...]
    plans_created: int
    no_fiscal_month: tuple[int, ...]  # skipped: a fiscal-year step and no fiscal year end month
    closed: tuple[int, ...]  # skipped: do-not-call or disqualified
    already_running: tuple[int, ...]  # skipped: open plans of this cadence already
    missing: tuple[int, ...] = ()  # ids that are not (or no longer) companies
    changes: Changes = field(default=NOTHING, compare=False)  # plans, unless a preview or nothing to plan

    def message(self) -> str:
        """One plain Japanese paragraph for the person who applied it."""
        parts = [f"ケイデンス「{self.cadence_name}」を{len(self.planned_companies):,}社に適用し、"
                 f"予定を{self.plans_created:,}件作成しました。"]
        if self.no_fiscal_month:
            parts.append(f"決算月が未登録の{len(self.no_fiscal_month):,}社は対象外にしました"
                         "（決算月を登録すると適用できます）。")
        if self.closed:
            parts.append(f"架電不可・対象外の{len(self.closed):,}社は対象外にしました。")
        if self.already_running:
            parts.append(f"すでにこのケイデンスの予定がある{len(self.already_running):,}社はそのままにしました。")
        if self.missing:
            parts.append(f"見つからない会社が{len(self.missing):,}件ありました。")
        return "".join(parts)


_CHUNK = 500


def _companies(db: Database, company_ids: Sequence[int]) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for offset in range(0, len(company_ids), _CHUNK):
        chunk = company_ids[offset:offset + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in db.query(
            f"SELECT id, status, fiscal_year_end_month FROM companies WHERE id IN ({marks})", chunk
        ):
            found[row["id"]] = row
    return found


def _running(db: Database, cadence_id: int) -> set[int]:
    return {row[0] for row in db.execute(
        "SELECT DISTINCT company_id FROM plans WHERE cadence_id = ? AND status = 'open'", [cadence_id]
    ).fetchall()}


def expand_cadence(
    db: Database, cadence_id: int, company_ids: Iterable[int], start: date, *,
    calendar: CalendarRules | None = None, dry_run: bool = False,
    progress: Callable[[int, int], bool | None] | None = None,
) -> Expansion:
    """Turn a cadence into open plans (source 'cadence') for each account, in one transaction.

    Args:
        start: the day the cadence starts (step offsets count from it).
        dry_run: count what would happen without writing.
        progress: called as ``progress(done, total)``; returning False cancels (nothing is written).
    """
    cadence = get_cadence(db, cadence_id)
    steps = cadence_steps(db, cadence_id)
    if not steps:
        raise ValidationError(
            f"ケイデンス「{cadence.name}」にはステップがありません。ステップを追加してください。"
        )
    closures = tuple((calendar or load_calendar(db)).closures)
    ids = list(dict.fromkeys(int(i) for i in company_ids))
    companies = _companies(db, ids)
    running = _running(db, cadence_id)
    fiscal_needed = needs_fiscal_month(steps)
    planned, no_fiscal, closed, already, missing = [], [], [], [], []
    rows: list[dict] = []
    now = now_iso()
    caller = current_caller(db)
    plain_days = None if fiscal_needed else step_dates(steps, start, None, closures)
    for number, company_id in enumerate(ids, start=1):
        company = companies.get(company_id)
        if company is None:
            missing.append(company_id)
        elif company["status"] in CLOSED_STATUSES:
            closed.append(company_id)
        elif company_id in running:
            already.append(company_id)
        elif fiscal_needed and not company["fiscal_year_end_month"]:
            no_fiscal.append(company_id)
        else:
            days = plain_days or step_dates(steps, start, company["fiscal_year_end_month"], closures)
            planned.append(company_id)
            for step, day in zip(steps, days, strict=True):
                row = plan_row(company_id, day, kind=step.kind, hypothesis=step.hypothesis, source="cadence",
                               now=now, caller=caller)
                row.update(cadence_id=cadence_id, cadence_step_id=step.id)
                rows.append(row)
        report = number % _CHUNK == 0 or number == len(ids)
        if progress is not None and report and progress(number, len(ids)) is False:
            raise ValidationError("ケイデンスの適用を中止しました。予定は作成していません。")
    if not dry_run and rows:
        with writing(db):
            db.table("plans").insert_all(rows, batch_size=1000)
    return Expansion(
        cadence_id=cadence_id, cadence_name=cadence.name, planned_companies=tuple(planned),
        plans_created=len(rows), no_fiscal_month=tuple(no_fiscal), closed=tuple(closed),
        already_running=tuple(already), missing=tuple(missing),
        changes=Changes.of(PLANS) if not dry_run and rows else NOTHING,
    )


def expand_for_list(db: Database, cadence_id: int, list_id: int, start: date, **kwargs: Any) -> Expansion:
    """``expand_cadence`` for every member of a target list, in the list's order."""
    ids = [row[0] for row in db.execute(
        "SELECT company_id FROM list_members WHERE list_id = ? ORDER BY priority, id", [list_id]).fetchall()]
    if not ids and db.execute("SELECT 1 FROM target_lists WHERE id = ?", [list_id]).fetchone() is None:
        raise NotFound(f"リスト（ID {list_id}）が見つかりません。削除された可能性があります。")
    return expand_cadence(db, cadence_id, ids, start, **kwargs)


# -- stop rules -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class StoppedPlans:
    """The cadence plans the stop rules skipped, with what that changed."""

    plan_ids: tuple[int, ...]
    changes: Changes


def apply_stop_rules(db: Database, company_id: int) -> StoppedPlans:
    """Skip the open cadence plans of ``company_id`` whose cadence says to stop, with the reason.

    A cadence stops (as its flags say) when, after its plans were made, the account won an
    appointment (a touch with that outcome, or a meeting), when the account is do-not-call or
    disqualified, or when the person replied (CONVERSATION_OUTCOMES: a callback request, which only
    names a time, is not a reply). Returns the skipped ids;
    call it inside the transaction that logs the outcome so both commit together.
    """
    replies = ",".join(f"'{o}'" for o in CONVERSATION_OUTCOMES)
    with writing(db):
        status_row = db.execute("SELECT status FROM companies WHERE id = ?", [company_id]).fetchone()
        if status_row is None:
            return StoppedPlans((), NOTHING)
        closed = status_row[0] in CLOSED_STATUSES
        rows = list(db.query(
            f"""SELECT p.id, p.created_at, c.name, c.stop_on_appointment, c.stop_on_do_not_call,
                c.stop_on_reply,
                EXISTS (SELECT 1 FROM touches t WHERE t.company_id = p.company_id
                        AND t.outcome = 'appointment' AND t.at >= p.created_at)
                OR EXISTS (SELECT 1 FROM meetings m WHERE m.company_id = p.company_id
                           AND m.created_at >= p.created_at) AS appointment,
                EXISTS (SELECT 1 FROM touches t WHERE t.company_id = p.company_id
                        AND t.outcome IN ({replies}) AND t.at >= p.created_at) AS replied
            FROM plans p JOIN cadences c ON c.id = p.cadence_id
            WHERE p.company_id = ? AND p.status = 'open' AND p.source = 'cadence'""",
            [company_id],
        ))
        now = now_iso()
        skipped = []
        for row in rows:
            reason = None
            if row["stop_on_do_not_call"] and closed:
                reason = f"架電不可・対象外になったため、ケイデンス「{row['name']}」を停止"
            elif row["stop_on_appointment"] and row["appointment"]:
                reason = f"アポ獲得のため、ケイデンス「{row['name']}」を停止"
            elif row["stop_on_reply"] and row["replied"]:
                reason = f"担当者と接続できたため、ケイデンス「{row['name']}」を停止"
            if reason:
                db.execute(
                    "UPDATE plans SET status = 'skipped', skip_reason = ?, done_at = ?, updated_at = ? "
                    "WHERE id = ?", [reason, now, now, row["id"]],
                )
                skipped.append(row["id"])
    return StoppedPlans(tuple(skipped), Changes.of(PLANS) if skipped else NOTHING)


def reopen_plans(db: Database, plan_ids: Iterable[int]) -> Changes:
    """Undo ``apply_stop_rules``: open the given skipped plans again."""
    ids = list(plan_ids)
    if not ids:
        return NOTHING
    with writing(db):
        db.execute(
            f"UPDATE plans SET status = 'open', skip_reason = NULL, done_at = NULL, updated_at = ? "
            f"WHERE status = 'skipped' AND id IN ({','.join('?' * len(ids))})", [now_iso(), *ids],
        )
    return Changes.of(PLANS)
