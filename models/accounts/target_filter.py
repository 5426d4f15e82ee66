"""What the Targets table shows: the filter, and how a saved view stores it (JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from models.store.errors import ValidationError

_TUPLE_FIELDS = ("statuses", "ranks", "prefectures", "industries")
_UNREADABLE_VIEW = "保存されたビューの条件を読み取れませんでした。お手数ですが、ビューを作り直してください。"


@dataclass(frozen=True)
class TargetFilter:
    """What the Targets table shows. Criteria combine with AND; empty ones do not filter.

    In ``ranks``, ``prefectures`` and ``industries`` an empty string stands for "not set".
    ``untouched_only`` keeps 未接触 accounts (status untouched, no touch logged); ``not_touched_days``
    keeps accounts touched before, but not in the last N days (days since the last touch ≥ N).
    ``exclude_closed`` hides 対象外 and 架電不可 (they are shown by default: they are still data).
    """

    search: str = ""
    list_id: int | None = None
    statuses: tuple[str, ...] = ()
    ranks: tuple[str, ...] = ()
    prefectures: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    untouched_only: bool = False
    not_touched_days: int | None = None
    has_open_plan: bool | None = None
    exclude_closed: bool = False

    def __post_init__(self) -> None:
        for name in _TUPLE_FIELDS:  # lists from callers or JSON become tuples: the filter stays hashable
            object.__setattr__(self, name, tuple("" if v is None else str(v) for v in getattr(self, name)))

    def to_json(self) -> str:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in values.items()},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> TargetFilter:
        """Read a filter written by ``to_json``; unknown keys (from a newer version) are ignored."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError):
            data = None
        if not isinstance(data, dict):
            raise ValidationError(_UNREADABLE_VIEW)
        defaults = cls()
        values = {}
        for f in fields(cls):
            value = data.get(f.name, getattr(defaults, f.name))
            if f.name in _TUPLE_FIELDS:
                value = value if isinstance(value, list) else ()
            elif f.name in ("list_id", "not_touched_days"):
                value = value if isinstance(value, int) and not isinstance(value, bool) else None
            elif f.name == "search":
                value = value if isinstance(value, str) else ""
            elif f.name == "has_open_plan":
                value = value if isinstance(value, bool) else None
            else:
                value = bool(value)
            values[f.name] = value
        return cls(**values)
