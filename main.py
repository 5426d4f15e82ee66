"""Kakeru's entry point: the desktop app by default, or a headless subcommand.

    python main.py [--db PATH]                     start the app
    python main.py import FILE --db PATH --list NAME [--encoding auto|utf-8|cp932] [--no-header]
                          [--columns FIELD,...] [--rejects FILE] [--json]
    python main.py demo --db PATH [--companies N] [--seed S]
    python main.py agenda --db PATH [--date YYYY-MM-DD] [--json]
    python main.py brief MEETING_ID --db PATH --out FILE.pdf
    python main.py briefs --db PATH --date YYYY-MM-DD --out DIR
    python main.py ics --db PATH --out FILE.ics
    python main.py kpi --db PATH --from YYYY-MM-DD --to YYYY-MM-DD [--list NAME] [--json]
    python main.py check --db PATH
    python main.py backup --db PATH [--out FILE]
    python main.py --self-test

This is the only module that knows all three layers; Qt is imported only when the GUI starts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from models.errors import KakeruError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _open(args: argparse.Namespace):
    from models.db import open_db

    return open_db(args.db)


def cmd_import(args: argparse.Namespace) -> int:
    from models import importing

    columns = None
    if args.columns:
        columns = [None if part.strip() in ("", "-") else part.strip() for part in args.columns.split(",")]
        unknown = sorted({c for c in columns if c is not None} - set(importing.FIELDS))
        if unknown:
            raise KakeruError(
                f"--columns に不明な項目名があります: {', '.join(unknown)}。"
                f"使える項目名: {', '.join(importing.FIELDS)}"
            )
    db = _open(args)
    result = importing.import_file(
        db, Path(args.file), args.list, encoding=args.encoding,
        has_header=False if args.no_header else None, columns=columns,
    )
    if args.rejects and result.rejects:
        importing.write_rejects_csv(result, Path(args.rejects))
    if args.json:
        print(json.dumps(result.as_json_dict(), ensure_ascii=False))
    else:
        print(
            f"{result.rows:,} 行を読み込みました"
            f"（文字コード: {result.encoding}、リスト: {result.list_name}）。\n"
            f"  新規作成 {result.created:,} 件 / 更新 {result.updated:,} 件 / "
            f"重複 {result.duplicates:,} 件 / 除外 {result.rejected:,} 件"
        )
        for reject in result.rejects[:20]:
            print(f"  除外: {reject.line} 行目 — {reject.reason}")
        if len(result.rejects) > 20:
            print(f"  …ほか {len(result.rejects) - 20:,} 件（--rejects FILE で一覧を保存できます）")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from models import demo

    if args.companies < 1 or args.companies > 1_000_000:
        raise KakeruError("--companies は 1〜1,000,000 の範囲で指定してください。")
    db = _open(args)
    summary = demo.generate_demo(db, companies=args.companies, seed=args.seed, force=args.force)
    print(f"デモデータを作成しました（{args.db}）: {summary}")
    return EXIT_OK


def cmd_agenda(args: argparse.Namespace) -> int:
    from models.agenda import cmd_agenda_output

    print(cmd_agenda_output(_open(args), args.date, args.json))
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from reports.briefing import cli_brief

    print(cli_brief(_open(args), args.meeting_id, Path(args.out)))
    return EXIT_OK


def cmd_briefs(args: argparse.Namespace) -> int:
    from models.agenda import parse_day
    from reports.briefing import cli_briefs

    print(cli_briefs(_open(args), parse_day(args.date), Path(args.out)))
    return EXIT_OK


def cmd_ics(args: argparse.Namespace) -> int:
    from models.ics import cli_ics

    print(cli_ics(_open(args), Path(args.out)))
    return EXIT_OK


def cmd_kpi(args: argparse.Namespace) -> int:
    from models.agenda import parse_day
    from models.kpi import cli_kpi

    print(cli_kpi(_open(args), parse_day(args.date_from), parse_day(args.date_to), args.list, args.json))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from models.check import run_check_cli

    code, text = run_check_cli(args.db)
    print(text)
    return code


def cmd_backup(args: argparse.Namespace) -> int:
    from models.check import run_backup_cli

    code, text = run_backup_cli(args.db, args.out)
    print(text)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kakeru", description="Kakeru — インサイドセールスの架電・ナーチャリング"
    )
    parser.add_argument("--db", help="データベースファイル（既定: ユーザーのデータフォルダ）")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND")

    p = sub.add_parser("import", help="CSV / TSV / XLSX のターゲットリストを取り込む")
    p.add_argument("file")
    p.add_argument("--db", required=True)
    p.add_argument("--list", required=True, help="取り込み先のリスト名（なければ作成）")
    p.add_argument("--encoding", default="auto", choices=["auto", "utf-8", "cp932"])
    p.add_argument("--no-header", action="store_true", help="1 行目も見出しではなくデータとして読む")
    p.add_argument(
        "--columns", help="列ごとの項目名をカンマ区切りで（- は読み飛ばし、address の繰り返しは連結）"
    )
    p.add_argument("--rejects", help="除外した行を行番号つき CSV で保存するファイル")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("demo", help="デモデータを作成する")
    p.add_argument("--db", required=True)
    p.add_argument("--companies", type=int, default=1000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--force", action="store_true", help="既にデータがあっても追加する")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("agenda", help="その日の架電キュー（期限超過・本日予定・新規）を理由つきで表示する")
    p.add_argument("--db", required=True)
    p.add_argument("--date", help="YYYY-MM-DD（既定: 今日）")
    p.add_argument("--json", action="store_true", help="JSON で出力")
    p.set_defaults(func=cmd_agenda)

    p = sub.add_parser("brief", help="商談 1 件のブリーフィングシートを PDF で保存する")
    p.add_argument("meeting_id", type=int)
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True, help="保存する PDF ファイル")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("briefs", help="指定日の全商談のブリーフィングシートと一括印刷用ファイルを保存する")
    p.add_argument("--db", required=True)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--out", required=True, help="保存先フォルダ")
    p.set_defaults(func=cmd_briefs)

    p = sub.add_parser("ics", help="予定と商談を iCalendar（.ics）に書き出す")
    p.add_argument("--db", required=True)
    p.add_argument("--out", required=True, help="保存する .ics ファイル")
    p.set_defaults(func=cmd_ics)

    p = sub.add_parser("kpi", help="期間の KPI（架電数・接続率・アポ率・受注率など）を表示する")
    p.add_argument("--db", required=True)
    p.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    p.add_argument("--list", help="対象リスト名（既定: すべて）")
    p.add_argument("--json", action="store_true", help="JSON で出力")
    p.set_defaults(func=cmd_kpi)

    p = sub.add_parser("check", help="データベースの整合性を確認する（問題がなければ終了コード 0）")
    p.add_argument("--db", required=True)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", help="データベースのバックアップを作成する")
    p.add_argument("--db", required=True)
    p.add_argument("--out", help="保存先ファイル（既定: バックアップフォルダ）")
    p.set_defaults(func=cmd_backup)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        from ui.app import run_gui

        return run_gui(args.db, [sys.argv[0], *rest])
    if rest:
        parser.error(f"不明な引数です: {' '.join(rest)}")
    try:
        return func(args)
    except KakeruError as error:
        print(f"エラー: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
