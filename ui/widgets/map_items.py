"""The map's pieces as Qt graphics items (cards, links, labels, department columns) and their text.

Layout units are drawn as pixels at zoom 1. Text is painted with a 100 px font scaled down to the
layout's size, so the same metric sizes the cards (``qt_style``) on screen, in PNG and in SVG.
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from models.accounts.vocab import RELATIONSHIP_KIND
from models.maps.layout import (
    EDGE_STYLE,
    GREYED_COLOUR,
    RECENCY_STYLE,
    ROLE_COLOURS,
    MapCard,
    MapEdge,
    MapStyle,
    TextBox,
)

_BASE_PX = 100.0
HIGHLIGHT = QColor("#F5B700")
SELECTED = QColor("#1565C0")
INK = QColor("#1F2328")
MUTED = QColor("#6B7280")


@functools.cache
def _font(bold: bool) -> QFont:
    font = QFont(QApplication.font().family())
    font.setPixelSize(int(_BASE_PX))
    font.setBold(bold)
    return font


@functools.cache
def _metrics(bold: bool) -> QFontMetricsF:
    return QFontMetricsF(_font(bold))


def qt_measure(text: str, size: float) -> float:
    """Width of ``text`` at ``size`` layout units in the app font (bold: the widest of the two faces)."""
    return max(_metrics(False).horizontalAdvance(text), _metrics(True).horizontalAdvance(text)) \
        * size / _BASE_PX * 1.02


def qt_style() -> MapStyle:
    """The map style measured with the app font."""
    return MapStyle(measure=qt_measure)


_text_as_paths = False


class TextAsPaths:
    """Within this block text is drawn as outlines: an exported SVG then needs no Japanese font."""

    def __enter__(self) -> None:
        global _text_as_paths
        _text_as_paths = True

    def __exit__(self, *exc) -> None:
        global _text_as_paths
        _text_as_paths = False


def draw_text(painter: QPainter, box: TextBox, colour: QColor, *, centred: bool = False) -> None:
    """Draw ``box.text`` left-aligned (or centred) and vertically centred in the box."""
    metrics = _metrics(box.bold)
    scale = box.size / _BASE_PX
    width = metrics.horizontalAdvance(box.text) * scale
    x = box.x + ((box.w - width) / 2 if centred else 0)
    baseline = box.y + box.h / 2 + (metrics.ascent() - metrics.descent()) / 2 * scale
    painter.save()
    painter.setFont(_font(box.bold))
    painter.setPen(colour)
    painter.translate(x, baseline)
    painter.scale(scale, scale)
    if _text_as_paths:
        path = QPainterPath()
        path.addText(QPointF(0, 0), _font(box.bold), box.text)
        painter.fillPath(path, colour)
    else:
        painter.drawText(QPointF(0, 0), box.text)
    painter.restore()


def _kind_text(kind: str) -> str:
    from ui.i18n import label

    if kind == "successor":
        return QApplication.translate("MapView", "Successor")
    if kind == "us":
        return QApplication.translate("MapView", "Us")
    return label(RELATIONSHIP_KIND, kind)


class CardItem(QGraphicsItem):
    """One person's card (or the 自社 card). Movable and selectable; drawn in layout coordinates."""

    def __init__(self, card: MapCard):
        super().__init__()
        self.card = card
        self.contact_id = card.contact_id
        self.highlighted = False
        flags = QGraphicsItem.GraphicsItemFlag
        if not card.is_us:
            self.setFlags(flags.ItemIsMovable | flags.ItemIsSelectable | flags.ItemIsFocusable)
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.start = QPointF(0, 0)

    def boundingRect(self) -> QRectF:
        c = self.card
        return QRectF(c.x - 4, c.y - 4, c.w + 8, c.h + 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(self.card.x, self.card.y, self.card.w, self.card.h))
        return path

    def centre(self) -> tuple[float, float]:
        x, y = self.card.centre
        return (round(x + self.pos().x(), 2), round(y + self.pos().y(), 2))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None):
        c = self.card
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(c.x, c.y, c.w, c.h)
        if self.highlighted or self.isSelected():
            glow = QPen(HIGHLIGHT if self.highlighted else SELECTED, 3.2)
            painter.setPen(glow)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2.5, -2.5, 2.5, 2.5), 6, 6)
        if c.is_us:
            painter.setPen(QPen(QColor(EDGE_STYLE["us"][0]), 1.4))
            painter.setBrush(QColor("#EAF2FB"))
            painter.drawRoundedRect(rect, 10, 10)
            draw_text(painter, c.name, QColor(EDGE_STYLE["us"][0]), centred=True)
            return
        colour, width, dashed = RECENCY_STYLE.get(c.recency, RECENCY_STYLE["never"])
        pen = QPen(QColor(GREYED_COLOUR if c.greyed else colour), width)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor("#F1F2F3" if c.greyed else "#FFFFFF"))
        painter.drawRoundedRect(rect, 4, 4)
        role = QColor(GREYED_COLOUR if c.greyed else ROLE_COLOURS.get(c.role, ROLE_COLOURS["other"]))
        ink = QColor("#8A9096") if c.greyed else INK
        draw_text(painter, c.name, ink)
        if c.subtitle is not None:
            draw_text(painter, c.subtitle, MUTED)
        if c.badge is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(role)
            b = c.badge
            painter.drawRoundedRect(QRectF(b.x, b.y, b.w, b.h), 2.5, 2.5)
            draw_text(painter, b, QColor("#FFFFFF"), centred=True)
        if c.status is not None:
            draw_text(painter, c.status, QColor("#B42318") if c.greyed else MUTED)


class EdgeItem(QGraphicsPathItem):
    """One routed link with its arrow head and label; selectable, tooltip with note, as-of, source."""

    def __init__(self, edge: MapEdge):
        super().__init__()
        self.edge = edge
        self.relationship_id = edge.relationship_id
        path = QPainterPath(QPointF(*edge.points[0]))
        for x, y in edge.points[1:]:
            path.lineTo(x, y)
        self.setPath(path)
        colour, dashed = EDGE_STYLE.get(edge.kind, ("#555555", False))
        self.colour = QColor(GREYED_COLOUR if edge.greyed else colour)
        pen = QPen(self.colour, 1.3)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setZValue(1)
        if edge.relationship_id is not None:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        lines = [_kind_text(self.edge.kind)]
        if self.edge.note:
            lines.append(QApplication.translate("MapView", "Note: %1").replace("%1", self.edge.note))
        if self.edge.as_of:
            as_of = self.edge.as_of.replace("-", "/")
            lines.append(QApplication.translate("MapView", "As of: %1").replace("%1", as_of))
        if self.edge.source:
            lines.append(QApplication.translate("MapView", "Source: %1").replace("%1", self.edge.source))
        return "\n".join(lines)

    def _head(self) -> QPolygonF | None:
        points = self.edge.points
        if not self.edge.directed or len(points) < 2:
            return None
        (x0, y0), (x1, y1) = points[-2], points[-1]
        angle = math.atan2(y1 - y0, x1 - x0)
        size = 6.5
        left = QPointF(x1 - size * math.cos(angle - 0.45), y1 - size * math.sin(angle - 0.45))
        right = QPointF(x1 - size * math.cos(angle + 0.45), y1 - size * math.sin(angle + 0.45))
        return QPolygonF([QPointF(x1, y1), left, right])

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect().adjusted(-8, -8, 8, 8)
        if self.edge.label is not None:
            b = self.edge.label
            rect = rect.united(QRectF(b.x, b.y, b.w, b.h))
        return rect

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        shape = stroker.createStroke(self.path())
        if self.edge.label is not None:
            b = self.edge.label
            shape.addRect(QRectF(b.x, b.y, b.w, b.h))
        return shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.pen())
        if self.isSelected():
            pen.setColor(SELECTED)
            pen.setWidthF(2.6)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        head = self._head()
        if head is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pen.color())
            painter.drawPolygon(head)


class LabelItem(QGraphicsItem):
    """A link's label on a filled background, drawn above every line (labels never sit on cards)."""

    def __init__(self, edge_item: EdgeItem):
        super().__init__()
        self.edge_item = edge_item
        self.box = edge_item.edge.label
        self.setZValue(3)
        self.setToolTip(edge_item.toolTip())

    def boundingRect(self) -> QRectF:
        return QRectF(self.box.x, self.box.y, self.box.w, self.box.h)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = SELECTED if self.edge_item.isSelected() else self.edge_item.colour
        painter.setPen(QPen(colour, 0.6))
        painter.setBrush(QColor("#FFFFFF"))
        painter.drawRoundedRect(self.boundingRect(), 2, 2)
        text = TextBox(_kind_text(self.edge_item.edge.kind), self.box.x, self.box.y, self.box.w, self.box.h,
                       self.box.size)
        draw_text(painter, text, colour, centred=True)


class HeaderItem(QGraphicsItem):
    """A department's name and the tinted column behind it (tidy layout)."""

    def __init__(self, text: TextBox, column: QRectF):
        super().__init__()
        self.text = text
        self.column = column
        self.setZValue(0)

    def boundingRect(self) -> QRectF:
        return self.column.united(QRectF(self.text.x, self.text.y, self.text.w, self.text.h))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#F4F6F9"))
        painter.drawRoundedRect(self.column, 6, 6)
        draw_text(painter, self.text, QColor("#1F3A5F"))
