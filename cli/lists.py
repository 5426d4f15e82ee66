"""Import and demo: what ``main.py import`` and ``main.py demo`` do and print."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from models.store.errors import KakeruError

if TYPE_CHECKING:

    from models.importing.importer import ImportResult
    from models.importing.plan import DuplicateMatch

from cli.common import EXIT_OK, open_for_writing


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

    db, existed = open_for_writing(args)
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

    db, existed = open_for_writing(args)
    # Without --force a file that has companies is refused unchanged: no copy is needed then.
    if existed and (args.force or db.execute("SELECT 1 FROM companies LIMIT 1").fetchone() is None):
        backup_before(db, "demo")
    summary = demo.generate_demo(db, companies=args.companies, seed=args.seed, force=args.force)
    print(f"デモデータを作成しました（{args.db}）: {summary}")
    return EXIT_OK
