"""What a write changed, as Anki's backend returns ``OpChanges``: the tables it touched.

Every public write in ``models/`` returns a ``Changes``, or a result that carries one as ``changes``:
an entity whose class names its table, or a small result dataclass (``Counted`` for how many rows,
``Made`` for the id of the row made, or one beside the write naming what it returns). The UI
refreshes from it and never spells a table name itself: the names live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# The tables the views listen to (DESIGN.md "Data model"); a write names the ones it changed.
COMPANIES = "companies"
CONTACTS = "contacts"
RELATIONSHIPS = "relationships"
TARGET_LISTS = "target_lists"
LIST_MEMBERS = "list_members"
TOUCHES = "touches"
PLANS = "plans"
CADENCES = "cadences"
CADENCE_STEPS = "cadence_steps"
MEETINGS = "meetings"
MEETING_ATTENDEES = "meeting_attendees"
SETTINGS = "settings"
SAVED_VIEWS = "saved_views"
IMPORTS = "imports"
IMPORT_MAPPINGS = "import_mappings"
REVIEW_DECISIONS = "review_decisions"
KPI_GOALS = "kpi_goals"


@dataclass(frozen=True, eq=False)
class Changes:
    """The tables one write (or several, joined with ``|``) changed, in the order they were named.

    The order only shapes the bus payload; two ``Changes`` naming the same tables are equal.
    """

    tables: tuple[str, ...] = ()

    @classmethod
    def of(cls, *tables: str) -> Changes:
        return cls(tuple(dict.fromkeys(tables)))

    def __or__(self, other: Changes) -> Changes:
        return Changes.of(*self.tables, *other.tables)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Changes) and set(self.tables) == set(other.tables)

    def __hash__(self) -> int:
        return hash(frozenset(self.tables))

    def affects(self, *tables: str) -> bool:
        """Whether any of ``tables`` changed."""
        return not set(tables).isdisjoint(self.tables)


NOTHING = Changes()
# A whole database replaced or filled at once (a restored backup, demo data): the accounts and their history.
ACCOUNT_DATA = Changes.of(COMPANIES, CONTACTS, TARGET_LISTS, LIST_MEMBERS, TOUCHES, PLANS, MEETINGS)


class HasChanges(Protocol):
    """A write's result that says what the write changed."""

    @property
    def changes(self) -> Changes: ...


def changes_of(result: Changes | HasChanges) -> Changes:
    """The ``Changes`` a write returned, itself or carried on its result."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    if not isinstance(changes, Changes):
        raise TypeError(f"a write returned {type(result).__name__}, which does not say what it changed")
    return changes


@dataclass(frozen=True)
class Counted:
    """How many rows a write touched, with what it changed."""

    count: int
    changes: Changes


@dataclass(frozen=True)
class Made:
    """The id of the row a write made (or overwrote), with what it changed."""

    id: int
    changes: Changes
