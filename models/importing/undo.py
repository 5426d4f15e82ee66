"""Undoing an import as a whole, from what ``imports`` and ``import_changes`` recorded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

from sqlite_utils import Database

from models.accounts.companies import derived_keys
from models.accounts.scoring import SCORED_FIELDS, Scorer
from models.importing.plan import COMPANY_COLUMNS
from models.store.changes import COMPANIES, CONTACTS, IMPORTS, LIST_MEMBERS, TARGET_LISTS, Changes
from models.store.db import now_iso, writing
from models.store.errors import NotFound, ValidationError

# What an import, and the undo of one, writes.
IMPORT_CHANGES = Changes.of(COMPANIES, CONTACTS, TARGET_LISTS, LIST_MEMBERS, IMPORTS)


@dataclass(frozen=True)
class UndoResult:
    changes: ClassVar[Changes] = IMPORT_CHANGES

    import_id: int
    companies_deleted: int
    companies_restored: int
    fields_kept: int  # filled by the import but edited since, so left as the caller has them
    contacts_deleted: int
    memberships_removed: int


def undo_import(db: Database, import_id: int) -> UndoResult:
    """Revert a whole import: delete the companies and contacts it created, clear the blanks it filled,
    take its companies off the list, and mark it undone.

    A field the import filled and the caller has changed since keeps the caller's value.

    Raises:
        NotFound: no such import.
        ValidationError: already undone, or calls, plans or meetings have been recorded since on what the
            import created (undoing would lose them; nothing is changed).
    """
    with writing(db):
        query = "SELECT created_at, undone_at, list_id FROM imports WHERE id = ?"
        row = db.execute(query, [import_id]).fetchone()
        if row is None:
            raise NotFound(f"取り込み（ID {import_id}）の記録が見つかりません。")
        imported_at, undone_at, list_id = row
        if undone_at:
            when = undone_at[:16].replace("T", " ")
            raise ValidationError(f"この取り込みは {when} にすでに取り消されています。")
        _refuse_if_used(db, import_id)
        removed = db.execute("DELETE FROM list_members WHERE import_id = ?", [import_id]).rowcount
        contacts = db.execute(
            "DELETE FROM contacts WHERE import_id = ? AND company_id NOT IN"
            " (SELECT company_id FROM import_changes WHERE import_id = ? AND action = 'created')",
            [import_id, import_id],
        ).rowcount
        contacts += db.execute(
            "SELECT count(*) FROM contacts WHERE import_id = ?", [import_id]
        ).fetchone()[0]
        deleted = db.execute(
            "DELETE FROM companies WHERE id IN"
            " (SELECT company_id FROM import_changes WHERE import_id = ? AND action = 'created')",
            [import_id],
        ).rowcount
        restored, kept = _restore_updated(db, import_id)
        if list_id is not None:  # a list this import created and that is empty again goes too
            db.execute(
                "DELETE FROM target_lists WHERE id = ? AND created_at = ?"
                " AND NOT EXISTS (SELECT 1 FROM list_members WHERE list_id = ?)",
                [list_id, imported_at, list_id],
            )
        now = now_iso()
        db.execute("UPDATE imports SET undone_at = ?, updated_at = ? WHERE id = ?", [now, now, import_id])
    return UndoResult(import_id, deleted, restored, kept, contacts, removed)


def _refuse_if_used(db: Database, import_id: int) -> None:
    created = "SELECT company_id FROM import_changes WHERE import_id = ? AND action = 'created'"
    contacts = "SELECT id FROM contacts WHERE import_id = ?"
    used = db.execute(
        f"""SELECT count(*) FROM (
            SELECT company_id FROM touches WHERE company_id IN ({created}) OR contact_id IN ({contacts})
            UNION SELECT company_id FROM plans WHERE company_id IN ({created}) OR contact_id IN ({contacts})
            UNION SELECT company_id FROM meetings WHERE company_id IN ({created})
            UNION SELECT m.company_id FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id
                WHERE a.contact_id IN ({contacts})
            UNION SELECT company_id FROM relationships
                WHERE from_contact_id IN ({contacts}) OR to_contact_id IN ({contacts}))""",
        [import_id] * 8,
    ).fetchone()[0]
    if used:
        raise ValidationError(
            f"この取り込みで追加した会社・担当者のうち {used} 社に、取り込みの後で架電記録・予定・商談などが"
            "登録されているため、取り込みを取り消せません。不要な会社は個別に削除してください。"
        )


def _restore_updated(db: Database, import_id: int) -> tuple[int, int]:
    restored = kept = 0
    changes = db.execute(
        "SELECT company_id, before_json FROM import_changes WHERE import_id = ? AND action = 'updated'",
        [import_id],
    ).fetchall()
    columns = ", ".join(COMPANY_COLUMNS)
    scorer = Scorer.of(db)
    for company_id, before_json in changes:
        row = db.execute(f"SELECT {columns} FROM companies WHERE id = ?", [company_id]).fetchone()
        if row is None:  # deleted since: nothing to restore
            continue
        current = dict(zip(COMPANY_COLUMNS, row, strict=True))
        change = json.loads(before_json)
        back = {
            name: value for name, value in change["before"].items()
            if current.get(name) == change["after"].get(name)
        }
        kept += len(change["before"]) - len(back)
        if back:
            merged = current | back
            values = back | derived_keys(merged) | {"updated_at": now_iso()}
            if back.keys() & set(SCORED_FIELDS):
                values["score"] = scorer(merged)
            db.execute(
                f"UPDATE companies SET {', '.join(f'{name} = ?' for name in values)} WHERE id = ?",
                [*values.values(), company_id],
            )
            restored += 1
    return restored, kept
