"""The Today queue and the calendar export, as a person reads them in a terminal (text or JSON)."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.store import clock

if TYPE_CHECKING:
    from sqlite_utils import Database

    from models.planning.agenda import Agenda
    from models.planning.plans import Due

from cli.common import EXIT_OK, open_for_reading

AGENDA_SECTIONS = {"overdue": "期限超過", "due": "本日予定", "fresh": "新規"}
_WEEKDAYS = "月火水木金土日"


def _day_label(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（{_WEEKDAYS[day.weekday()]}）"


def agenda_counts_text(agenda: Agenda) -> str:
    """The queue's counts on one line, against the daily target."""
    c = agenda.counts
    return (
        f"期限超過 {c.overdue}件・本日予定 {c.due}件・新規 {c.fresh}件・本日実施 {c.done_today}件"
        f"（目標 {agenda.daily_target}件）"
    )


def agenda_as_text(agenda: Agenda) -> str:
    """The queue as plain Japanese text, one account per entry with the reason it is there."""
    lines = [f"{_day_label(agenda.day)} の架電リスト", agenda_counts_text(agenda)]
    if not agenda.entries:
        lines.append("この日の架電予定はありません。")
    width = len(str(len(agenda.entries)))
    for number, entry in enumerate(agenda.entries, start=1):
        kana = f"（{entry.name_kana}）" if entry.name_kana else ""
        phone = f"  {entry.phone}" if entry.phone else "  電話番号なし"
        section = AGENDA_SECTIONS[entry.section]
        lines.append(f"{number:>{width}}. 【{section}】{entry.company_name}{kana}{phone}")
        lines.append(f"{' ' * (width + 2)}{entry.reason}")
    return "\n".join(lines) + "\n"


def _due_json(due: Due | None) -> str | None:
    if due is None:
        return None
    return due.isoformat(timespec="minutes") if isinstance(due, datetime) else due.isoformat()


def agenda_as_dict(agenda: Agenda) -> dict[str, Any]:
    """The queue as ``main.py agenda --json`` writes it: the counts, then each entry by position."""
    from models.accounts.vocab import OUTCOME, label

    c = agenda.counts
    return {
        "date": agenda.day.isoformat(),
        "daily_target": agenda.daily_target,
        "counts": {"overdue": c.overdue, "due": c.due, "fresh": c.fresh, "done_today": c.done_today},
        "entries": [
            {
                "position": number, "section": entry.section, "company_id": entry.company_id,
                "name": entry.company_name, "name_kana": entry.name_kana, "phone": entry.phone,
                "plan_id": entry.plan_id, "due": _due_json(entry.due), "hypothesis": entry.hypothesis,
                "reason": entry.reason, "rank": entry.rank, "score": entry.score, "status": entry.status,
                "last_outcome": entry.last_outcome,
                "last_outcome_label": label(OUTCOME, entry.last_outcome) or None,
            }
            for number, entry in enumerate(agenda.entries, start=1)
        ],
    }


def agenda_as_json(agenda: Agenda) -> str:
    """``agenda_as_dict`` as indented JSON (without the final newline)."""
    return json.dumps(agenda_as_dict(agenda), ensure_ascii=False, indent=2)


def agenda_output(db: Database, day: date | str | None, as_json: bool) -> str:
    """What ``main.py agenda`` prints: the queue for ``day`` (None: today) as text or JSON.

    Raises:
        ValidationError: ``day`` is text that is not YYYY-MM-DD.
    """
    from models.planning.agenda import build_agenda, parse_day

    if isinstance(day, str):
        day = parse_day(day)
    agenda = build_agenda(db, day or clock.today())
    return agenda_as_json(agenda) + "\n" if as_json else agenda_as_text(agenda)


def cmd_agenda(args: argparse.Namespace) -> int:
    print(agenda_output(open_for_reading(args), args.date, args.json))
    return EXIT_OK


def ics_output(db: Database, out: Path | str) -> str:
    """What ``main.py ics`` prints: every open plan and meeting written to ``out``."""
    from models.meetings.ics import export_ics

    result = export_ics(db, out)
    return (f"予定{result.plans:,}件と商談{result.meetings:,}件を「{result.path}」に書き出しました。"
            "カレンダーアプリで読み込むと、前回読み込んだ予定は上書きされます。")


def cmd_ics(args: argparse.Namespace) -> int:
    print(ics_output(open_for_reading(args), Path(args.out)))
    return EXIT_OK
