"""What was heard about an account (ヒアリング): every hearing item its calls recorded, gathered once.

A call's hearing lives on its touch (``touches.hearing_issue`` … ``hearing_competitor``). The meeting
form and the briefing sheet both read it through ``gather_hearing``, so they cannot disagree about
what is known: newest first, each fact with the day it was heard and who heard it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from models.store import clock

# The hearing items in the order a form shows them, with their Japanese names.
HEARING_LABELS = {
    "issue": "課題",
    "current": "現状",
    "budget": "予算",
    "timing": "時期",
    "decision_maker": "決裁者",
    "competitor": "競合",
}


@dataclass(frozen=True)
class HearingFact:
    """One hearing item one call recorded.

    Attributes:
        field: the item (``issue``, ``current``, ``budget``, ``timing``, ``decision_maker``, ``competitor``).
        text: what was heard, as written.
        at: when (the touch's ISO time; None for the call being logged, not saved yet).
        caller: who heard it, when recorded.
        touch_id: the touch that holds it (None for the call being logged).
    """

    field: str
    text: str
    at: str | None
    caller: str | None = None
    touch_id: int | None = None

    @property
    def label(self) -> str:
        return HEARING_LABELS[self.field]

    def day(self) -> str:
        """The day it was heard, as the sheet and the form write it (``2025/01/09``); '' when unknown."""
        if not self.at:
            return ""
        try:
            return f"{clock.parse(self.at):%Y/%m/%d}"
        except ValueError:
            return self.at[:10].replace("-", "/")


def _same(text: str) -> str:
    """The text as compared: NFKC, without spaces (「年間 300万円」 and 「年間300万円」 say the same)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def gather_hearing(db: Database, company_id: int, *, until: str | None = None) -> tuple[HearingFact, ...]:
    """Every hearing item the touches of ``company_id`` recorded, newest first (touch by touch, each
    touch's items in form order); a text heard again later is kept once, at its newest.

    Args:
        until: only touches at or before this ISO time (a meeting's start: what was known by then).
    """
    columns = ", ".join(f"hearing_{name}" for name in HEARING_LABELS)
    heard_any = " OR ".join(f"trim(coalesce(hearing_{name}, '')) <> ''" for name in HEARING_LABELS)
    sql = f"SELECT id, at, caller, {columns} FROM touches WHERE company_id = ? AND ({heard_any})"
    params: list = [company_id]
    if until is not None:
        sql += " AND at <= ?"
        params.append(until)
    sql += " ORDER BY at DESC, id DESC"
    facts = []
    for row in db.query(sql, params):
        for name in HEARING_LABELS:
            text = (row[f"hearing_{name}"] or "").strip()
            if text:
                facts.append(HearingFact(name, text, row["at"], row["caller"], row["id"]))
    return distinct(facts)


def distinct(facts: Iterable[HearingFact]) -> tuple[HearingFact, ...]:
    """``facts`` (newest first) with a repeated text of the same item kept once, at its first (newest)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for fact in facts:
        key = (fact.field, _same(fact.text))
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return tuple(kept)


def heard_now(hearing: Mapping[str, str], at: datetime | str | None = None,
              caller: str | None = None) -> tuple[HearingFact, ...]:
    """The hearing typed for the call being logged (item → text) as facts dated ``at``, in form order."""
    when = clock.iso(at) if isinstance(at, datetime) else at
    return tuple(HearingFact(name, hearing[name].strip(), when, caller) for name in HEARING_LABELS
                 if (hearing.get(name) or "").strip())


def latest(facts: Iterable[HearingFact]) -> dict[str, HearingFact]:
    """The newest fact of each item (``facts`` newest first), in form order."""
    newest: dict[str, HearingFact] = {}
    for fact in facts:
        newest.setdefault(fact.field, fact)
    return {name: newest[name] for name in HEARING_LABELS if name in newest}


def of_field(facts: Iterable[HearingFact], name: str) -> tuple[HearingFact, ...]:
    """The facts of one item, in the order given (newest first)."""
    return tuple(fact for fact in facts if fact.field == name)


def said_in(fact: HearingFact, text: str | None) -> bool:
    """Whether ``text`` (a note) already says ``fact`` (ignoring width and spaces)."""
    return bool(text) and _same(fact.text) in _same(text or "")
