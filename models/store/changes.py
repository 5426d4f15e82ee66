"""What a write changed, as Anki's backend returns ``OpChanges``: the tables it touched.

Every public write in ``models/`` returns a ``Changes``, or a result that carries one as ``changes``
(a result dataclass, an entity whose class names its table, or a number or collection it has always
returned). The UI refreshes from it and never spells a table name itself: the names live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

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


# Writes that have always returned a plain number or collection keep returning one (callers and tests
# compare it with ints, lists and dicts); these subclasses add the ``changes`` the UI reads.
class CountWithChanges(int):
    """How many rows a write touched (or the id it made), with what it changed."""

    changes: Changes

    def __new__(cls, value: int, changes: Changes) -> CountWithChanges:
        made = super().__new__(cls, value)
        made.changes = changes
        return made


T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")


class ListWithChanges(list[T]):
    """The list a write returned, with what it changed."""

    def __init__(self, items: Any, changes: Changes):
        super().__init__(items)
        self.changes = changes


class TupleWithChanges(tuple[T, ...]):
    """The tuple a write returned, with what it changed."""

    changes: Changes

    def __new__(cls, items: Any, changes: Changes) -> TupleWithChanges[T]:
        made = super().__new__(cls, items)
        made.changes = changes
        return made


class DictWithChanges(dict[K, V]):
    """The mapping a write returned, with what it changed."""

    def __init__(self, items: Any, changes: Changes):
        super().__init__(items)
        self.changes = changes
