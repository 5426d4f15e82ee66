"""Kakeru's entry point: the desktop app by default, or a headless subcommand.

    python main.py [--db PATH]                     start the app
    python main.py import FILE --db PATH --list NAME [--encoding auto|utf-8|cp932|euc_jp|…] [--no-header]
                          [--columns FIELD,...] [--rejects FILE] [--json]
    python main.py demo --db PATH [--companies N] [--seed S]
    python main.py agenda --db PATH [--date YYYY-MM-DD] [--json]
    python main.py brief MEETING_ID --db PATH --out FILE.pdf
    python main.py briefs --db PATH --date YYYY-MM-DD --out DIR
    python main.py ics --db PATH --out FILE.ics
    python main.py kpi --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [--list NAME | --caller NAME]
                       [--json | --out FILE.pdf]
    python main.py kpi --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --by-caller [--json]
                       [--out FILE.pdf [--caller-pages]]   every caller side by side; the team's review sheet
    python main.py check --db PATH
    python main.py backup --db PATH [--out FILE]
    python main.py encrypt --db PATH               encrypt the database and its backups (passphrase asked)
    python main.py decrypt --db PATH               store them unencrypted again
    python main.py passphrase --db PATH            change the passphrase
    python main.py --self-test

An encrypted database opens in every subcommand with its passphrase: typed at the terminal, or given
in the environment variable KAKERU_PASSPHRASE (and the new one of ``passphrase`` in
KAKERU_NEW_PASSPHRASE) for scripts.

Here the command line is parsed and the GUI started (Qt is imported only then); each subcommand is a
``cmd_*`` handler in ``cli``, which formats what ``models/`` and ``reports/`` return.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence

import cli
from cli import sync as cli_sync
from cli import team as cli_team
from models.store.errors import KakeruError

EXIT_FAILED = cli.EXIT_FAILED
EXIT_USAGE = 2  # what argparse exits with on a bad command line
# 128 + SIGPIPE: what a shell reports for a program whose reader went away (`kakeru agenda | head -1`).
EXIT_BROKEN_PIPE = 141

# Options whose value may start with "-" ("-" skips a column). argparse takes "-,name" for an option
# and stops with "expected one argument"; written "--columns=-,name", the value is never mistaken.
DASH_VALUE_OPTIONS = ("--columns",)
_OPTION_LIKE = re.compile(r"--?[A-Za-z]")


def attach_dash_values(argv: Sequence[str]) -> list[str]:
    """``--columns -,name`` → ``--columns=-,name``, so both spellings read the same.

    Only a value that does not look like an option itself (``--json``, ``-h``) is attached, so a
    forgotten value is still reported as one; nothing after ``--`` is touched.
    """
    out: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            out.append(token)
            out.extend(tokens)
            break
        if token in DASH_VALUE_OPTIONS:
            value = next(tokens, None)
            if value is None:
                out.append(token)
            elif value.startswith("-") and not _OPTION_LIKE.match(value):
                out.append(f"{token}={value}")
            else:
                out.extend((token, value))
        else:
            out.append(token)
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kakeru", description="Kakeru — インサイドセールスの架電・ナーチャリング"
    )
    parser.add_argument("--db", help="データベースファイル（既定: ユーザーのデータフォルダ）")
    parser.add_argument(
        "--self-test", action="store_true",
        help="一時フォルダーで取り込み・商談・ブリーフィングシート・Qt を確認して終了する（正常なら 0）",
    )
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    p = sub.add_parser("import", help="CSV / TSV / XLSX のターゲットリストを取り込む")
    p.add_argument("file")
    p.add_argument("--db", required=True)
    p.add_argument("--list", required=True, help="取り込み先のリスト名（なければ作成）")
    p.add_argument("--encoding", default="auto",
                   help="文字コード: auto（自動）、utf-8、cp932、euc_jp、iso2022_jp など（既定: auto）")
    p.add_argument("--no-header", action="store_true", help="1 行目も見出しではなくデータとして読む")
    p.add_argument(
        "--columns", help="列ごとの項目名をカンマ区切りで（- は読み飛ばし、address の繰り返しは連結）"
    )
    p.add_argument("--rejects", help="除外した行を行番号つき CSV で保存するファイル")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")
    p.set_defaults(func=cli.cmd_import)

    p = sub.add_parser("demo", help="デモデータを作成する")
    p.add_argument("--db", required=True)
    p.add_argument("--companies", type=int, default=1000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--force", action="store_true", help="既にデータがあっても追加する")
    p.set_defaults(func=cli.cmd_demo)

    p = sub.add_parser("agenda", help="その日の架電キュー（期限超過・本日予定・新規）を理由つきで表示する")
    p.add_argument("--db", required=True)
    p.add_argument("--date", help="YYYY-MM-DD（既定: 今日）")
    p.add_argument("--json", action="store_true", help="JSON で出力")
    p.set_defaults(func=cli.cmd_agenda)

    p = sub.add_parser("brief", help="商談 1 件のブリーフィングシートを PDF で保存する")
    p.add_argument("meeting_id", type=int)
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True, help="保存する PDF ファイル")
    p.set_defaults(func=cli.cmd_brief)

    p = sub.add_parser("briefs", help="指定日の全商談のブリーフィングシートと一括印刷用ファイルを保存する")
    p.add_argument("--db", required=True)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--out", required=True, help="保存先フォルダ")
    p.set_defaults(func=cli.cmd_briefs)

    p = sub.add_parser("ics", help="予定と商談を iCalendar（.ics）に書き出す")
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True, help="保存する .ics ファイル")
    p.set_defaults(func=cli.cmd_ics)

    p = sub.add_parser("kpi", help="期間の KPI（架電数・接続率・アポ率・受注率など）を表示する")
    p.add_argument("--db", required=True)
    p.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    p.add_argument("--list", help="対象リスト名（既定: すべて）")
    p.add_argument("--json", action="store_true", help="JSON で出力")
    p.add_argument("--caller", help="対象の担当者名（その担当者の架電・商談・予定と担当の会社）")
    p.add_argument("--by-caller", action="store_true",
                   help="担当者別の数値を並べて表示する（チーム合計つき）")
    p.add_argument("--out", help="レビューシート（PDF）の保存先（--by-caller ではチームのレビューシート）")
    p.add_argument("--caller-pages", action="store_true", help="--out のシートに担当者ごとのページを加える")
    p.set_defaults(func=cli.cmd_kpi)

    p = sub.add_parser("check", help="データベースの整合性を確認する（問題がなければ終了コード 0）")
    p.add_argument("--db", required=True)
    p.set_defaults(func=cli.cmd_check)

    p = sub.add_parser("backup", help="データベースのバックアップを作成する")
    p.add_argument("--db", required=True)
    p.add_argument("--out", help="保存先ファイル（既定: バックアップフォルダ）")
    p.set_defaults(func=cli.cmd_backup)

    p = sub.add_parser("encrypt", help="データベースとバックアップを暗号化する"
                                       "（パスフレーズは端末で入力するか KAKERU_PASSPHRASE で指定）")
    p.add_argument("--db", required=True)
    p.set_defaults(func=cli.cmd_encrypt)

    p = sub.add_parser("decrypt", help="データベースとバックアップの暗号化を解除する")
    p.add_argument("--db", required=True)
    p.set_defaults(func=cli.cmd_decrypt)

    p = sub.add_parser("passphrase", help="暗号化したデータベースのパスフレーズを変更する"
                                          "（新しいものは端末で入力するか KAKERU_NEW_PASSPHRASE で指定）")
    p.add_argument("--db", required=True)
    p.set_defaults(func=cli.cmd_passphrase)

    p = sub.add_parser("team", help="チーム（PostgreSQL サーバー）の設定と参加")
    team = p.add_subparsers(dest="team_command", required=True)
    cli_team.add_parsers(team)  # init, add-caller, assign
    cli_sync.add_parsers(sub, team)  # sync, team join
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args, rest = parser.parse_known_args(attach_dash_values(argv))
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if args.self_test and func is None:
        if rest:
            parser.error(f"不明な引数です: {' '.join(rest)}")
        func = cli.cmd_self_test
    if func is None:
        from ui.app import run_gui

        return run_gui(args.db, [sys.argv[0], *rest])
    if rest:
        parser.error(f"不明な引数です: {' '.join(rest)}")
    try:
        cli.unlock_database(args)  # an encrypted --db: its passphrase, from the terminal or the environment
        code = func(args)
        if sys.stdout is not None:  # None in a windowed bundle, where print() writes nowhere
            sys.stdout.flush()  # output held in the buffer meets a closed pipe here, inside the try
        return code
    except BrokenPipeError:
        # As Python's documentation advises (signal, "Note on SIGPIPE"): stdout goes to devnull, so
        # the flush at exit cannot fail again and print a traceback the reader never asked for.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KakeruError as error:
        print(f"エラー: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show Japanese must not crash us
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    sys.exit(main())
