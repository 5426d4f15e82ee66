"""Named target lists (ターゲットリスト): a company can be on many, each list keeps its own order.

A member's ``priority`` is its place in the list: smaller comes first. Members with the same priority
(an import that gave none) follow the company's own priority, as the Targets table shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from models.accounts import normalize
from models.accounts.entities import TargetList, from_row
from models.accounts.targets import order_by
from models.accounts.text_fields import clean_text
from models.store.changes import LIST_MEMBERS, TARGET_LISTS, Changes, Counted
from models.store.db import inserted_id, now_iso, stamp, writing
from models.store.errors import NotFound, ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

_CHUNK = 500
_SELECT_LIST = """SELECT l.*, (SELECT count(*) FROM list_members m WHERE m.list_id = l.id) AS member_count
FROM target_lists l"""


def _clean_name(name: str | None) -> str:
    clean = " ".join(clean_text(name or "").split())
    if not clean:
        raise ValidationError("リスト名を入力してください。")
    return clean


def _name_key(name: str) -> str:
    # 「Ａ社リスト」 and 「A社リスト」 are the same name to a person reading them.
    return normalize.nfkc(name).casefold()


def _check_name_free(db: Database, name: str, except_id: int | None = None) -> None:
    key = _name_key(name)
    for list_id, other in db.execute("SELECT id, name FROM target_lists"):
        if list_id != except_id and _name_key(other) == key:
            raise ValidationError(f"「{name}」という名前のリストはすでにあります。別の名前を付けてください。")


def get_list(db: Database, list_id: int) -> TargetList:
    rows = list(db.query(f"{_SELECT_LIST} WHERE l.id = ?", [list_id]))
    if not rows:
        raise NotFound(f"リスト（ID {list_id}）が見つかりません。削除された可能性があります。")
    return from_row(TargetList, rows[0])


def get_lists(db: Database) -> list[TargetList]:
    """Every list by name, with how many companies are on it."""
    return [from_row(TargetList, row) for row in db.query(f"{_SELECT_LIST} ORDER BY l.name, l.id")]


def count_lists(db: Database) -> int:
    """How many lists there are (as many as ``get_lists`` returns), without counting their members."""
    return db.execute("SELECT count(*) FROM target_lists").fetchone()[0]


def find_list(db: Database, name: str) -> TargetList | None:
    """The list called ``name`` (compared as a person would: full- and half-width alike), or None."""
    key = _name_key(" ".join((name or "").split()))
    for list_id, other in db.execute("SELECT id, name FROM target_lists"):
        if _name_key(other) == key:
            return get_list(db, list_id)
    return None


def create_list(db: Database, name: str, description: str | None = None) -> TargetList:
    name = _clean_name(name)
    with writing(db):
        _check_name_free(db, name)
        list_id = inserted_id(db.table("target_lists").insert(
            stamp({"name": name, "description": (description or "").strip() or None})))
    return get_list(db, list_id)


def rename_list(db: Database, list_id: int, name: str) -> TargetList:
    name = _clean_name(name)
    with writing(db):
        get_list(db, list_id)
        _check_name_free(db, name, except_id=list_id)
        db.execute("UPDATE target_lists SET name = ?, updated_at = ? WHERE id = ?",
                   [name, now_iso(), list_id])
    return get_list(db, list_id)


def set_list_description(db: Database, list_id: int, description: str | None) -> TargetList:
    with writing(db):
        get_list(db, list_id)
        db.execute("UPDATE target_lists SET description = ?, updated_at = ? WHERE id = ?",
                   [(description or "").strip() or None, now_iso(), list_id])
    return get_list(db, list_id)


def set_list_script(db: Database, list_id: int, script: str | None) -> TargetList:
    """Keep the talk script (トークスクリプト) callers read while working this list."""
    with writing(db):
        get_list(db, list_id)
        db.execute("UPDATE target_lists SET script = ?, updated_at = ? WHERE id = ?",
                   [script if script and script.strip() else None, now_iso(), list_id])
    return get_list(db, list_id)


def delete_list(db: Database, list_id: int) -> Changes:
    """Delete a list and its memberships; the companies stay. A list already gone is no error."""
    with writing(db):
        db.execute("DELETE FROM target_lists WHERE id = ?", [list_id])  # members go by ON DELETE CASCADE
    return Changes.of(TARGET_LISTS, LIST_MEMBERS)


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(int(i) for i in ids))


def _existing(db: Database, sql: str, ids: list[int], *params: object) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update(row[0] for row in db.execute(sql.format(marks=",".join("?" * len(chunk))),
                                                  [*params, *chunk]))
    return found


def add_to_list(db: Database, list_id: int, company_ids: Iterable[int], *,
                import_id: int | None = None) -> Counted:
    """Append companies to the end of a list, in the order given; returns how many were added.

    Companies already on the list keep their place; ids of companies that no longer exist are skipped.
    """
    ids = _unique(company_ids)
    with writing(db):
        get_list(db, list_id)
        members = _existing(db, "SELECT company_id FROM list_members WHERE list_id = ? "
                                "AND company_id IN ({marks})", ids, list_id)
        companies = _existing(db, "SELECT id FROM companies WHERE id IN ({marks})", ids)
        new = [i for i in ids if i in companies and i not in members]
        last = db.execute("SELECT coalesce(max(priority), 0) FROM list_members WHERE list_id = ?",
                          [list_id]).fetchone()[0]
        now = now_iso()
        db.table("list_members").insert_all(
            (stamp({"list_id": list_id, "company_id": company_id, "priority": last + position,
                    "import_id": import_id}, now=now)
             for position, company_id in enumerate(new, start=1)),
            batch_size=_CHUNK,
        )
    return Counted(len(new), Changes.of(LIST_MEMBERS))


def remove_from_list(db: Database, list_id: int, company_ids: Iterable[int]) -> Counted:
    """Take companies off a list (the companies stay); returns how many were on it."""
    ids = _unique(company_ids)
    removed = 0
    now = now_iso()
    with writing(db):
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            # When they left: a past period's figures count the members of its last day (migration 10).
            db.execute(f"UPDATE list_member_history SET removed_at = ?, updated_at = ? WHERE list_id = ? "
                       f"AND removed_at IS NULL AND company_id IN ({marks})", [now, now, list_id, *chunk])
            removed += db.execute(f"DELETE FROM list_members WHERE list_id = ? AND company_id IN ({marks})",
                                  [list_id, *chunk]).rowcount
    return Counted(removed, Changes.of(LIST_MEMBERS))


def member_ids(db: Database, list_id: int) -> list[int]:
    """The companies on a list in list order (as the Targets table shows the list)."""
    sql = (f"SELECT c.id FROM list_members m JOIN companies c ON c.id = m.company_id WHERE m.list_id = ? "
           f"ORDER BY {order_by('priority', in_list=True)}")
    return [row[0] for row in db.execute(sql, [list_id])]


def _require_member(db: Database, list_id: int, company_id: int) -> None:
    get_list(db, list_id)
    if db.execute("SELECT 1 FROM list_members WHERE list_id = ? AND company_id = ?",
                  [list_id, company_id]).fetchone() is None:
        raise NotFound("この会社はリストに含まれていません。リストを開き直してください。")


def set_priority(db: Database, list_id: int, company_id: int, priority: int) -> Changes:
    """Set a member's priority number directly (smaller comes first)."""
    with writing(db):
        _require_member(db, list_id, company_id)
        db.execute("UPDATE list_members SET priority = ?, updated_at = ? "
                   "WHERE list_id = ? AND company_id = ?", [int(priority), now_iso(), list_id, company_id])
    return Changes.of(LIST_MEMBERS)


def move_in_list(db: Database, list_id: int, company_id: int, new_position: int) -> Changes:
    """Move a member to ``new_position`` (0 = first; past the end = last) and renumber the list 1, 2, 3…

    Only members whose number changes are written.
    """
    with writing(db):
        _require_member(db, list_id, company_id)
        order = member_ids(db, list_id)
        order.remove(company_id)
        order.insert(max(0, min(int(new_position), len(order))), company_id)
        current = dict(db.execute("SELECT company_id, priority FROM list_members WHERE list_id = ?",
                                  [list_id]))
        now = now_iso()
        db.conn.executemany(
            "UPDATE list_members SET priority = ?, updated_at = ? WHERE list_id = ? AND company_id = ?",
            [(position, now, list_id, member)
             for position, member in enumerate(order, start=1) if current[member] != position],
        )
    return Changes.of(LIST_MEMBERS)


def lists_for_company(db: Database, company_id: int) -> list[TargetList]:
    """The lists a company is on, by name."""
    rows = db.query(f"{_SELECT_LIST} WHERE l.id IN (SELECT list_id FROM list_members WHERE company_id = ?) "
                    "ORDER BY l.name, l.id", [company_id])
    return [from_row(TargetList, row) for row in rows]
