"""Hypotheses (仮説): quick templates that time a future touch, their results, and which ones work.

A template names a recurring moment in a customer's year — 人事計画策定期, 予算策定期, 異動期… — with
a sentence to start the hypothesis from and a rule that proposes a date for an account:

- ``fiscal``: the first business day of the month ``months`` away from the fiscal year end month
  (-3: three months before it; +1: the month after it). Needs the account's fiscal year end month.
- ``months``: the first business day of the next of the given calendar months (異動期: April, October).
- ``after``: ``months`` calendar months from today, on a business day.

The templates are stored in settings (key ``hypothesis_templates``) and can be edited; until then
the defaults below are used. A plan keeps the template's name in ``plans.hypothesis_template`` and,
once the call has happened, whether the hypothesis held (当たり), missed (外れ) or is unknown (不明).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date

from sqlite_utils import Database

from models.accounts.entities import Plan
from models.accounts.vocab import HYPOTHESIS_RESULT, connect_sql
from models.planning.calendar import (
    DEFAULT_CLOSURES,
    Closure,
    add_months,
    first_business_day_of_month,
    next_business_day,
)
from models.planning.dispositions import DEFAULT_RULES, Rule
from models.planning.plans import due_day, get_plan
from models.store import settings
from models.store.changes import Changes
from models.store.db import now_iso, writing
from models.store.errors import ValidationError

RULES = ("fiscal", "months", "after", "none")
# The name under which plans without a template are summed up.
NO_TEMPLATE = "（テンプレートなし）"


@dataclass(frozen=True)
class HypothesisTemplate:
    """One quick template. ``months`` is an offset (fiscal, after); ``calendar_months`` lists months."""

    name: str
    text: str
    rule: str = "none"
    months: int = 0
    calendar_months: tuple[int, ...] = ()

    def needs_fiscal_month(self) -> bool:
        return self.rule == "fiscal"


DEFAULT_TEMPLATES: tuple[HypothesisTemplate, ...] = (
    HypothesisTemplate("人事計画策定期", "決算3ヶ月前：来期の人事・採用計画を策定する時期のため",
                       "fiscal", -3),
    HypothesisTemplate("予算策定期", "決算2ヶ月前：来期予算の策定時期。稟議に間に合うよう提案するため",
                       "fiscal", -2),
    HypothesisTemplate("採用繁忙期明け", "新卒採用の繁忙期が明け、採用の振り返りをする時期のため", "months",
                       calendar_months=(7,)),
    HypothesisTemplate("決算後", "決算明け：新年度の体制と予算が固まった時期のため", "fiscal", 1),
    HypothesisTemplate("異動期", "4月・10月の人事異動後、新任の責任者にご挨拶するため", "months",
                       calendar_months=(4, 10)),
)


def _clean(template: HypothesisTemplate) -> HypothesisTemplate:
    name = " ".join((template.name or "").split())
    if not name:
        raise ValidationError("仮説テンプレートの名前を入力してください。")
    if template.rule not in RULES:
        raise ValidationError(f"仮説テンプレート「{name}」の日付の決め方が不明です: {template.rule}")
    months = int(template.months)
    calendar_months = tuple(sorted({int(m) for m in template.calendar_months}))
    if any(not 1 <= m <= 12 for m in calendar_months):
        raise ValidationError(f"仮説テンプレート「{name}」の月は 1〜12 で指定してください。")
    if template.rule == "months" and not calendar_months:
        raise ValidationError(f"仮説テンプレート「{name}」には、連絡する月を1つ以上指定してください。")
    if template.rule == "fiscal" and not -11 <= months <= 11:
        raise ValidationError(f"仮説テンプレート「{name}」の決算月からの月数は -11〜11 で指定してください。")
    if template.rule == "after" and not 1 <= months <= 36:
        raise ValidationError(f"仮説テンプレート「{name}」の月数は 1〜36 で指定してください。")
    return HypothesisTemplate(name, (template.text or "").strip(), template.rule, months, calendar_months)


def _from_json(item: dict) -> HypothesisTemplate:
    return _clean(HypothesisTemplate(
        name=str(item["name"]), text=str(item.get("text") or ""), rule=str(item.get("rule") or "none"),
        months=int(item.get("months") or 0),
        calendar_months=tuple(int(m) for m in item.get("calendar_months") or ()),
    ))


def load_templates(db: Database) -> list[HypothesisTemplate]:
    """The templates in settings, or the defaults when none were saved (or the setting is damaged)."""
    data = settings.get_setting(db, settings.HYPOTHESIS_TEMPLATES)
    if not isinstance(data, list):
        return list(DEFAULT_TEMPLATES)
    try:
        return [_from_json(item) for item in data]
    except (KeyError, TypeError, ValueError, ValidationError):
        return list(DEFAULT_TEMPLATES)


@dataclass(frozen=True)
class SavedTemplates:
    """The templates as stored (cleaned, in order), with what the save changed."""

    templates: list[HypothesisTemplate]
    changes: Changes


def save_templates(db: Database, templates: Sequence[HypothesisTemplate]) -> SavedTemplates:
    """Check and store the templates (order kept); names must be unique."""
    cleaned = [_clean(template) for template in templates]
    seen: set[str] = set()
    for template in cleaned:
        if template.name in seen:
            raise ValidationError(
                f"仮説テンプレート「{template.name}」が重複しています。名前を変えてください。"
            )
        seen.add(template.name)
    with writing(db):
        changes = settings.set_setting(db, settings.HYPOTHESIS_TEMPLATES, [
            {**asdict(template), "calendar_months": list(template.calendar_months)} for template in cleaned
        ])
    return SavedTemplates(cleaned, changes)


def reset_templates(db: Database) -> SavedTemplates:
    return SavedTemplates(list(DEFAULT_TEMPLATES), settings.delete_setting(db, settings.HYPOTHESIS_TEMPLATES))


def find_template(templates: Sequence[HypothesisTemplate], name: str | None) -> HypothesisTemplate | None:
    return next((template for template in templates if template.name == name), None)


def fiscal_anchor_month(fiscal_month: int, offset: int) -> int:
    """The calendar month ``offset`` months from the fiscal year end month (-3 from March: December)."""
    return (fiscal_month - 1 + offset) % 12 + 1


def _next_month_start(today: date, months: Sequence[int], closures: tuple[Closure, ...]) -> date:
    """The first business day of the next of ``months`` whose first business day is after today."""
    candidates = [
        first_business_day_of_month(year, month, closures)
        for year in (today.year, today.year + 1) for month in months
    ]
    return min(day for day in candidates if day > today)


def propose_date(
    template: HypothesisTemplate, today: date, fiscal_month: int | None,
    closures: Sequence[Closure] = DEFAULT_CLOSURES,
) -> date | None:
    """The day ``template`` proposes for an account, after ``today``; None when it proposes none.

    A fiscal-year template for an account without a fiscal year end month proposes nothing.
    """
    closures = tuple(closures)
    if template.rule == "fiscal":
        if not fiscal_month:
            return None
        return _next_month_start(today, [fiscal_anchor_month(fiscal_month, template.months)], closures)
    if template.rule == "months":
        return _next_month_start(today, template.calendar_months, closures)
    if template.rule == "after":
        return next_business_day(add_months(today, template.months), closures, inclusive=True)
    return None


def describe_rule(template: HypothesisTemplate) -> str:
    """The template's date rule as a short Japanese phrase (for tooltips and the CLI)."""
    if template.rule == "fiscal":
        if template.months < 0:
            return f"決算月の{-template.months}ヶ月前の月初"
        if template.months > 0:
            return f"決算月の{template.months}ヶ月後の月初"
        return "決算月の月初"
    if template.rule == "months":
        return "・".join(f"{m}月" for m in template.calendar_months) + "の月初"
    if template.rule == "after":
        return f"{template.months}ヶ月後"
    return "日付の提案なし"


# -- results ------------------------------------------------------------------------------------

def set_result(db: Database, plan_id: int, result: str | None) -> Plan:
    """Record whether a plan's hypothesis held (``held``), missed, or is ``unknown``; None clears it."""
    if result is not None and result not in HYPOTHESIS_RESULT:
        raise ValidationError(f"仮説の結果が不明です: {result}（当たり・外れ・不明のいずれか）")
    with writing(db):
        plan = get_plan(db, plan_id)
        if plan.status == "open" and result is not None:
            raise ValidationError(
                "まだ実施していない予定です。架電した後に仮説の当たり外れを記録してください。"
            )
        db.table("plans").update(plan_id, {"hypothesis_result": result, "updated_at": now_iso()})
    return get_plan(db, plan_id)


def plan_to_judge(plans: Iterable[Plan], on: date, rules: dict[str, Rule] | None = None,
                  kind: str = "call") -> Plan | None:
    """The plan whose hypothesis a touch of ``kind`` on ``on`` puts to the test: the first of the open
    ``plans`` it fulfils (due by then, of that kind; ``touches.log_outcome`` closes them) whose hypothesis
    is a reason someone wrote, not a disposition rule's stock sentence (「不在のため改めて架電」)."""
    stock = {rule.hypothesis for rule in (rules or DEFAULT_RULES).values() if rule.hypothesis}
    for plan in plans:
        hypothesis = (plan.hypothesis or "").strip()
        if (plan.status == "open" and plan.kind == kind and due_day(plan.due) <= on and hypothesis
                and hypothesis not in stock):
            return plan
    return None


@dataclass(frozen=True)
class TemplateResult:
    """How the plans of one template went. ``hit_rate`` is held / (held + missed), None without both."""

    template: str
    plans: int
    done: int
    held: int
    missed: int
    unknown: int
    unrated: int
    connected: int
    appointments: int

    @property
    def hit_rate(self) -> float | None:
        judged = self.held + self.missed
        return self.held / judged if judged else None


@dataclass(frozen=True)
class HypothesisPlanRow:
    """One plan behind a template's figures."""

    plan_id: int
    company_id: int
    company_name: str
    due: str
    status: str
    hypothesis: str | None
    template: str
    result: str | None
    outcome: str | None


def _period_sql(start: date | None, end: date | None, params: list) -> str:
    where = ""
    if start is not None:
        where += " AND substr(p.due, 1, 10) >= ?"
        params.append(start.isoformat())
    if end is not None:
        where += " AND substr(p.due, 1, 10) <= ?"
        params.append(end.isoformat())
    return where


def hypothesis_summary(
    db: Database, start: date | None = None, end: date | None = None, *, include_untemplated: bool = False,
) -> list[TemplateResult]:
    """Which hypotheses work: per template, the plans due in the period (skipped ones left out) and how
    they went — results recorded, and whether the call that fulfilled them connected or won a meeting.

    Templates in use come first by number of plans; the current templates with no plans follow.
    """
    params: list = []
    where = _period_sql(start, end, params)
    if not include_untemplated:
        where += " AND p.hypothesis_template IS NOT NULL"
    rows = db.query(
        f"""SELECT COALESCE(p.hypothesis_template, ?) AS template, COUNT(*) AS plans,
            SUM(p.status = 'done') AS done,
            SUM(p.hypothesis_result = 'held') AS held, SUM(p.hypothesis_result = 'missed') AS missed,
            SUM(p.hypothesis_result = 'unknown') AS unknown,
            SUM(p.status = 'done' AND p.hypothesis_result IS NULL) AS unrated,
            SUM({connect_sql('t')}) AS connected, SUM(t.outcome = 'appointment') AS appointments
        FROM plans p LEFT JOIN touches t ON t.id = p.done_touch_id
        WHERE p.status != 'skipped' {where}
        GROUP BY 1 ORDER BY plans DESC, template""",
        [NO_TEMPLATE, *params],
    )
    results = [
        TemplateResult(template=row["template"],
                       **{key: value or 0 for key, value in row.items() if key != "template"})
        for row in rows
    ]
    named = {result.template for result in results}
    for template in load_templates(db):
        if template.name not in named:
            results.append(TemplateResult(template.name, 0, 0, 0, 0, 0, 0, 0, 0))
    return results


def template_plans(
    db: Database, template: str, start: date | None = None, end: date | None = None, limit: int = 2000,
) -> list[HypothesisPlanRow]:
    """The plans behind one template's figures: done ones first (their results are the ones to set),
    each part latest due first."""
    params: list = []
    where = _period_sql(start, end, params)
    if template == NO_TEMPLATE:
        condition = "p.hypothesis_template IS NULL"
    else:
        condition = "p.hypothesis_template = ?"
        params.insert(0, template)
    rows = db.query(
        f"""SELECT p.id AS plan_id, p.company_id, c.name AS company_name, p.due, p.status, p.hypothesis,
            p.hypothesis_result AS result, t.outcome
        FROM plans p JOIN companies c ON c.id = p.company_id LEFT JOIN touches t ON t.id = p.done_touch_id
        WHERE {condition} AND p.status != 'skipped' {where}
        ORDER BY p.status = 'open', p.due DESC, p.id DESC LIMIT ?""",
        [*params, limit],
    )
    return [HypothesisPlanRow(template=template, **row) for row in rows]
