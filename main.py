"""Kakeru's entry point: the desktop app by default, or a headless subcommand.

    python main.py [--db PATH]                     start the app
    python main.py import FILE --db PATH --list NAME [--encoding auto|utf-8|cp932] [--no-header]
                          [--columns FIELD,...] [--rejects FILE] [--json]
    python main.py demo --db PATH [--companies N] [--seed S]
    python main.py agenda --db PATH [--date YYYY-MM-DD] [--json]

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
