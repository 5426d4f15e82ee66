"""What a KPI report covers: a period of local days and a scope of accounts.

A period is a range of local days, both ends included; a touch or a meeting belongs to the day written
in its timestamp (``at`` / ``starts_at``). The scope is every account, a target list, a saved view, or one
caller (``Scope.of_caller``): the rows that carry a caller (touches, meetings, plans) in their name, and
for the figures about accounts, the caller's accounts (``CALLER_ACCOUNTS``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from models.accounts.lists import get_list
from models.accounts.targets import get_view, target_ids
from models.store.errors import ValidationError


@dataclass(frozen=True)
class Period:
    """Local days from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError(
                f"期間の終了日（{self.end}）が開始日（{self.start}）より前です。開始日以降の日付を指定してください。")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[str, str]:
        """Text bounds for ``at >= low AND at < high`` over ISO timestamps."""
        return self.start.isoformat(), (self.end + timedelta(days=1)).isoformat()

    def previous(self) -> Period:
        """The period of the same length just before; a calendar month's is the month before."""
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:
            last = self.start - timedelta(days=1)
            return Period(last.replace(day=1), last)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def text(self) -> str:
        return f"{self.start:%Y/%m/%d}〜{self.end:%Y/%m/%d}"


PERIOD_KINDS = ("this_week", "last_week", "this_month", "last_month")


def period_for(kind: str, today: date) -> Period:
    """This week (Monday to Sunday), last week, this month or last month around ``today``."""
    monday = today - timedelta(days=today.weekday())
    if kind == "this_week":
        return Period(monday, monday + timedelta(days=6))
    if kind == "last_week":
        return Period(monday - timedelta(days=7), monday - timedelta(days=1))
    first = today.replace(day=1)
    if kind == "this_month":
        following = (first + timedelta(days=32)).replace(day=1)
        return Period(first, following - timedelta(days=1))
    if kind == "last_month":
        last = first - timedelta(days=1)
        return Period(last.replace(day=1), last)
    raise ValueError(f"unknown period kind {kind!r}")


# A caller's accounts, for the figures about accounts (Untouched, silent): the companies on the lists
# assigned to them (assignments, pulled from the team's server; the login named by its display name in
# team_members) and those they hold an open plan on. Two parameters: the caller's display name twice.
CALLER_ACCOUNTS = (
    "SELECT ca_lm.company_id FROM list_members ca_lm JOIN target_lists ca_tl ON ca_tl.id = ca_lm.list_id "
    "JOIN assignments ca_a ON ca_a.list_uid = ca_tl.uid "
    "LEFT JOIN team_members ca_m ON ca_m.login = ca_a.caller_login "
    "WHERE coalesce(ca_m.display_name, ca_a.caller_login) = ? "
    "UNION SELECT ca_p.company_id FROM plans ca_p "
    "WHERE ca_p.status = 'open' AND coalesce(ca_p.caller, '') = ?")


@dataclass(frozen=True)
class Scope:
    """Every account (``kind`` 'all'), one target list ('list'), a saved view of Targets ('view') or one
    caller ('caller', by the display name their rows carry; ``name`` "" is the rows that carry none)."""

    kind: str = "all"
    id: int | None = None
    name: str = ""

    @classmethod
    def of_list(cls, db: Database, list_id: int) -> Scope:
        return cls("list", list_id, get_list(db, list_id).name)

    @classmethod
    def of_view(cls, db: Database, view_id: int) -> Scope:
        return cls("view", view_id, get_view(db, view_id).name)

    @classmethod
    def of_caller(cls, name: str) -> Scope:
        return cls("caller", None, name)

    def text(self) -> str:
        if self.kind == "caller":
            return f"担当者「{self.name or NO_CALLER}」"
        texts = {"all": "すべて", "list": f"リスト「{self.name}」", "view": f"ビュー「{self.name}」"}
        return texts[self.kind]


NO_CALLER = "担当者の記録なし"


def scope_sql(db: Database, scope: Scope, column: str, caller: str | None = None) -> tuple[str, list[Any]]:
    """A condition keeping rows in the scope, with its parameters.

    ``column`` is the row's company id; ``caller`` the row's caller column (``t.caller``, ``m.caller``,
    ``p.caller``), or None for rows that carry none (companies): a caller scope keeps those of a row's
    caller, or of the caller's accounts (``CALLER_ACCOUNTS``).
    """
    if scope.kind == "all":
        return "1", []
    if scope.kind == "caller":
        if caller is not None:
            # A plain equality where a name is given, so that an index on the caller could serve it.
            return (f"{caller} = ?", [scope.name]) if scope.name else (f"coalesce({caller}, '') = ''", [])
        return f"{column} IN ({CALLER_ACCOUNTS})", [scope.name, scope.name]
    if scope.id is None:
        raise ValueError(f"a {scope.kind!r} scope needs the id of its list or view")
    if scope.kind == "list":
        return f"{column} IN (SELECT company_id FROM list_members WHERE list_id = ?)", [scope.id]
    if scope.kind == "view":
        ids = target_ids(db, get_view(db, scope.id).filter, "id")
        return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
    raise ValueError(f"unknown scope kind {scope.kind!r}")
