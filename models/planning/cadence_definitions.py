"""What a cadence is: its steps, the shipped defaults, and reading and editing cadences.

Expanding a cadence into plans (what each offset unit means), and the rules that stop it, are
``models.planning.cadences``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from models.accounts.entities import Cadence, CadenceStep, from_row
from models.accounts.vocab import TOUCH_KIND
from models.store import settings
from models.store.changes import CADENCE_STEPS, CADENCES, NOTHING, PLANS, SETTINGS, Changes
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError

OFFSET_UNITS = ("business_days", "weeks", "months", "fiscal_year_end_months")


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
        cadence_id = inserted_id(db.table("cadences").insert(stamp({
            "name": name, "description": (description or "").strip() or None,
            "stop_on_appointment": int(stop_on_appointment), "stop_on_do_not_call": int(stop_on_do_not_call),
            "stop_on_reply": int(stop_on_reply),
        })))
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


@dataclass(frozen=True)
class SavedSteps:
    """A cadence's steps as stored, with what the save changed."""

    steps: list[CadenceStep]
    changes: Changes


def set_steps(db: Database, cadence_id: int, steps: Sequence[StepSpec]) -> SavedSteps:
    """Replace the steps of a cadence. Plans already made keep their dates."""
    clean = _clean_steps(steps)
    with writing(db):
        get_cadence(db, cadence_id)
        db.execute("DELETE FROM cadence_steps WHERE cadence_id = ?", [cadence_id])
        _insert_steps(db, cadence_id, clean)
        db.execute("UPDATE cadences SET updated_at = ? WHERE id = ?", [now_iso(), cadence_id])
    return SavedSteps(cadence_steps(db, cadence_id), Changes.of(CADENCES, CADENCE_STEPS))


def delete_cadence(db: Database, cadence_id: int) -> Changes:
    """Delete a cadence; its plans stay (their cadence becomes empty)."""
    with writing(db):
        get_cadence(db, cadence_id)
        db.execute("DELETE FROM cadences WHERE id = ?", [cadence_id])
    return Changes.of(CADENCES, CADENCE_STEPS, PLANS)


@dataclass(frozen=True)
class CreatedCadences:
    """The cadences a write created (none when there was nothing to do), with what it changed."""

    cadences: list[Cadence]
    changes: Changes


def ensure_default_cadences(db: Database) -> CreatedCadences:
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
    return CreatedCadences(created, Changes.of(CADENCES, CADENCE_STEPS, SETTINGS) if created else NOTHING)
