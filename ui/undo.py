"""Undoable company edits (Ctrl+Z): bulk rank/status changes, one company's fields, list membership.

Each is one ``run_write`` (ui/operations.py): a refused write shows its sentence (or goes to
``on_error``) and pushes nothing; a write that went through is pushed and the views are told.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from models.accounts import companies, lists
from models.accounts.entities import Company
from models.store.changes import NOTHING, Changes, Counted
from models.store.errors import KakeruError
from ui.operations import run_write
from ui.signals import DataBus

if TYPE_CHECKING:
    from sqlite_utils import Database


def bulk_set_field(db: Database, bus: DataBus, undo_stack: QUndoStack, text: str, field: str, value: Any,
                   old_values: Mapping[int, Any], parent: QWidget | None = None) -> Counted | None:
    """Set ``field`` (rank or status) on the companies of ``old_values``; undo puts each old value back."""
    previous = dict(old_values)

    def put_back(_done: Counted) -> Changes:
        by_value: dict[Any, list[int]] = defaultdict(list)
        for company_id, old in previous.items():
            by_value[old].append(company_id)
        changes = NOTHING
        for old, ids in by_value.items():
            changes |= companies.set_field_bulk(db, ids, field, old).changes
        return changes

    def set_all() -> Counted:
        return companies.set_field_bulk(db, list(previous), field, value)

    return run_write(bus, undo_stack, text, set_all, put_back, parent=parent)


def edit_company(db: Database, bus: DataBus, undo_stack: QUndoStack, text: str, company_id: int,
                 changes: Mapping[str, Any], *, parent: QWidget | None = None, title: str | None = None,
                 on_error: Callable[[KakeruError], None] | None = None) -> Company | None:
    """Save ``changes`` to one company; undo writes the previous values back. None when refused."""
    before: dict[str, Any] = {}

    def save() -> Company:
        if not before:  # the first time: remember what undo puts back
            current = companies.get_company(db, company_id)
            before.update({field: getattr(current, field) for field in changes})
        return companies.update_company(db, company_id, dict(changes))

    def put_back(_saved: Company) -> Company:
        return companies.update_company(db, company_id, before)

    return run_write(bus, undo_stack, text, save, put_back, parent=parent, title=title, on_error=on_error)


def change_membership(db: Database, bus: DataBus, undo_stack: QUndoStack, text: str, list_id: int,
                      company_ids: list[int], *, add: bool, parent: QWidget | None = None
                      ) -> Counted | None:
    """Add companies to a list (or remove them); undo does the opposite for exactly those companies."""
    ids = list(company_ids)

    def write(adding: bool) -> Counted:
        if adding:
            return lists.add_to_list(db, list_id, ids)
        return lists.remove_from_list(db, list_id, ids)

    return run_write(bus, undo_stack, text, lambda: write(add), lambda _done: write(not add), parent=parent)
