"""Undoable map edits with state of their own: each writes through models/ (accounts: relations, companies).

They are ``WriteCommand``s (ui/operations.py): pushed after their first write succeeded, so the first
``redo`` is skipped, and the views hear what each write changed. Deleted rows come back from their
snapshots with their ids and uids; when a restore has to take a new id, the command remembers it so a
later redo deletes the right row.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from models.accounts import companies, relations
from models.store.changes import Changes
from ui.operations import WriteCommand, Written
from ui.signals import DataBus


class _MapCommand(WriteCommand):
    def __init__(self, text: str, db: Database, bus: DataBus):
        super().__init__(text, bus)
        self.db = db


class AddContactCommand(_MapCommand):
    """A person added on the map; undo deletes them (with whatever was linked since)."""

    def __init__(self, text: str, db: Database, bus: DataBus, contact_id: int):
        super().__init__(text, db, bus)
        self.contact_id = contact_id
        self.snapshot: relations.ContactSnapshot | None = None

    def apply(self) -> Changes:
        assert self.snapshot is not None
        self.contact_id = relations.restore_contact(self.db, self.snapshot).id
        return self.snapshot.changes  # the person and everything their deletion took

    def revert(self) -> Written:
        self.snapshot = relations.delete_contact_with_undo(self.db, self.contact_id)
        return self.snapshot


class DeleteContactCommand(AddContactCommand):
    """A person deleted from the map; undo restores them, their links and everything cleared."""

    def __init__(self, text: str, db: Database, bus: DataBus, snapshot: relations.ContactSnapshot):
        super().__init__(text, db, bus, snapshot.contact["id"])
        self.snapshot = snapshot

    def apply(self) -> Written:
        return AddContactCommand.revert(self)

    def revert(self) -> Changes:
        return AddContactCommand.apply(self)


class AddLinkCommand(_MapCommand):
    def __init__(self, text: str, db: Database, bus: DataBus, relationship_id: int):
        super().__init__(text, db, bus)
        self.relationship_id = relationship_id
        self.snapshot: relations.RelationshipSnapshot | None = None

    def apply(self) -> Written:
        assert self.snapshot is not None
        restored = relations.restore_relationship(self.db, self.snapshot)
        self.relationship_id = restored.id
        return restored

    def revert(self) -> Written:
        self.snapshot = relations.delete_relationship(self.db, self.relationship_id)
        return self.snapshot


class DeleteLinkCommand(AddLinkCommand):
    def __init__(self, text: str, db: Database, bus: DataBus, snapshot: relations.RelationshipSnapshot):
        super().__init__(text, db, bus, snapshot.row["id"])
        self.snapshot = snapshot

    def apply(self) -> Written:
        return AddLinkCommand.revert(self)

    def revert(self) -> Written:
        return AddLinkCommand.apply(self)


class EditLinkCommand(_MapCommand):
    """Changed fields of one link (kind, note, as-of, source); undo writes the old values back."""

    def __init__(self, text: str, db: Database, bus: DataBus, relationship_id: int,
                 before: dict[str, Any], after: dict[str, Any]):
        super().__init__(text, db, bus)
        self.relationship_id = relationship_id
        self.before, self.after = before, after

    def apply(self) -> Written:
        return relations.update_relationship(self.db, self.relationship_id, self.after)

    def revert(self) -> Written:
        return relations.update_relationship(self.db, self.relationship_id, self.before)


class EditContactCommand(_MapCommand):
    def __init__(self, text: str, db: Database, bus: DataBus, contact_id: int,
                 before: dict[str, Any], after: dict[str, Any]):
        super().__init__(text, db, bus)
        self.contact_id = contact_id
        self.before, self.after = before, after

    def apply(self) -> Written:
        return companies.update_contact(self.db, self.contact_id, self.after)

    def revert(self) -> Written:
        return companies.update_contact(self.db, self.contact_id, self.before)


class PositionsCommand(_MapCommand):
    """Cards moved (dragged, or all of them by "tidy up"); undo puts back the previous positions."""

    def __init__(self, text: str, db: Database, bus: DataBus, before: dict, after: dict):
        super().__init__(text, db, bus)
        self.before, self.after = before, after

    def apply(self) -> Written:
        return relations.save_positions(self.db, self.after)

    def revert(self) -> Written:
        return relations.save_positions(self.db, self.before)


class EmploymentCommand(_MapCommand):
    """異動/退職 marked (or cleared); ``before``/``after`` are (employment, date, successor id)."""

    def __init__(self, text: str, db: Database, bus: DataBus, contact_id: int,
                 before: tuple[str, str | None, int | None], after: tuple[str, str | None, int | None]):
        super().__init__(text, db, bus)
        self.contact_id = contact_id
        self.before, self.after = before, after

    def _set(self, state: tuple[str, str | None, int | None]) -> Written:
        kind, on, successor = state
        if kind == "active":
            return relations.mark_active(self.db, self.contact_id)
        return relations.mark_moved(self.db, self.contact_id, kind, on or "", successor)

    def apply(self) -> Written:
        return self._set(self.after)

    def revert(self) -> Written:
        return self._set(self.before)
