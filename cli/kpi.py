"""The KPIs of a period (and of one list), as text or JSON: ``main.py kpi``; with ``--by-caller`` every
caller side by side, and with ``--out`` the team's review sheet as PDF."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from models.store.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

    from models.kpi.callers import CallerTable
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
                          "denominator": f.denominator,
                          "definition": figure_definition(key, scope=report.scope)}
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


def kpi_output(db: Database, start: date, end: date, list_name: str | None, as_json: bool,
               caller: str | None = None) -> str:
    """What ``main.py kpi`` prints: the figures of a period (optionally of one list) as text or JSON.

    Raises:
        ValidationError: the end is before the start.
        NotFound: no list has that name.
    """
    from models.kpi.figures import Period, compute_kpis
    from models.kpi.goals import goal_report

    period = Period(start, end)
    scope = _list_scope(db, list_name, caller)
    report = compute_kpis(db, period, scope)
    goals = goal_report(db, period, scope)
    if as_json:
        return json.dumps(kpi_as_dict(report, goals), ensure_ascii=False)
    return kpi_as_text(report, goals)


def _list_scope(db: Database, list_name: str | None, caller: str | None = None):
    from models.accounts.lists import find_list
    from models.kpi.figures import Scope

    if caller is not None:
        if list_name is not None:
            raise ValidationError("--list と --caller は同時に指定できません。"
                                  "どちらか一方を指定してください。")
        return Scope.of_caller(" ".join(caller.split()))
    scope = Scope()
    if list_name is not None:
        found = find_list(db, list_name)
        if found is None:
            raise NotFound(f"リスト「{list_name}」が見つかりません。リスト名を確認してください"
                           "（--list を省略すると、すべての会社が対象になります）。")
        scope = Scope("list", found.id, found.name)
    return scope


def review_output(db: Database, start: date, end: date, list_name: str | None, out: str,
                  caller: str | None = None) -> str:
    """``main.py kpi --out``: save the review sheet of a period (optionally of one list); the message.

    Raises:
        NotFound: no list has that name.
        WeeklyWriteError: the PDF could not be written.
    """
    from models.kpi.figures import Period
    from models.kpi.review import gather_review
    from reports.weekly import render_weekly

    data = gather_review(db, Period(start, end), _list_scope(db, list_name, caller))
    pages, warnings = render_weekly(data, out)
    lines = [f"{data.title}を保存しました: {out}（{pages} ページ）"]
    lines += [f"注意: {warning}" for warning in warnings]
    return "\n".join(lines)


def callers_as_dict(table: CallerTable) -> dict[str, Any]:
    """The side-by-side table as ``main.py kpi --by-caller --json`` writes it (受注額 in yen; the target
    and pace of each row's appointment goal: a caller's own, the team's on the team's row)."""
    from models.kpi.callers import CALLER_FIGURES, TARGET_KEY, TARGET_NOTE
    from models.kpi.figures import figure_definition, figure_label

    def row(item) -> dict[str, Any]:
        goal = item.goal
        return {"caller": item.caller, "name": item.name(), "member": item.member, "active": item.active,
                **item.figures, "target": goal.target if goal else None,
                "pace_per_business_day": goal.pace if goal else None}

    return {
        "period": {"from": table.period.start.isoformat(), "to": table.period.end.isoformat()},
        "columns": {key: {"label": figure_label(key), "definition": figure_definition(key)}
                    for key in CALLER_FIGURES},
        "target": {"figure": TARGET_KEY, "month": f"{table.goals.month:%Y-%m}", "note": TARGET_NOTE},
        "callers": [row(item) for item in table.callers],
        "team": row(table.team),
    }


def callers_as_text(table: CallerTable) -> str:
    """The side-by-side table as Japanese text: a line per caller, then the team's total."""
    from unicodedata import east_asian_width

    from models.kpi.callers import CALLER_FIGURES, TARGET_NOTE
    from models.kpi.figures import Figure, figure_label

    def width(text: str) -> int:
        return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)

    def pad(text: str, size: int, right: bool = False) -> str:
        fill = " " * max(size - width(text), 0)
        return fill + text if right else text + fill

    names = [item.name() for item in table.rows]
    name_width = max(width(name) for name in [*names, "担当者"])
    heads = [figure_label(key).removesuffix("数") for key in CALLER_FIGURES]
    sizes = [max(width(head), 8) for head in heads]
    goal_head = f"アポ目標（{table.goals.month_text()}）"
    lines = [f"担当者別 KPI {table.period.text()}",
             "  " + pad("担当者", name_width) + "".join("  " + pad(h, n, True) for h, n in zip(heads, sizes,
                                                                                          strict=True))
             + f"  {goal_head}  必要なペース"]
    for item in table.rows:
        cells = [Figure(key, item.figures[key]).text() for key in CALLER_FIGURES]
        goal = item.goal
        tail = f"  {pad(f'{goal.target:,}', width(goal_head), True)}  {goal.pace_text()}" if goal else ""
        lines.append("  " + pad(item.name(), name_width)
                     + "".join("  " + pad(c, n, True) for c, n in zip(cells, sizes, strict=True)) + tail)
    lines.append(f"※ {TARGET_NOTE}")
    return "\n".join(lines)


def callers_output(db: Database, start: date, end: date, as_json: bool, out: str | None = None,
                   per_caller: bool = False) -> str:
    """What ``main.py kpi --by-caller`` prints: every caller side by side as text or JSON; with ``out``,
    the team's review sheet saved there (``per_caller``: one sheet per caller after the table).

    Raises:
        ValidationError: the end is before the start.
        WeeklyWriteError: the PDF could not be written.
    """
    from models.kpi.callers import caller_table, gather_team_review
    from models.kpi.figures import Period

    period = Period(start, end)
    if out is not None:
        from reports.team_review import render_team_review

        review = gather_team_review(db, period, per_caller=per_caller)
        pages, warnings = render_team_review(review, out)
        lines = [f"{review.title}を保存しました: {out}（{pages} ページ）"]
        lines += [f"注意: {warning}" for warning in warnings]
        return "\n".join(lines)
    table = caller_table(db, period)
    if as_json:
        return json.dumps(callers_as_dict(table), ensure_ascii=False)
    return callers_as_text(table)


def cmd_kpi(args: argparse.Namespace) -> int:
    from models.planning.agenda import parse_day

    start, end = parse_day(args.date_from), parse_day(args.date_to)
    db = open_for_reading(args)
    out = getattr(args, "out", None)
    if getattr(args, "by_caller", False):
        print(callers_output(db, start, end, args.json, out, getattr(args, "caller_pages", False)))
    elif out:
        print(review_output(db, start, end, args.list, out, getattr(args, "caller", None)))
    else:
        print(kpi_output(db, start, end, args.list, args.json, getattr(args, "caller", None)))
    return EXIT_OK
