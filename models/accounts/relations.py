"""Who is who inside an account: the links between its people (introduced, reports to, …) and their undo.

Every write is one transaction. Deletes return a snapshot that ``restore_*`` puts back exactly (same
id and uid), so the map's undo is a call, not a re-creation. The people themselves (job changes, map
positions, deleting one with undo, when we last spoke) are ``models.accounts.people``; its names are
importable from here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from sqlite_utils import Database

from models.accounts.companies import get_contact
from models.accounts.entities import Contact, Relationship, from_row
from models.accounts.people import ContactSnapshot as ContactSnapshot
from models.accounts.people import Position as Position
from models.accounts.people import date_text
from models.accounts.people import delete_contact_with_undo as delete_contact_with_undo
from models.accounts.people import last_spoken as last_spoken
from models.accounts.people import mark_active as mark_active
from models.accounts.people import mark_moved as mark_moved
from models.accounts.people import restore_contact as restore_contact
from models.accounts.people import save_positions as save_positions
from models.accounts.vocab import RELATIONSHIP_KIND
from models.store.changes import RELATIONSHIPS, Changes
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError

# Kinds whose direction means something (from → to); the others read the same both ways.
DIRECTED_KINDS = frozenset(("introduced", "reports_to", "influences"))
RELATIONSHIP_EDIT_FIELDS = ("from_contact_id", "to_contact_id", "kind", "note", "as_of", "source")


@dataclass(frozen=True)
class RelationshipSnapshot:
    """A deleted relationship row, as ``restore_relationship`` needs it."""

    changes: ClassVar[Changes] = Changes.of(RELATIONSHIPS)
    row: dict[str, Any]


def _blank(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _contact_in(db: Database, company_id: int, contact_id: int) -> Contact:
    contact = get_contact(db, contact_id)
    if contact.company_id != company_id:
        raise ValidationError(
            f"担当者「{contact.name}」はこの会社の方ではないため、関係を結べません。"
        )
    return contact


def get_relationship(db: Database, relationship_id: int) -> Relationship:
    rows = list(db.query("SELECT * FROM relationships WHERE id = ?", [relationship_id]))
    if not rows:
        raise NotFound(f"関係（ID {relationship_id}）が見つかりません。削除された可能性があります。")
    return from_row(Relationship, rows[0])


def relationships_for(db: Database, company_id: int) -> list[Relationship]:
    """All links between the company's contacts, oldest first."""
    rows = db.query("SELECT * FROM relationships WHERE company_id = ? ORDER BY id", [company_id])
    return [from_row(Relationship, row) for row in rows]


def _reaches(db: Database, company_id: int, start: int, goal: int, skip_id: int | None) -> bool:
    """Whether ``goal`` is ``start``'s boss, or boss's boss, … (reports_to, ignoring ``skip_id``)."""
    bosses: dict[int, list[int]] = {}
    for row in db.execute(
        "SELECT from_contact_id, to_contact_id FROM relationships "
        "WHERE company_id = ? AND kind = 'reports_to' AND id IS NOT ?",
        [company_id, skip_id],
    ):
        bosses.setdefault(row[0], []).append(row[1])
    seen, stack = {start}, [start]
    while stack:
        for boss in bosses.get(stack.pop(), ()):
            if boss == goal:
                return True
            if boss not in seen:
                seen.add(boss)
                stack.append(boss)
    return False


def _check_link(db: Database, company_id: int, values: dict[str, Any], skip_id: int | None = None) -> None:
    kind = values["kind"]
    if kind not in RELATIONSHIP_KIND:
        raise ValidationError(f"関係の種類が正しくありません（{kind}）。")
    from_id, to_id = values["from_contact_id"], values["to_contact_id"]
    if from_id == to_id:
        raise ValidationError("同じ方どうしを関係で結ぶことはできません。別の方を選んでください。")
    source = _contact_in(db, company_id, from_id)
    target = _contact_in(db, company_id, to_id)
    pairs = [(from_id, to_id)] if kind in DIRECTED_KINDS else [(from_id, to_id), (to_id, from_id)]
    for a, b in pairs:
        if db.execute(
            "SELECT 1 FROM relationships WHERE from_contact_id = ? AND to_contact_id = ? AND kind = ? "
            "AND id IS NOT ?",
            [a, b, kind, skip_id],
        ).fetchone():
            raise ValidationError(
                f"「{source.name}」と「{target.name}」の「{RELATIONSHIP_KIND[kind][0]}」の関係は"
                "すでに登録されています。"
            )
    if kind == "reports_to" and _reaches(db, company_id, to_id, from_id, skip_id):
        raise ValidationError(
            f"「{target.name}」は「{source.name}」の部下として登録されているため、上司にはできません。"
            "上下関係をご確認ください。"
        )


def add_relationship(
    db: Database,
    company_id: int,
    from_id: int,
    to_id: int,
    kind: str,
    note: str | None = None,
    as_of: date | str | None = None,
    source: str | None = None,
) -> Relationship:
    """Link two contacts of one company.

    ``kind`` reads from → to: A introduced B, A reports_to B (B is A's boss), A influences B.

    Raises:
        ValidationError: an unknown kind, a self-link, a contact of another company, the same link
            twice, or a reports_to loop.
        NotFound: a contact no longer exists.
    """
    values = {
        "company_id": company_id, "from_contact_id": from_id, "to_contact_id": to_id, "kind": kind,
        "note": _blank(note), "as_of": date_text(as_of, "時点"), "source": _blank(source),
    }
    with writing(db):
        _check_link(db, company_id, values)
        relationship_id = inserted_id(db.table("relationships").insert(stamp(values)))
    return get_relationship(db, relationship_id)


def update_relationship(db: Database, relationship_id: int, changes: dict[str, Any]) -> Relationship:
    """Change a link's ends, kind, note, as-of date or source; checked as ``add_relationship`` is."""
    unknown = set(changes) - set(RELATIONSHIP_EDIT_FIELDS)
    if unknown:
        raise ValidationError(f"関係の項目に不明な名前があります: {', '.join(sorted(unknown))}")
    clean = {key: _blank(value) for key, value in changes.items()}
    if "as_of" in clean:
        clean["as_of"] = date_text(clean["as_of"], "時点")
    with writing(db):
        current = get_relationship(db, relationship_id)
        merged = {
            "from_contact_id": current.from_contact_id, "to_contact_id": current.to_contact_id,
            "kind": current.kind,
        } | {key: clean[key] for key in ("from_contact_id", "to_contact_id", "kind") if key in clean}
        _check_link(db, current.company_id, merged, skip_id=relationship_id)
        db.table("relationships").update(relationship_id, clean | {"updated_at": now_iso()})
    return get_relationship(db, relationship_id)


def delete_relationship(db: Database, relationship_id: int) -> RelationshipSnapshot:
    """Delete one link; the snapshot returned undoes it with ``restore_relationship``."""
    with writing(db):
        rows = list(db.query("SELECT * FROM relationships WHERE id = ?", [relationship_id]))
        if not rows:
            raise NotFound(f"関係（ID {relationship_id}）が見つかりません。削除された可能性があります。")
        db.execute("DELETE FROM relationships WHERE id = ?", [relationship_id])
    return RelationshipSnapshot(rows[0])


def restore_relationship(db: Database, snapshot: RelationshipSnapshot) -> Relationship:
    """Put a deleted link back with its id and uid.

    Raises:
        NotFound: one of the two people has since been deleted.
    """
    row = snapshot.row
    with writing(db):
        for contact_id in (row["from_contact_id"], row["to_contact_id"]):
            get_contact(db, contact_id)
        db.table("relationships").insert(row, replace=True)
    return get_relationship(db, row["id"])
