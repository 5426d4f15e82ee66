"""Importing a target list: every row created, updated, duplicate or rejected, in one undoable transaction.

``read_table`` (``tabular``) reads the file, ``guess_mapping`` (``mapping``) proposes which
column holds which field, the plan pass (models.importing.plan) cleans and deduplicates the rows in memory,
and the write pass (models.importing.write) stores it in one transaction with batched inserts, records what
changed in ``imports`` / ``import_changes`` so ``undo_import`` (models.importing.undo) can revert it, and puts
every company of the file on the target list; a large file is planned while it is written. This module
is the one the CLI and the GUI import from.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from sqlite_utils import Database

from models.accounts.scoring import Scorer
from models.importing.export import safe_csv
from models.importing.mapping import (
    FIELD_LABELS,
    FIELDS,
    REPEATABLE,
    delete_mapping,
    find_mapping,
    guess_mapping,
    header_field,
    load_mappings,
    parse_columns,
    save_mapping,
    validate_mapping,
)
from models.importing.plan import (
    DuplicateMatch,
    ImportCancelled,
    Planner,
    Progress,
    Reject,
    check_corporate_number,
    join_address,
)
from models.importing.tabular import ENCODING_LABELS, EncodingUnclear, SourceTable, read_table
from models.importing.undo import IMPORT_CHANGES, UndoResult, undo_import
from models.importing.write import (
    PIPELINE_FROM,
    fts_triggers_as_expected,
    large_cache,
    plan_and_write,
    reading_connection,
    write_plan,
    write_rest,
)
from models.store.changes import Changes
from models.store.db import inserted_id, new_uid, now_iso, writing
from models.store.errors import ValidationError

__all__ = [
    "ENCODING_LABELS", "FIELDS", "FIELD_LABELS", "REPEATABLE", "EncodingUnclear", "ImportCancelled",
    "ImportResult", "Progress", "Reject", "SourceTable", "UndoResult", "check_corporate_number",
    "delete_mapping", "find_mapping", "guess_mapping", "header_field", "import_file", "import_table",
    "join_address", "load_mappings", "parse_columns", "read_table", "save_mapping", "undo_import",
    "write_rejects_csv",
]

@dataclass(frozen=True)
class ImportResult:
    changes: ClassVar[Changes] = IMPORT_CHANGES

    import_id: int
    rows: int
    created: int
    updated: int
    duplicates: int
    rejected: int
    encoding: str | None
    list_name: str
    rejects: tuple[Reject, ...] = ()
    header: tuple[str, ...] = ()
    cut: int = 0  # values longer than their field's limit (models.accounts.text_fields), cut with …
    matches: tuple[DuplicateMatch, ...] = ()  # the rows taken for a company (updated or duplicate), and why
    no_phone: int = 0  # rows imported without a phone number
    bad_phone: int = 0  # rows imported with a phone that is not a phone number
    bad_corporate_number: int = 0  # rows rejected for their 法人番号
    phone_mapped: bool = True  # a column of the file was read as the phone number

    @property
    def imported(self) -> int:
        """The rows that made or matched a company (every row but the rejected)."""
        return self.created + self.updated + self.duplicates

    @property
    def callable(self) -> int:
        """The rows imported with a phone number that can be dialled."""
        return self.imported - self.no_phone - self.bad_phone

    def as_json_dict(self) -> dict[str, Any]:
        """What ``main.py import --json`` prints (``cut`` only when a value was cut)."""
        result = {
            "rows": self.rows, "created": self.created, "updated": self.updated,
            "duplicates": self.duplicates, "rejected": self.rejected, "encoding": self.encoding,
            "list": self.list_name,
        }
        return result | {"cut": self.cut} if self.cut else result

    def warnings(self) -> tuple[str, ...]:
        """Sentences about values imported not quite as the file had them (cut to their field's limit),
        and about a list most of whose rows cannot be called."""
        found: tuple[str, ...] = ()
        if self.cut:
            found += (f"長すぎる値 {self.cut:,} 件は、項目ごとの上限の長さで切り詰めました"
                      "（末尾に「…」を付けています）。",)
        uncallable = self.no_phone + self.bad_phone
        if self.imported and uncallable * 2 > self.imported:
            why = ("電話番号の列が割り当てられていません。列の割り当てで電話番号を選んでください。"
                   if not self.phone_mapped else
                   f"電話番号なし {self.no_phone:,} 行、電話番号として読めない値 {self.bad_phone:,} 行です。")
            found += (f"取り込んだ {self.imported:,} 行のうち {uncallable:,} 行"
                      f"（{uncallable / self.imported:.0%}）は架電できません。{why}",)
        return found

    def uncallable_text(self) -> str:
        """「電話番号なし 12 / 電話番号が不正 3 / 法人番号が不正 1（除外）」: what makes rows uncallable."""
        return (f"電話番号なし {self.no_phone:,} / 電話番号が不正 {self.bad_phone:,} / "
                f"法人番号が不正 {self.bad_corporate_number:,}（除外）")


# --- the import, planned and written in one transaction ----------------------------------------------

@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: with 100,000s of row objects alive it would walk them all again
    and again (a fifth of an import's time); reference counting still frees everything as it goes.

    What is still alive afterwards (the caller's table of rows) is handed to the oldest generation
    (freeze, then unfreeze: two list splices), so switching the collector back on does not walk it
    once more as young objects.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled and gc.get_freeze_count() == 0:  # nobody else froze objects: unfreeze touches only ours
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _snapshot(db: Database) -> tuple[int, int]:
    """What tells whether the database changed since the plan was made (by any connection)."""
    return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


def _ensure_list(db: Database, name: str, now: str) -> int:
    row = db.execute("SELECT id FROM target_lists WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    return inserted_id(db.execute(
        "INSERT INTO target_lists (uid, created_at, updated_at, name) VALUES (?, ?, ?, ?)",
        [new_uid(), now, now, name],
    ))


def _import(
    db: Database, table: SourceTable, mapping: list[str | None], list_name: str, progress: Progress | None,
    file_name: str | None, total: int,
) -> ImportResult:
    """A large file is planned while it is written (``plan_and_write``); a small one is planned first,
    without holding the write lock, and planned again if the database changed meanwhile."""
    reader = None
    if len(table.rows) >= PIPELINE_FROM and fts_triggers_as_expected(db):
        reader = reading_connection(db)
    now = now_iso()
    try:
        if reader is None:
            snapshot = _snapshot(db)
            plan = Planner(db, table, mapping).run(progress, total)

        def report(fraction: float) -> None:
            done = len(table.rows) + round(fraction * len(table.rows))
            if progress is not None and progress(done, total) is False:
                raise ImportCancelled()

        with large_cache(db), writing(db):
            stale = reader is None and db.conn.total_changes != snapshot[1]
            import_id = inserted_id(db.execute(
                "INSERT INTO imports (uid, created_at, updated_at, file_name, encoding)"
                " VALUES (?, ?, ?, ?, ?)",
                [new_uid(), now, now, file_name or Path(table.path).name, table.encoding],
            ))  # from here on this import holds the write lock
            list_id = _ensure_list(db, list_name, now)
            scorer = Scorer.of(db)  # every company written gets its priority score
            if reader is not None:
                plan = plan_and_write(db, reader, (table, mapping), import_id, list_id, now, progress, total,
                                      scorer)
                report(0.6)  # the new companies are in and indexed for search
                write_rest(db, plan, import_id, list_id, now, scorer, members=False)
                report(1.0)
            else:
                if stale or db.execute("PRAGMA data_version").fetchone()[0] != snapshot[0]:
                    plan = Planner(db, table, mapping).run()  # the database changed meanwhile: plan again
                write_plan(db, plan, import_id, list_id, now, report, scorer)
            counts = plan.counts
            db.execute(
                "UPDATE imports SET list_id = ?, rows = ?, created = ?, updated = ?, duplicates = ?,"
                " rejected = ? WHERE id = ?",
                [list_id, len(table.rows), counts["created"], counts["updated"], counts["duplicates"],
                 len(plan.rejects), import_id],
            )
    finally:
        if reader is not None:
            reader.close()
    return ImportResult(
        import_id=import_id, rows=len(table.rows), created=counts["created"], updated=counts["updated"],
        duplicates=counts["duplicates"], rejected=len(plan.rejects), encoding=table.encoding,
        list_name=list_name, rejects=tuple(plan.rejects), header=tuple(table.header), cut=plan.cut,
        matches=tuple(plan.matches), no_phone=plan.uncallable["no_phone"],
        bad_phone=plan.uncallable["bad_phone"], bad_corporate_number=plan.uncallable["bad_corporate_number"],
        phone_mapped="phone" in mapping[: table.width],
    )


# --- public API ------------------------------------------------------------------------------------


def import_table(
    db: Database,
    table: SourceTable,
    mapping: Sequence[str | None],
    list_name: str,
    progress: Progress | None = None,
    file_name: str | None = None,
) -> ImportResult:
    """Import the rows of ``table`` into companies and put them on the target list ``list_name``.

    Args:
        mapping: one field name (see ``FIELDS``) or None per column; "address" may repeat.
        list_name: the target list; created when missing.
        progress: called as ``progress(done, total)`` now and then; returning False cancels.
        file_name: recorded with the import (default: the table's file name).

    Raises:
        ValidationError: the mapping has no name column, an unknown field, or the list name is empty.
        ImportCancelled: ``progress`` returned False; nothing was written.
    """
    mapping = list(mapping)
    validate_mapping(mapping)
    if "name" not in mapping[: table.width]:
        raise ValidationError(
            "会社名の列が指定されていません。"
            "列の割り当てで、会社名の入った列に「会社名」(name) を指定してください。"
        )
    list_name = (list_name or "").strip()
    if not list_name:
        raise ValidationError("取り込み先のリスト名を入力してください。")
    total = 2 * len(table.rows)
    with _without_cycle_collection():
        return _import(db, table, mapping, list_name, progress, file_name, total)


def import_file(
    db: Database,
    path: str | Path,
    list_name: str,
    encoding: str = "auto",
    has_header: bool | None = None,
    before_write: Callable[[], object] | None = None,
    columns: str | Sequence[str | None] | None = None,
    sheet: str | int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read ``path`` and import it (the CLI's ``import``); ``columns`` overrides the guessed mapping.

    ``before_write`` is called once the file is read and its columns are known, before anything is
    written (the CLI backs the database up there, so a file that cannot be read costs no backup).

    Raises:
        ImportFileError: the file cannot be read (EncodingUnclear when the encoding must be chosen).
        ValidationError: ``columns`` names an unknown field, or no column holds the company name.
        ImportCancelled: ``progress`` returned False.
    """
    with _without_cycle_collection():  # reading makes 100,000s of row lists too
        table = read_table(path, encoding=encoding, has_header=has_header, sheet=sheet)
    mapping = parse_columns(columns, table.width) if columns else guess_mapping(table)
    if "name" not in mapping:
        raise ValidationError(
            f"「{Path(path).name}」のどの列が会社名か判別できませんでした。"
            "列の割り当て（CLI では --columns）で会社名の列を指定してください。"
        )
    if before_write is not None:
        before_write()
    return import_table(db, table, mapping, list_name, progress=progress, file_name=Path(path).name)


def write_rejects_csv(
    result_or_rejects: ImportResult | Iterable[Reject],
    path: str | Path,
    encoding: str = "utf-8-sig",
    header: Sequence[str] | None = None,
) -> Path:
    """Save rejected rows as CSV: 行番号, 理由, then the row's cells (opens in Excel as is).

    Written as an export is (``export.safe_csv``): whole or not at all, and every cell, the header's
    too, kept from running as a formula by the same rule (a plain number such as -1 stays a number).

    Raises:
        DiskFull, ExportError: the file could not be written; nothing at ``path`` changed.
    """
    if isinstance(result_or_rejects, ImportResult):
        rejects = list(result_or_rejects.rejects)
        header = header or result_or_rejects.header
    else:
        rejects = list(result_or_rejects)
    width = max([len(header or ())] + [len(r.values) for r in rejects])
    names = list(header or ())[:width]
    names += [f"列{n}" for n in range(len(names) + 1, width + 1)]
    path = Path(path)
    with safe_csv(path, encoding) as out:
        out.row(["行番号", "理由", *names])
        for reject in rejects:
            out.row([str(reject.line), reject.reason, *reject.values])
    return path
