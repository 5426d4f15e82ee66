"""What was heard on calls, as the meeting's notes: the meeting form starts from it and the briefing
sheet shows what the notes do not already say.

The hearing items (``models.planning.hearing``) map onto the caller's notes of a meeting: 課題 →
課題・ニーズ, 現状, 予算, 時期, 決裁者 → 決裁プロセス, 競合.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from models.planning.hearing import HearingFact, of_field, said_in

# Hearing item → the meeting note it fills.
NOTE_OF_HEARING = {
    "issue": "notes_needs",
    "current": "notes_current",
    "budget": "notes_budget",
    "timing": "notes_timing",
    "decision_maker": "notes_decision_process",
    "competitor": "notes_competitors",
}
HEARING_OF_NOTE = {note: name for name, note in NOTE_OF_HEARING.items()}
# A form's note shows this many facts of an item; older ones stay in the call history.
NOTE_FACTS = 10


def fact_line(fact: HearingFact) -> str:
    """``年間300万円（2025/01/09 高橋）``: the fact with the day it was heard and by whom."""
    source = " ".join(part for part in (fact.day(), fact.caller or "") if part)
    return f"{fact.text}（{source}）" if source else fact.text


def notes_from_hearing(facts: Iterable[HearingFact]) -> dict[str, str]:
    """The meeting notes the hearing fills (note field → text): each item's facts newest first, one a
    line, dated; items never heard are left out."""
    facts = tuple(facts)
    notes = {}
    for name, note in NOTE_OF_HEARING.items():
        mine = of_field(facts, name)
        if not mine:
            continue
        lines = [fact_line(fact) for fact in mine[:NOTE_FACTS]]
        if len(mine) > NOTE_FACTS:
            lines.append(f"ほか {len(mine) - NOTE_FACTS} 件（接触履歴をご覧ください）")
        notes[note] = "\n".join(lines)
    return notes


def prefill_notes(values: Mapping[str, object], facts: Iterable[HearingFact]) -> dict[str, object]:
    """``values`` (a meeting form's starting values) with each hearing note it does not hold filled
    from ``facts`` (a note it holds, even emptied by the person, is theirs)."""
    filled = dict(values)
    for note, text in notes_from_hearing(facts).items():
        filled.setdefault(note, text)
    return filled


def beyond_note(note_field: str, note: str | None, facts: Iterable[HearingFact]) -> tuple[HearingFact, ...]:
    """The facts of ``note_field``'s hearing item that ``note`` does not already say, newest first
    (none for a note no hearing item fills)."""
    name = HEARING_OF_NOTE.get(note_field)
    if name is None:
        return ()
    return tuple(fact for fact in of_field(facts, name) if not said_in(fact, note))
