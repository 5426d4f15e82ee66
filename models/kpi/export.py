"""KPI tables to CSV for Excel, with the same care as the Targets export (``models.importing.export``):
formula-looking cells neutralised, CP932 look-alikes mapped, the file replaced whole or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from models.importing.export import ExportResult, safe_csv
from models.kpi.callers import CALLER_FIGURES, CallerTable
from models.kpi.figures import FIGURES, SNAPSHOT, DrillRow, KpiReport, figure_definition, figure_label

Table = tuple[Sequence[str], Sequence[Sequence[object]]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def write_tables_csv(path: str | Path, tables: Sequence[Table], encoding: str = "utf-8-sig") -> ExportResult:
    """Write ``tables`` (header, rows) one after another, a blank line between them.

    Raises:
        DiskFull, ExportError: the file could not be written.
    """
    path = Path(path)
    written = 0
    with safe_csv(path, encoding) as out:
        for number, (header, rows) in enumerate(tables):
            if number:
                out.blank()
            for row in [header, *rows]:
                out.row([_cell(value) for value in row])
            written += len(rows)
    return ExportResult(path, written, encoding, out.escaped, out.replaced)


def report_tables(report: KpiReport, previous: KpiReport | None = None) -> list[Table]:
    """The KPI table (with the previous period's values), the loss reasons and the weekly trend."""
    header = ["指標", f"今期 {report.period.text()}", "分子", "分母"]
    if previous is not None:
        header.append(f"前期 {previous.period.text()}")
    header.append("定義")
    rows = []
    for key in FIGURES:
        figure = report.figures[key]
        row: list[object] = [figure_label(key), figure.value, figure.numerator, figure.denominator]
        if previous is not None:
            row.append("" if key in SNAPSHOT else previous.figures[key].value)
        rows.append([*row, figure_definition(key, scope=report.scope)])
    reasons = (["失注理由", "件数"], [list(item) for item in report.loss_reasons])
    trend = (["週（月曜）", "架電数", "接続数", "アポ数", "商談化数", "受注数"],
             [[p.start.isoformat(), p.calls, p.connects, p.appointments, p.meetings_held, p.won]
              for p in report.trend])
    return [(header, rows), reasons, trend]


def drill_table(rows: Sequence[DrillRow]) -> Table:
    return (["日時", "会社名", "内容", "メモ"], [[r.when, r.company_name, r.what, r.note] for r in rows])


def caller_csv_table(table: CallerTable) -> Table:
    """Every caller side by side (受注額 in yen), the team's total last, and its アポ target and pace."""
    header = ["担当者", *(figure_label(key) for key in CALLER_FIGURES), "アポ目標",
              "必要なペース（1日あたり）"]
    rows = [[row.name(), *(row.figures[key] for key in CALLER_FIGURES),
             row.goal.target if row.goal else None, row.goal.pace if row.goal else None]
            for row in table.rows]
    return header, rows
