"""Briefing sheets from the command line: one meeting's, or every meeting of a day."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


from cli.common import EXIT_OK, open_for_reading


def brief_output(db: Database, meeting_id: int, out: Path | str) -> str:
    """``main.py brief``: save one meeting's sheet to ``out``; the message to print.

    Raises:
        NotFound: no such meeting.
        BriefWriteError: the file could not be written.
    """
    from reports.briefing import write_brief

    out = Path(out)
    result = write_brief(db, meeting_id, out)
    lines = [f"ブリーフィングシートを保存しました: {out}（{result.pages} ページ）"]
    lines += [f"注意: {warning}" for warning in result.warnings]
    return "\n".join(lines)


def briefs_output(db: Database, day: date, out_dir: Path | str) -> str:
    """``main.py briefs``: save every sheet of ``day`` plus a combined file; the message to print.

    Raises:
        BriefWriteError: a file could not be written.
    """
    from reports.briefing import format_day, write_day_briefs

    saved = write_day_briefs(db, day, out_dir)
    if saved.combined is None:
        return f"{format_day(day)}の商談はありません。ファイルは作成していません。"
    lines = [f"{format_day(day)}の商談 {len(saved.paths)} 件のブリーフィングシートを保存しました。",
             f"  一括印刷用: {saved.combined}"]
    lines += [f"  {path.name}" for path in saved.paths]
    lines += [f"注意（{company}）: {warning}" for company, warning in saved.warnings]
    return "\n".join(lines)


def cmd_brief(args: argparse.Namespace) -> int:
    print(brief_output(open_for_reading(args), args.meeting_id, Path(args.out)))
    return EXIT_OK


def cmd_briefs(args: argparse.Namespace) -> int:
    from models.planning.agenda import parse_day

    print(briefs_output(open_for_reading(args), parse_day(args.date), Path(args.out)))
    return EXIT_OK
