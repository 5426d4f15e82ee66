"""Seeded random org charts: the relationship-map tests, the benchmark and screenshots use them.

The same seed always gives the same people and links (STYLE.md: demo data from a seeded generator).
"""

from __future__ import annotations

import random
from dataclasses import replace

from models.maps.types import RECENCY_BUCKETS, MapLink, MapPerson

SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
            "佐々木", "山口", "松本", "井上", "木村", "林", "清水", "山崎", "森", "池田", "橋本", "阿部"]
GIVEN = ["健一", "美咲", "大輔", "由美", "翔太", "直子", "誠", "陽子", "拓也", "恵", "浩二", "さくら"]
DEPARTMENTS = ["人事部", "営業本部 第一営業部", "製造部", "総務部", "情報システム部", "経営企画室", "経理部",
               "品質保証部", "物流センター", "開発部"]
TITLES = ["部長", "課長", "係長", "主任", "担当"]
ROLES = ["gatekeeper", "decision_maker", "hr", "field", "champion", "blocker", "other"]
EXTRA_KINDS = ["works_with", "influences", "conflicts", "introduced"]


def org_chart(n: int, seed: int, *, extra: float = 0.5) -> tuple[list[MapPerson], list[MapLink]]:
    """``n`` people in about n/6 departments, each a reports_to tree (heads report to a director),
    plus about ``extra``·n other links, a few people moved or left with a successor."""
    rng = random.Random(seed)
    depts = rng.sample(DEPARTMENTS, k=min(len(DEPARTMENTS), max(1, n // 6)))
    people: list[MapPerson] = []
    links: list[MapLink] = []
    depth: dict[int, int] = {}
    dept_of: dict[int, str] = {}
    ids = rng.sample(range(1, 10 * n + 10), k=n)
    director = ids[0] if n >= 8 else None
    for i, pid in enumerate(ids):
        dept = "経営企画室" if pid == director else depts[i % len(depts)]
        same = [p for p in dept_of if dept_of[p] == dept and p != director]
        if pid == director:
            depth[pid] = 0
        elif same and rng.random() < 0.85:
            boss = rng.choice(same)
            depth[pid] = depth[boss] + 1
            links.append(MapLink(pid, boss, "reports_to", relationship_id=len(links) + 1))
        elif director is not None and rng.random() < 0.7:
            depth[pid] = 1
            links.append(MapLink(pid, director, "reports_to", relationship_id=len(links) + 1))
        else:
            depth[pid] = 0
        dept_of[pid] = dept
        name = rng.choice(SURNAMES) + " " + rng.choice(GIVEN)
        title = TITLES[min(depth[pid], len(TITLES) - 1)] if rng.random() < 0.9 else None
        employment = rng.choices(["active", "moved", "left"], weights=[12, 1, 1])[0]
        people.append(MapPerson(
            pid, name, dept if rng.random() < 0.95 else None, title, rng.choice(ROLES), employment,
            "2025-04-01" if employment != "active" else None, None, rng.choice(RECENCY_BUCKETS),
        ))
    # successors for people who moved or left
    by_id = {p.contact_id: p for p in people}
    for person in list(people):
        if person.employment != "active" and rng.random() < 0.7:
            others = [p for p in ids if p != person.contact_id and by_id[p].employment == "active"]
            if others:
                successor = rng.choice(others)
                by_id[person.contact_id] = replace(person, successor_id=successor)
    people = [by_id[p] for p in ids]
    seen = {(k.from_id, k.to_id) for k in links} | {(k.to_id, k.from_id) for k in links}
    for _ in range(int(extra * n)):
        if n < 2:
            break
        a, b = rng.sample(ids, k=2)
        if (a, b) in seen:
            continue
        seen |= {(a, b), (b, a)}
        links.append(MapLink(a, b, rng.choice(EXTRA_KINDS), relationship_id=len(links) + 1,
                             note=rng.choice([None, "会議で同席", "電話で確認"])))
    return people, links
