"""The one app-wide "data changed" signal: every write through models/ is followed by ``notify``."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from models.store.changes import Changes


class DataBus(QObject):
    """Says which tables changed; each view decides whether that concerns it.

    ``changed`` carries the table names joined by commas (e.g. ``"companies,list_members"``).
    """

    changed = Signal(str)

    def notify(self, changes: Changes) -> None:
        """Tell the views what a write changed (nothing is said when it changed nothing)."""
        if not isinstance(changes, Changes):
            raise TypeError(f"notify takes the Changes a write returned, not {type(changes).__name__}")
        if changes:
            self.changed.emit(",".join(changes.tables))


def affects(payload: str, *watched: str | Changes) -> bool:
    """Whether a ``changed`` payload names any table of ``watched``.

    Args:
        watched: the tables a view shows, as the names in models/store/changes.py (``COMPANIES``) or
            as a ``Changes`` naming several (``Changes.of(COMPANIES, CONTACTS)``).
    """
    tables: set[str] = set()
    for item in watched:
        tables.update(item.tables if isinstance(item, Changes) else (item,))
    return not tables.isdisjoint(payload.split(","))
