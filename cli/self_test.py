"""The self-test of a bundle or a source tree: database, import, brief, Qt offscreen."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from models.store import clock

if TYPE_CHECKING:

    pass

from cli.common import EXIT_FAILED, EXIT_OK

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
    # Qt's own catalogue (file dialogs, standard buttons): the bundle must carry it too.
    qt_catalogue = i18n.load_qt_catalogue(app)
    if qt_catalogue is None or not qt_catalogue.translate("QFileDialog", "File &name:"):
        raise RuntimeError(f"Qt の日本語の翻訳ファイル（{i18n.QT_CATALOGUE}.qm）を読み込めませんでした。")
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
    return f"{loaded}、フォント {families[0]}、翻訳 OK（Kakeru と Qt）、{built}"


def _self_test_encryption(folder: str) -> str:
    """Prove SQLCipher loads (the bundle carries it): write an encrypted file, open it again with its
    passphrase, and find nothing of what was written in its bytes."""
    from models.store import cipher
    from models.store.db import open_db, stamp, writing

    path = os.path.join(folder, "self-test-encrypted.db")
    passphrase = "self-test passphrase"
    cipher.prepare_new(path, cipher.derive_key(passphrase))
    db = open_db(path)
    try:
        with writing(db):
            db.table("companies").insert(stamp({"name": "株式会社暗号診断", "search_key": "暗号診断"}))
        version = db.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        db.close()
    cipher.forget_all()
    cipher.unlock(path, passphrase)
    db = open_db(path)
    try:
        names = [row[0] for row in db.execute("SELECT name FROM companies")]
    finally:
        db.close()
    with open(path, "rb") as handle:
        leaked = "暗号診断".encode() in handle.read()
    if names != ["株式会社暗号診断"] or leaked or not cipher.looks_encrypted(path):
        raise RuntimeError("暗号化したデータベースを正しく読み書きできませんでした。")
    return f"SQLCipher {version} OK"


def cmd_self_test(_args: argparse.Namespace | None = None) -> int:
    """``main.py --self-test``: a database, a CP932 import, a meeting, its briefing sheet and Qt.

    Prints a short Japanese summary and returns 0 when everything works, else prints the failed step
    and the reason to stderr and returns 1. Everything happens in a temporary folder.
    """
    import tempfile
    import time
    from datetime import timedelta

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
                starts = (clock.now() + timedelta(days=1)).replace(hour=10, minute=0, second=0,
                                                                   microsecond=0)
                meeting = create_meeting(db, company_id, {
                    "starts_at": starts.isoformat(), "place": "先方本社", "purpose": "自己診断の商談",
                })
                lines.append(f"商談: 作成 OK（ID {meeting.id}）")
                step = "ブリーフィングシートの作成"
                from models.meetings.briefs import gather_brief
                from reports.briefing import render_brief

                pdf = os.path.join(folder, "brief.pdf")
                rendered = render_brief(gather_brief(db, meeting.id, clock.now()), pdf)
                size = os.path.getsize(pdf) if os.path.exists(pdf) else 0
                with open(pdf, "rb") as handle:
                    header = handle.read(5)
                if size == 0 or header != b"%PDF-":
                    raise RuntimeError("PDF ファイルが作成されていないか、空です。")
                lines.append(f"ブリーフィングシート: PDF {rendered.pages} ページ、{size:,} バイト")
                step = "暗号化（SQLCipher）"
                lines.append(f"暗号化: {_self_test_encryption(folder)}")
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
