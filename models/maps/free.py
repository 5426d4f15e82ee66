"""The map as the caller arranged it: saved card positions kept, links routed around the cards.

People without a saved position are placed beside someone they are linked to (else below the map)
where they overlap nothing. Links are orthogonal where the cards allow it (down-across-down between
cards one above the other, across-down-across between cards side by side), choosing the first of a
few candidate routes that crosses no card and runs along no other link. Labels go on their link
where they overlap no card and no other label, else at the nearest free place around it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator

from models.maps.types import US_ID, Box, CardSpec, EdgeSpec, MapStyle, Routed

_CELL = 64.0  # spatial index cell
_SEP = 8.0  # least distance between cards for an orthogonal route between them
_STUB = 8.0  # how far a route leaves a card before it turns

Point = tuple[float, float]


class _Index:
    """A uniform grid of boxes, for "what is near here" in about constant time."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[int, Box]]] = {}
        self.count = 0

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        for i in range(math.floor(box.x / _CELL), math.floor(box.right / _CELL) + 1):
            for j in range(math.floor(box.y / _CELL), math.floor(box.bottom / _CELL) + 1):
                yield (i, j)

    def add(self, key: int, box: Box) -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append((key, box))
        self.count += 1

    def near(self, box: Box) -> Iterator[tuple[int, Box]]:
        """The boxes in the cells ``box`` touches (keys are unique per box)."""
        seen = set()
        for cell in self._cells(box):
            for key, found in self.cells.get(cell, ()):
                if key not in seen:
                    seen.add(key)
                    yield key, found


def _spot(w: float, h: float, anchors: list[Box], cards: _Index, everything: Box, gap: float) -> Box:
    """A free place for a new card: beside an anchor if possible, else in rows below the map."""
    def free(box: Box) -> bool:
        return not any(box.overlaps(other, gap / 2 - 0.01) for _, other in cards.near(Box(
            box.x - gap, box.y - gap, box.w + 2 * gap, box.h + 2 * gap)))

    for a in anchors:
        for x, y in ((a.right + gap, a.y), (a.x, a.bottom + gap), (a.x - gap - w, a.y), (a.x, a.y - gap - h)):
            if free(box := Box(round(x, 2), round(y, 2), w, h)):
                return box
    per_row = max(1, int(everything.w // (w + gap)) + 1)
    row = 0
    while True:
        y = everything.bottom + gap + row * (h + gap)
        for k in range(per_row):
            if free(box := Box(round(everything.x + k * (w + gap), 2), round(y, 2), w, h)):
                return box
        row += 1


def _union(boxes: Iterable[Box]) -> Box:
    boxes = list(boxes)
    if not boxes:
        return Box(0.0, 0.0, 0.0, 0.0)
    left, top = min(b.x for b in boxes), min(b.y for b in boxes)
    return Box(left, top, max(b.right for b in boxes) - left, max(b.bottom for b in boxes) - top)


def _crosses(p: Point, q: Point, box: Box) -> bool:
    """Whether the segment p–q passes through the inside of ``box`` (running along a border does not)."""
    (x1, y1), (x2, y2) = p, q
    if x1 == x2:  # most runs are vertical or horizontal: answer those without clipping
        return box.x < x1 < box.right and max(y1, y2) > box.y and min(y1, y2) < box.bottom
    if y1 == y2:
        return box.y < y1 < box.bottom and max(x1, x2) > box.x and min(x1, x2) < box.right
    if max(x1, x2) <= box.x or min(x1, x2) >= box.right or max(y1, y2) <= box.y or min(y1, y2) >= box.bottom:
        return False
    t0, t1 = 0.0, 1.0
    for d, low, high, start in ((x2 - x1, box.x, box.right, x1), (y2 - y1, box.y, box.bottom, y1)):
        a, b = (low - start) / d, (high - start) / d
        t0, t1 = max(t0, min(a, b)), min(t1, max(a, b))
    return t1 - t0 > 1e-6


def _clip(box: Box, toward: Point) -> Point:
    """Where the line from the box's centre towards ``toward`` leaves the box."""
    cx, cy = box.centre
    dx, dy = toward[0] - cx, toward[1] - cy
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return (cx, cy)
    scale = min(box.w / 2 / abs(dx) if dx else math.inf, box.h / 2 / abs(dy) if dy else math.inf)
    return (cx + dx * scale, cy + dy * scale)


def _relation(a: Box, b: Box) -> tuple[str, str] | None:
    """The sides an orthogonal route leaves ``a`` and enters ``b`` by, or None for a straight line."""
    if b.y >= a.bottom + _SEP:
        return ("b", "t")
    if a.y >= b.bottom + _SEP:
        return ("t", "b")
    if b.x >= a.right + _SEP:
        return ("r", "l")
    if a.x >= b.right + _SEP:
        return ("l", "r")
    return None


def _port(box: Box, side: str, k: int, n: int) -> Point:
    f = (k + 1) / (n + 1)
    if side == "t":
        return (box.x + box.w * f, box.y)
    if side == "b":
        return (box.x + box.w * f, box.bottom)
    if side == "l":
        return (box.x, box.y + box.h * f)
    return (box.right, box.y + box.h * f)


def _candidates(
    p: Point, q: Point, sides: tuple[str, str], cards: _Index, a: Box, b: Box
) -> list[list[Point]]:
    """Orthogonal routes from port p to port q, most natural first."""
    vertical = sides[0] in "tb"
    # Work as if the route ran top to bottom; swap axes for side-by-side cards.
    def flip(point: Point) -> Point:
        return point if vertical else (point[1], point[0])

    (px, py), (qx, qy) = flip(p), flip(q)
    sign = 1.0 if qy > py else -1.0
    middle = (py + qy) / 2
    room = abs(qy - py) / 2 - 3
    turns = [middle] + [middle + s * k * 6 for k in (1, 2, 3) for s in (-1, 1) if k * 6 <= room]
    turns += [py + sign * min(_STUB, room), qy - sign * min(_STUB, room)]
    routes = [[(px, py), (px, t), (qx, t), (qx, qy)] for t in turns]
    band = Box(min(a.x, b.x) - 1, min(py, qy), max(a.right, b.right) - min(a.x, b.x) + 2, abs(qy - py))
    if not vertical:
        band = Box(min(py, qy), min(a.y, b.y) - 1, abs(qy - py), max(a.bottom, b.bottom) - min(a.y, b.y) + 2)
    near = [flip((box.x, box.y)) + flip((box.right, box.bottom)) for _, box in cards.near(band)]
    y1, y2 = py + sign * _STUB, qy - sign * _STUB
    lows = [min(n[0], n[2]) for n in near if max(n[1], n[3]) > min(y1, y2) and min(n[1], n[3]) < max(y1, y2)]
    highs = [max(n[0], n[2]) for n in near if max(n[1], n[3]) > min(y1, y2) and min(n[1], n[3]) < max(y1, y2)]
    for channel in ((min(lows, default=px) - 12), (max(highs, default=px) + 12)):
        routes.append([(px, py), (px, y1), (channel, y1), (channel, y2), (qx, y2), (qx, qy)])
    return [[flip(point) for point in route] for route in routes]


def _cost(
    route: list[Point], ends: tuple[int, int], cards: _Index, runs: dict[tuple[str, int], list], limit: float
) -> float:
    """100 per card the route crosses, 1 per other link it runs along; stops early above ``limit``."""
    crossings = 0
    for k, (p, q) in enumerate(itertools.pairwise(route)):
        seg = Box(min(p[0], q[0]), min(p[1], q[1]), abs(q[0] - p[0]), abs(q[1] - p[1]))
        for key, box in cards.near(seg):
            if (key == ends[0] and k == 0) or (key == ends[1] and k == len(route) - 2):
                continue
            if _crosses(p, q, box):
                crossings += 1
        if crossings * 100 > limit:
            return math.inf
    along = 0
    for p, q in itertools.pairwise(route):
        if p[1] == q[1] or p[0] == q[0]:
            axis, fixed, lo, hi = ("h", p[1], min(p[0], q[0]), max(p[0], q[0])) if p[1] == q[1] else \
                ("v", p[0], min(p[1], q[1]), max(p[1], q[1]))
            for other_fixed, other_lo, other_hi in runs.get((axis, round(fixed / 4)), ()):
                if abs(other_fixed - fixed) < 2 and min(hi, other_hi) - max(lo, other_lo) > 1:
                    along += 1
    return crossings * 100 + along


def _remember(route: list[Point], runs: dict[tuple[str, int], list]) -> None:
    for p, q in itertools.pairwise(route):
        if p[1] == q[1]:
            run, key = (p[1], min(p[0], q[0]), max(p[0], q[0])), ("h", round(p[1] / 4))
        elif p[0] == q[0]:
            run, key = (p[0], min(p[1], q[1]), max(p[1], q[1])), ("v", round(p[0] / 4))
        else:
            continue
        for near in (-1, 0, 1):  # bucketed by position, so a run 2 points away is found too
            runs.setdefault((key[0], key[1] + near), []).append(run)


def _route_all(edges: list[EdgeSpec], boxes: dict[int, Box], cards: _Index) -> dict[int, list[Point]]:
    relations = {e.index: _relation(boxes[e.from_id], boxes[e.to_id]) for e in edges}
    sides: dict[tuple[int, str], list[tuple[float, int, int]]] = {}
    for e in edges:
        rel = relations[e.index]
        if rel is None:
            continue
        both = ((e.from_id, e.to_id, rel[0]), (e.to_id, e.from_id, rel[1]))
        for end, (pid, other, side) in enumerate(both):
            cx, cy = boxes[other].centre
            sides.setdefault((pid, side), []).append((cx if side in "tb" else cy, e.index, end))
    ports: dict[tuple[int, int], Point] = {}
    for (pid, side), ends in sides.items():
        ends.sort()
        for k, (_, index, end) in enumerate(ends):
            ports[index, end] = _port(boxes[pid], side, k, len(ends))
    runs: dict[tuple[str, int], list] = {}
    result = {}
    for e in edges:
        a, b = boxes[e.from_id], boxes[e.to_id]
        rel = relations[e.index]
        straight = [_clip(a, b.centre), _clip(b, a.centre)]
        options = [straight]
        if rel is not None:
            options = [*_candidates(ports[e.index, 0], ports[e.index, 1], rel, cards, a, b), straight]
        best, best_cost = options[0], math.inf
        for option in options:
            cost = _cost(option, (e.from_id, e.to_id), cards, runs, best_cost)
            if cost < best_cost:
                best, best_cost = option, cost
            if cost == 0:
                break
        _remember(best, runs)
        result[e.index] = best
    return result


def _label_spots(route: list[Point], w: float, h: float) -> Iterator[Box]:
    """Label boxes centred on the route, longest stretch and its middle first."""
    segments = sorted(itertools.pairwise(route),
                      key=lambda s: (-math.dist(s[0], s[1]), s[0], s[1]))
    for (x1, y1), (x2, y2) in segments:
        for f in (0.5, 0.35, 0.65, 0.2, 0.8):
            x, y = x1 + (x2 - x1) * f, y1 + (y2 - y1) * f
            yield Box(x - w / 2, y - h / 2, w, h)


def _middle(route: list[Point]) -> Point:
    lengths = [math.dist(p, q) for p, q in itertools.pairwise(route)]
    half = sum(lengths) / 2
    for (p, q), length in zip(itertools.pairwise(route), lengths, strict=True):
        if half <= length and length > 0:
            f = half / length
            return (p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f)
        half -= length
    return route[0]


def _place_labels(
    edges: list[EdgeSpec], routes: dict[int, list[Point]], cards: _Index, h: float
) -> dict[int, Box]:
    taken = _Index()
    for cell, items in cards.cells.items():
        taken.cells[cell] = list(items)
    labels: dict[int, Box] = {}

    def free(box: Box) -> bool:
        return not any(box.overlaps(other, 0.5) for _, other in taken.near(box))

    for e in edges:
        if not e.label_w:
            continue
        w, route = e.label_w, routes[e.index]
        spot = next((box for box in _label_spots(route, w, h) if free(box)), None)
        if spot is None:
            mx, my = _middle(route)
            for ring in range(1, 80):
                r = ring * (h / 2 + 1)
                for k in range(16):
                    angle = math.pi * 2 * k / 16
                    box = Box(mx + r * 1.6 * math.cos(angle) - w / 2, my + r * math.sin(angle) - h / 2, w, h)
                    if free(box):
                        spot = box
                        break
                if spot is not None:
                    break
        if spot is None:  # still boxed in: below everything placed so far
            bottom = max((b.bottom for items in taken.cells.values() for _, b in items), default=0.0)
            spot = Box(mx - w / 2, bottom + 2, w, h)
        spot = Box(round(spot.x, 2), round(spot.y, 2), w, h)
        labels[e.index] = spot
        taken.add(-1 - e.index, spot)
    return labels


def free_layout(
    specs: dict[int, CardSpec], saved: dict[int, tuple[float, float]], edges: list[EdgeSpec], style: MapStyle
) -> Routed:
    """Keep the saved card centres, place the others, route the links and place the labels."""
    boxes: dict[int, Box] = {}
    cards = _Index()
    for pid in sorted(saved):
        x, y = saved[pid]
        spec = specs[pid]
        boxes[pid] = Box(x - spec.w / 2, y - spec.h / 2, spec.w, spec.h)
        cards.add(pid, boxes[pid])
    linked: dict[int, list[int]] = {}
    for e in edges:
        linked.setdefault(e.from_id, []).append(e.to_id)
        linked.setdefault(e.to_id, []).append(e.from_id)
    for pid in sorted(p for p in specs if p not in saved and p != US_ID):
        anchors = [boxes[o] for o in sorted(set(linked.get(pid, ()))) if o in boxes]
        boxes[pid] = _spot(specs[pid].w, specs[pid].h, anchors, cards, _union(boxes.values()), style.card_gap)
        cards.add(pid, boxes[pid])
    if US_ID in specs:
        everything = _union(boxes.values())
        spec = specs[US_ID]
        boxes[US_ID] = Box(round(everything.x, 2), round(everything.y - 2 * style.card_gap - spec.h, 2),
                           spec.w, spec.h)
        cards.add(US_ID, boxes[US_ID])
    routes = _route_all(edges, boxes, cards)
    points = {index: tuple((round(x, 2), round(y, 2)) for x, y in route) for index, route in routes.items()}
    labels = _place_labels(edges, routes, cards, style.label_h)
    return Routed({pid: (box.x, box.y) for pid, box in boxes.items()}, points, labels)
