"""Priority score from configurable fit rules (industry, size, prefecture, fiscal month) that explains itself.

The rules live as JSON in the ``settings`` table under ``scoring_rules``. A score is the sum of the
points of each rule; ``ScoreResult.reasons`` lists every rule with its points for the tooltip.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from models.accounts.entities import Company
from models.store import clock, settings
from models.store.changes import COMPANIES, NOTHING, SETTINGS, Changes, Counted
from models.store.db import writing
from models.store.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

RULES_VERSION = 1
# The fields a score reads: a change to any of them scores the company again.
SCORED_FIELDS = ("industry", "employees", "prefecture", "fiscal_year_end_month")

DEFAULT_INDUSTRY_POINTS = {
    "製造業": 25.0, "IT・ソフトウェア": 20.0, "建設業": 20.0, "物流・運輸": 15.0, "医療・福祉": 15.0,
    "卸売業": 10.0, "小売業": 10.0, "飲食・宿泊": 10.0, "広告・マーケティング": 5.0, "不動産": 5.0,
    "教育": 5.0, "金融・保険": 5.0, "人材サービス": 0.0,
}
# (min employees, max employees or None for "and more", points); bands are inclusive.
DEFAULT_EMPLOYEE_BANDS = ((1, 9, 0.0), (10, 49, 10.0), (50, 299, 25.0), (300, 999, 30.0), (1000, None, 20.0))
DEFAULT_PREFECTURE_POINTS = {
    "東京都": 15.0, "神奈川県": 10.0, "大阪府": 10.0, "愛知県": 10.0, "埼玉県": 5.0, "千葉県": 5.0,
    "福岡県": 5.0,
}

Band = tuple[int, int | None, float]


@dataclass(frozen=True)
class ScoringRules:
    """Fit rules: points per industry, employee-count band and prefecture, and for an approaching fiscal
    year end (within ``fiscal_months_ahead`` months, this month counting as 0)."""

    industry_points: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_INDUSTRY_POINTS))
    employee_bands: tuple[Band, ...] = DEFAULT_EMPLOYEE_BANDS
    prefecture_points: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_PREFECTURE_POINTS))
    fiscal_months_ahead: int = 3
    fiscal_points: float = 20.0

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "industry_points", _points_map(self.industry_points, "業種"))
        set_(self, "prefecture_points", _points_map(self.prefecture_points, "都道府県"))
        set_(self, "employee_bands", tuple(_band(band) for band in self.employee_bands))
        set_(self, "fiscal_points", _number(self.fiscal_points, "決算月の点数"))
        months = self.fiscal_months_ahead
        if isinstance(months, bool) or not isinstance(months, int) or not 0 <= months <= 11:
            raise ValidationError(f"決算月の期間は0〜11ヶ月で指定してください（「{months}」）。")


@dataclass(frozen=True)
class ScoreResult:
    score: float
    reasons: tuple[tuple[str, float], ...]


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(f"{what}は数値で指定してください（「{value}」）。")
    return float(value)


def _points_map(values: Mapping[str, Any], what: str) -> dict[str, float]:
    if not isinstance(values, Mapping):
        raise ValidationError(f"{what}ごとの点数の形式が正しくありません。")
    return {str(key): _number(points, f"{what}「{key}」の点数") for key, points in values.items()}


def _band(band: Any) -> Band:
    try:
        low, high, points = band
    except (TypeError, ValueError) as error:
        raise ValidationError(f"従業員数の区分の形式が正しくありません（「{band}」）。") from error
    if isinstance(low, bool) or not isinstance(low, int) or low < 0:
        raise ValidationError(f"従業員数の区分の下限は0以上の整数で指定してください（「{low}」）。")
    if high is not None and (isinstance(high, bool) or not isinstance(high, int) or high < low):
        raise ValidationError(f"従業員数の区分の上限は下限以上の整数で指定してください（「{high}」）。")
    return (low, high, _number(points, "従業員数の区分の点数"))


def months_until_fiscal_end(month: int, today: date) -> int:
    """Whole months from ``today``'s month to the fiscal year end ``month`` (0 = it ends this month)."""
    return (month - today.month) % 12


def band_label(band: Band) -> str:
    low, high, _ = band
    return f"{low:,}名以上" if high is None else f"{low:,}〜{high:,}名"


def _value(values: Company | Mapping[str, Any], name: str) -> Any:
    if isinstance(values, Mapping):
        return values.get(name)
    return getattr(values, name, None)


def _employee_reason(employees: Any, rules: ScoringRules) -> tuple[str, float]:
    if employees is None or employees == "":
        return ("従業員数: 未設定", 0.0)
    count = int(employees)
    for band in rules.employee_bands:
        if count >= band[0] and (band[1] is None or count <= band[1]):
            return (f"従業員数: {count:,}名（{band_label(band)}）", band[2])
    return (f"従業員数: {count:,}名", 0.0)


def _fiscal_reason(month: Any, rules: ScoringRules, today: date) -> tuple[str, float]:
    if not month:
        return ("決算月: 未設定", 0.0)
    ahead = months_until_fiscal_end(int(month), today)
    when = "今月" if ahead == 0 else f"{ahead}ヶ月後"
    if ahead <= rules.fiscal_months_ahead:
        return (f"決算月: {int(month)}月（{when}・{rules.fiscal_months_ahead}ヶ月以内）", rules.fiscal_points)
    return (f"決算月: {int(month)}月（{when}）", 0.0)


def score_company(values: Company | Mapping[str, Any], rules: ScoringRules | None = None,
                  today: date | None = None) -> ScoreResult:
    """Score one company (a ``Company`` or a dict of its fields) and say why.

    Every rule appears in ``reasons``, with 0 points when it does not apply, so the tooltip shows what
    was considered. Missing values count as 0 and read 「未設定」.
    """
    rules = rules or ScoringRules()
    today = today or clock.today()
    industry = _value(values, "industry")
    prefecture = _value(values, "prefecture")
    reasons = (
        (f"業種: {industry}", rules.industry_points.get(industry, 0.0)) if industry
        else ("業種: 未設定", 0.0),
        _employee_reason(_value(values, "employees"), rules),
        (f"所在地: {prefecture}", rules.prefecture_points.get(prefecture, 0.0)) if prefecture
        else ("所在地: 未設定", 0.0),
        _fiscal_reason(_value(values, "fiscal_year_end_month"), rules, today),
    )
    return ScoreResult(score=round(sum(points for _, points in reasons), 2), reasons=reasons)


class Scorer:
    """Scores companies with one set of rules on one day, remembering each combination of the fields
    it reads (an import of 100,000 rows has a few thousand)."""

    def __init__(self, rules: ScoringRules | None = None, today: date | None = None):
        self.rules = rules or ScoringRules()
        self.today = today or clock.today()
        self._scores: dict[tuple, float] = {}
        self._bands: dict[Any, int] = {}  # employee count → its band

    @classmethod
    def of(cls, db: Database, today: date | None = None) -> Scorer:
        """With the stored rules; the defaults when they cannot be read (the scoring dialog says so)."""
        try:
            rules = load_rules(db)
        except ValidationError:
            rules = ScoringRules()
        return cls(rules, today)

    def __call__(self, values: Company | Mapping[str, Any]) -> float:
        # The employee count matters only through its band: keyed so, a list of 100,000 companies with
        # thousands of different head counts is scored a few hundred times, not 100,000.
        if isinstance(values, dict):  # an import's rows: 100,000s of calls, each kept short
            industry, employees = values.get("industry"), values.get("employees")
            prefecture, month = values.get("prefecture"), values.get("fiscal_year_end_month")
        else:
            industry, employees, prefecture, month = (_value(values, name) for name in SCORED_FIELDS)
        band = self._bands.get(employees)
        if band is None:
            band = self._bands[employees] = self._band(employees)
        score = self._scores.get((industry, band, prefecture, month))
        if score is None:
            score = self._scores[(industry, band, prefecture, month)] = score_company(
                values, self.rules, self.today).score
        return score

    def _band(self, employees: Any) -> int:
        """Which band ``employees`` falls in, as ``_employee_reason`` picks it (-1: none given, -2: none)."""
        if employees is None or employees == "":
            return -1
        count = int(employees)
        for index, (low, high, _points) in enumerate(self.rules.employee_bands):
            if count >= low and (high is None or count <= high):
                return index
        return -2


def format_points(points: float) -> str:
    """``20.0`` → ``"20"``, ``2.5`` → ``"2.5"``."""
    return f"{points:g}" if points == int(points) else f"{points:.1f}"


def explain_text(result: ScoreResult) -> str:
    """The tooltip: the score, then one line per rule with its points."""
    lines = [f"優先度スコア: {format_points(result.score)}点"]
    for label, points in result.reasons:
        sign = "+" if points > 0 else ""
        lines.append(f"・{label}　{sign}{format_points(points)}点")
    return "\n".join(lines)


# ── Stored rules ──────────────────────────────────────────────────────────────────────────────────

def rules_to_json(rules: ScoringRules) -> str:
    return json.dumps({
        "version": RULES_VERSION,
        "industry_points": rules.industry_points,
        "employee_bands": [list(band) for band in rules.employee_bands],
        "prefecture_points": rules.prefecture_points,
        "fiscal_months_ahead": rules.fiscal_months_ahead,
        "fiscal_points": rules.fiscal_points,
    }, ensure_ascii=False, sort_keys=True)


def rules_from_json(text: str) -> ScoringRules:
    """Rules from their JSON; keys that are missing take their defaults. Raises ValidationError."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as error:
        raise ValidationError("スコア設定の形式が正しくありません（JSON として読めません）。") from error
    if not isinstance(data, dict):
        raise ValidationError("スコア設定の形式が正しくありません。")
    names = ("industry_points", "employee_bands", "prefecture_points", "fiscal_months_ahead", "fiscal_points")
    return ScoringRules(**{name: data[name] for name in names if name in data})


def load_rules(db: Database) -> ScoringRules:
    """The stored rules, or the defaults when none were saved.

    Raises:
        ValidationError: the stored value cannot be read; the message says how to recover.
    """
    text = settings.get_raw(db, settings.SCORING_RULES)
    if text is None:
        return ScoringRules()
    try:
        return rules_from_json(text)
    except ValidationError as error:
        raise ValidationError(
            f"保存されているスコア設定を読み込めませんでした。{error} "
            "スコア設定を開き、既定値に戻してから保存し直してください。"
        ) from error


def save_rules(db: Database, rules: ScoringRules) -> Changes:
    """Store ``rules`` (insert or update the ``scoring_rules`` setting) in one transaction."""
    return settings.set_raw(db, settings.SCORING_RULES, rules_to_json(rules))


def rescore_all(db: Database, rules: ScoringRules | None = None, today: date | None = None,
                progress: Callable[[int, int], None] | None = None) -> Counted:
    """Recompute ``companies.score`` for every company in one transaction; returns how many were scored.

    Only changed scores are written. ``updated_at`` is left alone: the score is derived, not edited.
    The month scored for is remembered (``rescore_if_month_changed``).
    """
    scorer = Scorer(rules or load_rules(db), today)
    rows = db.execute(f"SELECT id, {', '.join(SCORED_FIELDS)}, score FROM companies").fetchall()
    changes: list[tuple[float, int]] = []
    for company_id, *values, old in rows:
        score = scorer(dict(zip(SCORED_FIELDS, values, strict=True)))
        if score != old:
            changes.append((score, company_id))
    total = len(rows)
    step = 20_000
    with writing(db):
        for start in range(0, len(changes), step):
            chunk = changes[start:start + step]
            db.conn.executemany("UPDATE companies SET score = ? WHERE id = ?", chunk)
            if progress:
                progress(total * (start + len(chunk)) // len(changes), total)
        settings.set_setting(db, settings.SCORES_MONTH, f"{scorer.today:%Y-%m}")
    if progress:
        progress(total, total)
    return Counted(total, Changes.of(COMPANIES, SETTINGS))


def rescore_if_month_changed(db: Database, today: date | None = None) -> Changes:
    """Score every company again when the month changed since the last time (an approaching fiscal
    year end counts in months from today); what that changed, or nothing (falsy) when it did not."""
    today = today or clock.today()
    if settings.get_setting(db, settings.SCORES_MONTH) == f"{today:%Y-%m}":
        return NOTHING
    return rescore_all(db, Scorer.of(db, today).rules, today).changes
