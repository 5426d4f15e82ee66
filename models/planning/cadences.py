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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from models.accounts.entities import Cadence, CadenceStep, from_row
from models.accounts.vocab import CLOSED_STATUSES, CONNECT_OUTCOMES, TOUCH_KIND
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
from models.store import settings
from models.store.db import now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError

OFFSET_UNITS = ("business_days", "weeks", "months", "fiscal_year_end_months")
# Accounts a cadence is never applied to.
_CLOSED_SQL = ", ".join(f"'{status}'" for status in CLOSED_STATUSES)


@dataclass(frozen=True)
class StepSpec:
    """A step as given to ``create_cadence`` / ``set_steps`` (no ids yet)."""

    offset_amount: int
    offset_unit: str
    kind: str = "call"
    hypothesis: str | None = None


@dataclass(frozen=True)
class CadenceSpec:
    name: str
    description: str
    steps: tuple[StepSpec, ...]
    stop_on_appointment: bool = True
    stop_on_do_not_call: bool = True
    stop_on_reply: bool = False


DEFAULT_CADENCES: tuple[CadenceSpec, ...] = (
    CadenceSpec(
        "新規開拓", "未接触の会社への最初の1ヶ月。担当者と話せたら止まります。",
        (
            StepSpec(0, "business_days", "call", "初回架電：担当部署と担当者を確認"),
            StepSpec(2, "business_days", "call", "不在・受付ブロックなら時間帯を変えて再架電"),
            StepSpec(5, "business_days", "email", "会社紹介資料をメールで送付"),
            StepSpec(8, "business_days", "call", "資料の確認と課題のヒアリング"),
            StepSpec(1, "months", "call", "1ヶ月後にもう一度アプローチ"),
        ),
        stop_on_reply=True,
    ),
    CadenceSpec(
        "四半期ナーチャリング", "今はニーズがない会社に、3ヶ月ごとに近況を伺います。",
        (
            StepSpec(3, "months", "call", "3ヶ月後：近況と課題の変化を伺う"),
            StepSpec(6, "months", "call", "半年後：来期に向けた動きを伺う"),
            StepSpec(9, "months", "email", "9ヶ月後：事例紹介をメールで送付"),
            StepSpec(12, "months", "call", "1年後：次年度の計画を伺う"),
        ),
    ),
    CadenceSpec(
        "決算期アプローチ", "決算月から逆算して、計画・予算の時期に合わせて連絡します（決算月が必要です）。",
        (
            StepSpec(-4, "fiscal_year_end_months", "email", "決算4ヶ月前：来期に向けた情報提供"),
            StepSpec(-3, "fiscal_year_end_months", "call", "決算3ヶ月前：来期の人事・採用計画を策定する時期"),
            StepSpec(-2, "fiscal_year_end_months", "call", "決算2ヶ月前：来期予算の策定時期"),
            StepSpec(1, "fiscal_year_end_months", "call", "決算明け：新年度の体制が固まった時期"),
        ),
    ),
)


# -- reading --------------------------------------------------------------------------------------

def list_cadences(db: Database) -> list[Cadence]:
    return [from_row(Cadence, row) for row in db.query("SELECT * FROM cadences ORDER BY id")]


def get_cadence(db: Database, cadence_id: int) -> Cadence:
    rows = list(db.query("SELECT * FROM cadences WHERE id = ?", [cadence_id]))
    if not rows:
        raise NotFound(f"ケイデンス（ID {cadence_id}）が見つかりません。削除された可能性があります。")
    return from_row(Cadence, rows[0])


def cadence_steps(db: Database, cadence_id: int) -> list[CadenceStep]:
    rows = db.query("SELECT * FROM cadence_steps WHERE cadence_id = ? ORDER BY position, id", [cadence_id])
    return [from_row(CadenceStep, row) for row in rows]


def needs_fiscal_month(steps: Iterable[CadenceStep | StepSpec]) -> bool:
    return any(step.offset_unit == "fiscal_year_end_months" for step in steps)


# -- writing --------------------------------------------------------------------------------------

def _clean_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("ケイデンスの名前を入力してください。")
    return name


def _check_free(db: Database, name: str, except_id: int | None = None) -> None:
    row = db.execute("SELECT id FROM cadences WHERE name = ?", [name]).fetchone()
    if row is not None and row[0] != except_id:
        raise ValidationError(f"ケイデンス「{name}」はすでにあります。別の名前を付けてください。")


def _clean_steps(steps: Sequence[StepSpec]) -> list[StepSpec]:
    if not steps:
        raise ValidationError("ケイデンスには1つ以上のステップが必要です。")
    clean = []
    for number, step in enumerate(steps, start=1):
        if step.offset_unit not in OFFSET_UNITS:
            raise ValidationError(f"ステップ{number}の間隔の単位が不明です: {step.offset_unit}")
        if step.kind not in TOUCH_KIND:
            raise ValidationError(f"ステップ{number}の種類が不明です: {step.kind}")
        amount = int(step.offset_amount)
        if step.offset_unit == "fiscal_year_end_months":
            if not -11 <= amount <= 11:
                raise ValidationError(f"ステップ{number}の決算月からの月数は -11〜11 で指定してください。")
        elif not 0 <= amount <= 1000:
            raise ValidationError(f"ステップ{number}の間隔は 0 以上で指定してください（{amount}）。")
        clean.append(StepSpec(amount, step.offset_unit, step.kind, (step.hypothesis or "").strip() or None))
    return clean


def _insert_steps(db: Database, cadence_id: int, steps: list[StepSpec]) -> None:
    db.table("cadence_steps").insert_all([
        stamp({"cadence_id": cadence_id, "position": position, "offset_amount": step.offset_amount,
               "offset_unit": step.offset_unit, "kind": step.kind, "hypothesis": step.hypothesis})
        for position, step in enumerate(steps, start=1)
    ])


def create_cadence(
    db: Database, name: str, steps: Sequence[StepSpec], *, description: str | None = None,
    stop_on_appointment: bool = True, stop_on_do_not_call: bool = True, stop_on_reply: bool = False,
) -> Cadence:
    name = _clean_name(name)
    clean = _clean_steps(steps)
    with writing(db):
        _check_free(db, name)
        cadence_id = db.table("cadences").insert(stamp({
            "name": name, "description": (description or "").strip() or None,
            "stop_on_appointment": int(stop_on_appointment), "stop_on_do_not_call": int(stop_on_do_not_call),
            "stop_on_reply": int(stop_on_reply),
        })).last_pk
        _insert_steps(db, cadence_id, clean)
    return get_cadence(db, cadence_id)


def update_cadence(db: Database, cadence_id: int, **changes: Any) -> Cadence:
    """Change the name, description or stop rules of a cadence."""
    allowed = {"name", "description", "stop_on_appointment", "stop_on_do_not_call", "stop_on_reply"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"ケイデンスの項目に不明な名前があります: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            values[key] = _clean_name(value)
        elif key == "description":
            values[key] = (value or "").strip() or None
        else:
            values[key] = int(bool(value))
    with writing(db):
        get_cadence(db, cadence_id)
        if "name" in values:
            _check_free(db, values["name"], cadence_id)
        db.table("cadences").update(cadence_id, {**values, "updated_at": now_iso()})
    return get_cadence(db, cadence_id)


def set_steps(db: Database, cadence_id: int, steps: Sequence[StepSpec]) -> list[CadenceStep]:
    """Replace the steps of a cadence. Plans already made keep their dates."""
    clean = _clean_steps(steps)
    with writing(db):
        get_cadence(db, cadence_id)
        db.execute("DELETE FROM cadence_steps WHERE cadence_id = ?", [cadence_id])
        _insert_steps(db, cadence_id, clean)
        db.execute("UPDATE cadences SET updated_at = ? WHERE id = ?", [now_iso(), cadence_id])
    return cadence_steps(db, cadence_id)


def delete_cadence(db: Database, cadence_id: int) -> None:
    """Delete a cadence; its plans stay (their cadence becomes empty)."""
    with writing(db):
        get_cadence(db, cadence_id)
        db.execute("DELETE FROM cadences WHERE id = ?", [cadence_id])


def ensure_default_cadences(db: Database) -> list[Cadence]:
    """Create the shipped cadences once. A default the user deleted or renamed is not brought back;
    one whose name is taken by the user's own cadence is left alone. Returns those created."""
    shipped = set(settings.get_setting(db, settings.DEFAULT_CADENCES_SHIPPED) or [])
    created = []
    with writing(db):
        for spec in DEFAULT_CADENCES:
            if spec.name in shipped:
                continue
            shipped.add(spec.name)
            if db.execute("SELECT 1 FROM cadences WHERE name = ?", [spec.name]).fetchone():
                continue
            created.append(create_cadence(
                db, spec.name, spec.steps, description=spec.description,
                stop_on_appointment=spec.stop_on_appointment, stop_on_do_not_call=spec.stop_on_do_not_call,
                stop_on_reply=spec.stop_on_reply,
            ))
        settings.set_setting(db, settings.DEFAULT_CADENCES_SHIPPED, sorted(shipped))
    return created


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
        else:
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
                               now=now)
                row.update(cadence_id=cadence_id, cadence_step_id=step.id)
                rows.append(row)
        report = progress is not None and (number % _CHUNK == 0 or number == len(ids))
        if report and progress(number, len(ids)) is False:
            raise ValidationError("ケイデンスの適用を中止しました。予定は作成していません。")
    if not dry_run and rows:
        with writing(db):
            db.table("plans").insert_all(rows, batch_size=1000)
    return Expansion(
        cadence_id=cadence_id, cadence_name=cadence.name, planned_companies=tuple(planned),
        plans_created=len(rows), no_fiscal_month=tuple(no_fiscal), closed=tuple(closed),
        already_running=tuple(already), missing=tuple(missing),
    )


def expand_for_list(db: Database, cadence_id: int, list_id: int, start: date, **kwargs: Any) -> Expansion:
    """``expand_cadence`` for every member of a target list, in the list's order."""
    ids = [row[0] for row in db.execute(
        "SELECT company_id FROM list_members WHERE list_id = ? ORDER BY priority, id", [list_id]).fetchall()]
    if not ids and db.execute("SELECT 1 FROM target_lists WHERE id = ?", [list_id]).fetchone() is None:
        raise NotFound(f"リスト（ID {list_id}）が見つかりません。削除された可能性があります。")
    return expand_cadence(db, cadence_id, ids, start, **kwargs)


# -- stop rules -----------------------------------------------------------------------------------

def apply_stop_rules(db: Database, company_id: int) -> tuple[int, ...]:
    """Skip the open cadence plans of ``company_id`` whose cadence says to stop, with the reason.

    A cadence stops (as its flags say) when, after its plans were made, the account won an
    appointment (a touch with that outcome, or a meeting), when the account is do-not-call or
    disqualified, or when the person replied (a connected-type outcome). Returns the skipped ids;
    call it inside the transaction that logs the outcome so both commit together.
    """
    connects = ",".join(f"'{o}'" for o in CONNECT_OUTCOMES)
    with writing(db):
        status_row = db.execute("SELECT status FROM companies WHERE id = ?", [company_id]).fetchone()
        if status_row is None:
            return ()
        closed = status_row[0] in CLOSED_STATUSES
        rows = list(db.query(
            f"""SELECT p.id, p.created_at, c.name, c.stop_on_appointment, c.stop_on_do_not_call,
                c.stop_on_reply,
                EXISTS (SELECT 1 FROM touches t WHERE t.company_id = p.company_id
                        AND t.outcome = 'appointment' AND t.at >= p.created_at)
                OR EXISTS (SELECT 1 FROM meetings m WHERE m.company_id = p.company_id
                           AND m.created_at >= p.created_at) AS appointment,
                EXISTS (SELECT 1 FROM touches t WHERE t.company_id = p.company_id
                        AND t.outcome IN ({connects}) AND t.at >= p.created_at) AS replied
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
    return tuple(skipped)


def reopen_plans(db: Database, plan_ids: Iterable[int]) -> None:
    """Undo ``apply_stop_rules``: open the given skipped plans again."""
    ids = list(plan_ids)
    if not ids:
        return
    with writing(db):
        db.execute(
            f"UPDATE plans SET status = 'open', skip_reason = NULL, done_at = NULL, updated_at = ? "
            f"WHERE status = 'skipped' AND id IN ({','.join('?' * len(ids))})", [now_iso(), *ids],
        )
