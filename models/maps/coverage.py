"""Coverage hints: what the map says is missing in an account, and what to do next.

Shown on the account's map and in the call session. Each hint names the people it is about, so the
map can highlight them. ``hints_from`` is pure (for tests); ``coverage_hints`` reads the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from models.accounts.relations import last_spoken
from models.accounts.vocab import EMPLOYMENT
from models.maps.layout import MapLink, MapPerson, map_people

STALE_DAYS = 90
# The order hints are listed in, most urgent first (within one severity).
HINT_CODES = (
    "no_contacts", "no_decision_maker", "hr_not_field", "only_contact_stale", "successor_unknown",
    "blocker_without_champion", "successor_not_reached",
)
SEVERITIES = ("warning", "info")


@dataclass(frozen=True)
class Hint:
    """One hint. ``severity``: 'warning' (a gap to close) or 'info' (a step to take)."""

    code: str
    severity: str
    message_ja: str
    contact_ids: tuple[int, ...] = ()


def _names(people: Iterable[MapPerson]) -> str:
    return "、".join(f"{p.name}様" for p in people)


def hints_from(
    people: Sequence[MapPerson],
    links: Sequence[MapLink],
    spoken: Mapping[int, date | None],
    today: date,
) -> list[Hint]:
    """The hints for one account, from its people, their links and when we last spoke with each.

    Only people still in post (not 異動/退職) count as knowing, deciding or being reached.
    """
    del links  # not needed by today's rules; taken so that rules about links need no new signature
    if not people:
        return [Hint("no_contacts", "warning",
                     "担当者がまだ登録されていません。まずは窓口の方のお名前と部署を伺いましょう。")]
    people = sorted(people, key=lambda p: p.contact_id)
    by_id = {p.contact_id: p for p in people}
    active = [p for p in people if p.employment == "active"]

    def reached(person: MapPerson) -> bool:
        return spoken.get(person.contact_id) is not None

    def with_role(role: str) -> list[MapPerson]:
        return [p for p in active if p.role == role]

    hints: list[Hint] = []
    if not with_role("decision_maker"):
        ask = with_role("gatekeeper") or [p for p in active if reached(p)]
        hints.append(Hint(
            "no_decision_maker", "warning",
            "決裁者が分かっていません。窓口の方に決裁の流れを伺いましょう。",
            tuple(p.contact_id for p in ask),
        ))
    hr_reached = [p for p in with_role("hr") if reached(p)]
    field = with_role("field")
    if hr_reached and not any(reached(p) for p in field):
        if field:
            message = (f"人事とは話せていますが、現場の{_names(field)}にはまだ届いていません"
                       "（現場の困りごとがわからない状態）。人事の方に現場責任者をご紹介いただけないか相談しましょう。")
        else:
            message = ("人事とは話せていますが現場の方に届いていません（現場の困りごとがわからない状態）。"
                       "人事の方に現場責任者をご紹介いただけないか相談しましょう。")
        hints.append(Hint("hr_not_field", "warning", message,
                          tuple(p.contact_id for p in hr_reached + field)))
    if len(active) == 1:
        only = active[0]
        last = spoken.get(only.contact_id)
        if last is not None and (today - last).days > STALE_DAYS:
            hints.append(Hint(
                "only_contact_stale", "warning",
                f"接点が{only.name}様お一人だけで、{STALE_DAYS}日以上お話しできていません"
                f"（最後は{last:%Y/%m/%d}）。近況を伺う連絡を入れ、あわせてほかの部署の方もご紹介いただきましょう。",
                (only.contact_id,),
            ))
    for person in people:
        if person.employment == "active":
            continue
        what = EMPLOYMENT.get(person.employment, EMPLOYMENT["moved"])[0]
        when = f"（{person.employment_changed_on.replace('-', '/')}）" if person.employment_changed_on else ""
        successor = by_id.get(person.successor_id) if person.successor_id is not None else None
        if successor is None:
            hints.append(Hint(
                "successor_unknown", "warning",
                f"{person.name}様は{what}されています{when}。後任の方を確認しましょう。",
                (person.contact_id,),
            ))
        elif not reached(successor):
            hints.append(Hint(
                "successor_not_reached", "info",
                f"{person.name}様は{what}されています{when}。後任の{successor.name}様とはまだお話しできていません。"
                "ご挨拶の連絡を入れ、引き継ぎの状況を伺いましょう。",
                (person.contact_id, successor.contact_id),
            ))
    blockers = with_role("blocker")
    if blockers and not with_role("champion"):
        hints.append(Hint(
            "blocker_without_champion", "warning",
            f"反対の立場の方（{_names(blockers)}）がいらっしゃいますが、推進者がいません。"
            "前向きな方を見つけ、社内で後押ししていただけるよう働きかけましょう。",
            tuple(p.contact_id for p in blockers),
        ))
    hints.sort(key=lambda h: (SEVERITIES.index(h.severity), HINT_CODES.index(h.code), h.contact_ids))
    return hints


def coverage_hints(db: Database, company_id: int, today: date) -> list[Hint]:
    """The hints for one company as stored today."""
    spoken = last_spoken(db, company_id)
    people, links = map_people(db, company_id, today, spoken=spoken)
    return hints_from(people, links, spoken, today)
