"""The KPIs of a period (and of one list), as text or JSON: ``main.py kpi``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from models.store.errors import NotFound

if TYPE_CHECKING:
    from sqlite_utils import Database

    from models.kpi.figures import KpiReport
    from models.kpi.goals import GoalReport

from cli.common import EXIT_OK, open_for_reading


def kpi_as_dict(report: KpiReport, goals: GoalReport | None = None) -> dict[str, Any]:
    """The report as ``main.py kpi --json`` writes it: each figure with its label and definition (受注額
    and 平均受注額 in yen), the funnel with each stage's base, and the month's goals when set."""
    from models.kpi.figures import figure_definition, figure_label, funnel

    goal_items = goals.items if goals is not None else ()
    return {
        "period": {"from": report.period.start.isoformat(), "to": report.period.end.isoformat()},
        "scope": {"kind": report.scope.kind, "name": report.scope.name or None},
        "figures": {key: {"label": figure_label(key), "value": f.value, "numerator": f.numerator,
                          "denominator": f.denominator, "definition": figure_definition(key)}
                    for key, f in report.figures.items()},
        "funnel": [{"stage": s.key, "label": s.label, "count": s.count, "base": s.base, "share": s.share}
                   for s in funnel(report)],
        "goals": None if not goal_items or goals is None else {
            "month": f"{goals.month:%Y-%m}", "business_days_left": goals.days_left,
            "items": {item.key: {"label": item.label, "target": item.target, "actual": item.actual,
                                 "remaining": item.remaining, "pace_per_business_day": item.pace}
                      for item in goal_items}},
        "loss_reasons": [{"reason": reason, "count": count} for reason, count in report.loss_reasons],
        "trend": [{"week": p.start.isoformat(), "calls": p.calls, "connects": p.connects,
                   "appointments": p.appointments, "meetings_held": p.meetings_held, "won": p.won}
                  for p in report.trend],
    }


def kpi_as_text(report: KpiReport, goals: GoalReport | None = None) -> str:
    """The report as Japanese text: one figure a line, rates with what they divide, then loss reasons."""
    from models.kpi.figures import figure_label

    lines = [f"KPI {report.period.text()}（対象: {report.scope.text()}）"]
    width = max(len(figure_label(key)) for key in report.figures)
    for key, figure in report.figures.items():
        detail = ""
        if figure.is_rate and figure.denominator is not None:
            detail = f"（{figure.numerator:,} / {figure.denominator:,}）"
        lines.append(f"  {figure_label(key).ljust(width, '　')}  {figure.text():>8}{detail}")
    if goals is not None and goals.items:
        lines.append(f"{goals.month_text()}の目標（残り営業日 {goals.days_left:,} 日）:")
        lines += [f"  {item.label}  {item.actual:,} / {item.target:,}  {item.pace_text()}"
                  for item in goals.items]
    if report.loss_reasons:
        lines.append("失注理由:")
        lines += [f"  {reason}  {count:,} 件" for reason, count in report.loss_reasons]
    return "\n".join(lines)


def kpi_output(db: Database, start: date, end: date, list_name: str | None, as_json: bool) -> str:
    """What ``main.py kpi`` prints: the figures of a period (optionally of one list) as text or JSON.

    Raises:
        ValidationError: the end is before the start.
        NotFound: no list has that name.
    """
    from models.accounts.lists import find_list
    from models.kpi.figures import Period, Scope, compute_kpis
    from models.kpi.goals import goal_report

    period = Period(start, end)
    scope = Scope()
    if list_name is not None:
        found = find_list(db, list_name)
        if found is None:
            raise NotFound(f"リスト「{list_name}」が見つかりません。リスト名を確認してください"
                           "（--list を省略すると、すべての会社が対象になります）。")
        scope = Scope("list", found.id, found.name)
    report = compute_kpis(db, period, scope)
    goals = goal_report(db, period, scope)
    if as_json:
        return json.dumps(kpi_as_dict(report, goals), ensure_ascii=False)
    return kpi_as_text(report, goals)


def cmd_kpi(args: argparse.Namespace) -> int:
    from models.planning.agenda import parse_day

    start, end = parse_day(args.date_from), parse_day(args.date_to)
    print(kpi_output(open_for_reading(args), start, end, args.list, args.json))
    return EXIT_OK
