""""Tidy up": a layered layout with departments as columns and bosses above their people.

1. Rows and columns (``models/maps/rows.py``): the longest path down the reports_to links puts every
   boss in a row above their people; people outside any reporting line go to the emptiest row of
   their department, near those they are linked to; departments are columns, wrapped into bands
   when the map would otherwise be far wider than ``MapStyle.aspect``.
2. Order: barycentre sweeps within each (department, row) cell to reduce crossings.
3. x: cards packed in their cell, each pulled towards the people it links to (isotonic regression
   keeps the order and the spacing), all within the department's column.
4. Links (``models/maps/channels.py``): routed orthogonally through the gaps between rows and between
   columns, each on its own track or lane, each label on its link's own stretch of track, so no
   label overlaps a card or another label.
"""

from __future__ import annotations

from models.maps import channels
from models.maps import rows as map_rows
from models.maps.types import (
    NO_DEPARTMENT,
    US_ID,
    Box,
    CardSpec,
    EdgeSpec,
    MapPerson,
    MapStyle,
    Routed,
    department_key,
)

_GAP_PAD = 2.0
_CORRIDOR_PAD = 8.0
_HEADER_PAD = 8.0
_BAND_PAD = 6.0


class _Grid:
    """Cells of (column, row) holding people in left-to-right order. Rows are counted over all bands,
    so a (column, row) pair names one cell even though every band has its own column 0."""

    def __init__(self, ids: list[int], column: dict[int, int], row: dict[int, int]):
        self.column, self.row = column, row
        self.cells: dict[tuple[int, int], list[int]] = {}
        for pid in ids:
            self.cells.setdefault((column[pid], row[pid]), []).append(pid)
        self.by_row: dict[int, list[list[int]]] = {}
        for key in sorted(self.cells):
            self.by_row.setdefault(key[1], []).append(self.cells[key])
        self.index: dict[int, int] = {}
        for cell in self.cells.values():
            self._reindex(cell)

    def _reindex(self, cell: list[int]) -> None:
        for i, pid in enumerate(cell):
            self.index[pid] = i

    def fraction(self, pid: int) -> float:
        return (self.index[pid] + 0.5) / len(self.cells[self.column[pid], self.row[pid]])

    def position(self, pid: int) -> float:
        return self.column[pid] + self.fraction(pid)

    def near(
        self, pid: int, nbrs: dict[int, list[tuple[int, float]]], downwards: bool
    ) -> list[tuple[int, float]]:
        """Linked people in rows above (``downwards``) or below, with the links' weights."""
        row = self.row[pid]
        return [(u, w) for u, w in nbrs[pid] if self.row[u] != row and (self.row[u] < row) == downwards]

    def order(self, nbrs: dict[int, list[tuple[int, float]]], rows: int, sweeps: int = 4) -> None:
        """Barycentre sweeps: sort each cell by the mean position of its links in other rows."""
        for sweep in range(sweeps):
            downwards = sweep % 2 == 0
            for row in range(rows) if downwards else range(rows - 1, -1, -1):
                for cell in self.by_row.get(row, ()):
                    if len(cell) < 2:
                        continue
                    centre = {}
                    for pid in cell:
                        near = self.near(pid, nbrs, downwards) or self.near(pid, nbrs, not downwards)
                        total = sum(w for _, w in near)
                        centre[pid] = (sum(w * self.position(u) for u, w in near) / total if near
                                       else self.position(pid))
                    cell.sort(key=lambda p: (centre[p], self.index[p]))
                    self._reindex(cell)


def _isotonic(targets: list[float]) -> list[float]:
    """Least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, count]
    for value in targets:
        blocks.append([value, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1] = [(blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count),
                          blocks[-1][1] + count]
    fitted: list[float] = []
    for mean, count in blocks:
        fitted.extend([mean] * int(count))
    return fitted


def _pack(widths: list[float], desired: list[float], left: float, right: float, gap: float) -> list[float]:
    """Centres in order, at least ``gap`` apart, within [left, right], as close to ``desired`` as can be."""
    offsets = [0.0]
    for i in range(1, len(widths)):
        offsets.append(offsets[-1] + widths[i - 1] / 2 + gap + widths[i] / 2)
    fitted = _isotonic([d - o for d, o in zip(desired, offsets, strict=True)])
    low = left + widths[0] / 2
    high = right - widths[-1] / 2 - offsets[-1]
    return [min(max(y, low), max(low, high)) + o for y, o in zip(fitted, offsets, strict=True)]


def _xs(
    grid: _Grid, specs: dict[int, CardSpec], nbrs: dict[int, list[tuple[int, float]]],
    bounds: dict[tuple[int, int], tuple[float, float]], rows: int, gap: float,
) -> dict[int, float]:
    """Card centres: packed in their cell, pulled towards linked people above, below, then above.

    ``bounds`` holds each cell's column as (left, right).
    """
    cx: dict[int, float] = {}
    for key, cell in sorted(grid.cells.items()):
        widths = [specs[p].w for p in cell]
        left, right = bounds[key]
        x = left + (right - left - sum(widths) - gap * (len(cell) - 1)) / 2
        for pid, w in zip(cell, widths, strict=True):
            cx[pid] = x + w / 2
            x += w + gap
    for downwards in (True, False, True):
        for row in range(rows) if downwards else range(rows - 1, -1, -1):
            for cell in grid.by_row.get(row, ()):
                desired = []
                for pid in cell:
                    near = grid.near(pid, nbrs, downwards)
                    total = sum(w for _, w in near)
                    desired.append(sum(w * cx[u] for u, w in near) / total if near else cx[pid])
                left, right = bounds[grid.column[cell[0]], row]
                for pid, x in zip(cell, _pack([specs[p].w for p in cell], desired, left, right, gap),
                                  strict=True):
                    cx[pid] = x
    return cx


def tidy_layout(
    specs: dict[int, CardSpec], people: dict[int, MapPerson], edges: list[EdgeSpec], style: MapStyle
) -> Routed:
    """Compute the tidy layout; see the module docstring for the steps."""
    ids = sorted(pid for pid in specs if pid != US_ID)
    has_us = US_ID in specs
    if not ids:
        corners = {US_ID: (style.margin, style.margin)} if has_us else {}
        return Routed(corners, {}, {})
    dept = {pid: department_key(people[pid].department) for pid in ids}
    person_edges = [e for e in edges if e.from_id != US_ID]
    nbrs = map_rows.neighbours(ids, person_edges)
    line_layer, kept = map_rows.layers(ids, person_edges)
    layer = map_rows.place_loose(ids, line_layer, dept, nbrs)
    order = map_rows.department_order(ids, layer, dept, person_edges)

    # Departments: their width (widest row), tallest card per row, title.
    show_headers = any(order)
    header_h = style.header_size * 1.6 if show_headers else 0.0
    cell_width: dict[tuple[str, int], float] = {}
    height: dict[str, dict[int, float]] = {d: {} for d in order}
    for pid in ids:
        key = (dept[pid], layer[pid])
        cell_width[key] = cell_width.get(key, -style.card_gap) + specs[pid].w + style.card_gap
        height[dept[pid]][layer[pid]] = max(height[dept[pid]].get(layer[pid], 0.0), specs[pid].h)
    title = {d: next(((people[p].department or "").strip() for p in ids
                      if dept[p] == d and people[p].department), "")
             or NO_DEPARTMENT for d in order}
    width = {d: 0.0 for d in order}
    for (d, _), w in cell_width.items():
        width[d] = max(width[d], w)
    if show_headers:
        for d in order:
            width[d] = max(width[d], style.measure(title[d], style.header_size) + 2 * _HEADER_PAD)
    bands = map_rows.bands(map_rows.department_units(order, kept, dept), width, height, style.column_gap,
                           style.row_gap + 8, header_h, style.aspect)

    # Rows: each band has the rows its people use, numbered top to bottom over all bands.
    band_of = {d: b for b, band in enumerate(bands) for d in band}
    column = {pid: bands[band_of[dept[pid]]].index(dept[pid]) for pid in ids}
    band_rows: list[list[int]] = []
    row_of: dict[int, int] = {}
    for b in range(len(bands)):
        used = sorted({layer[p] for p in ids if band_of[dept[p]] == b})
        first = sum(len(r) for r in band_rows)
        band_rows.append(list(range(first, first + len(used))))
        for p in ids:
            if band_of[dept[p]] == b:
                row_of[p] = first + used.index(layer[p])
    rows = sum(len(r) for r in band_rows)
    grid = _Grid(ids, column, row_of)
    grid.order(nbrs, rows)
    slots = {pid: channels.Slot(band_of[dept[pid]], row_of[pid], column[pid], grid.fraction(pid))
             for pid in ids}
    routes, lanes = channels.plan_routes(edges, slots, [len(band) for band in bands])

    # x: the left edge corridor, each band's columns with the corridors between them, the right edge.
    def room(corridor: tuple) -> float:
        return 2 * _CORRIDOR_PAD + (lanes[corridor] - 1) * style.lane_spacing if corridor in lanes else 0.0

    corridor_at: dict[tuple, tuple[float, float]] = {("L",): (style.margin, room(("L",)))}
    first_x = style.margin + room(("L",))
    col_left: dict[tuple[int, int], float] = {}
    right = first_x
    for b, band in enumerate(bands):
        x = first_x
        for c, d in enumerate(band):
            if c:
                w = max(style.column_gap, room(("I", b, c)))
                corridor_at["I", b, c] = (x, w)
                x += w
            col_left[b, c] = x
            x += width[d]
        right = max(right, x)
    corridor_at["R",] = (right, room(("R",)))

    def lane_x(route: channels.Route) -> float:
        left, w = corridor_at[route.corridor]
        n = lanes[route.corridor]
        return round(left + (w - (n - 1) * style.lane_spacing) / 2 + route.lane * style.lane_spacing, 2)

    bounds = {}
    for (c, r), cell in grid.cells.items():
        b = band_of[dept[cell[0]]]
        bounds[c, r] = (col_left[b, c], col_left[b, c] + width[bands[b][c]])
    cx = _xs(grid, specs, nbrs, bounds, rows, style.card_gap)
    if has_us:
        cx[US_ID] = first_x + specs[US_ID].w / 2
    port = channels.ports(routes, specs, cx, lane_x)
    by_gap = channels.segments(routes, port, lane_x)
    tracks = {gap: max(s.track for s in segs) + 1 for gap, segs in by_gap.items()}

    # y: the 自社 card, then each band: department headers, rows of cards and the gaps between them.
    spacing = style.track_spacing

    def gap_height(gap: int, least: float) -> float:
        n = tracks.get(gap, 0)
        return max(least, 2 * _GAP_PAD + n * spacing) if n else least

    row_height = [0.0] * rows
    for pid in ids:
        row_height[row_of[pid]] = max(row_height[row_of[pid]], specs[pid].h)
    y = style.margin
    gap_top: dict[int, float] = {}
    height_of: dict[int, float] = {}
    top: dict[int, float] = {}
    if has_us:
        top[US_ID] = y
        gap_top[-1] = y + specs[US_ID].h
        height_of[-1] = gap_height(-1, 10.0)
        y = gap_top[-1] + height_of[-1]
    header_y: list[float] = []
    band_bottom: list[float] = []
    row_top: dict[int, float] = {}
    for b, band_row in enumerate(band_rows):
        header_y.append(y)
        y += header_h
        for k, r in enumerate(band_row):
            gap_top[r + b] = y
            height_of[r + b] = gap_height(r + b, 6.0 if k == 0 else style.row_gap)
            row_top[r] = y + height_of[r + b]
            y = row_top[r] + row_height[r]
        band_bottom.append(y)
        below = band_row[-1] + 1 + b
        gap_top[below] = y
        height_of[below] = gap_height(below, style.row_gap if b < len(bands) - 1 else 0.0)
        y += height_of[below]
    for pid in ids:
        top[pid] = row_top[row_of[pid]]

    def track_y(seg: channels.Segment) -> float:
        offset = (height_of[seg.gap] - tracks[seg.gap] * spacing) / 2 + (seg.track + 0.5) * spacing
        return round(gap_top[seg.gap] + offset, 2)

    points: dict[int, tuple[tuple[float, float], ...]] = {}
    for i, route in enumerate(routes):
        upper, lower = route.upper, route.lower
        path = [(port[i, 0], top[upper] + specs[upper].h)]
        for seg, xa, xb in route.runs:
            path += [(xa, track_y(seg)), (xb, track_y(seg))]
        path.append((port[i, 1], top[lower] + (specs[lower].h if route.shape == "same" else 0.0)))
        if route.spec.from_id != upper:
            path.reverse()
        points[route.spec.index] = channels.simplify(path)

    labels = channels.labels(routes, by_gap, track_y, lane_x, style)
    corners = {pid: (round(cx[pid] - specs[pid].w / 2, 2), round(top[pid], 2)) for pid in cx}
    headers = []
    if show_headers:
        for b, band in enumerate(bands):
            for c, d in enumerate(band):
                left = col_left[b, c]
                text = Box(round(left, 2), round(header_y[b], 2), round(width[d], 2), round(header_h, 2))
                tall = band_bottom[b] + _BAND_PAD - header_y[b] + 2
                area = Box(round(left - _BAND_PAD, 2), round(header_y[b] - 2, 2),
                           round(width[d] + 2 * _BAND_PAD, 2), round(tall, 2))
                headers.append((title[d], text, area))
    return Routed(corners, points, labels, tuple(headers))
