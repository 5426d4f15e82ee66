"""Saved views of the Targets table: a named ``TargetFilter``, kept in the ``saved_views`` table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from models.accounts import normalize
from models.accounts.target_filter import TargetFilter
from models.store.changes import SAVED_VIEWS, Changes, Made
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class SavedView:
    """A filter of the Targets table kept under a name."""

    changes: ClassVar[Changes] = Changes.of(SAVED_VIEWS)  # what a write returning one changed

    id: int
    name: str
    filter: TargetFilter = field(default_factory=TargetFilter)
    created_at: str = ""
    updated_at: str = ""


def _view_name(name: str | None) -> str:
    clean = (name or "").strip()
    if not clean:
        raise ValidationError("ビューの名前を入力してください。")
    return clean


def _same_name_view(db: Database, name: str, except_id: int | None = None) -> int | None:
    key = normalize.nfkc(name).casefold()
    for view_id, other in db.execute("SELECT id, name FROM saved_views"):
        if view_id != except_id and normalize.nfkc(other).casefold() == key:
            return view_id
    return None


def save_view(db: Database, name: str, flt: TargetFilter, *, replace: bool = False) -> Made:
    """Save ``flt`` under ``name``; with ``replace`` an existing view of that name is overwritten.

    Returns the view's id, with what the save changed.
    """
    name = _view_name(name)
    with writing(db):
        existing = _same_name_view(db, name)
        if existing is not None and not replace:
            raise ValidationError(f"「{name}」という名前のビューはすでにあります。別の名前を付けてください。")
        if existing is not None:
            db.execute("UPDATE saved_views SET filters_json = ?, updated_at = ? WHERE id = ?",
                       [flt.to_json(), now_iso(), existing])
            return Made(existing, SavedView.changes)
        row = stamp({"name": name, "filters_json": flt.to_json()})
        view_id = inserted_id(db.table("saved_views").insert(row))
    return Made(view_id, SavedView.changes)


def _view(row: dict) -> SavedView:
    return SavedView(row["id"], row["name"], TargetFilter.from_json(row["filters_json"]),
                     row["created_at"], row["updated_at"])


def list_views(db: Database) -> list[SavedView]:
    return [_view(row) for row in db.query("SELECT * FROM saved_views ORDER BY name, id")]


def get_view(db: Database, view_id: int) -> SavedView:
    rows = list(db.query("SELECT * FROM saved_views WHERE id = ?", [view_id]))
    if not rows:
        raise NotFound("このビューは見つかりません。削除された可能性があります。")
    return _view(rows[0])


def rename_view(db: Database, view_id: int, name: str) -> SavedView:
    name = _view_name(name)
    with writing(db):
        get_view(db, view_id)
        if _same_name_view(db, name, except_id=view_id) is not None:
            raise ValidationError(f"「{name}」という名前のビューはすでにあります。別の名前を付けてください。")
        db.execute("UPDATE saved_views SET name = ?, updated_at = ? WHERE id = ?", [name, now_iso(), view_id])
    return get_view(db, view_id)


def delete_view(db: Database, view_id: int) -> Changes:
    """Delete a saved view; deleting one that is already gone is not an error."""
    with writing(db):
        db.execute("DELETE FROM saved_views WHERE id = ?", [view_id])
    return SavedView.changes
