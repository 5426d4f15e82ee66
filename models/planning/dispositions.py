"""Dispositions: what each call outcome proposes next, and what it does to the account's status.

The rule table is editable (settings key ``disposition_rules``): per outcome, when the next touch
falls (business days or months later, or no proposal), its kind and the hypothesis it starts with.
What an outcome *means* is fixed in code: whether it plans a touch, opens the meeting form or takes
the account out of every queue, the status it leads to, and the confirmations that are the point of
it — ニーズなし needs a date and a hypothesis, 折返し依頼 the time the customer named.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, TypedDict

from sqlite_utils import Database

from models.accounts.vocab import CLOSED_STATUSES, OUTCOME, TOUCH_KIND
from models.planning.calendar import (
    CalendarRules,
    add_business_days,
    add_months,
    months_before_fiscal_year_end,
    next_business_day,
)
from models.planning.plans import Due, due_day, has_time
from models.store import settings
from models.store.changes import Changes
from models.store.errors import ValidationError

# What an outcome does. 'plan': propose the next touch; 'meeting': open the meeting form (no call
# plan); 'close': no plan, the account leaves every queue.
ACTIONS = ("plan", "meeting", "close")
OFFSET_UNITS = ("business_days", "months", "none")
# The parts of a rule a user may change in settings.
EDITABLE_FIELDS = ("offset_unit", "offset", "kind", "hypothesis", "requires_hypothesis")
# A plan further out than this parks the account: it is a nurture plan, which needs its reason (仮説).
# Two weeks: past every follow-up the default rules propose (5 business days), short of the nurture
# quick picks (a month and more).
NURTURE_AFTER_BUSINESS_DAYS = 10
# The quick picks that park an account (those DESIGN.md gives ニーズなし). A plan made with one
# records the pick as its hypothesis template, so the hit rates show how each timing works.
NURTURE_PICKS = ("1ヶ月後", "3ヶ月後", "6ヶ月後", "決算月の3ヶ月前")


@dataclass(frozen=True)
class Rule:
    """What one outcome proposes.

    Attributes:
        action: 'plan', 'meeting' or 'close' (fixed per outcome).
        offset_unit: 'business_days', 'months' or 'none' (no date proposed; the caller gives one).
        offset: how many units after the call.
        kind: the kind of the proposed touch (call, email, …).
        hypothesis: the hypothesis the proposal starts with, or None.
        requires_date / requires_time / requires_hypothesis: what the caller must fill in to save.
        status: the company status the outcome leads to (see ``next_status``).
    """

    action: str
    status: str
    offset_unit: str = "none"
    offset: int = 0
    kind: str = "call"
    hypothesis: str | None = None
    requires_date: bool = False
    requires_time: bool = False
    requires_hypothesis: bool = False


DEFAULT_RULES: dict[str, Rule] = {
    "not_available": Rule("plan", "in_progress", "business_days", 2, hypothesis="不在のため改めて架電"),
    "gatekeeper_block": Rule(
        "plan", "in_progress", "business_days", 5, hypothesis="別ルート（部署直通・メール）でアプローチ"
    ),
    "connected": Rule("plan", "in_progress", "business_days", 5),
    "callback_requested": Rule(
        "plan", "in_progress", hypothesis="ご指定の時間に折返し", requires_date=True, requires_time=True
    ),
    "info_sent": Rule("plan", "in_progress", "business_days", 3, hypothesis="資料の感想を伺う"),
    "appointment": Rule("meeting", "appointment"),
    "no_need": Rule("plan", "nurturing", requires_date=True, requires_hypothesis=True),
    "bad_number": Rule("close", "do_not_call"),
    "disqualified": Rule("close", "disqualified"),
}

class _Forced(TypedDict, total=False):
    requires_date: bool
    requires_time: bool
    requires_hypothesis: bool


# Confirmations no setting can switch off: they are what these outcomes are for.
_FORCED: dict[str, _Forced] = {
    "no_need": {"requires_date": True, "requires_hypothesis": True},
    "callback_requested": {"requires_date": True, "requires_time": True},
}


@dataclass(frozen=True)
class Proposal:
    """The next step an outcome proposes, for the caller to accept or change."""

    outcome: str
    due: Due | None
    kind: str
    hypothesis: str | None
    requires_hypothesis: bool
    requires_date: bool
    requires_time: bool
    opens_meeting_form: bool
    makes_plan: bool
    leaves_queue: bool
    new_status: str


def _check_outcome(outcome: str) -> None:
    if outcome not in OUTCOME:
        raise ValidationError(f"不明な結果です: {outcome}")


def _clean_rule(outcome: str, base: Rule, changes: dict[str, Any]) -> Rule:
    values = {key: changes[key] for key in EDITABLE_FIELDS if key in changes}
    rule = replace(base, **values)
    name = OUTCOME[outcome][0]
    if rule.offset_unit not in OFFSET_UNITS:
        raise ValidationError(f"「{name}」の間隔の単位が不明です: {rule.offset_unit}")
    if not isinstance(rule.offset, int) or isinstance(rule.offset, bool) or not 0 <= rule.offset <= 3650:
        raise ValidationError(f"「{name}」の間隔は 0〜3650 の整数で指定してください（{rule.offset}）。")
    if rule.offset_unit != "none" and rule.offset < 1:
        raise ValidationError(f"「{name}」の間隔は 1 以上で指定してください。")
    if rule.kind not in TOUCH_KIND:
        raise ValidationError(f"「{name}」の次回の種類が不明です: {rule.kind}")
    hypothesis = (rule.hypothesis or "").strip() or None
    rule = replace(rule, hypothesis=hypothesis, requires_hypothesis=bool(rule.requires_hypothesis))
    return replace(rule, **_FORCED.get(outcome, {}))


def rules_from_json(data: dict | None) -> dict[str, Rule]:
    """The full rule table from its stored form: stored edits over the defaults."""
    data = data or {}
    return {
        outcome: _clean_rule(outcome, base, data.get(outcome) or {})
        for outcome, base in DEFAULT_RULES.items()
    }


def rules_to_json(rules: dict[str, Rule]) -> dict[str, dict[str, Any]]:
    return {
        outcome: {key: value for key, value in asdict(rule).items() if key in EDITABLE_FIELDS}
        for outcome, rule in rules.items()
    }


def load_rules(db: Database) -> dict[str, Rule]:
    """The disposition rules from settings, or the defaults for whatever is not stored."""
    try:
        return rules_from_json(settings.get_setting(db, settings.DISPOSITION_RULES))
    except (ValidationError, TypeError, AttributeError):
        # A damaged setting must not stop the day's calls; the defaults are the designed behaviour.
        return dict(DEFAULT_RULES)


@dataclass(frozen=True)
class SavedRules:
    """The disposition table as it now applies, with what the save changed."""

    rules: dict[str, Rule]
    changes: Changes


def save_rules(db: Database, rules: dict[str, Rule]) -> SavedRules:
    """Store the editable parts of ``rules``; returns the table as it now applies."""
    for outcome in rules:
        _check_outcome(outcome)
    cleaned = rules_from_json(rules_to_json(rules))
    changes = settings.set_setting(db, settings.DISPOSITION_RULES, rules_to_json(cleaned))
    return SavedRules(cleaned, changes)


def next_status(current: str, outcome: str, rules: dict[str, Rule] | None = None) -> str:
    """The company status after ``outcome``.

    Closing outcomes always close (番号不通 → do_not_call, 対象外 → disqualified). A customer stays a
    customer otherwise. アポ獲得 → appointment and ニーズなし → nurturing from any other status.
    The other outcomes only move an untouched account to in_progress.
    """
    _check_outcome(outcome)
    target = (rules or DEFAULT_RULES)[outcome].status
    if target in CLOSED_STATUSES:
        return target
    if current == "customer":
        return current
    if target in ("appointment", "nurturing"):
        return target
    return target if current == "untouched" else current


def _day(now: date | datetime) -> date:
    return now.date() if isinstance(now, datetime) else now


def propose_next(
    outcome: str, now: date | datetime, company: Any, rules: dict[str, Rule] | None = None,
    calendar: CalendarRules | None = None,
) -> Proposal:
    """The next step ``outcome`` proposes for ``company`` (anything with ``status``), called at ``now``."""
    _check_outcome(outcome)
    rules = rules or DEFAULT_RULES
    calendar = calendar or CalendarRules()
    rule = rules[outcome]
    today = _day(now)
    due: Due | None = None
    if rule.action == "plan":
        if rule.offset_unit == "business_days":
            due = add_business_days(today, rule.offset, calendar.closures)
        elif rule.offset_unit == "months":
            due = next_business_day(add_months(today, rule.offset), calendar.closures, inclusive=True)
    return Proposal(
        outcome=outcome,
        due=due,
        kind=rule.kind,
        hypothesis=rule.hypothesis if rule.action == "plan" else None,
        requires_hypothesis=rule.requires_hypothesis,
        requires_date=rule.requires_date,
        requires_time=rule.requires_time,
        opens_meeting_form=rule.action == "meeting",
        makes_plan=rule.action == "plan",
        leaves_queue=rule.action == "close",
        new_status=next_status(getattr(company, "status", None) or "untouched", outcome, rules),
    )


def check_choice(
    outcome: str, due: Due | None, hypothesis: str | None, rules: dict[str, Rule] | None = None
) -> None:
    """Raise ValidationError when the caller's next touch lacks what ``outcome`` requires."""
    _check_outcome(outcome)
    rule = (rules or DEFAULT_RULES)[outcome]
    name = OUTCOME[outcome][0]
    if rule.requires_date and due is None:
        if outcome == "no_need":
            raise ValidationError(
                "ニーズなしとして保存するには、次回の連絡日を指定してください。"
                "いつ連絡するかを決めておくことがナーチャリングの要です。"
            )
        raise ValidationError(f"「{name}」として保存するには、次回の日付を指定してください。")
    if rule.requires_time and not has_time(due):
        if outcome == "callback_requested":
            raise ValidationError(
                "折返し依頼として保存するには、先方が指定した日時（時刻まで）を入力してください。"
            )
        raise ValidationError(f"「{name}」として保存するには、次回の時刻まで指定してください。")
    if rule.requires_hypothesis and not (hypothesis or "").strip():
        if outcome == "no_need":
            raise ValidationError(
                "ニーズなしとして保存するには、仮説（その時期に連絡する理由）を入力してください。"
                "例: 「1月に次年度の採用計画を立てるため、12月上旬に連絡」"
            )
        raise ValidationError(f"「{name}」として保存するには、仮説を入力してください。")


def quick_pick_dates(
    today: date, fiscal_month: int | None, calendar: CalendarRules | None = None
) -> list[tuple[str, date]]:
    """The quick picks for the next touch, each moved to a business day.

    「明日」 is the next business day (on a Friday, Monday). 「来週」 is the first business day of
    next week. 「決算月の3ヶ月前」 appears only when the fiscal year end month is known, and is
    always after today.
    """
    closures = (calendar or CalendarRules()).closures

    def on_business_day(day: date) -> date:
        return next_business_day(day, closures, inclusive=True)

    next_monday = today + timedelta(days=7 - today.weekday())
    picks = [
        ("明日", next_business_day(today, closures)),
        ("3営業日後", add_business_days(today, 3, closures)),
        ("来週", on_business_day(next_monday)),
        ("1ヶ月後", on_business_day(add_months(today, 1))),
        ("3ヶ月後", on_business_day(add_months(today, 3))),
        ("6ヶ月後", on_business_day(add_months(today, 6))),
    ]
    if fiscal_month:
        # From tomorrow: a pick that lands on the day of the call is no plan at all.
        before_year_end = months_before_fiscal_year_end(today + timedelta(days=1), fiscal_month, 3, closures)
        picks.append(("決算月の3ヶ月前", before_year_end))
    return picks


def is_nurture_plan(
    due: Due | str | None, made_on: date, calendar: CalendarRules | None = None, *,
    outcome: str | None = None, rules: dict[str, Rule] | None = None,
) -> bool:
    """Whether a plan made on ``made_on`` nurtures the account: made from an outcome whose rule requires
    a hypothesis (ニーズなし), or due more than ``NURTURE_AFTER_BUSINESS_DAYS`` business days later."""
    if outcome is not None and (rules or DEFAULT_RULES)[outcome].requires_hypothesis:
        return True
    if due is None:
        return False
    closures = (calendar or CalendarRules()).closures
    return due_day(due) > add_business_days(made_on, NURTURE_AFTER_BUSINESS_DAYS, closures)


def check_nurture_hypothesis(
    due: Due | str | None, hypothesis: str | None, made_on: date, calendar: CalendarRules | None = None,
    *, outcome: str | None = None, rules: dict[str, Rule] | None = None,
) -> None:
    """Raise ValidationError when a nurture plan (``is_nurture_plan``) has no hypothesis."""
    if (hypothesis or "").strip():
        return
    if is_nurture_plan(due, made_on, calendar, outcome=outcome, rules=rules):
        raise ValidationError(
            f"{NURTURE_AFTER_BUSINESS_DAYS}営業日より先の予定はナーチャリングの予定です。"
            "その時期に連絡する理由（仮説）を入力してください。"
            "例: 「1月に次年度の採用計画を立てるため、12月上旬に連絡」"
        )


def pick_template(pick: str | None) -> str | None:
    """The hypothesis template a plan made with quick pick ``pick`` records: the pick itself when it is
    one that parks the account (``NURTURE_PICKS``), else None."""
    return pick if pick in NURTURE_PICKS else None
