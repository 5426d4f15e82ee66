"""The database file itself: check and backup."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from models.store.errors import KakeruError

if TYPE_CHECKING:

    from models.store.check import CheckReport

from cli.common import EXIT_FAILED, EXIT_OK


def check_report_text(report: CheckReport) -> str:
    """A check's report as Japanese text: every problem with its details, or that all is well."""
    if report.ok:
        return "問題は見つかりませんでした。データベースは正常です。"
    lines = [f"{len(report.problems)} 種類の問題が見つかりました。"]
    for problem in report.problems:
        lines.append(f"・{problem.message_ja}")
        lines.extend(f"    {detail}" for detail in problem.details)
    lines.append("データベースは変更していません。")
    return "\n".join(lines)


def check_output(path: Path | str) -> tuple[int, str]:
    """What ``main.py check`` prints, and its exit code: 0 when the file is sound, else 1.

    A file that cannot be checked (missing, not SQLite, not Kakeru's, too new) is 1 and one sentence.
    """
    from models.store.check import check_file

    path = Path(path)
    try:
        report = check_file(path)
    except KakeruError as error:
        return EXIT_FAILED, str(error)
    text = f"データベース「{path}」を確認しました。\n{check_report_text(report)}"
    return (EXIT_OK if report.ok else EXIT_FAILED), text


def backup_output(path: Path | str, out: Path | str | None = None) -> tuple[int, str]:
    """What ``main.py backup`` prints, and its exit code: 1 when no usable copy was made."""
    from models.store.check import backup_file

    try:
        copy = backup_file(path, out)
    except KakeruError as error:
        return EXIT_FAILED, str(error)
    if not copy.verdict.ok:
        return EXIT_FAILED, (
            f"バックアップを作成しましたが、そのファイルは使えない状態です: {copy.verdict.message_ja}"
            f"元のデータベースが破損している可能性があります。`check` で確認してください。（{copy.path}）"
        )
    size_mb = copy.size / 1_000_000
    return EXIT_OK, f"バックアップを作成しました: {copy.path}（{size_mb:,.1f} MB）。{copy.verdict.message_ja}"


def cmd_check(args: argparse.Namespace) -> int:
    code, text = check_output(args.db)
    print(text)
    return code


def cmd_backup(args: argparse.Namespace) -> int:
    code, text = backup_output(args.db, args.out)
    print(text)
    return code
