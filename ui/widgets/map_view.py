"""The relationship map drawn with Qt: the ``MapLayout`` of ``models/maps/layout.py``, item for item
(the items are in ``map_items.py``). The view only draws and reports what the person did (signals);
the panel writes through models/.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsScene, QGraphicsView, QWidget

from models.maps.layout import MapCard, MapLayout
from ui.widgets.map_items import (
    SELECTED,
    CardItem,
    EdgeItem,
    HeaderItem,
    LabelItem,
    TextAsPaths,
    qt_measure,
    qt_style,
)

__all__ = ["MapView", "TextAsPaths", "qt_measure", "qt_style"]
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.2, 5.0


class MapView(QGraphicsView):
    """Draws a ``MapLayout``; cards can be dragged, links drawn by dragging card to card (with Shift,
    or always in link mode), the view zoomed (Ctrl+wheel, +/-) and panned (scroll bars, wheel).

    Signals:
        card_activated(int): double-click or Enter on a person.
        edge_activated(int): double-click on a link (relationship id).
        cards_moved(dict): {contact id: new centre} after a drag.
        link_requested(int, int): a link was drawn from one person to another.
        context_requested(str, int, QPoint): right-click on 'card', 'edge' or 'background' (id 0).
        delete_requested(): Delete pressed with something selected.
    """

    card_activated = Signal(int)
    edge_activated = Signal(int)
    cards_moved = Signal(object)
    link_requested = Signal(int, int)
    context_requested = Signal(str, int, object)
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mapView")
        self.setAccessibleName(self.tr("Relationship map"))
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#FFFFFF")))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.layout_data: MapLayout | None = None
        self.cards: dict[int, CardItem] = {}
        self.edges: dict[int, EdgeItem] = {}
        self.link_mode = False
        self.editable = True
        self._link_from: CardItem | None = None
        self._rubber: QGraphicsLineItem | None = None
        self._pressed: CardItem | None = None
        self.highlight_id: int | None = None

    # -- drawing ------------------------------------------------------------------------------
    def set_layout(self, layout: MapLayout | None) -> None:
        """Draw ``layout`` (None: empty), keeping the selection by contact and relationship id."""
        scene = self.scene()
        selected = self.selected()
        scene.clear()
        self.cards.clear()
        self.edges.clear()
        self._rubber = None
        self.layout_data = layout
        if layout is None:
            scene.setSceneRect(QRectF(0, 0, 10, 10))
            return
        for header in layout.headers:
            col = header.column
            scene.addItem(HeaderItem(header.text, QRectF(col.x, col.y, col.w, col.h)))
        for edge in layout.edges:
            item = EdgeItem(edge)
            scene.addItem(item)
            if edge.relationship_id is not None:
                self.edges[edge.relationship_id] = item
            if edge.label is not None:
                scene.addItem(LabelItem(item))
        for card in (*layout.cards, *((layout.us,) if layout.us else ())):
            item = CardItem(card)
            if not self.editable:
                item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, False)
            scene.addItem(item)
            if not card.is_us:
                self.cards[card.contact_id] = item
                item.setToolTip(self._card_tip(card))
        b = layout.bounds
        scene.setSceneRect(QRectF(b.x, b.y, b.w, b.h))
        self.set_highlight(self.highlight_id)
        kind, key = selected
        if kind == "card" and key in self.cards:
            self.cards[key].setSelected(True)
        elif kind == "edge" and key in self.edges:
            self.edges[key].setSelected(True)

    @staticmethod
    def _card_tip(card: MapCard) -> str:
        parts = [card.name.text]
        if card.subtitle is not None:
            parts.append(card.subtitle.text)
        parts += [t.text for t in (card.badge, card.status) if t is not None]
        return "\n".join(parts)

    def set_highlight(self, contact_id: int | None) -> None:
        self.highlight_id = contact_id
        for cid, item in self.cards.items():
            item.highlighted = cid == contact_id
            item.update()

    # -- selection ----------------------------------------------------------------------------
    def selected(self) -> tuple[str, int]:
        """('card', contact id), ('edge', relationship id) or ('', 0)."""
        for item in self.scene().selectedItems():
            if isinstance(item, CardItem):
                return ("card", item.contact_id)
            if isinstance(item, EdgeItem) and item.relationship_id is not None:
                return ("edge", item.relationship_id)
        return ("", 0)

    def select_card(self, contact_id: int | None) -> None:
        self.scene().clearSelection()
        item = self.cards.get(contact_id) if contact_id is not None else None
        if item is not None:
            item.setSelected(True)
            self.ensureVisible(item.sceneBoundingRect(), 30, 30)

    def select_edge(self, relationship_id: int) -> None:
        self.scene().clearSelection()
        if relationship_id in self.edges:
            self.edges[relationship_id].setSelected(True)

    def card_at_scene(self, point: QPointF) -> CardItem | None:
        for item in self.scene().items(point):
            if isinstance(item, CardItem) and not item.card.is_us:
                return item
        return None

    def _item_at(self, pos) -> QGraphicsItem | None:
        for item in self.items(pos):
            if isinstance(item, CardItem | EdgeItem):
                return item
            if isinstance(item, LabelItem):
                return item.edge_item
        return None

    def card_pos(self, contact_id: int):
        """The viewport point at a card's centre (for tests and keyboard menus)."""
        item = self.cards[contact_id]
        return self.mapFromScene(QPointF(*item.centre()))

    # -- zoom ---------------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        self._keep_fitted = False  # the person chose a zoom: keep it when the view is resized
        current = self.transform().m11()
        factor = max(ZOOM_MIN / current, min(ZOOM_MAX / current, factor))
        self.scale(factor, factor)

    def zoom_in(self) -> None:
        self.zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom(1 / ZOOM_STEP)

    def zoom_level(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        """Show the whole map, never enlarged beyond 1.6× (a small map stays readable, not huge)."""
        rect = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.6:
            self.resetTransform()
            self.scale(1.6, 1.6)
            self.centerOn(rect.center())
        self._keep_fitted = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # A map fitted while its tab was hidden was fitted to a tiny view: fit again at the real size.
        if getattr(self, "_keep_fitted", False):
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    # -- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, CardItem) and not item.card.is_us:
            linking = self.link_mode or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if linking and self.editable:
                self.scene().clearSelection()
                item.setSelected(True)
                self._link_from = item
                start = QPointF(*item.centre())
                pen = QPen(SELECTED, 1.5, Qt.PenStyle.DashLine)
                self._rubber = self.scene().addLine(QLineF(start, start), pen)
                self._rubber.setZValue(5)
                event.accept()
                return
            self._pressed = item
            item.start = item.pos()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._link_from is not None and self._rubber is not None:
            line = self._rubber.line()
            line.setP2(self.mapToScene(event.position().toPoint()))
            self._rubber.setLine(line)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._link_from is not None:
            source = self._link_from
            self._link_from = None
            if self._rubber is not None:
                self.scene().removeItem(self._rubber)
                self._rubber = None
            target = self.card_at_scene(self.mapToScene(event.position().toPoint()))
            if target is not None and target is not source:
                self.link_requested.emit(source.contact_id, target.contact_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        pressed, self._pressed = self._pressed, None
        if pressed is not None and self.editable:
            moved = {cid: item.centre() for cid, item in self.cards.items() if item.pos() != QPointF(0, 0)}
            if moved:
                self.cards_moved.emit(moved)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().toPoint())
        if isinstance(item, CardItem) and not item.card.is_us:
            self.card_activated.emit(item.contact_id)
            event.accept()
            return
        if isinstance(item, EdgeItem) and item.relationship_id is not None:
            self.edge_activated.emit(item.relationship_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        item = self._item_at(event.pos())
        if isinstance(item, CardItem) and not item.card.is_us:
            self.select_card(item.contact_id)
            self.context_requested.emit("card", item.contact_id, event.globalPos())
        elif isinstance(item, EdgeItem) and item.relationship_id is not None:
            self.select_edge(item.relationship_id)
            self.context_requested.emit("edge", item.relationship_id, event.globalPos())
        else:
            self.context_requested.emit("background", 0, event.globalPos())
        event.accept()

    # -- keyboard -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        kind, ident = self.selected()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and kind == "card":
            self.card_activated.emit(ident)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and kind == "edge":
            self.edge_activated.emit(ident)
        elif key == Qt.Key.Key_Delete and kind and self.editable:
            self.delete_requested.emit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_Menu and kind:
            centre = self.viewport().mapToGlobal(self.card_pos(ident)) if kind == "card" else \
                self.viewport().mapToGlobal(self.viewport().rect().center())
            self.context_requested.emit(kind, ident, centre)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up) and self.cards:
            self._step(1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1,
                       vertical=key in (Qt.Key.Key_Up, Qt.Key.Key_Down))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step(self, direction: int, vertical: bool) -> None:
        """Select the next card in reading order (rows then columns, or columns then rows)."""
        def order(cid: int) -> tuple[float, float]:
            x, y = self.cards[cid].centre()
            return (x, y) if vertical else (round(y / 20), x)

        ids = sorted(self.cards, key=order)
        kind, ident = self.selected()
        if kind == "card" and ident in ids:
            index = (ids.index(ident) + direction) % len(ids)
        else:
            index = 0 if direction > 0 else len(ids) - 1
        self.select_card(ids[index])
