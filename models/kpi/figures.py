"""The KPIs of a period and a scope: every figure with its exact definition, and the rows behind it.

A period is a range of local days, both ends included; a touch or a meeting belongs to the day written
in its timestamp (``at`` / ``starts_at``). The scope is every account, a target list, or a saved view.
The definitions below are the ones the KPI page shows in its tooltips and the README lists; change
them in one place. Touch counts of the whole database come from ``touch_days`` (migration 4, kept by
triggers); a list or a view counts its accounts' touches directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from models.accounts.lists import find_list, get_list
from models.accounts.targets import get_view, target_ids
from models.accounts.vocab import COMPANY_STATUS, MEETING_OUTCOME, OUTCOME, label
from models.meetings.meetings import OUTCOME_REASON
from models.store.errors import NotFound, ValidationError

# Call outcomes where somebody we wanted talked with us (接続).
CONNECT_OUTCOMES = ("connected", "callback_requested", "info_sent", "appointment", "no_need")
SILENT_DAYS = 30
SILENT_STATUSES = ("in_progress", "nurturing")
TREND_WEEKS = 8
NO_REASON = "（理由未入力）"

# key → (日本語, English, 定義, definition). The order is the page's order.
FIGURES: dict[str, tuple[str, str, str, str]] = {
    "calls": (
        "架電数", "Calls",
        "期間中に記録した架電（種類「架電」の接触）の件数。結果を問わず 1 回の発信を 1 件と数えます。",
        "Touches of kind call logged in the period, whatever their outcome: each attempt counts once."),
    "connects": (
        "接続数", "Connects",
        "架電のうち結果が 担当者接続・折返し依頼・資料送付・アポ獲得・ニーズなし の件数"
        "（相手と話せた架電）。",
        "Calls whose outcome is connected, callback requested, info sent, appointment or no need "
        "(someone talked with us)."),
    "connect_rate": (
        "接続率", "Connect rate", "接続数 ÷ 架電数。",
        "Connects ÷ calls."),
    "key_person": (
        "キーパーソン接触数", "Decision-maker reaches",
        "架電のうち「キーパーソン接触」に印を付けた件数（決裁者と話せた架電）。",
        "Calls marked as having reached a decision maker."),
    "key_person_rate": (
        "キーパーソン接触率", "Decision-maker reach rate", "キーパーソン接触数 ÷ 架電数。",
        "Decision-maker reaches ÷ calls."),
    "appointments": (
        "アポ数", "Appointments",
        "期間中に記録した、結果が「アポ獲得」の架電の件数（商談の日付ではなく、アポを取った日で数えます）。",
        "Calls with the outcome appointment logged in the period (counted on the day the appointment "
        "was won, not the day of the meeting)."),
    "appointment_rate": (
        "アポ率", "Appointment rate", "アポ数 ÷ 架電数。", "Appointments ÷ calls."),
    "meetings_held": (
        "商談化数", "Meetings held",
        "開始日時が期間内で、状態が「実施済み」の商談の件数。日程を変更した商談は新しい日付の期間で数えます。",
        "Meetings starting in the period whose status is held. A rescheduled meeting counts in the "
        "period of its new date."),
    "won": (
        "受注数", "Won", "商談化数のうち、フィードバックの結果が「受注」の件数。",
        "Meetings held in the period whose field outcome is won."),
    "win_rate": (
        "受注率", "Win rate", "受注数 ÷ 商談化数。", "Won ÷ meetings held."),
    "untouched": (
        "Untouched数", "Untouched",
        "アーカイブされていないリストに載っている対象の会社のうち、期間の最終日までに接触の記録が一度もない会社の数"
        "（対象外・架電不可を除く）。",
        "Companies on a list that is not archived with no touch logged up to the last day of the period "
        "(disqualified and do-not-call excluded)."),
    "pipeline": (
        "ナーチャリング中", "Nurturing pipeline",
        "期間の最終日の時点で、未完了の予定（次回の接触）が 1 件以上ある会社の数。",
        "Companies with at least one open plan (a next touch) at the end of the period."),
    "plans_on_time": (
        "予定どおり実施率", "Plans on time",
        "期日が期間内の予定（見送りを除き、期日がまだ来ていない未完了の予定も除く）のうち、期日の当日までに"
        "完了した予定の割合。",
        "Of the plans due in the period (skipped ones, and open ones not yet due, left out), the share "
        "done on or before their due day."),
    "silent": (
        "音信不通", "Silent accounts",
        "現時点で状態が アプローチ中・ナーチャリング の会社（一度は接触した会社）のうち、未完了の予定がなく、"
        f"期間の最終日から遡って {SILENT_DAYS} 日間に接触がない会社の数（現在の状態と予定で数えます）。",
        f"Companies now in progress or nurturing (touched before) with no open plan and no touch in the "
        f"{SILENT_DAYS} days up "
        "to the last day of the period (current status and plans)."),
}
RATES = {"connect_rate": ("connects", "calls"), "key_person_rate": ("key_person", "calls"),
         "appointment_rate": ("appointments", "calls"), "win_rate": ("won", "meetings_held"),
         "plans_on_time": (None, None)}
# Figures that read the present state (statuses, plans): a previous period shows the same value.
SNAPSHOT = ("silent",)
# Figures of a moment (the end of the period) rather than of the days in it.
STOCK = ("untouched", "pipeline", "silent")
FUNNEL = ("calls", "connects", "key_person", "appointments", "meetings_held", "won")


def figure_label(key: str, language: str = "ja") -> str:
    ja, en, *_ = FIGURES[key]
    return en if language == "en" else ja


def figure_definition(key: str, language: str = "ja") -> str:
    *_, ja, en = FIGURES[key]
    return en if language == "en" else ja


# -- period and scope ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """Local days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                f"期間の終了日（{self.end}）が開始日（{self.start}）より前です。開始日以降の日付を指定してください。")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[str, str]:
        """Text bounds for ``at >= low AND at < high`` over ISO timestamps."""
        return self.start.isoformat(), (self.end + timedelta(days=1)).isoformat()

    def previous(self) -> Period:
        """The period of the same length just before; a calendar month's is the month before."""
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:
            last = self.start - timedelta(days=1)
            return Period(last.replace(day=1), last)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def text(self) -> str:
        return f"{self.start:%Y/%m/%d}〜{self.end:%Y/%m/%d}"


PERIOD_KINDS = ("this_week", "last_week", "this_month", "last_month")


def period_for(kind: str, today: date) -> Period:
    """This week (Monday to Sunday), last week, this month or last month around ``today``."""
    monday = today - timedelta(days=today.weekday())
    if kind == "this_week":
        return Period(monday, monday + timedelta(days=6))
    if kind == "last_week":
        return Period(monday - timedelta(days=7), monday - timedelta(days=1))
    first = today.replace(day=1)
    if kind == "this_month":
        following = (first + timedelta(days=32)).replace(day=1)
        return Period(first, following - timedelta(days=1))
    if kind == "last_month":
        last = first - timedelta(days=1)
        return Period(last.replace(day=1), last)
    raise ValueError(f"unknown period kind {kind!r}")


@dataclass(frozen=True)
class Scope:
    """Every account (``kind`` 'all'), one target list ('list') or a saved view of Targets ('view')."""

    kind: str = "all"
    id: int | None = None
    name: str = ""

    @classmethod
    def of_list(cls, db: Database, list_id: int) -> Scope:
        return cls("list", list_id, get_list(db, list_id).name)

    @classmethod
    def of_view(cls, db: Database, view_id: int) -> Scope:
        return cls("view", view_id, get_view(db, view_id).name)

    def text(self) -> str:
        texts = {"all": "すべて", "list": f"リスト「{self.name}」", "view": f"ビュー「{self.name}」"}
        return texts[self.kind]


def _scope_sql(db: Database, scope: Scope, column: str) -> tuple[str, list[Any]]:
    """A condition keeping rows whose ``column`` (a company id) is in the scope, with its parameters."""
    if scope.kind == "all":
        return "1", []
    if scope.kind == "list":
        return f"{column} IN (SELECT company_id FROM list_members WHERE list_id = ?)", [scope.id]
    if scope.kind == "view":
        ids = target_ids(db, get_view(db, scope.id).filter, "id")
        return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
    raise ValueError(f"unknown scope kind {scope.kind!r}")


# -- the figures --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """One KPI: a count, or a rate with its numerator and denominator (``value`` None when ÷ 0)."""

    key: str
    value: float | int | None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def is_rate(self) -> bool:
        return self.key in RATES

    def text(self) -> str:
        if self.value is None:
            return "—"
        if self.is_rate:
            return f"{self.value * 100:.1f}%"
        return f"{int(self.value):,}"


@dataclass(frozen=True)
class WeekPoint:
    """One week of the trend (Monday ``start``)."""

    start: date
    calls: int = 0
    connects: int = 0
    appointments: int = 0
    meetings_held: int = 0
    won: int = 0


@dataclass(frozen=True)
class KpiReport:
    period: Period
    scope: Scope
    figures: dict[str, Figure]
    loss_reasons: tuple[tuple[str, int], ...] = ()
    trend: tuple[WeekPoint, ...] = field(default=())

    def value(self, key: str) -> float | int | None:
        return self.figures[key].value


def _rate(key: str, numerator: int, denominator: int) -> Figure:
    return Figure(key, numerator / denominator if denominator else None, numerator, denominator)


def _touch_counts(db: Database, period: Period, scope: Scope) -> dict[str, int]:
    low, high = period.bounds()
    if scope.kind == "all":
        row = db.execute(
            "SELECT ifnull(sum(calls), 0), ifnull(sum(connects), 0), ifnull(sum(key_people), 0), "
            "ifnull(sum(appointments), 0) FROM touch_days WHERE day >= ? AND day < ?", [low, high]).fetchone()
    else:
        condition, params = _scope_sql(db, scope, "t.company_id")
        row = db.execute(
            f"SELECT count(*), ifnull(sum(t.outcome IN {_in(CONNECT_OUTCOMES)}), 0), "
            "ifnull(sum(t.reached_decision_maker <> 0), 0), ifnull(sum(t.outcome = 'appointment'), 0) "
            f"FROM touches t WHERE t.kind = 'call' AND t.at >= ? AND t.at < ? AND {condition}",
            [low, high, *params]).fetchone()
    return dict(zip(("calls", "connects", "key_person", "appointments"), row, strict=True))


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _meeting_counts(db: Database, period: Period, scope: Scope) -> dict[str, int]:
    low, high = period.bounds()
    condition, params = _scope_sql(db, scope, "m.company_id")
    held, won = db.execute(
        "SELECT count(*), ifnull(sum(m.outcome = 'won'), 0) FROM meetings m "
        f"WHERE m.starts_at >= ? AND m.starts_at < ? AND m.status = 'held' AND {condition}",
        [low, high, *params]).fetchone()
    return {"meetings_held": held, "won": won}


_ACTIVE_MEMBERS = ("(SELECT lm.company_id FROM list_members lm JOIN target_lists tl ON tl.id = lm.list_id "
                   "WHERE tl.archived = 0)")
_CLOSED = "('disqualified', 'do_not_call')"
_OPEN_STATUSES = tuple(status for status in COMPANY_STATUS if status not in ("disqualified", "do_not_call"))

# The account figures below count sets of company ids. Where two large sets meet (never touched ∩ on
# an active list) both come sorted by id from an index, and ``INTERSECT`` with ``ORDER BY`` lets
# SQLite merge them side by side in one pass (EXPLAIN QUERY PLAN: MERGE), instead of probing an index
# once per company or building a temporary table. Migrations 5 and 6 keep those indexes (and the
# derived columns companies.first_touch_at and open_plans); each read is an index alone.
_MEMBER_IDS = ("SELECT lm.company_id FROM list_members lm INDEXED BY list_members_company_list "
               "WHERE lm.list_id IN (SELECT tl.id FROM target_lists tl WHERE tl.archived = 0)")
# Done on or before the due day: the expression of the index plans_on_time, written the same way.
_ON_TIME = "(substr(p.done_at, 1, 10) <= substr(p.due, 1, 10))"


def _untouched(db: Database, period: Period, scope: Scope, today: date) -> int:
    _, high = period.bounds()
    condition, params = _scope_sql(db, scope, "c.id")
    never = ("SELECT count(*) FROM (SELECT c.id FROM companies c INDEXED BY companies_untouched_ids "
             f"WHERE c.last_touch_at IS NULL AND c.status NOT IN {_CLOSED} AND {condition} "
             f"INTERSECT {_MEMBER_IDS} ORDER BY 1)")
    if period.end >= today:
        return db.execute(never, params).fetchone()[0]
    # A past period: also those touched since whose first touch came after it (companies.first_touch_at,
    # migration 6, kept by triggers: no touch before the end ⇔ none at all or the first at or after it).
    # They come from a short range of companies_first_touch (first touched since the end; the second
    # range, a last touch with no touch left at all, is empty unless last_touch_at is stale), and only
    # those few are looked up in the list members.
    member = ("EXISTS (SELECT 1 FROM list_members lm INDEXED BY list_members_company_list "
              "WHERE lm.company_id = c.id AND lm.list_id IN (SELECT tl.id FROM target_lists tl "
              "WHERE tl.archived = 0))")
    since = ("SELECT count(*) FROM companies c INDEXED BY companies_first_touch WHERE {first} "
             f"AND c.last_touch_at >= ? AND c.status IN {_in(_OPEN_STATUSES)} AND {condition} AND {member}")
    return db.execute(
        f"SELECT ({never}) + ({since.format(first='c.first_touch_at >= ?')}) "
        f"+ ({since.format(first='c.first_touch_at IS NULL')})",
        [*params, high, high, *params, high, *params]).fetchone()[0]


def _pipeline_sql(period: Period, today: date) -> tuple[str, list[Any]]:
    """A select of the company ids with an open plan at the end of the period (repeats possible)."""
    _, high = period.bounds()
    if period.end >= today:  # the period ends now or later: the open plans are those of today
        return "SELECT p.company_id FROM plans p WHERE p.status = 'open'", []
    return ("SELECT p.company_id FROM plans p INDEXED BY plans_status_done WHERE p.status = 'open' "
            "AND p.created_at < ? UNION ALL SELECT p.company_id FROM plans p INDEXED BY plans_status_done "
            "WHERE p.status IN ('done', 'skipped') AND p.done_at >= ? AND p.created_at < ?",
            [high, high, high])


def _pipeline(db: Database, period: Period, scope: Scope, today: date) -> int:
    """The accounts of ``_pipeline_sql``, counted along indexes sorted by company (no temporary table)."""
    _, high = period.bounds()
    condition, params = _scope_sql(db, scope, "p.company_id")
    if period.end >= today:
        return db.execute("SELECT count(DISTINCT p.company_id) FROM plans p INDEXED BY plans_open_created "
                          f"WHERE p.status = 'open' AND {condition}", params).fetchone()[0]
    # Made before the end and still open (sorted by company in the index), merged with the plans made
    # before it and closed only since (a few, sorted in memory): UNION counts each account once.
    return db.execute(
        "SELECT count(*) FROM (SELECT p.company_id FROM plans p INDEXED BY plans_open_created "
        f"WHERE p.status = 'open' AND p.created_at < ? AND {condition} "
        "UNION SELECT p.company_id FROM plans p INDEXED BY plans_status_done "
        f"WHERE p.status IN ('done', 'skipped') AND p.done_at >= ? AND p.created_at < ? AND {condition} "
        "ORDER BY 1)", [high, *params, high, high, *params]).fetchone()[0]


def _plans_on_time(db: Database, period: Period, scope: Scope, today: date) -> Figure:
    low, high = period.bounds()
    condition, params = _scope_sql(db, scope, "p.company_id")
    due_before = min(high, today.isoformat())
    # Three index ranges: done and due in the period; open and already overdue; done on time.
    done, overdue, on_time = db.execute(
        "SELECT (SELECT count(*) FROM plans p INDEXED BY plans_status_due WHERE p.status = 'done' "
        f"AND p.due >= ? AND p.due < ? AND {condition}), "
        "(SELECT count(*) FROM plans p INDEXED BY plans_status_due WHERE p.status = 'open' "
        f"AND p.due >= ? AND p.due < ? AND {condition}), "
        f"(SELECT count(*) FROM plans p INDEXED BY plans_on_time WHERE p.status = 'done' AND {_ON_TIME} = 1 "
        f"AND p.due >= ? AND p.due < ? AND {condition})",
        [low, high, *params, low, due_before, *params, low, high, *params]).fetchone()
    return _rate("plans_on_time", on_time, done + overdue)


_SILENT_WHERE = (
    f"c.status IN {_in(SILENT_STATUSES)} AND c.last_touch_at IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.company_id = c.id AND p.status = 'open') ")


def _silent_where(db: Database, period: Period, scope: Scope, today: date) -> tuple[str, list[Any]]:
    _, high = period.bounds()
    cutoff = (period.end - timedelta(days=SILENT_DAYS - 1)).isoformat()
    condition, params = _scope_sql(db, scope, "c.id")
    # Last touched before the cutoff; or (a past period) touched since its end but not in the window.
    return (f"{_SILENT_WHERE} AND {condition} AND (c.last_touch_at < ? OR (c.last_touch_at >= ? "
            "AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.company_id = c.id AND t.at >= ? AND t.at < ?)))",
            [*params, cutoff, high, cutoff, high])


def _silent(db: Database, period: Period, scope: Scope, today: date) -> int:
    """The accounts of ``_silent_where``, from ranges of companies_no_open_plan (migration 6 keeps
    ``companies.open_plans``, the count of a company's open plans, exact by triggers)."""
    _, high = period.bounds()
    cutoff = (period.end - timedelta(days=SILENT_DAYS - 1)).isoformat()
    condition, params = _scope_sql(db, scope, "c.id")
    accounts = ("SELECT count(*) FROM companies c INDEXED BY companies_no_open_plan "
                f"WHERE c.open_plans = 0 AND c.status IN {_in(SILENT_STATUSES)} AND {condition} ")
    quiet = accounts + "AND c.last_touch_at < ?"
    if period.end >= today:
        return db.execute(quiet, [*params, cutoff]).fetchone()[0]
    # A past period: also those touched since its end with no touch in the window (a short range of
    # the index; only those are probed in the touches).
    since = (accounts + "AND c.last_touch_at >= ? "
             "AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.company_id = c.id AND t.at >= ? AND t.at < ?)")
    return db.execute(f"SELECT ({quiet}) + ({since})",
                      [*params, cutoff, *params, high, cutoff, high]).fetchone()[0]


def loss_reasons(db: Database, period: Period, scope: Scope) -> tuple[tuple[str, int], ...]:
    """The reasons of meetings held in the period and lost, most frequent first (Japanese labels)."""
    low, high = period.bounds()
    condition, params = _scope_sql(db, scope, "m.company_id")
    rows = db.execute(
        "SELECT m.outcome_reason, count(*) FROM meetings m WHERE m.starts_at >= ? AND m.starts_at < ? "
        f"AND m.status = 'held' AND m.outcome = 'lost' AND {condition} GROUP BY 1",
        [low, high, *params]).fetchall()
    counted: dict[str, int] = {}
    for reason, count in rows:
        text = reason_label(reason) or NO_REASON
        counted[text] = counted.get(text, 0) + count
    return tuple(sorted(counted.items(), key=lambda item: (-item[1], item[0])))


def reason_label(reason: str | None, language: str = "ja") -> str:
    """A stored outcome reason as shown: the pick list's label, or the text a person typed."""
    return label(OUTCOME_REASON, reason, language)


def trend(db: Database, end: date, scope: Scope, weeks: int = TREND_WEEKS) -> tuple[WeekPoint, ...]:
    """Calls, connects, appointments, meetings held and won per week, the last ``weeks`` weeks to ``end``."""
    last_monday = end - timedelta(days=end.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    points = []
    for index in range(weeks):
        monday = first + timedelta(weeks=index)
        week = Period(monday, monday + timedelta(days=6))
        touches = _touch_counts(db, week, scope)
        meetings = _meeting_counts(db, week, scope)
        points.append(WeekPoint(monday, touches["calls"], touches["connects"], touches["appointments"],
                                meetings["meetings_held"], meetings["won"]))
    return tuple(points)


def compute_kpis(db: Database, period: Period, scope: Scope | None = None, *, today: date | None = None,
                 with_trend: bool = True, with_stock: bool = True) -> KpiReport:
    """Every figure of the KPI page for ``period`` and ``scope`` (default: every account).

    ``with_stock=False`` leaves the figures of a moment (Untouched, pipeline, silent) without a value:
    the KPI page compares the previous period's flows only, the printed review all of them.
    """
    scope = scope or Scope()
    today = today or date.today()
    counts = _touch_counts(db, period, scope) | _meeting_counts(db, period, scope)
    figures = {key: Figure(key, value) for key, value in counts.items()}
    figures["connect_rate"] = _rate("connect_rate", counts["connects"], counts["calls"])
    figures["key_person_rate"] = _rate("key_person_rate", counts["key_person"], counts["calls"])
    figures["appointment_rate"] = _rate("appointment_rate", counts["appointments"], counts["calls"])
    figures["win_rate"] = _rate("win_rate", counts["won"], counts["meetings_held"])
    figures["plans_on_time"] = _plans_on_time(db, period, scope, today)
    for key, count in (("untouched", _untouched), ("pipeline", _pipeline), ("silent", _silent)):
        figures[key] = Figure(key, count(db, period, scope, today) if with_stock else None)
    ordered = {key: figures[key] for key in FIGURES}
    return KpiReport(period, scope, ordered, loss_reasons(db, period, scope),
                     trend(db, period.end, scope) if with_trend else ())


def funnel(report: KpiReport, language: str = "ja") -> list[tuple[str, int]]:
    """The funnel's stages (架電 → 接続 → キーパーソン → アポ → 商談化 → 受注) with their counts."""
    return [(figure_label(key, language), int(report.figures[key].value or 0)) for key in FUNNEL]


# -- the rows behind a figure ---------------------------------------------------------------------------

DRILL_COLUMNS = ("when", "company", "what", "note")


@dataclass(frozen=True)
class DrillRow:
    """One account or touch behind a figure: when, which company, what happened, a note."""

    company_id: int
    company_name: str
    when: str
    what: str
    note: str = ""


def _touch_rows(db: Database, period: Period, scope: Scope, extra: str) -> list[DrillRow]:
    low, high = period.bounds()
    condition, params = _scope_sql(db, scope, "t.company_id")
    rows = db.execute(
        "SELECT t.company_id, c.name, t.at, t.outcome, t.reached_decision_maker, t.note FROM touches t "
        "JOIN companies c ON c.id = t.company_id "
        f"WHERE t.kind = 'call' AND t.at >= ? AND t.at < ? AND {extra} AND {condition} ORDER BY t.at, t.id",
        [low, high, *params])
    return [DrillRow(cid, name, at[:16].replace("T", " "),
                     label(OUTCOME, outcome) + ("（キーパーソン）" if reached else ""), note or "")
            for cid, name, at, outcome, reached, note in rows]


def _meeting_rows(db: Database, period: Period, scope: Scope, extra: str) -> list[DrillRow]:
    low, high = period.bounds()
    condition, params = _scope_sql(db, scope, "m.company_id")
    rows = db.execute(
        "SELECT m.company_id, c.name, m.starts_at, m.outcome, m.outcome_reason, m.outcome_note "
        "FROM meetings m JOIN companies c ON c.id = m.company_id "
        f"WHERE m.starts_at >= ? AND m.starts_at < ? AND m.status = 'held' AND {extra} AND {condition} "
        "ORDER BY m.starts_at, m.id", [low, high, *params])
    result = []
    for cid, name, at, outcome, reason, note in rows:
        what = label(MEETING_OUTCOME, outcome) or "結果未入力"
        if reason:
            what += f"（{reason_label(reason)}）"
        result.append(DrillRow(cid, name, at[:16].replace("T", " "), what, note or ""))
    return result


def _company_rows(db: Database, where: str, params: list[Any]) -> list[DrillRow]:
    rows = db.execute(
        "SELECT c.id, c.name, c.last_touch_at, c.status, "
        "(SELECT min(p.due) FROM plans p WHERE p.company_id = c.id AND p.status = 'open') "
        f"FROM companies c WHERE {where} ORDER BY c.last_touch_at, c.id", params)
    return [DrillRow(cid, name, (last or "")[:10], label(COMPANY_STATUS, status),
                     f"次回予定 {due[:10]}" if due else "")
            for cid, name, last, status, due in rows]


def figure_rows(db: Database, key: str, period: Period, scope: Scope | None = None, *,
                today: date | None = None) -> list[DrillRow]:
    """The touches, meetings or accounts a figure counts (for a rate: those of its numerator)."""
    scope = scope or Scope()
    today = today or date.today()
    low, high = period.bounds()
    if key in ("calls", "connect_rate", "key_person_rate", "appointment_rate") and key != "calls":
        key = {"connect_rate": "connects", "key_person_rate": "key_person",
               "appointment_rate": "appointments"}[key]
    if key == "calls":
        return _touch_rows(db, period, scope, "1")
    if key == "connects":
        return _touch_rows(db, period, scope, f"t.outcome IN {_in(CONNECT_OUTCOMES)}")
    if key == "key_person":
        return _touch_rows(db, period, scope, "t.reached_decision_maker <> 0")
    if key == "appointments":
        return _touch_rows(db, period, scope, "t.outcome = 'appointment'")
    if key == "meetings_held":
        return _meeting_rows(db, period, scope, "1")
    if key in ("won", "win_rate"):
        return _meeting_rows(db, period, scope, "m.outcome = 'won'")
    if key == "untouched":
        condition, params = _scope_sql(db, scope, "c.id")
        return _company_rows(
            db, f"c.id IN {_ACTIVE_MEMBERS} AND c.status NOT IN {_CLOSED} AND {condition} "
            "AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.company_id = c.id AND t.at < ?)",
            [*params, high])
    if key == "pipeline":
        select, params = _pipeline_sql(period, today)
        condition, scope_params = _scope_sql(db, scope, "c.id")
        return _company_rows(db, f"c.id IN ({select}) AND {condition}", [*params, *scope_params])
    if key == "silent":
        where, params = _silent_where(db, period, scope, today)
        return _company_rows(db, where, params)
    if key == "plans_on_time":
        condition, params = _scope_sql(db, scope, "p.company_id")
        rows = db.execute(
            "SELECT p.company_id, c.name, p.due, p.status, p.done_at, p.hypothesis FROM plans p "
            "JOIN companies c ON c.id = p.company_id WHERE p.due >= ? AND p.due < ? "
            "AND (p.status = 'done' OR (p.status = 'open' AND p.due < ?)) AND " + condition
            + " ORDER BY p.due, p.id", [low, high, min(high, today.isoformat()), *params])
        result = []
        for cid, name, due, status, done_at, hypothesis in rows:
            late = status != "done" or (done_at or "")[:10] > due[:10]
            what = "期日超過" if late else "期日どおり"
            what += f"（完了 {done_at[:10]}）" if done_at else "（未完了）"
            result.append(DrillRow(cid, name, due[:16].replace("T", " "), what, hypothesis or ""))
        return result
    raise ValueError(f"unknown figure {key!r}")


def meetings_of_period(db: Database, period: Period, scope: Scope | None = None) -> list[DrillRow]:
    """Every meeting starting in the period that was held or has an outcome (closed or not), by time."""
    scope = scope or Scope()
    low, high = period.bounds()
    condition, params = _scope_sql(db, scope, "m.company_id")
    rows = db.execute(
        "SELECT m.company_id, c.name, m.starts_at, m.status, m.outcome, m.outcome_reason, m.next_step "
        "FROM meetings m JOIN companies c ON c.id = m.company_id WHERE m.starts_at >= ? AND m.starts_at < ? "
        f"AND (m.status = 'held' OR m.outcome IS NOT NULL) AND {condition} ORDER BY m.starts_at, m.id",
        [low, high, *params])
    result = []
    for cid, name, at, _status, outcome, reason, next_step in rows:
        what = label(MEETING_OUTCOME, outcome) or "結果未入力"
        if reason:
            what += f"（{reason_label(reason)}）"
        result.append(DrillRow(cid, name, at[:16].replace("T", " "), what, next_step or ""))
    return result


# -- for main.py ------------------------------------------------------------------------------------------

def report_as_dict(report: KpiReport) -> dict[str, Any]:
    return {
        "period": {"from": report.period.start.isoformat(), "to": report.period.end.isoformat()},
        "scope": {"kind": report.scope.kind, "name": report.scope.name or None},
        "figures": {key: {"label": figure_label(key), "value": f.value, "numerator": f.numerator,
                          "denominator": f.denominator, "definition": figure_definition(key)}
                    for key, f in report.figures.items()},
        "loss_reasons": [{"reason": reason, "count": count} for reason, count in report.loss_reasons],
        "trend": [{"week": p.start.isoformat(), "calls": p.calls, "connects": p.connects,
                   "appointments": p.appointments, "meetings_held": p.meetings_held, "won": p.won}
                  for p in report.trend],
    }


def report_as_text(report: KpiReport) -> str:
    lines = [f"KPI {report.period.text()}（対象: {report.scope.text()}）"]
    width = max(len(figure_label(key)) for key in report.figures)
    for key, figure in report.figures.items():
        detail = ""
        if figure.is_rate and figure.denominator is not None:
            detail = f"（{figure.numerator:,} / {figure.denominator:,}）"
        lines.append(f"  {figure_label(key).ljust(width, '　')}  {figure.text():>8}{detail}")
    if report.loss_reasons:
        lines.append("失注理由:")
        lines += [f"  {reason}  {count:,} 件" for reason, count in report.loss_reasons]
    return "\n".join(lines)


def cli_kpi(db: Database, start: date, end: date, list_name: str | None, as_json: bool) -> str:
    """``main.py kpi``: the figures of a period (optionally of one list) as text or JSON.

    Raises:
        ValidationError: the end is before the start.
        NotFound: no list has that name.
    """
    period = Period(start, end)
    scope = Scope()
    if list_name is not None:
        found = find_list(db, list_name)
        if found is None:
            raise NotFound(f"リスト「{list_name}」が見つかりません。リスト名を確認してください"
                           "（--list を省略すると、すべての会社が対象になります）。")
        scope = Scope("list", found.id, found.name)
    report = compute_kpis(db, period, scope)
    if as_json:
        return json.dumps(report_as_dict(report), ensure_ascii=False)
    return report_as_text(report)
