"""The relationship map on paper: the ``MapLayout`` of ``models/maps/layout.py`` as reportlab vector shapes.

The same cards, links, labels and department columns as on screen, in the embedded font, scaled
down (never up) to fit the width and height given. Layout y grows downwards; PDF y grows upwards,
so every y is flipped inside the drawing's height.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Literal

from reportlab.graphics.shapes import Drawing, Group, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from models.maps.layout import (
    EDGE_STYLE,
    GREYED_COLOUR,
    RECENCY_STYLE,
    ROLE_COLOURS,
    Box,
    MapCard,
    MapEdge,
    MapLayout,
    MapStyle,
    TextBox,
)
from reports.fonts import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1F2328")
MUTED = colors.HexColor("#6B7280")
GREY_INK = colors.HexColor("#8A9096")
ALERT = colors.HexColor("#B42318")
COLUMN = colors.HexColor("#F4F6F9")
HEADER = colors.HexColor("#1F3A5F")
WHITE = colors.white
ARROW = 4.5
MAP_MAX_HEIGHT = 62 * mm  # on the briefing sheet: room for the map without pushing the rest over


def pdf_measure(text: str, size: float) -> float:
    """Width of ``text`` in the embedded font (the wider of the two faces), for ``MapStyle.measure``."""
    register_fonts()
    return max(pdfmetrics.stringWidth(text, REGULAR, size), pdfmetrics.stringWidth(text, BOLD, size))


def pdf_style() -> MapStyle:
    return MapStyle(measure=pdf_measure)


class _Canvas:
    """Adds shapes to a group in layout coordinates, flipping y inside ``height``."""

    def __init__(self, group: Group, height: float, plain: Callable[[str], str]):
        self.group = group
        self.height = height
        self.plain = plain

    def y(self, value: float) -> float:
        return self.height - value

    def rect(self, x: float, y: float, w: float, h: float, *, fill=None, stroke=None, width: float = 0.6,
             radius: float = 0.0, dash: tuple[float, float] | None = None) -> None:
        # types-reportlab types Rect's **kw without Unpack, so every keyword reads as a wrong type.
        self.group.add(Rect(x, self.y(y + h), w, h, rx=radius, ry=radius, fillColor=fill, strokeColor=stroke,
                            strokeWidth=width, strokeDashArray=list(dash) if dash else None))  # type: ignore[arg-type]

    def text(self, box: TextBox, colour, *, centred: bool = False) -> None:
        font = BOLD if box.bold else REGULAR
        shown = self.plain(box.text)
        ascent, descent = pdfmetrics.getAscentDescent(font, box.size)
        baseline = box.y + box.h / 2 + (ascent + descent) / 2
        anchor: Literal["start", "middle"]
        if centred:
            x = box.x + box.w / 2
            anchor = "middle"
        else:
            x, anchor = box.x, "start"
        self.group.add(String(x, self.y(baseline), shown, fontName=font, fontSize=box.size, fillColor=colour,
                              textAnchor=anchor))


def _card(canvas: _Canvas, card: MapCard) -> None:
    if card.is_us:
        us = colors.HexColor(EDGE_STYLE["us"][0])
        canvas.rect(card.x, card.y, card.w, card.h, fill=colors.HexColor("#EAF2FB"), stroke=us, width=1.0,
                    radius=6)
        canvas.text(card.name, us, centred=True)
        return
    colour, width, dashed = RECENCY_STYLE.get(card.recency, RECENCY_STYLE["never"])
    stroke = colors.HexColor(GREYED_COLOUR if card.greyed else colour)
    fill = colors.HexColor("#F1F2F3") if card.greyed else WHITE
    canvas.rect(card.x, card.y, card.w, card.h, fill=fill, stroke=stroke, width=width, radius=3,
                dash=(2.5, 1.5) if dashed else None)
    canvas.text(card.name, GREY_INK if card.greyed else INK)
    if card.subtitle is not None:
        canvas.text(card.subtitle, MUTED)
    if card.badge is not None:
        b = card.badge
        role = GREYED_COLOUR if card.greyed else ROLE_COLOURS.get(card.role, ROLE_COLOURS["other"])
        canvas.rect(b.x, b.y, b.w, b.h, fill=colors.HexColor(role), stroke=None, width=0, radius=1.5)
        canvas.text(b, WHITE, centred=True)
    if card.status is not None:
        canvas.text(card.status, ALERT if card.greyed else MUTED)


def _outside(a: tuple[float, float], b: tuple[float, float], boxes: list[Box]) -> list[tuple]:
    """The parts of the straight segment a–b not under any of ``boxes`` (labels sit on lines; the
    line stops at the label instead of running beneath its text)."""
    parts = [(a, b)]
    for box in boxes:
        kept = []
        for (x0, y0), (x1, y1) in parts:
            if x0 == x1 and box.x < x0 < box.right:  # vertical
                low, high = sorted((y0, y1))
                cuts = [(low, min(high, box.y)), (max(low, box.bottom), high)]
                kept += [((x0, s), (x0, e)) for s, e in cuts if e - s > 0.01]
            elif y0 == y1 and box.y < y0 < box.bottom:  # horizontal
                low, high = sorted((x0, x1))
                cuts = [(low, min(high, box.x)), (max(low, box.right), high)]
                kept += [((s, y0), (e, y0)) for s, e in cuts if e - s > 0.01]
            else:
                kept.append(((x0, y0), (x1, y1)))
        parts = kept
    return parts


def _edge(canvas: _Canvas, edge: MapEdge, labels: list[Box]) -> None:
    colour, dashed = EDGE_STYLE.get(edge.kind, ("#555555", False))
    stroke = colors.HexColor(GREYED_COLOUR if edge.greyed else colour)
    for a, b in zip(edge.points, edge.points[1:], strict=False):
        for (x0, y0), (x1, y1) in _outside(a, b, labels):
            # None draws a solid line; types-reportlab leaves it out of strokeDashArray.
            canvas.group.add(PolyLine([x0, canvas.y(y0), x1, canvas.y(y1)], strokeColor=stroke,
                                      strokeWidth=0.9, strokeDashArray=[3, 2] if dashed else None))  # type: ignore[arg-type]
    if edge.directed and len(edge.points) >= 2:
        (x0, y0), (x1, y1) = edge.points[-2], edge.points[-1]
        angle = math.atan2(y1 - y0, x1 - x0)
        head = [x1, canvas.y(y1)]
        for turn in (-0.45, 0.45):
            head += [x1 - ARROW * math.cos(angle + turn), canvas.y(y1 - ARROW * math.sin(angle + turn))]
        canvas.group.add(Polygon(head, fillColor=stroke, strokeColor=None, strokeWidth=0))


def _label(canvas: _Canvas, edge: MapEdge) -> None:
    if edge.label is None:
        return
    b = edge.label
    colour = colors.HexColor(GREYED_COLOUR if edge.greyed else EDGE_STYLE.get(edge.kind, ("#555555",))[0])
    canvas.rect(b.x, b.y, b.w, b.h, fill=WHITE, stroke=colour, width=0.4, radius=1.5)
    canvas.text(b, colour, centred=True)


def map_drawing(layout: MapLayout, width: float, max_height: float,
                plain: Callable[[str], str] | None = None) -> Drawing:
    """The map as a Drawing at most ``width`` × ``max_height`` points (scaled down to fit, never up).

    ``plain`` replaces characters the font lacks (``Texts.plain``); by default text is drawn as is.
    """
    register_fonts()
    b = layout.bounds
    scale = min(1.0, width / b.w if b.w else 1.0, max_height / b.h if b.h else 1.0)
    group = Group()
    canvas = _Canvas(group, b.y + b.h, plain or (lambda text: text))
    for header in layout.headers:
        col = header.column
        canvas.rect(col.x, col.y, col.w, col.h, fill=COLUMN, stroke=None, width=0, radius=4)
        canvas.text(header.text, HEADER)
    labels = [edge.label.box for edge in layout.edges if edge.label is not None]
    for edge in layout.edges:
        _edge(canvas, edge, labels)
    for card in (*layout.cards, *((layout.us,) if layout.us else ())):
        _card(canvas, card)
    for edge in layout.edges:
        _label(canvas, edge)
    group.transform = (scale, 0, 0, scale, -b.x * scale, 0)
    # The renderer starts every drawing in its default font (Helvetica, which is not embedded) unless
    # the drawing names another one.
    drawing = Drawing(b.w * scale, b.h * scale, initialFontName=REGULAR, initialFontSize=8)
    drawing.add(group)
    return drawing


def drawing_scale(layout: MapLayout, width: float, max_height: float) -> float:
    """The scale ``map_drawing`` uses for these bounds."""
    b = layout.bounds
    return min(1.0, width / b.w if b.w else 1.0, max_height / b.h if b.h else 1.0)
