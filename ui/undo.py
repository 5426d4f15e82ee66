"""Undoable edits (Ctrl+Z): bulk rank/status changes and company edits, each a write through models/.

A command is pushed *after* its first write succeeded, so a refused write (a KakeruError) never
leaves a command on the stack; ``redo`` on push is then skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlite_utils import Database

from models.accounts import companies, lists
from ui.signals import DataBus


class _WriteCommand(QUndoCommand):
    def __init__(self, text: str, db: Database, bus: DataBus):
        super().__init__(text)
        self.db = db
        self.bus = bus
        self._applied = True  # the first redo (on push) has already happened

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.apply()
        self.bus.notify("companies")

    def undo(self) -> None:
        self.revert()
        self.bus.notify("companies")

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class BulkFieldCommand(_WriteCommand):
    """Set ``field`` (rank or status) on many companies; undo puts each one's old value back."""

    def __init__(self, text: str, db: Database, bus: DataBus, field: str, value: Any,
                 old_values: Mapping[int, Any]):
        super().__init__(text, db, bus)
        self.field = field
        self.value = value
        self.old_values = dict(old_values)

    def apply(self) -> None:
        companies.set_field_bulk(self.db, list(self.old_values), self.field, self.value)

    def revert(self) -> None:
        by_value: dict[Any, list[int]] = defaultdict(list)
        for company_id, old in self.old_values.items():
            by_value[old].append(company_id)
        for old, ids in by_value.items():
            companies.set_field_bulk(self.db, ids, self.field, old)


def bulk_set_field(db: Database, bus: DataBus, text: str, field: str, value: Any,
                   old_values: Mapping[int, Any]) -> BulkFieldCommand:
    """Write the change now and return the command to push on the undo stack."""
    companies.set_field_bulk(db, list(old_values), field, value)
    bus.notify("companies")
    return BulkFieldCommand(text, db, bus, field, value, old_values)


class EditCompanyCommand(_WriteCommand):
    """Change some fields of one company; undo writes the previous values back."""

    def __init__(self, text: str, db: Database, bus: DataBus, company_id: int,
                 before: Mapping[str, Any], after: Mapping[str, Any]):
        super().__init__(text, db, bus)
        self.company_id = company_id
        self.before = dict(before)
        self.after = dict(after)

    def apply(self) -> None:
        companies.update_company(self.db, self.company_id, self.after)

    def revert(self) -> None:
        companies.update_company(self.db, self.company_id, self.before)


def edit_company(db: Database, bus: DataBus, text: str, company_id: int,
                 changes: Mapping[str, Any]) -> EditCompanyCommand:
    """Save ``changes`` now (raising ValidationError when refused) and return the undo command."""
    current = companies.get_company(db, company_id)
    before = {field: getattr(current, field) for field in changes}
    updated = companies.update_company(db, company_id, dict(changes))
    after = {field: getattr(updated, field) for field in changes}
    bus.notify("companies")
    return EditCompanyCommand(text, db, bus, company_id, before, after)


class ListMembershipCommand(_WriteCommand):
    """Add companies to a list (or remove them); undo does the opposite for exactly those companies."""

    def __init__(self, text: str, db: Database, bus: DataBus, list_id: int, company_ids: list[int],
                 add: bool):
        super().__init__(text, db, bus)
        self.list_id = list_id
        self.company_ids = list(company_ids)
        self.add = add

    def _write(self, add: bool) -> None:
        if add:
            lists.add_to_list(self.db, self.list_id, self.company_ids)
        else:
            lists.remove_from_list(self.db, self.list_id, self.company_ids)

    def apply(self) -> None:
        self._write(self.add)

    def revert(self) -> None:
        self._write(not self.add)

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.apply()
        self.bus.notify("list_members")

    def undo(self) -> None:
        self.revert()
        self.bus.notify("list_members")
