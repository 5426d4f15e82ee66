"""The KPIs of a period and a scope: every figure with its exact definition, and the report of them.

A period is a range of local days, both ends included; a touch or a meeting belongs to the day written
in its timestamp (``at`` / ``starts_at``). The scope is every account, a target list, a saved view, or
one caller (``models.kpi.period``; ``CALLER_NOTES`` says what each figure counts for one caller). The
definitions below are the ones the KPI page shows in its tooltips and the
README lists; ``models.kpi.queries`` counts them (and lists the rows behind each). The names of both
modules that callers use are importable from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from models.kpi.period import Period, Scope
from models.kpi.period import period_for as period_for
from models.kpi.queries import (
    SILENT_DAYS,
    booked_meeting_counts,
    loss_reasons,
    meeting_counts,
    order_amounts,
    pipeline_count,
    plans_on_time_counts,
    silent_count,
    touch_counts,
    untouched_count,
)
from models.kpi.queries import DrillRow as DrillRow
from models.kpi.queries import figure_rows as figure_rows
from models.kpi.queries import meetings_of_period as meetings_of_period
from models.kpi.queries import reason_label as reason_label
from models.store import clock
from models.store.days import check_day

# ``X as X`` above: callers import these from here too (the period, and the rows behind a figure).

TREND_WEEKS = 8

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
    "meeting_rate": (
        "商談化率", "Meeting rate",
        "期間中に獲得したアポのうち、その商談が実施済みになった割合（実施日は問わない）。アポを取った日で"
        "数えるため 100% を超えません。",
        "Of the appointments won in the period, the share whose meeting has been held (counted on the day "
        "the appointment was won, so meetings of earlier appointments never push it over 100%)."),
    "won": (
        "受注数", "Won", "商談化数のうち、フィードバックの結果が「受注」の件数。",
        "Meetings held in the period whose field outcome is won."),
    "win_rate": (
        "受注率", "Win rate", "受注数 ÷ 商談化数。", "Won ÷ meetings held."),
    "order_amount": (
        "受注額", "Order amount",
        "受注数に数えた商談の受注額（円）の合計。金額が未入力の受注は含みません。",
        "The order amounts (yen) of the meetings counted as won; a won meeting without an amount adds "
        "nothing."),
    "average_order": (
        "平均受注額", "Average order",
        "受注額 ÷ 受注額を入力した受注の件数（金額が未入力の受注は分母に入れません）。",
        "Order amount ÷ the won meetings with an amount (those without one are left out)."),
    "untouched": (
        "Untouched数", "Untouched",
        "アーカイブされていないリストに載っている対象の会社のうち、期間の最終日までに接触の記録が一度もない会社の数"
        "（対象外・架電不可を除く）。過去の期間は、最終日時点の状態とリストの登録で数えます。",
        "Companies on a list that is not archived with no touch logged up to the last day of the period "
        "(disqualified and do-not-call excluded); a past period counts the statuses and list memberships "
        "of its last day."),
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
         "appointment_rate": ("appointments", "calls"), "meeting_rate": (None, "appointments"),
         "win_rate": ("won", "meetings_held"), "plans_on_time": (None, None)}
# Figures in yen.
MONEY = ("order_amount", "average_order")
# Figures that read the present state (statuses, plans): a previous period shows the same value.
SNAPSHOT = ("silent",)
# Figures of a moment (the end of the period) rather than of the days in it.
STOCK = ("untouched", "pipeline", "silent")
FUNNEL = ("calls", "connects", "key_person", "appointments", "meetings_held", "won")
# The stage each funnel stage is a share of: connects, decision-maker reaches and appointments are shares
# of the calls (not of the stage drawn above them), meetings of the appointments, orders of the meetings.
FUNNEL_BASES = {"connects": "calls", "key_person": "calls", "appointments": "calls",
                "meetings_held": "appointments", "won": "meetings_held"}
# The funnel follows the period's appointments: its meetings held and won are those of the appointments
# won in the period (whenever the meeting took place), so that no stage is a share of more than its base.
FUNNEL_LABELS = {"meetings_held": ("商談化※", "Meetings held*"), "won": ("受注※", "Won*")}
FUNNEL_NOTE = ("※ 期間中に獲得したアポの商談（実施日を問わない）",
               "* the meetings of the appointments won in the period, whenever they took place")


# What a figure counts in a caller's scope (担当者別), added to its definition there.
_BY_CALLS = ("担当者別では、その担当者が記録した架電（接触の「担当者」）だけを数えます。",
             "For one caller: the calls they logged (the touch's caller).")
_BY_MEETINGS = ("担当者別では、担当ISがその担当者の商談だけを数えます。",
                "For one caller: the meetings whose inside-sales caller is them.")
_BY_PLANS = ("担当者別では、その担当者名義の予定だけを数えます。",
             "For one caller: the plans in their name.")
_BY_ACCOUNTS = ("担当者別では、その担当者の会社（その担当者に割り当てられたリストに載っている会社と、"
                "その担当者名義の未完了の予定がある会社）で数えます。",
                "For one caller: their accounts (the companies on the lists assigned to them, and those they "
                "hold an open plan on).")
CALLER_NOTES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("calls", "connects", "connect_rate", "key_person", "key_person_rate", "appointments",
                     "appointment_rate"), _BY_CALLS),
    **dict.fromkeys(("meetings_held", "meeting_rate", "won", "win_rate", "order_amount", "average_order"),
                    _BY_MEETINGS),
    **dict.fromkeys(("pipeline", "plans_on_time"), _BY_PLANS),
    **dict.fromkeys(("untouched", "silent"), _BY_ACCOUNTS),
}
# 商談化率 for one caller: their appointments (touches) and the meetings those made (their meetings).
CALLER_NOTES["meeting_rate"] = ("担当者別では、その担当者が獲得したアポと、担当ISがその担当者の商談で"
                                "数えます。",
                                "For one caller: the appointments they won and the meetings whose caller is "
                                "them.")
CALLER_NOTES["pipeline"] = ("担当者別では、その担当者名義の未完了の予定がある会社を数えます。",
                            "For one caller: the companies they hold an open plan on.")


def figure_label(key: str, language: str = "ja") -> str:
    ja, en, *_ = FIGURES[key]
    return en if language == "en" else ja


def figure_definition(key: str, language: str = "ja", scope: Scope | None = None) -> str:
    """The definition of a figure; for a caller's scope, with what it counts for one caller."""
    *_, ja, en = FIGURES[key]
    if scope is not None and scope.kind == "caller":
        note_ja, note_en = CALLER_NOTES[key]
        ja, en = f"{ja}{note_ja}", f"{en} {note_en}"
    return en if language == "en" else ja


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

    @property
    def is_money(self) -> bool:
        return self.key in MONEY

    def text(self) -> str:
        if self.value is None:
            return "—"
        if self.is_rate:
            return f"{self.value * 100:.1f}%"
        if self.is_money:
            return yen_text(self.value)
        return f"{int(self.value):,}"

    def change_text(self, before: Figure) -> str:
        """The change from ``before``: +1.5pt for a rate, +120万円 for money, +3 for a count."""
        if self.value is None or before.value is None:
            return "—"
        if self.is_rate:
            return f"{(self.value - before.value) * 100:+.1f}pt"
        if self.is_money:
            difference = self.value - before.value
            return ("+" if difference >= 0 else "−") + yen_text(abs(difference))
        return f"{int(self.value) - int(before.value):+,}"


def yen_text(value: float) -> str:
    """An amount as a person reads it on a sheet: 8,000円, 120万円, 1,234.5万円 (tenths of 万 at most)."""
    if abs(value) < 10_000:
        return f"{round(value):,}円"
    man = round(value / 10_000, 1)
    return f"{man:,.1f}".removesuffix(".0") + "万円"


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
    """The figures of a period and scope; ``booked`` is (held, won) of the meetings of the period's
    appointments (the funnel's last stages, whenever those meetings took place)."""

    period: Period
    scope: Scope
    figures: dict[str, Figure]
    loss_reasons: tuple[tuple[str, int], ...] = ()
    trend: tuple[WeekPoint, ...] = field(default=())
    booked: tuple[int, int] = (0, 0)

    def value(self, key: str) -> float | int | None:
        return self.figures[key].value


def _rate(key: str, numerator: int, denominator: int) -> Figure:
    return Figure(key, numerator / denominator if denominator else None, numerator, denominator)


def trend(db: Database, end: date, scope: Scope, weeks: int = TREND_WEEKS, *,
          today: date | None = None) -> tuple[WeekPoint, ...]:
    """Calls, connects, appointments, meetings held and won per week, the last ``weeks`` weeks to ``end``.

    Weeks that have not begun by ``today`` are left out rather than drawn as weeks of nothing: the trend
    of this month ends with this week.
    """
    if today is not None:
        end = min(end, today)
    last_monday = end - timedelta(days=end.weekday())
    first = last_monday - timedelta(weeks=weeks - 1)
    points = []
    for index in range(weeks):
        monday = first + timedelta(weeks=index)
        week = Period(monday, monday + timedelta(days=6))
        touches = touch_counts(db, week, scope)
        meetings = meeting_counts(db, week, scope)
        points.append(WeekPoint(monday, touches["calls"], touches["connects"], touches["appointments"],
                                meetings["meetings_held"], meetings["won"]))
    return tuple(points)


def compute_kpis(db: Database, period: Period, scope: Scope | None = None, *, today: date | None = None,
                 with_trend: bool = True, with_stock: bool = True) -> KpiReport:
    """Every figure of the KPI page for ``period`` and ``scope`` (default: every account).

    ``with_stock=False`` leaves the figures of a moment (Untouched, pipeline, silent) without a value:
    the KPI page compares the previous period's flows only, the printed review all of them.

    Raises:
        ValidationError: the period starts or ends outside 1900-01-01 to 2999-12-31 (``models.store.days``),
            where the weeks of its trend and the period before it could not be counted.
    """
    check_day(period.start)
    check_day(period.end)
    scope = scope or Scope()
    today = today or clock.today()
    counts = touch_counts(db, period, scope) | meeting_counts(db, period, scope)
    figures = {key: Figure(key, value) for key, value in counts.items()}
    figures["connect_rate"] = _rate("connect_rate", counts["connects"], counts["calls"])
    figures["key_person_rate"] = _rate("key_person_rate", counts["key_person"], counts["calls"])
    figures["appointment_rate"] = _rate("appointment_rate", counts["appointments"], counts["calls"])
    booked = booked_meeting_counts(db, period, scope)
    figures["meeting_rate"] = _rate("meeting_rate", booked[0], counts["appointments"])
    figures["win_rate"] = _rate("win_rate", counts["won"], counts["meetings_held"])
    amount, priced = order_amounts(db, period, scope)
    figures["order_amount"] = Figure("order_amount", amount, amount, priced)
    figures["average_order"] = Figure("average_order", amount / priced if priced else None, amount, priced)
    figures["plans_on_time"] = _rate("plans_on_time", *plans_on_time_counts(db, period, scope, today))
    stock = (("untouched", untouched_count), ("pipeline", pipeline_count), ("silent", silent_count))
    for key, count in stock:
        figures[key] = Figure(key, count(db, period, scope, today) if with_stock else None)
    ordered = {key: figures[key] for key in FIGURES}
    return KpiReport(period, scope, ordered, loss_reasons(db, period, scope),
                     trend(db, period.end, scope, today=today) if with_trend else (), booked)


@dataclass(frozen=True)
class FunnelStage:
    """One bar of the funnel: its count, and its share of the stage it is measured against.

    ``share`` is None for the first stage and when the base is zero; ``base`` names the base stage.
    """

    key: str
    label: str
    count: int
    base: str | None = None
    base_label: str = ""
    share: float | None = None

    def share_text(self, language: str = "ja") -> str:
        """「架電の 4.0%」: the share with the stage it is a share of ("" for the first stage)."""
        if self.base is None:
            return ""
        value = "—" if self.share is None else f"{self.share * 100:.1f}%"
        return f"{value} of {self.base_label}" if language == "en" else f"{self.base_label}の {value}"


def _stage_label(key: str, language: str) -> str:
    if key in FUNNEL_LABELS:
        ja, en = FUNNEL_LABELS[key]
        return en if language == "en" else ja
    label = figure_label(key, language)
    return label[:-1] if language != "en" and label.endswith("数") else label  # 「架電」 of 「架電数」


def funnel_note(language: str = "ja") -> str:
    """What ※ means on the funnel's last stages."""
    ja, en = FUNNEL_NOTE
    return en if language == "en" else ja


def funnel(report: KpiReport, language: str = "ja") -> list[FunnelStage]:
    """The funnel's stages (架電 → 接続 → キーパーソン → アポ → 商談化 → 受注), each with its count and its
    share of the right base (``FUNNEL_BASES``): アポ ÷ 架電, 商談化 ÷ アポ, 受注 ÷ 商談化.

    Meetings held and won are those of the period's appointments (``KpiReport.booked``).
    """
    counts = {key: int(report.figures[key].value or 0) for key in FUNNEL}
    counts["meetings_held"], counts["won"] = report.booked
    stages = []
    for key in FUNNEL:
        base = FUNNEL_BASES.get(key)
        if base is None:
            stages.append(FunnelStage(key, _stage_label(key, language), counts[key]))
            continue
        share = counts[key] / counts[base] if counts[base] else None
        base_label = _stage_label(base, language).rstrip("※*")
        stages.append(FunnelStage(key, _stage_label(key, language), counts[key], base, base_label, share))
    return stages
