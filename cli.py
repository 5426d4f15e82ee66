"""The headless subcommands of ``main.py``: each ``cmd_*`` runs one, prints its output, returns the exit code.

``models/`` and ``reports/`` return data (frozen dataclasses, dicts, paths); the text (or JSON) a person
reads in a terminal is made here. The ``*_output`` functions return that text, so it can be tested without a
subprocess. ``main.py`` imports this module even when it starts the GUI, so everything heavy is imported
inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.store import clock
from models.store.errors import KakeruError, NotFound

if TYPE_CHECKING:
    from sqlite_utils import Database

    from models.importing.importer import ImportResult
    from models.importing.plan import DuplicateMatch
    from models.kpi.figures import KpiReport
    from models.kpi.goals import GoalReport
    from models.planning.agenda import Agenda
    from models.planning.plans import Due
    from models.store.check import CheckReport

EXIT_OK = 0
EXIT_FAILED = 1


def _open_for_writing(args: argparse.Namespace) -> tuple[Database, bool]:
    """The database of a subcommand that writes (import, demo), checked as the app checks it at start;
    with whether the file was there before (and so is backed up before the first write).

    A missing file is created. An existing one is checked before anything writes to it: a damaged file
    is refused, never written to.

    Raises:
        DatabaseCorrupt: the file fails ``quick_check``.
        DatabaseLocked: another program holds the file.
        DatabaseError: as ``open_db``.
    """
    import sqlite3

    from models.store.check import quick_check
    from models.store.db import check_can_open, open_db
    from models.store.errors import DatabaseCorrupt, DatabaseLocked

    path = str(args.db)
    check_can_open(path)  # a read-only folder or an empty file is said plainly, not taken for damage
    existed = Path(path).exists()
    try:
        sound = quick_check(path)
    except sqlite3.OperationalError as error:  # busy: another program is writing
        raise DatabaseLocked(path) from error
    if not sound:
        raise DatabaseCorrupt(path, "整合性チェック（quick_check）で問題が見つかりました。"
                                    "`check` で内容を確認できます")
    return open_db(path), existed


def _open_existing(args: argparse.Namespace):
    """The database of a subcommand that only reads: a mistyped ``--db`` is refused, never created.

    Raises:
        DatabaseMissing: no file at ``--db``.
    """
    from models.store.db import open_existing

    return open_existing(args.db)


# -- import and demo -------------------------------------------------------------------------------------

def duplicate_target(match: DuplicateMatch) -> str:
    """The company a duplicate row matched, as 「株式会社あおば（ID 12）」 or 「3 行目の 株式会社あおば」."""
    if match.company_id is None:
        return f"{match.matched_line} 行目の {match.company_name}"
    return f"{match.company_name}（ID {match.company_id}）"


def import_text(result: ImportResult) -> str:
    """An import's counts and its first 20 rejected rows, as Japanese text."""
    lines = [
        f"{result.rows:,} 行を読み込みました"
        f"（文字コード: {result.encoding}、リスト: {result.list_name}）。\n"
        f"  新規作成 {result.created:,} 件 / 更新 {result.updated:,} 件 / "
        f"重複 {result.duplicates:,} 件 / 除外 {result.rejected:,} 件\n"
        f"  架電できる行 {result.callable:,} 件（架電できない理由: {result.uncallable_text()}）"
    ]
    lines += [f"  注意: {warning}" for warning in result.warnings()]
    lines += [f"  除外: {reject.line} 行目 — {reject.reason}" for reject in result.rejects[:20]]
    lines += [f"  重複: {match.line} 行目 → {duplicate_target(match)}（{match.reason}）"
              for match in result.matches[:20]]
    if len(result.matches) > 20:
        lines.append(f"  …ほか重複 {len(result.matches) - 20:,} 件")
    if len(result.rejects) > 20:
        lines.append(f"  …ほか {len(result.rejects) - 20:,} 件（--rejects FILE で一覧を保存できます）")
    return "\n".join(lines)


def cmd_import(args: argparse.Namespace) -> int:
    from models.importing import importer as importing
    from models.importing.encodings import canonical_encoding

    columns = None
    if args.columns:
        columns = [None if part.strip() in ("", "-") else part.strip() for part in args.columns.split(",")]
        unknown = sorted({c for c in columns if c is not None} - set(importing.FIELDS))
        if unknown:
            raise KakeruError(
                f"--columns に不明な項目名があります: {', '.join(unknown)}。"
                f"使える項目名: {', '.join(importing.FIELDS)}"
            )
    if args.encoding.strip().lower() != "auto":
        canonical_encoding(args.encoding)  # a name Python does not know is refused before anything is opened
    if args.rejects:
        from models.store.output_path import check_output_path

        check_output_path(args.rejects, args.db)  # refused before the import, not after it
    from models.store.backup import backup_before

    db, existed = _open_for_writing(args)
    # Backed up once the file is read (a file that cannot be read costs no copy); a backup that
    # cannot be written (BackupFailed) stops the import before it writes.
    result = importing.import_file(
        db, Path(args.file), args.list, encoding=args.encoding,
        has_header=False if args.no_header else None, columns=columns,
        before_write=(lambda: backup_before(db, "import")) if existed else None,
    )
    if args.rejects and result.rejects:
        importing.write_rejects_csv(result, Path(args.rejects))
    if args.json:
        print(json.dumps(result.as_json_dict(), ensure_ascii=False))
    else:
        print(import_text(result))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from models.demo import builder as demo

    if args.companies < 1 or args.companies > 1_000_000:
        raise KakeruError("--companies は 1〜1,000,000 の範囲で指定してください。")
    from models.store.backup import backup_before

    db, existed = _open_for_writing(args)
    # Without --force a file that has companies is refused unchanged: no copy is needed then.
    if existed and (args.force or db.execute("SELECT 1 FROM companies LIMIT 1").fetchone() is None):
        backup_before(db, "demo")
    summary = demo.generate_demo(db, companies=args.companies, seed=args.seed, force=args.force)
    print(f"デモデータを作成しました（{args.db}）: {summary}")
    return EXIT_OK


# -- agenda, calendar and KPIs ---------------------------------------------------------------------------

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
    print(agenda_output(_open_existing(args), args.date, args.json))
    return EXIT_OK


def ics_output(db: Database, out: Path | str) -> str:
    """What ``main.py ics`` prints: every open plan and meeting written to ``out``."""
    from models.meetings.ics import export_ics

    result = export_ics(db, out)
    return (f"予定{result.plans:,}件と商談{result.meetings:,}件を「{result.path}」に書き出しました。"
            "カレンダーアプリで読み込むと、前回読み込んだ予定は上書きされます。")


def cmd_ics(args: argparse.Namespace) -> int:
    print(ics_output(_open_existing(args), Path(args.out)))
    return EXIT_OK


def kpi_as_dict(report: KpiReport, goals: GoalReport | None = None) -> dict[str, Any]:
    """The report as ``main.py kpi --json`` writes it: each figure with its label and definition (受注額
    and 平均受注額 in yen), the funnel with each stage's base, and the month's goals when set."""
    from models.kpi.figures import figure_definition, figure_label, funnel

    goal_items = goals.items if goals is not None else ()
    return {
        "period": {"from": report.period.start.isoformat(), "to": report.period.end.isoformat()},
        "scope": {"kind": report.scope.kind, "name": report.scope.name or None},
        "figures": {key: {"label": figure_label(key), "value": f.value, "numerator": f.numerator,
                          "denominator": f.denominator, "definition": figure_definition(key)}
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


def kpi_output(db: Database, start: date, end: date, list_name: str | None, as_json: bool) -> str:
    """What ``main.py kpi`` prints: the figures of a period (optionally of one list) as text or JSON.

    Raises:
        ValidationError: the end is before the start.
        NotFound: no list has that name.
    """
    from models.accounts.lists import find_list
    from models.kpi.figures import Period, Scope, compute_kpis
    from models.kpi.goals import goal_report

    period = Period(start, end)
    scope = Scope()
    if list_name is not None:
        found = find_list(db, list_name)
        if found is None:
            raise NotFound(f"リスト「{list_name}」が見つかりません。リスト名を確認してください"
                           "（--list を省略すると、すべての会社が対象になります）。")
        scope = Scope("list", found.id, found.name)
    report = compute_kpis(db, period, scope)
    goals = goal_report(db, period, scope)
    if as_json:
        return json.dumps(kpi_as_dict(report, goals), ensure_ascii=False)
    return kpi_as_text(report, goals)


def cmd_kpi(args: argparse.Namespace) -> int:
    from models.planning.agenda import parse_day

    start, end = parse_day(args.date_from), parse_day(args.date_to)
    print(kpi_output(_open_existing(args), start, end, args.list, args.json))
    return EXIT_OK


# -- briefing sheets -------------------------------------------------------------------------------------

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
    print(brief_output(_open_existing(args), args.meeting_id, Path(args.out)))
    return EXIT_OK


def cmd_briefs(args: argparse.Namespace) -> int:
    from models.planning.agenda import parse_day

    print(briefs_output(_open_existing(args), parse_day(args.date), Path(args.out)))
    return EXIT_OK


# -- check and backup ------------------------------------------------------------------------------------

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


# -- encryption ------------------------------------------------------------------------------------------

PASSPHRASE_VARIABLE = "KAKERU_PASSPHRASE"  # the database's passphrase, for scripts
NEW_PASSPHRASE_VARIABLE = "KAKERU_NEW_PASSPHRASE"  # the new one, for `passphrase` in a script


def _ask_passphrase(prompt: str, variable: str, *, confirm: bool = False) -> str | None:
    """A passphrase from the environment ``variable``, else typed at the terminal (twice with ``confirm``);
    None when neither is possible (no variable, and no terminal to ask at)."""
    given = os.environ.get(variable)
    if given:
        return given
    if not (sys.stdin is not None and sys.stdin.isatty()):
        return None
    import getpass

    typed = getpass.getpass(prompt)
    if confirm:
        from models.store.encryption import check_passphrase

        check_passphrase(typed, getpass.getpass("確認のため、もう一度入力してください: "))
    return typed


def unlock_database(args: argparse.Namespace) -> None:
    """Before a subcommand opens ``--db``: take an encrypted file's passphrase from ``KAKERU_PASSPHRASE``
    or the terminal, and check it.

    Raises:
        PassphraseRequired: the file is encrypted and no passphrase could be had.
        WrongPassphrase: the passphrase does not open it (the file is unchanged).
    """
    from models.store import cipher
    from models.store.errors import PassphraseRequired

    path = getattr(args, "db", None)
    if not path or args.command == "encrypt" or cipher.is_unlocked(path):
        return
    passphrase = _ask_passphrase(f"データベース「{path}」のパスフレーズ: ", PASSPHRASE_VARIABLE)
    if passphrase is None:
        raise PassphraseRequired(str(path))
    cipher.unlock(path, passphrase)


def _progress_printer(verb: str):
    """A progress callback printing ``verb… NN%`` over itself on a terminal's stderr (else nothing)."""
    if not (sys.stderr is not None and sys.stderr.isatty()):
        return None
    shown = [-1]

    def show(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r{verb}… {percent}%", end="" if percent < 100 else "\n", file=sys.stderr, flush=True)

    return show


def cmd_encrypt(args: argparse.Namespace) -> int:
    from models.store import cipher
    from models.store.encryption import AlreadyEncrypted, encrypt_database
    from models.store.errors import DatabaseMissing, ValidationError

    if not Path(args.db).is_file():
        raise DatabaseMissing(str(args.db))
    if cipher.looks_encrypted(args.db):
        raise AlreadyEncrypted(args.db)
    passphrase = _ask_passphrase("新しいパスフレーズ: ", PASSPHRASE_VARIABLE, confirm=True)
    if passphrase is None:
        raise ValidationError(f"パスフレーズを環境変数 {PASSPHRASE_VARIABLE} で指定するか、"
                              "端末から実行して入力してください。データベースは変更していません。")
    done = encrypt_database(args.db, passphrase, progress=_progress_printer("暗号化しています"))
    print(f"データベース「{args.db}」を暗号化しました。{done.summary_ja()}"
          "パスフレーズを忘れると、データもバックアップも開けなくなります。安全な場所に控えてください。")
    return EXIT_OK


def cmd_decrypt(args: argparse.Namespace) -> int:
    from models.store import keychain
    from models.store.encryption import decrypt_database

    done = decrypt_database(args.db, progress=_progress_printer("暗号化を解除しています"))
    keychain.forget(args.db)  # a remembered passphrase opens nothing now
    print(f"データベース「{args.db}」の暗号化を解除しました。{done.summary_ja()}")
    return EXIT_OK


def cmd_passphrase(args: argparse.Namespace) -> int:
    from models.store import cipher, keychain
    from models.store.encryption import NotEncrypted, change_passphrase
    from models.store.errors import DatabaseMissing, ValidationError

    if not Path(args.db).is_file():
        raise DatabaseMissing(str(args.db))
    if not cipher.looks_encrypted(args.db):
        raise NotEncrypted(args.db)
    new = _ask_passphrase("新しいパスフレーズ: ", NEW_PASSPHRASE_VARIABLE, confirm=True)
    if new is None:
        raise ValidationError(f"新しいパスフレーズを環境変数 {NEW_PASSPHRASE_VARIABLE} で指定するか、"
                              "端末から実行して入力してください。データベースは変更していません。")
    done = change_passphrase(args.db, new, progress=_progress_printer("パスフレーズを変更しています"))
    if keychain.recall(args.db) is not None:
        keychain.remember(args.db, new)  # the one remembered is kept current, not left stale
    print(f"データベース「{args.db}」のパスフレーズを変更しました。{done.summary_ja()}")
    return EXIT_OK


# -- self-test -------------------------------------------------------------------------------------------

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
