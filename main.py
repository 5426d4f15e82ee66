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
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from models.store.errors import KakeruError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _open(args: argparse.Namespace):
    from models.store.db import open_db

    return open_db(args.db)


def cmd_import(args: argparse.Namespace) -> int:
    from models.importing import importer as importing
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
    from models.demo import builder as demo
    if args.companies < 1 or args.companies > 1_000_000:
        raise KakeruError("--companies は 1〜1,000,000 の範囲で指定してください。")
    db = _open(args)
    summary = demo.generate_demo(db, companies=args.companies, seed=args.seed, force=args.force)
    print(f"デモデータを作成しました（{args.db}）: {summary}")
    return EXIT_OK


def cmd_agenda(args: argparse.Namespace) -> int:
    from models.planning.agenda import cmd_agenda_output

    print(cmd_agenda_output(_open(args), args.date, args.json))
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from reports.briefing import cli_brief

    print(cli_brief(_open(args), args.meeting_id, Path(args.out)))
    return EXIT_OK


def cmd_briefs(args: argparse.Namespace) -> int:
    from models.planning.agenda import parse_day
    from reports.briefing import cli_briefs

    print(cli_briefs(_open(args), parse_day(args.date), Path(args.out)))
    return EXIT_OK


def cmd_ics(args: argparse.Namespace) -> int:
    from models.meetings.ics import cli_ics

    print(cli_ics(_open(args), Path(args.out)))
    return EXIT_OK


def cmd_kpi(args: argparse.Namespace) -> int:
    from models.kpi.figures import cli_kpi
    from models.planning.agenda import parse_day

    print(cli_kpi(_open(args), parse_day(args.date_from), parse_day(args.date_to), args.list, args.json))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from models.store.check import run_check_cli

    code, text = run_check_cli(args.db)
    print(text)
    return code


def cmd_backup(args: argparse.Namespace) -> int:
    from models.store.check import run_backup_cli

    code, text = run_backup_cli(args.db, args.out)
    print(text)
    return code


SELF_TEST_CSV = (
    "会社名,フリガナ,電話番号,住所\r\n"
    "株式会社自己診断テスト,ジコシンダンテスト,03-1111-2222,東京都千代田区丸の内1-1-1\r\n"
    "有限会社ｻﾝﾌﾟﾙ商事,サンプルショウジ,06-3333-4444,大阪府大阪市北区梅田2-2-2\r\n"
    "東洋検証株式会社,トウヨウケンショウ,052-555-6666,愛知県名古屋市中区栄3-3-3\r\n"
)


def _self_test_qt(db, folder: str) -> str:
    """Prove Qt loads offscreen with the bundled font and Japanese catalogue, and the main window builds.

    The window (every page) is built on the self-test's database with settings in ``folder``, so
    nothing of the person's own settings is read or written.
    """
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QSettings, QTranslator, qVersion
    from PySide6.QtGui import QFontDatabase, QGuiApplication
    from PySide6.QtNetwork import QLocalServer  # noqa: F401 — one instance per database needs it
    from PySide6.QtWidgets import QApplication

    app = QGuiApplication.instance() or QApplication(["kakeru-self-test"])
    from ui import fonts, i18n

    families = fonts.register_bundled_fonts()
    if not families or not QFontDatabase.families():
        raise RuntimeError("同梱の日本語フォントを読み込めませんでした。")
    translator = QTranslator(app)
    if not translator.load(str(i18n.TRANSLATIONS_DIR / i18n.CATALOGUE)):
        raise RuntimeError(f"日本語の翻訳ファイル（{i18n.CATALOGUE}）を読み込めませんでした。")
    import ui.app  # noqa: F401 — the start-up module and everything it imports
    from ui.main_window import PAGES, MainWindow, _page_class

    for _key, _title, spec in PAGES:
        _page_class(spec)  # every page module is importable (the bundle found them all)
    built = "ページのモジュール OK"
    if isinstance(app, QApplication):
        from ui.settings import AppSettings

        store = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, os.path.join(folder, "self-test.db"), AppSettings(store))
        for key in window.page_keys():
            window.show_page(key)  # pages are built on first show: build every one
        built = f"メイン画面 OK（{len(window.pages)} ページ）"
        import shiboken6

        shiboken6.delete(window)  # now, so nothing writes the settings after the folder is removed
        store.sync()
    loaded = f"PySide6 {pyside_version} / Qt {qVersion()}（offscreen）"
    return f"{loaded}、フォント {families[0]}、翻訳 OK、{built}"


def cmd_self_test(_args: argparse.Namespace | None = None) -> int:
    """``main.py --self-test``: a database, a CP932 import, a meeting, its briefing sheet and Qt.

    Prints a short Japanese summary and returns 0 when everything works, else prints the failed step
    and the reason to stderr and returns 1. Everything happens in a temporary folder.
    """
    from datetime import datetime, timedelta

    started = time.perf_counter()
    lines: list[str] = []
    step = "準備"
    try:
        with tempfile.TemporaryDirectory(prefix="kakeru-self-test-") as folder:
            from models.store.db import open_db, schema_version

            step = "データベースの作成"
            db = open_db(os.path.join(folder, "self-test.db"))
            try:
                lines.append(f"データベース: 作成 OK（スキーマ版 {schema_version(db)}）")
                step = "CP932 の CSV の取り込み"
                from models.importing.importer import import_file

                csv_path = os.path.join(folder, "サンプル.csv")
                with open(csv_path, "wb") as handle:
                    handle.write(SELF_TEST_CSV.encode("cp932"))
                result = import_file(db, csv_path, "自己診断リスト")
                if result.encoding != "cp932" or result.created != 3 or result.rejected:
                    raise RuntimeError(
                        f"取り込み結果が想定と異なります（文字コード {result.encoding}、"
                        f"新規 {result.created} 件、除外 {result.rejected} 件）。"
                    )
                keys = sorted(row[0] for row in db.execute("SELECT phone_key FROM companies"))
                if keys != ["+81311112222", "+81525556666", "+81633334444"]:  # phonenumbers, bundled
                    raise RuntimeError(f"電話番号の正規化が想定と異なります: {keys}")
                lines.append(f"取り込み: CP932 の CSV {result.rows} 行 → 新規 {result.created} 件")
                step = "商談の作成"
                from models.meetings.meetings import create_meeting

                company_id = db.execute("SELECT min(id) FROM companies").fetchone()[0]
                starts = (datetime.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0,
                                                                      microsecond=0)
                meeting = create_meeting(db, company_id, {
                    "starts_at": starts.isoformat(), "place": "先方本社", "purpose": "自己診断の商談",
                })
                lines.append(f"商談: 作成 OK（ID {meeting.id}）")
                step = "ブリーフィングシートの作成"
                from models.meetings.briefs import gather_brief
                from reports.briefing import render_brief

                pdf = os.path.join(folder, "brief.pdf")
                rendered = render_brief(gather_brief(db, meeting.id, datetime.now().astimezone()), pdf)
                size = os.path.getsize(pdf) if os.path.exists(pdf) else 0
                with open(pdf, "rb") as handle:
                    header = handle.read(5)
                if size == 0 or header != b"%PDF-":
                    raise RuntimeError("PDF ファイルが作成されていないか、空です。")
                lines.append(f"ブリーフィングシート: PDF {rendered.pages} ページ、{size:,} バイト")
                step = "Qt の読み込みとメイン画面の作成"
                lines.append(f"Qt: {_self_test_qt(db, folder)}")
            finally:
                db.close()
    except Exception as error:  # the self-test reports every failure, expected or not
        print(f"Kakeru 自己診断に失敗しました（{step}）: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED
    elapsed = time.perf_counter() - started
    print(f"Kakeru 自己診断: すべて正常です（{elapsed:.1f} 秒）")
    for line in lines:
        print(f"  {line}")
    return EXIT_OK


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
    if args.self_test and func is None:
        if rest:
            parser.error(f"不明な引数です: {' '.join(rest)}")
        func = cmd_self_test
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
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show Japanese must not crash us
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    sys.exit(main())
