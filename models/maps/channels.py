"""Orthogonal routing of the tidy layout's links through the gaps between rows and between columns.

Every link runs down (or up) from a card into a gap between rows, across on a track of that gap and
into the other card; a link between rows further apart crosses over in a lane between two
department columns. Tracks and lanes are given out by interval colouring, so no two links run along
each other, except in a bus: links of one kind from one card to the row below (a boss and the
people, say) and the 自社 card's links share their first stretch, as on an org chart, and one label.

Each label sits on its link's track inside a stretch of the track reserved for that link, which is
what makes "no label overlaps a card or another label" hold by construction: gaps hold no cards,
stretches on one track do not overlap, and tracks are further apart than a label is tall.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from models.maps.types import US_ID, Box, CardSpec, EdgeSpec, MapStyle

TRACK_SEP = 3.0  # least space between two links' stretches on one track
LABEL_MARGIN = 2.0


@dataclass
class Segment:
    """A horizontal run in one gap, shared by the links of a bus, and the vertical runs leaving it."""

    gap: int
    verticals: list[tuple[float, str]]  # x, and 'up' or 'down': where the vertical run goes
    label_w: float = 0.0
    label_edge: int | None = None
    lo: float = 0.0  # the stretch of the track reserved for this run (widened to fit its label)
    hi: float = 0.0
    track: int = 0


@dataclass
class Route:
    spec: EdgeSpec
    shape: str  # 'adjacent' (next row), 'same' (same row) or 'long' (through a lane between columns)
    upper: int
    lower: int
    gap1: int
    gap2: int = 0
    corridor: tuple = ()
    lane: int = 0
    bus: tuple | None = None
    runs: list[tuple[Segment, float, float]] = field(default_factory=list)


def assign(items: list[tuple[float, float, int]], sep: float) -> dict[int, int]:
    """First-fit interval colouring: key → track, intervals on one track at least ``sep`` apart."""
    ends: list[float] = []
    result = {}
    for lo, hi, key in sorted(items):
        for track, end in enumerate(ends):
            if end + sep <= lo:
                ends[track] = hi
                result[key] = track
                break
        else:
            result[key] = len(ends)
            ends.append(hi)
    return result


@dataclass(frozen=True)
class Slot:
    """Where a card sits in the tidy grid: band of columns, row (counted over all bands), column in
    its band, and its place in its cell (0 … 1, left to right)."""

    band: int
    row: int
    column: int
    fraction: float


def _gap_above(slot: Slot) -> int:
    # Gaps are numbered top to bottom; each band adds one below its last row.
    return slot.row + slot.band


def _corridor(band: int, index: int, columns: int) -> tuple:
    if index <= 0:
        return ("L",)
    if index >= columns:
        return ("R",)
    return ("I", band, index)


def plan_routes(
    edges: list[EdgeSpec], slots: dict[int, Slot], columns: list[int]
) -> tuple[list[Route], dict]:
    """The shape of every link's route, its corridor and lane; returns the routes and lanes per corridor.

    Corridors: ("L",) and ("R",) run down the left and right edge of the whole map (links between
    bands use them), ("I", band, i) between columns i-1 and i of one band.
    """
    routes = []
    for edge in edges:
        a, b = edge.from_id, edge.to_id
        if a == US_ID:
            t = slots[b]
            if t.band == 0:
                corridor = _corridor(0, t.column + (0 if t.fraction < 0.5 else 1), columns[0])
            else:
                corridor = ("L",) if (t.column + t.fraction) / columns[t.band] < 0.5 else ("R",)
            routes.append(Route(edge, "long", US_ID, b, -1, _gap_above(t), corridor, bus=("us",)))
            continue
        sa, sb = slots[a], slots[b]
        if sa.row == sb.row:
            routes.append(Route(edge, "same", a, b, _gap_above(sa) + 1))
            continue
        upper, lower = (a, b) if sa.row < sb.row else (b, a)
        su, sd = slots[upper], slots[lower]
        if su.band == sd.band and sd.row - su.row == 1:
            routes.append(Route(edge, "adjacent", upper, lower, _gap_above(sd),
                                bus=("adjacent", upper, edge.kind, sd.row)))
            continue
        if su.band != sd.band:
            where = ((su.column + su.fraction) / columns[su.band]
                     + (sd.column + sd.fraction) / columns[sd.band]) / 2
            corridor = ("L",) if where < 0.5 else ("R",)
        elif su.column == sd.column:
            corridor = _corridor(su.band, su.column + (0 if su.fraction + sd.fraction < 1.0 else 1),
                                 columns[su.band])
        else:
            side = su.column + 1 if su.column < sd.column else su.column
            corridor = _corridor(su.band, side, columns[su.band])
        routes.append(Route(edge, "long", upper, lower, _gap_above(su) + 1, _gap_above(sd), corridor))
    members: dict[tuple, int] = {}
    for route in routes:
        if route.bus is not None:
            members[route.bus] = members.get(route.bus, 0) + 1
    for route in routes:
        if route.bus is not None and route.bus != ("us",) and members[route.bus] < 2:
            route.bus = None
    by_corridor: dict[tuple, dict[object, tuple[float, float]]] = {}
    for i, route in enumerate(routes):
        if route.shape == "long":
            key = "us" if route.bus else i  # the 自社 links in one corridor share a lane
            spans = by_corridor.setdefault(route.corridor, {})
            lo, hi = spans.get(key, (route.gap1, route.gap2))
            spans[key] = (min(lo, route.gap1), max(hi, route.gap2))
    lanes: dict[tuple, int] = {}
    for corridor, spans in by_corridor.items():
        keys = sorted(spans, key=lambda k: (-1, 0) if k == "us" else (0, k))
        assigned = assign([(*spans[k], n) for n, k in enumerate(keys)], 1)  # 1: no gap shared
        lane_of = {k: assigned[n] for n, k in enumerate(keys)}
        for i, route in enumerate(routes):
            if route.shape == "long" and route.corridor == corridor:
                route.lane = lane_of["us" if route.bus else i]
        lanes[corridor] = max(assigned.values()) + 1
    return routes, lanes


def ports(routes: list[Route], specs: dict[int, CardSpec], cx: dict[int, float],
          lane_x: Callable[[Route], float]) -> dict[tuple[int, int], float]:
    """x of each route's two ends (0: upper card, 1: lower card), spread along each card's side in the
    order of where the links go; a bus leaves its card from one shared point."""
    sides: dict[tuple[int, str], dict[object, list[float]]] = {}
    for i, route in enumerate(routes):
        toward_upper = lane_x(route) if route.shape == "long" else cx[route.lower]
        toward_lower = lane_x(route) if route.shape == "long" else cx[route.upper]
        upper_key = route.bus if route.bus is not None else (i, 0)
        sides.setdefault((route.upper, "b"), {}).setdefault(upper_key, []).append(toward_upper)
        lower_side = "b" if route.shape == "same" else "t"
        sides.setdefault((route.lower, lower_side), {}).setdefault((i, 1), []).append(toward_lower)
    at: dict[object, float] = {}
    for (pid, _), ends in sides.items():
        w = specs[pid].w
        order = sorted(ends, key=lambda k: (sum(ends[k]) / len(ends[k]), repr(k)))
        for n, key in enumerate(order):
            at[key] = round(cx[pid] - w / 2 + w * (n + 1) / (len(order) + 1), 2)
    result = {}
    for i, route in enumerate(routes):
        result[i, 0] = at[route.bus if route.bus is not None else (i, 0)]
        result[i, 1] = at[i, 1]
    return result


def segments(routes: list[Route], port: dict[tuple[int, int], float],
             lane_x: Callable[[Route], float]) -> dict[int, list[Segment]]:
    """Cut every route into runs on segments, give each segment a track; returns segments by gap."""
    buses: dict[tuple, Segment] = {}
    for i, route in enumerate(routes):
        pu, pl, label_w, index = port[i, 0], port[i, 1], route.spec.label_w, route.spec.index
        if route.shape == "adjacent":
            if route.bus is not None:
                seg = buses.get(route.bus)
                if seg is None:
                    seg = buses[route.bus] = Segment(route.gap1, [(pu, "up")], label_w, index)
                seg.verticals.append((pl, "down"))
            else:
                seg = Segment(route.gap1, [(pu, "up"), (pl, "down")], label_w, index)
            route.runs = [(seg, pu, pl)]
        elif route.shape == "same":
            route.runs = [(Segment(route.gap1, [(pu, "up"), (pl, "up")], label_w, index), pu, pl)]
        else:
            lx = lane_x(route)
            if route.bus is not None:  # 自社: one run from its card to every lane it uses
                first = buses.get(route.bus)
                if first is None:
                    first = buses[route.bus] = Segment(route.gap1, [(pu, "up")])
                if (lx, "down") not in first.verticals:
                    first.verticals.append((lx, "down"))
                second = Segment(route.gap2, [(lx, "up"), (pl, "down")], label_w, index if label_w else None)
            else:
                first = Segment(route.gap1, [(pu, "up"), (lx, "down")])
                second = Segment(route.gap2, [(lx, "up"), (pl, "down")])
                carrier = second if abs(pl - lx) > abs(lx - pu) else first
                carrier.label_w, carrier.label_edge = label_w, index
            route.runs = [(first, pu, lx), (second, lx, pl)]
    by_gap: dict[int, list[Segment]] = {}
    seen: set[int] = set()
    for route in routes:
        for seg, _, _ in route.runs:
            if id(seg) in seen:
                continue
            seen.add(id(seg))
            xs = [x for x, _ in seg.verticals]
            lo, hi = min(xs), max(xs)
            need = seg.label_w + 2 * LABEL_MARGIN if seg.label_w else 0.0
            if hi - lo < need:
                mid = (lo + hi) / 2
                lo, hi = mid - need / 2, mid + need / 2
            seg.lo, seg.hi = lo, hi
            by_gap.setdefault(seg.gap, []).append(seg)
    for segs in by_gap.values():
        assigned = assign([(s.lo, s.hi, k) for k, s in enumerate(segs)], TRACK_SEP)
        for k, seg in enumerate(segs):
            seg.track = assigned[k]
    return by_gap


def labels(routes: list[Route], by_gap: dict[int, list[Segment]], track_y: Callable[[Segment], float],
           lane_x: Callable[[Route], float], style: MapStyle) -> dict[int, Box]:
    """Each label on its run's track, slid within the run's own stretch off other links' vertical runs."""
    through: dict[int, set[float]] = {}  # gap → x of lanes crossing the whole gap
    for route in routes:
        if route.shape == "long":
            for gap in range(route.gap1 + 1, route.gap2):
                through.setdefault(gap, set()).add(lane_x(route))
    result: dict[int, Box] = {}
    h = style.label_h
    for gap, segs in sorted(by_gap.items()):
        for seg in segs:
            if not seg.label_w or seg.label_edge is None:
                continue
            half = seg.label_w / 2
            blocked = sorted(through.get(gap, ()))
            for other in segs:
                for x, way in other.verticals:
                    if other is seg or (way == "up" and seg.track < other.track) or (
                            way == "down" and seg.track > other.track):
                        blocked.append(x)
            low, high = seg.lo + LABEL_MARGIN + half, seg.hi - LABEL_MARGIN - half
            xs = [x for x, _ in seg.verticals]
            mid = min(max((min(xs) + max(xs)) / 2, low), high)
            spans = [(x - half - 1.5, x + half + 1.5) for x in blocked]
            candidates = sorted({mid, *(min(max(v, low), high) for span in spans for v in span)},
                                key=lambda v: (abs(v - mid), v))
            centre = next((v for v in candidates if all(not (a < v < b) for a, b in spans)), mid)
            y = round(track_y(seg) - h / 2, 2)
            result[seg.label_edge] = Box(round(centre - half, 2), y, seg.label_w, h)
    return result


def simplify(path: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """Round, drop repeated points and the middle of three points on one straight line."""
    out: list[tuple[float, float]] = []
    for x, y in path:
        point = (round(x, 2), round(y, 2))
        if out and out[-1] == point:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == point[0]) or (y0 == y1 == point[1]):
                out[-1] = point
                continue
        out.append(point)
    if len(out) == 1:
        out.append(out[0])
    return tuple(out)
