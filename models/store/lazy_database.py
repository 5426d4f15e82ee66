"""The store's database handle: plain ``sqlite3`` for reading, sqlite-utils loaded on first other use.

The first screen only reads (a few ``SELECT``s and ``PRAGMA``s), and importing sqlite-utils (with
click, pluggy and dateutil behind it) cost a fifth of the start-up. ``LazyDatabase`` answers those
reads on its connection and builds the sqlite-utils ``Database`` over the same connection the first
time anything else is asked of it: a write (``db.atomic()``, ``db["table"]``, an ``INSERT`` through
``execute``), a table's metadata, a tracer. From then on every call goes to that ``Database``.

For the type checker it is a ``Database``; at run time ``full`` is the one, if code needs the class.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    _Base = Database
else:
    _Base = object

# Statements Python's sqlite3 never opens a transaction for (it does so only before a statement that starts
# with INSERT, UPDATE, DELETE or REPLACE), so sqlite-utils' ``execute``, which commits or rolls back a
# transaction a statement opened on its own, runs them exactly as the connection does. WITH is mostly
# a read; a WITH … INSERT runs in autocommit mode either way.
_READS = frozenset({"SELECT", "PRAGMA", "EXPLAIN", "VALUES", "WITH"})


def _first_word(sql: str) -> str:
    head = sql.lstrip()[:8].upper().split(None, 1)
    return head[0] if head else ""


def _reads_only(sql: str) -> bool:
    return _first_word(sql) in _READS


class LazyDatabase(_Base):
    """A sqlite-utils ``Database`` over ``conn`` whose sqlite-utils is imported on first need.

    Args:
        conn: the open connection (plain or SQLCipher); ``recursive_triggers`` is switched on at once, as
            sqlite-utils does when it wraps a connection.
    """

    def __init__(self, conn: sqlite3.Connection):  # no super().__init__: that is what is deferred
        self.conn = conn
        self._full: Database | None = None
        conn.execute("PRAGMA recursive_triggers=on;")

    @property
    def full(self) -> Database:
        """The sqlite-utils ``Database`` over this connection (imported and built on first use)."""
        if self._full is None:
            from sqlite_utils import Database  # the deferred import this class exists for

            # recursive_triggers is on already; plugins installed beside Kakeru have no business
            # changing its connections (and looking them up is slow).
            self._full = Database(self.conn, recursive_triggers=False, execute_plugins=False)
        return self._full

    @property
    def loaded(self) -> bool:
        """Whether sqlite-utils has been needed yet (for tests and the start-up measurements)."""
        return self._full is not None

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor:
        if self._full is None and _reads_only(sql):
            return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        return self.full.execute(sql, parameters)

    def query(self, sql: str, params: Sequence | dict[str, Any] | None = None) -> Generator[dict, None, None]:
        if self._full is None and _first_word(sql) == "SELECT":  # rows, and never a write
            cursor = self.conn.execute(sql) if params is None else self.conn.execute(sql, params)
            keys = [column[0] for column in cursor.description]
            if len(set(keys)) == len(keys):  # else sqlite-utils renames the repeated names
                return (dict(zip(keys, row, strict=True)) for row in cursor)
        return self.full.query(sql, params)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.full.executescript(sql)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> LazyDatabase:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __getitem__(self, table_name: str) -> Any:
        return self.full[table_name]

    def __getattr__(self, name: str) -> Any:
        # Only what this class does not have itself; a private name is never sqlite-utils' business
        # before it is loaded (copy and pickle probe for such names on a half-made object).
        if name.startswith("__") or name == "_full":
            raise AttributeError(name)
        return getattr(self.full, name)

    def __dir__(self) -> Iterable[str]:
        return sorted({*super().__dir__(), *dir(self.full)})

    def __repr__(self) -> str:
        return f"<LazyDatabase {self.conn!r}{' (sqlite-utils loaded)' if self._full is not None else ''}>"
