"""The relationship map of one account, with its coverage hints and the same people as a list.

Used by the account page (full size: hints, toolbar, map and list, every edit undoable) and by the
call session (``compact=True``: the map only, the person being called emphasised). The edits and the
context menus live in ``map_edits``; this module builds the panel, draws what the store holds and
exports the picture. It redraws when the bus says contacts, relationships, touches or meetings changed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter, QUndoStack
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsView,
    QLabel,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from models.accounts import companies, relations
from models.maps.coverage import Hint, hints_from
from models.maps.layout import MapLayout, layout_map, map_people
from models.store import clock
from models.store.changes import (
    COMPANIES,
    CONTACTS,
    MEETING_ATTENDEES,
    MEETINGS,
    RELATIONSHIPS,
    TOUCHES,
    Changes,
)
from models.store.errors import KakeruError
from models.store.output_path import check_output_path
from ui.errors import show_expected_error
from ui.i18n import arg
from ui.settings import AppSettings
from ui.signals import DataBus, affects
from ui.widgets.flow_layout import flow_widget
from ui.widgets.map_edits import MapEdits
from ui.widgets.map_people import MapPeopleView, PersonRow
from ui.widgets.map_view import MapView, TextAsPaths, qt_style

COMPACT_READABLE = 1.3  # the least zoom at which a card's text reads comfortably
WATCHED = Changes.of(CONTACTS, RELATIONSHIPS, TOUCHES, MEETINGS, MEETING_ATTENDEES, COMPANIES)
HINT_STYLE = {
    "warning": "background: #FFF4E5; border-left: 4px solid #D68910; padding: 4px 8px; color: #5C3B00;",
    "info": "background: #EAF2FB; border-left: 4px solid #2E86C1; padding: 4px 8px; color: #14324F;",
}


class MapPanel(MapEdits, QWidget):
    """The map and, beside it (not in compact mode), the same people as a sortable list.

    Signals:
        contact_activated(int): a person was chosen (double-click or Enter) in compact mode; the
            session logs the call against them. In full mode double-click edits the person instead.
    """

    contact_activated = Signal(int)

    def __init__(self, db: Database, bus: DataBus, undo_stack: QUndoStack, parent: QWidget | None = None,
                 *, compact: bool = False):
        super().__init__(parent)
        self.setObjectName("mapPanel")
        self.setAccessibleName(self.tr("Relationship map"))
        self.db = db
        self.bus = bus
        self.undo_stack = undo_stack
        self.compact = compact
        self.settings = AppSettings()
        self.company_id: int | None = None
        self.today_override: date | None = None  # tests fix "today"; None: the real date
        self.layout_data: MapLayout | None = None
        self.contacts: dict[int, companies.Contact] = {}
        self.hints: list[Hint] = []
        self._shown_company: int | None = None

        self.view = MapView(self)
        self.view.editable = not compact
        self.view.card_activated.connect(self._card_activated)
        self.view.edge_activated.connect(self.edit_link)
        self.view.cards_moved.connect(self.move_cards)
        self.view.link_requested.connect(self._link_drawn)
        self.view.context_requested.connect(self._context_menu)
        self.view.delete_requested.connect(self.delete_selected)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if compact:
            self.people = None
            self.hint_box = None
            self.view.setMinimumSize(QSize(200, 140))
            outer.addWidget(self.view)
        else:
            self.hint_box = QWidget(self)
            self.hint_box.setObjectName("mapHints")
            self.hint_layout = QVBoxLayout(self.hint_box)
            self.hint_layout.setContentsMargins(0, 0, 0, 0)
            self.hint_layout.setSpacing(3)
            outer.addWidget(self.hint_box)
            outer.addWidget(self._toolbar())
            self.people = MapPeopleView(self)
            self.people.activated_contact.connect(self.edit_person)
            self.people.current_contact.connect(self.view.select_card)
            self.people.delete_requested.connect(self._delete_from_list)
            self.view.scene().selectionChanged.connect(self._scene_selection)
            self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
            self.splitter.setObjectName("mapSplitter")
            self.splitter.addWidget(self.view)
            self.splitter.addWidget(self.people)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
            if not self.splitter.restoreState(self.settings.map_splitter()):
                self.splitter.setSizes([600, 360])
            self.splitter.splitterMoved.connect(
                lambda *_: self.settings.set_map_splitter(self.splitter.saveState()))
            outer.addWidget(self.splitter, 1)
        bus.changed.connect(self._on_changed)

    # -- building ---------------------------------------------------------------------------------
    def _action(self, name: str, text: str, tip: str, shortcut: QKeySequence | str | None, slot,
                checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setCheckable(checkable)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _toolbar(self) -> QWidget:
        self.add_action = self._action("mapAddPerson", self.tr("Add person…"),
                                       self.tr("Add a person to this account's map (Insert)"), "Ins",
                                       lambda: self.add_person())
        self.link_action = self._action(
            "mapLinkMode", self.tr("Draw links"),
            self.tr("Drag from one person to another to link them (L; Shift+drag works at any time)"), "L",
            self._set_link_mode, checkable=True)
        self.tidy_action = self._action("mapTidy", self.tr("Tidy up"),
                                        self.tr("Arrange the map by department, bosses above (T)"), "T",
                                        self.tidy_up)
        self.zoom_in_action = self._action("mapZoomIn", self.tr("Zoom in"), self.tr("Zoom in (Ctrl++)"),
                                           QKeySequence.StandardKey.ZoomIn, self.view.zoom_in)
        self.zoom_out_action = self._action("mapZoomOut", self.tr("Zoom out"), self.tr("Zoom out (Ctrl+-)"),
                                            QKeySequence.StandardKey.ZoomOut, self.view.zoom_out)
        self.fit_action = self._action("mapFit", self.tr("Fit"), self.tr("Show the whole map (Ctrl+0)"),
                                       "Ctrl+0", self.view.fit)
        self.us_action = self._action("mapShowUs", self.tr("Show us"),
                                      self.tr("Show our own card, linked to the people we reached"), None,
                                      self._set_show_us, checkable=True)
        self.us_action.setChecked(self.settings.map_show_us())
        self.png_action = self._action("mapExportPng", self.tr("Export PNG…"),
                                       self.tr("Save the map as a picture"), None,
                                       lambda: self._export("png"))
        self.svg_action = self._action("mapExportSvg", self.tr("Export SVG…"),
                                       self.tr("Save the map as a vector drawing"), None,
                                       lambda: self._export("svg"))
        # A flow, not a row: eleven buttons in a row would make the account page too wide for a laptop.
        buttons = []
        for action in (self.add_action, self.link_action, self.tidy_action, self.zoom_out_action,
                       self.zoom_in_action, self.fit_action, self.us_action, self.png_action,
                       self.svg_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(action.objectName() + "Button")
            button.setAccessibleName(action.text().rstrip("…"))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.append(button)
        return flow_widget(buttons, "mapToolbar")

    # -- the public API ---------------------------------------------------------------------------
    def set_company(self, company_id: int | None) -> None:
        """Show the map of ``company_id`` (None: nothing)."""
        self.company_id = company_id
        self.refresh()

    def highlight_contact(self, contact_id: int | None) -> None:
        """Mark the person being called (emphasised on the map, selected in the list)."""
        self.view.set_highlight(contact_id)
        if contact_id is not None and contact_id in self.view.cards:
            card = self.view.cards[contact_id]
            if self.compact and self.view.zoom_level() < COMPACT_READABLE:
                # A big map fitted into the session's corner is too small to read: zoom in on the person.
                self.view.zoom(COMPACT_READABLE / self.view.zoom_level())
                self.view.centerOn(card.sceneBoundingRect().center())
            else:
                self.view.ensureVisible(card.sceneBoundingRect(), 30, 30)

    def today(self) -> date:
        return self.today_override or clock.today()

    def show_us(self) -> bool:
        return False if self.compact else self.settings.map_show_us()

    def refresh(self) -> None:
        """Read the company's people and links again and redraw map, list and hints."""
        if self.company_id is None:
            self.contacts = {}
            self.layout_data = None
            self.view.set_layout(None)
            self._fill_list({})
            self._show_hints([])
            self._shown_company = None
            return
        today = self.today()
        spoken = relations.last_spoken(self.db, self.company_id)
        people, links = map_people(self.db, self.company_id, today, spoken=spoken)
        self.contacts = {c.id: c for c in companies.list_contacts(self.db, self.company_id)}
        self.layout_data = layout_map(people, links, include_us=self.show_us() and bool(people),
                                      style=qt_style())
        self.view.set_layout(self.layout_data)
        self._fill_list(spoken)
        if not self.compact:
            self._show_hints(hints_from(people, links, spoken, today))
        if self._shown_company != self.company_id:
            self._shown_company = self.company_id
            self.view.fit()

    def _fill_list(self, spoken: dict) -> None:
        if self.people is None:
            return
        names = {cid: c.name for cid, c in self.contacts.items()}
        self.people.people.set_rows([
            PersonRow(c, spoken.get(c.id), names.get(c.successor_id) if c.successor_id else None)
            for c in self.contacts.values()
        ])
        self.people.resizeColumnsToContents()

    def _show_hints(self, hints: list[Hint]) -> None:
        self.hints = hints
        if self.hint_box is None:
            return
        while self.hint_layout.count():
            widget = self.hint_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for index, hint in enumerate(hints):
            text = QLabel(hint.message_ja, self.hint_box)
            text.setObjectName(f"mapHint_{hint.code}_{index}")
            text.setAccessibleName(hint.message_ja)
            text.setWordWrap(True)
            text.setStyleSheet(HINT_STYLE.get(hint.severity, HINT_STYLE["info"]))
            self.hint_layout.addWidget(text)
        self.hint_box.setVisible(bool(hints))

    def _on_changed(self, payload: str) -> None:
        if self.company_id is not None and affects(payload, WATCHED):
            try:
                self.refresh()
            except KakeruError:
                self.set_company(None)  # the company was deleted meanwhile

    # -- modes and export -------------------------------------------------------------------------
    def _card_activated(self, contact_id: int) -> None:
        if self.compact:
            self.contact_activated.emit(contact_id)
        else:
            self.edit_person(contact_id)

    def _set_link_mode(self, on: bool) -> None:
        self.view.link_mode = on
        self.view.setDragMode(QGraphicsView.DragMode.NoDrag if on else QGraphicsView.DragMode.ScrollHandDrag)

    def _set_show_us(self, on: bool) -> None:
        self.settings.set_map_show_us(on)
        self.refresh()

    def _scene_selection(self) -> None:
        if self.people is None:
            return
        kind, ident = self.view.selected()
        if kind == "card":
            self.people.select_contact(ident)

    def render_to(self, painter: QPainter, target: QRectF) -> None:
        scene = self.view.scene()
        selected = scene.selectedItems()
        for item in selected:
            item.setSelected(False)
        scene.render(painter, target, scene.sceneRect())
        for item in selected:
            item.setSelected(True)

    def export_png(self, path: str | Path, scale: float = 2.0) -> None:
        check_output_path(path)
        rect = self.view.scene().sceneRect()
        image = QImage(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)),
                       QImage.Format.Format_ARGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.render_to(painter, QRectF(0, 0, image.width(), image.height()))
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(str(path))

    def export_svg(self, path: str | Path) -> None:
        check_output_path(path)
        rect = self.view.scene().sceneRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(QSize(int(rect.width()), int(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(self.tr("Relationship map"))
        painter = QPainter(generator)
        with TextAsPaths():
            self.render_to(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.end()
        if not Path(path).exists():
            raise OSError(str(path))

    def _export(self, kind: str) -> None:
        if self.layout_data is None:
            return
        folder = self.settings.export_dialog_dir()
        company = companies.get_company(self.db, self.company_id).name if self.company_id else "map"
        name = arg(self.tr("%1 map"), company) + f".{kind}"
        suggested = str(Path(folder) / name)
        pattern = self.tr("PNG image (*.png)") if kind == "png" else self.tr("SVG drawing (*.svg)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the map"), suggested, pattern)
        if not path:
            return
        try:
            (self.export_png if kind == "png" else self.export_svg)(path)
        except KakeruError as error:
            show_expected_error(error, self, self.tr("Export the map"))
            return
        except OSError:
            QMessageBox.warning(self, self.tr("Export the map"),
                                arg(self.tr("Could not write %1. Choose another folder and try again."),
                                    path))
            return
        self.settings.set_last_export_dir(str(Path(path).parent))
