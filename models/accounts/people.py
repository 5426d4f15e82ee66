"""The people of an account as its map sees them: job changes, map positions, when we last spoke.

Deleting a person returns a ``ContactSnapshot`` that ``restore_contact`` puts back exactly (same uid,
same id when still free), with the links and meeting attendance the deletion took along. Links between
people are ``models.accounts.relations``, which exports these names too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from models.accounts.companies import get_contact
from models.accounts.entities import Contact, Relationship, from_row
from models.accounts.vocab import EMPLOYMENT, connect_sql
from models.store.changes import CONTACTS, Changes
from models.store.db import inserted_id, now_iso, writing
from models.store.errors import NotFound, ValidationError

# Touches without an outcome that still mean we met the person.
_MET_KINDS = ("meeting", "visit")


@dataclass(frozen=True)
class ContactSnapshot:
    """A deleted contact and everything its deletion removed or cleared.

    Attributes:
        contact: the contact row.
        cascaded: (table, rows) deleted with the contact (relationships, meeting attendees, …).
        cleared: (table, column, row ids) whose reference to the contact was set to NULL
            (touches, plans, other contacts' successor link, …).
    """

    contact: dict[str, Any]
    cascaded: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    cleared: tuple[tuple[str, str, tuple[int, ...]], ...]

    @property
    def changes(self) -> Changes:
        """The tables the deletion changed, and its restore changes back."""
        return Changes.of(CONTACTS, *(table for table, _rows in self.cascaded),
                          *(table for table, _column, _ids in self.cleared))

    @property
    def relationships(self) -> tuple[Relationship, ...]:
        rows = dict(self.cascaded).get("relationships", ())
        return tuple(from_row(Relationship, row) for row in rows)


def date_text(value: date | str | None, what: str) -> str | None:
    """A date, or typed text that starts with one, as ``YYYY-MM-DD``; None when empty.

    Raises:
        ValidationError: the text is not a date; ``what`` names the field in the message.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError as error:
        raise ValidationError(f"{what}「{value}」が日付として読めません（例: 2025-04-01）。") from error


def _references_to_contacts(db: Database) -> list[tuple[str, str, str]]:
    """(table, column, on_delete) for every foreign key pointing at contacts(id), in a stable order."""
    found = []
    for (table,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall():
        for key in db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
            # (id, seq, table, from, to, on_update, on_delete, match)
            if key[2] == "contacts" and (key[4] in (None, "id")):
                found.append((table, key[3], key[6].upper()))
    return found


def delete_contact_with_undo(db: Database, contact_id: int) -> ContactSnapshot:
    """Delete a contact, remembering what the deletion takes with it so it can be restored.

    Links and meeting attendance are deleted with the person; touches, plans and other people's
    successor link keep their rows and lose the reference. The snapshot holds both.
    """
    with writing(db):
        rows = list(db.query("SELECT * FROM contacts WHERE id = ?", [contact_id]))
        if not rows:
            raise NotFound(f"担当者（ID {contact_id}）が見つかりません。")
        cascaded: list[tuple[str, tuple[dict[str, Any], ...]]] = []
        cleared: list[tuple[str, str, tuple[int, ...]]] = []
        for table, column, on_delete in _references_to_contacts(db):
            if on_delete == "CASCADE":
                found = tuple(db.query(
                    f"SELECT * FROM [{table}] WHERE [{column}] = ? ORDER BY rowid", [contact_id]
                ))
                if found:
                    previous = dict(cascaded).get(table, ())
                    seen = {r.get("id") for r in previous}
                    merged = previous + tuple(r for r in found if r.get("id") not in seen)
                    cascaded = [(t, r) for t, r in cascaded if t != table] + [(table, merged)]
            elif on_delete == "SET NULL":
                ids = tuple(r[0] for r in db.execute(
                    f"SELECT rowid FROM [{table}] WHERE [{column}] = ? ORDER BY rowid", [contact_id]
                ).fetchall() if not (table == "contacts" and r[0] == contact_id))
                if ids:
                    cleared.append((table, column, ids))
        db.execute("DELETE FROM contacts WHERE id = ?", [contact_id])
    return ContactSnapshot(rows[0], tuple(cascaded), tuple(cleared))


def restore_contact(db: Database, snapshot: ContactSnapshot) -> Contact:
    """Undo ``delete_contact_with_undo``: the contact (same uid, same id when still free), its links,
    meeting attendance, and the references that were cleared (only where still empty).

    Raises:
        NotFound: the company was deleted in the meantime.
    """
    row = dict(snapshot.contact)
    with writing(db):
        if not db.execute("SELECT 1 FROM companies WHERE id = ?", [row["company_id"]]).fetchone():
            raise NotFound("この担当者の会社が削除されているため、元に戻せません。")
        old_id = row["id"]
        if db.execute("SELECT 1 FROM contacts WHERE id = ?", [old_id]).fetchone():
            row.pop("id")  # the id was taken by someone added since; keep the uid, take a new id
        _drop_missing_references(db, "contacts", row, keep=("company_id",))
        new_id = inserted_id(db.table("contacts").insert(row))
        references = _references_to_contacts(db)
        for table, rows in snapshot.cascaded:
            columns = {column for t, column, _ in references if t == table}
            for cascaded_row in rows:
                values = {k: (new_id if k in columns and v == old_id else v) for k, v in cascaded_row.items()}
                if not _drop_missing_references(db, table, values, keep=tuple(values)):
                    continue  # it linked to someone deleted since; that link cannot come back
                if "id" in values and db.execute(
                    f"SELECT 1 FROM [{table}] WHERE id = ?", [values["id"]]
                ).fetchone():
                    values.pop("id")
                db.table(table).insert(values)
        for table, column, ids in snapshot.cleared:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                db.execute(
                    f"UPDATE [{table}] SET [{column}] = ? WHERE [{column}] IS NULL "
                    f"AND rowid IN ({','.join('?' * len(chunk))})",
                    [new_id, *chunk],
                )
    return get_contact(db, new_id)


def _drop_missing_references(db: Database, table: str, values: dict[str, Any], keep: tuple[str, ...]) -> bool:
    """Clear references in ``values`` to rows that no longer exist; False if one in ``keep`` is missing."""
    for key in db.execute(f"PRAGMA foreign_key_list([{table}])").fetchall():
        target, column, target_column = key[2], key[3], key[4] or "id"
        value = values.get(column)
        if value is None or db.execute(
            f"SELECT 1 FROM [{target}] WHERE [{target_column}] = ?", [value]
        ).fetchone():
            continue
        if column in keep:
            return False
        values[column] = None
    return True


def mark_moved(
    db: Database, contact_id: int, kind: str, on_date: date | str, successor_id: int | None = None
) -> Contact:
    """Mark a contact as moved (異動) or left (退職) on a date, optionally naming the successor.

    The person stays on the map, greyed, linked to the successor; nothing is deleted.
    """
    if kind not in ("moved", "left"):
        raise ValidationError(f"異動・退職の種類が正しくありません（{kind}）。")
    changed_on = date_text(on_date, f"{EMPLOYMENT[kind][0]}日")
    if changed_on is None:
        raise ValidationError(f"{EMPLOYMENT[kind][0]}日を入力してください。")
    with writing(db):
        contact = get_contact(db, contact_id)
        if successor_id is not None:
            if successor_id == contact_id:
                raise ValidationError("ご本人を後任に指定することはできません。別の方を選んでください。")
            successor = get_contact(db, successor_id)
            if successor.company_id != contact.company_id:
                raise ValidationError(f"「{successor.name}」はこの会社の方ではないため、後任にできません。")
        db.table("contacts").update(contact_id, {
            "employment": kind, "employment_changed_on": changed_on, "successor_id": successor_id,
            "updated_at": now_iso(),
        })
    return get_contact(db, contact_id)


def mark_active(db: Database, contact_id: int) -> Contact:
    """Undo a 異動/退職 mark: the contact is active again, without date or successor."""
    with writing(db):
        get_contact(db, contact_id)
        db.table("contacts").update(contact_id, {
            "employment": "active", "employment_changed_on": None, "successor_id": None,
            "updated_at": now_iso(),
        })
    return get_contact(db, contact_id)


Position = tuple[float, float] | None


@dataclass(frozen=True)
class MovedCards:
    """Where the cards were before a move (pass ``previous`` back to undo it), with what it changed."""

    previous: dict[int, Position]
    changes: Changes


def save_positions(db: Database, positions: dict[int, Position]) -> MovedCards:
    """Store map positions (card centres) in one transaction; ``None`` clears a position.

    Returns the positions as they were before (``previous``), so that passing them back undoes the change
    (e.g. after "tidy up").
    """
    clean: dict[int, Position] = {}
    for contact_id, position in sorted(positions.items()):
        if position is not None:
            x, y = (float(position[0]), float(position[1]))
            if not (math.isfinite(x) and math.isfinite(y)):
                raise ValidationError("配置の座標が正しくありません。")
            position = (x, y)
        clean[int(contact_id)] = position
    previous: dict[int, Position] = {}
    with writing(db):
        now = now_iso()
        for contact_id, position in clean.items():
            row = db.execute("SELECT map_x, map_y FROM contacts WHERE id = ?", [contact_id]).fetchone()
            if row is None:
                raise NotFound(f"担当者（ID {contact_id}）が見つかりません。")
            previous[contact_id] = None if row[0] is None or row[1] is None else (row[0], row[1])
            map_x, map_y = position if position is not None else (None, None)
            db.execute(
                "UPDATE contacts SET map_x = ?, map_y = ?, updated_at = ? WHERE id = ?",
                [map_x, map_y, now, contact_id],
            )
    return MovedCards(previous, Changes.of(CONTACTS))


def last_spoken(db: Database, company_id: int) -> dict[int, date | None]:
    """The day we last spoke with each of the company's contacts (``None``: never).

    Speaking means a touch naming the person that is a connect (接続, as the KPIs count it; a
    decision-maker mark alone is not one), a meeting or visit logged without an outcome, or a held
    meeting the person attended.
    """
    result: dict[int, date | None] = {
        row[0]: None for row in db.execute("SELECT id FROM contacts WHERE company_id = ?", [company_id])
    }
    rows = db.execute(
        f"""SELECT contact_id, max(substr(at, 1, 10)) FROM touches
        WHERE company_id = ? AND contact_id IS NOT NULL AND ({connect_sql()}
            OR (outcome IS NULL AND kind IN (?, ?)))
        GROUP BY contact_id
        UNION ALL
        SELECT a.contact_id, max(substr(m.starts_at, 1, 10)) FROM meetings AS m
        JOIN meeting_attendees AS a ON a.meeting_id = m.id
        WHERE m.company_id = ? AND m.status = 'held' GROUP BY a.contact_id""",
        [company_id, *_MET_KINDS, company_id],
    ).fetchall()
    for contact_id, day in rows:
        if contact_id not in result or not day:
            continue
        try:
            spoken = date.fromisoformat(day)
        except ValueError:
            continue  # an unreadable date is reported by models/store/check.py, not guessed at here
        latest = result[contact_id]
        if latest is None or spoken > latest:
            result[contact_id] = spoken
    return result
