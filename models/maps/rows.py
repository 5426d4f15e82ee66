"""The rows and columns of the tidy layout: who sits in which row, department and band of columns.

Rows come from the reporting lines (bosses above their people), columns are departments, and when
the departments side by side would make the map much wider than it is tall, they wrap into bands
one below the other, in an order that keeps every boss's department in the same band as their
people's or a band above it.
"""

from __future__ import annotations

import heapq
import math

from models.maps.types import EdgeSpec


def layers(ids: list[int], edges: list[EdgeSpec]) -> tuple[dict[int, int], dict[int, list[int]]]:
    """Row of each person in a reporting line (longest path from the top) and the kept boss → people."""
    people: dict[int, list[int]] = {pid: [] for pid in ids}
    for edge in edges:
        if edge.kind == "reports_to":
            people[edge.to_id].append(edge.from_id)
    for pid in ids:
        people[pid] = sorted(set(people[pid]))
    state: dict[int, int] = {}  # 1: on the DFS path, 2: finished
    kept: dict[int, list[int]] = {pid: [] for pid in ids}
    for root in ids:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(people[root]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) != 1:  # a child on the current path would close a loop: skip it
                kept[node].append(child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(people[child])))
    indegree = dict.fromkeys(ids, 0)
    for followers in kept.values():
        for child in followers:
            indegree[child] += 1
    in_line = {pid for pid, children in kept.items() if children} | {c for cs in kept.values() for c in cs}
    layer = dict.fromkeys(ids, 0)
    ready = [pid for pid in ids if indegree[pid] == 0]
    heapq.heapify(ready)
    while ready:
        node = heapq.heappop(ready)
        for child in kept[node]:
            layer[child] = max(layer[child], layer[node] + 1)
            indegree[child] -= 1
            if indegree[child] == 0:
                heapq.heappush(ready, child)
    return {pid: layer[pid] for pid in ids if pid in in_line}, kept


def neighbours(ids: list[int], edges: list[EdgeSpec]) -> dict[int, list[tuple[int, float]]]:
    result: dict[int, list[tuple[int, float]]] = {pid: [] for pid in ids}
    for edge in edges:
        if edge.from_id in result and edge.to_id in result:
            result[edge.from_id].append((edge.to_id, edge.weight))
            result[edge.to_id].append((edge.from_id, edge.weight))
    return result


def place_loose(
    ids: list[int], layer: dict[int, int], dept: dict[int, str], nbrs: dict[int, list[tuple[int, float]]]
) -> dict[int, int]:
    """Rows for people outside any reporting line: the emptiest row of their department, near their links."""
    layer = dict(layer)
    counts: dict[tuple[str, int], int] = {}
    for pid, row in layer.items():
        counts[dept[pid], row] = counts.get((dept[pid], row), 0) + 1
    size: dict[str, int] = {}
    for pid in ids:
        size[dept[pid]] = size.get(dept[pid], 0) + 1
    deepest = max(layer.values(), default=0)
    for pid in ids:
        if pid in layer:
            continue
        key = dept[pid]
        limit = max(deepest, math.ceil(math.sqrt(size[key])) - 1)
        known = sorted(layer[u] for u, _ in nbrs[pid] if u in layer)
        if known:
            preferred = known[(len(known) - 1) // 2]
        else:
            preferred = min((row for (d, row) in counts if d == key), default=0)
        row = min(range(limit + 1), key=lambda r: (counts.get((key, r), 0), abs(r - preferred), r))
        layer[pid] = row
        counts[key, row] = counts.get((key, row), 0) + 1
    return layer


def _pair(a: str, b: str) -> tuple[str, str]:
    """Two departments in sorted order, as the weight between them is keyed."""
    return (a, b) if a <= b else (b, a)


def department_order(
    ids: list[int], layer: dict[int, int], dept: dict[int, str], edges: list[EdgeSpec]
) -> list[str]:
    """Department order: the top one first, then whichever links most to those already placed."""
    members: dict[str, list[int]] = {}
    for pid in ids:
        members.setdefault(dept[pid], []).append(pid)
    base = sorted(members, key=lambda k: (k == "", min(layer[p] for p in members[k]), -len(members[k]), k))
    weight: dict[tuple[str, str], float] = {}
    for edge in edges:
        if edge.from_id in dept and edge.to_id in dept and dept[edge.from_id] != dept[edge.to_id]:
            a, b = sorted((dept[edge.from_id], dept[edge.to_id]))
            weight[a, b] = weight.get((a, b), 0.0) + edge.weight
    named = [k for k in base if k != ""]
    order: list[str] = []
    while named:
        def pull(k: str) -> tuple[float, int]:
            return (sum(weight.get(_pair(k, o), 0.0) for o in order), -base.index(k))

        best = named[0] if not order else max(named, key=pull)
        order.append(best)
        named.remove(best)
    return order + ([""] if "" in members else [])


def department_units(order: list[str], kept: dict[int, list[int]], dept: dict[int, str]) -> list[list[str]]:
    """Departments grouped and ordered so that a boss's department never comes after their people's.

    Departments whose people report to each other both ways form one unit (kept in one band); units
    follow the reporting lines between departments, else ``order``.
    """
    below: dict[str, set[str]] = {d: set() for d in order}
    for boss, people in kept.items():
        for person in people:
            if dept[boss] != dept[person]:
                below[dept[boss]].add(dept[person])
    reach: dict[str, set[str]] = {}
    for start in order:
        seen, stack = {start}, [start]
        while stack:
            for nxt in below[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        reach[start] = seen
    unit_of: dict[str, int] = {}
    units: list[list[str]] = []
    for d in order:
        if d not in unit_of:
            units.append([e for e in order if e == d or (e in reach[d] and d in reach[e])])
            for e in units[-1]:
                unit_of[e] = len(units) - 1
    indegree = [0] * len(units)
    after: list[set[int]] = [set() for _ in units]
    for d in order:
        for e in below[d]:
            if unit_of[d] != unit_of[e] and unit_of[e] not in after[unit_of[d]]:
                after[unit_of[d]].add(unit_of[e])
                indegree[unit_of[e]] += 1
    ready = [u for u in range(len(units)) if indegree[u] == 0]  # unit numbers follow ``order``
    heapq.heapify(ready)
    result = []
    while ready:
        u = heapq.heappop(ready)
        result.append(units[u])
        for v in sorted(after[u]):
            indegree[v] -= 1
            if indegree[v] == 0:
                heapq.heappush(ready, v)
    return result


def bands(
    units: list[list[str]], width: dict[str, float], height: dict[str, dict[int, float]],
    gap: float, row_gap: float, header_h: float, aspect: float,
) -> list[list[str]]:
    """Split the units into bands of columns so that the map's width ÷ height comes closest to
    ``aspect``; ``height[d][row]`` is the tallest card department ``d`` has in that row."""
    def unit_width(unit: list[str]) -> float:
        return sum(width[d] for d in unit) + gap * (len(unit) - 1)

    def measure(split: list[list[list[str]]]) -> tuple[float, float]:
        wide = max(sum(unit_width(u) for u in band) + gap * (len(band) - 1) for band in split)
        tall = 0.0
        for band in split:
            rows: dict[int, float] = {}
            for unit in band:
                for d in unit:
                    for row, h in height[d].items():
                        rows[row] = max(rows.get(row, 0.0), h)
            tall += header_h + sum(h + row_gap for h in rows.values()) + row_gap
        return wide, tall

    total = sum(unit_width(u) for u in units) + gap * (len(units) - 1)
    best, best_score = [units], math.inf
    for k in range(1, min(len(units), 12) + 1):
        split: list[list[list[str]]] = [[]]
        used = 0.0
        for unit in units:
            w = unit_width(unit)
            if split[-1] and used + gap + w > total / k + 1e-6:
                split.append([])
                used = 0.0
            used += (gap if split[-1] else 0.0) + w
            split[-1].append(unit)
        wide, tall = measure(split)
        score = abs(math.log(wide / tall / aspect))
        if score < best_score - 1e-9:
            best, best_score = split, score
    return [[d for unit in band for d in unit] for band in best]
