"""Undoable map edits: each writes through models/ (accounts: relations, companies) and says so on the bus.

As in ``ui/undo.py``, a command is pushed after its first write succeeded, so the first ``redo`` is
skipped. Deleted rows come back from their snapshots with their ids and uids; when a restore has to
take a new id, the command remembers it so a later redo deletes the right row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlite_utils import Database

from models.accounts import companies, relations
from ui.signals import DataBus

TABLES = ("contacts", "relationships")


class _MapCommand(QUndoCommand):
    def __init__(self, text: str, db: Database, bus: DataBus):
        super().__init__(text)
        self.db = db
        self.bus = bus
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.apply()
        self.bus.notify(*TABLES)

    def undo(self) -> None:
        self.revert()
        self.bus.notify(*TABLES)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddContactCommand(_MapCommand):
    """A person added on the map; undo deletes them (with whatever was linked since)."""

    def __init__(self, text: str, db: Database, bus: DataBus, contact_id: int):
        super().__init__(text, db, bus)
        self.contact_id = contact_id
        self.snapshot: relations.ContactSnapshot | None = None

    def apply(self) -> None:
        assert self.snapshot is not None
        self.contact_id = relations.restore_contact(self.db, self.snapshot).id

    def revert(self) -> None:
        self.snapshot = relations.delete_contact_with_undo(self.db, self.contact_id)


class DeleteContactCommand(AddContactCommand):
    """A person deleted from the map; undo restores them, their links and everything cleared."""

    def __init__(self, text: str, db: Database, bus: DataBus, snapshot: relations.ContactSnapshot):
        super().__init__(text, db, bus, snapshot.contact["id"])
        self.snapshot = snapshot

    def apply(self) -> None:
        AddContactCommand.revert(self)

    def revert(self) -> None:
        AddContactCommand.apply(self)


class AddLinkCommand(_MapCommand):
    def __init__(self, text: str, db: Database, bus: DataBus, relationship_id: int):
        super().__init__(text, db, bus)
        self.relationship_id = relationship_id
        self.snapshot: relations.RelationshipSnapshot | None = None

    def apply(self) -> None:
        assert self.snapshot is not None
        self.relationship_id = relations.restore_relationship(self.db, self.snapshot).id

    def revert(self) -> None:
        self.snapshot = relations.delete_relationship(self.db, self.relationship_id)


class DeleteLinkCommand(AddLinkCommand):
    def __init__(self, text: str, db: Database, bus: DataBus, snapshot: relations.RelationshipSnapshot):
        super().__init__(text, db, bus, snapshot.row["id"])
        self.snapshot = snapshot

    def apply(self) -> None:
        AddLinkCommand.revert(self)

    def revert(self) -> None:
        AddLinkCommand.apply(self)


class EditLinkCommand(_MapCommand):
    """Changed fields of one link (kind, note, as-of, source); undo writes the old values back."""

    def __init__(self, text: str, db: Database, bus: DataBus, relationship_id: int,
                 before: dict[str, Any], after: dict[str, Any]):
        super().__init__(text, db, bus)
        self.relationship_id = relationship_id
        self.before, self.after = before, after

    def apply(self) -> None:
        relations.update_relationship(self.db, self.relationship_id, self.after)

    def revert(self) -> None:
        relations.update_relationship(self.db, self.relationship_id, self.before)


class EditContactCommand(_MapCommand):
    def __init__(self, text: str, db: Database, bus: DataBus, contact_id: int,
                 before: dict[str, Any], after: dict[str, Any]):
        super().__init__(text, db, bus)
        self.contact_id = contact_id
        self.before, self.after = before, after

    def apply(self) -> None:
        companies.update_contact(self.db, self.contact_id, self.after)

    def revert(self) -> None:
        companies.update_contact(self.db, self.contact_id, self.before)


class PositionsCommand(_MapCommand):
    """Cards moved (dragged, or all of them by "tidy up"); undo puts back the previous positions."""

    def __init__(self, text: str, db: Database, bus: DataBus, before: dict, after: dict):
        super().__init__(text, db, bus)
        self.before, self.after = before, after

    def apply(self) -> None:
        relations.save_positions(self.db, self.after)

    def revert(self) -> None:
        relations.save_positions(self.db, self.before)


class EmploymentCommand(_MapCommand):
    """異動/退職 marked (or cleared); ``before``/``after`` are (employment, date, successor id)."""

    def __init__(self, text: str, db: Database, bus: DataBus, contact_id: int,
                 before: tuple[str, str | None, int | None], after: tuple[str, str | None, int | None]):
        super().__init__(text, db, bus)
        self.contact_id = contact_id
        self.before, self.after = before, after

    def _set(self, state: tuple[str, str | None, int | None]) -> None:
        kind, on, successor = state
        if kind == "active":
            relations.mark_active(self.db, self.contact_id)
        else:
            relations.mark_moved(self.db, self.contact_id, kind, on or "", successor)

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)
