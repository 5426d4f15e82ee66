"""The menus in Japanese: every mnemonic as "(&X)" at the end, items drawn whole (not "Kakeru…いて(A)"),
and the Edit menu's commands with their shortcuts beside them."""

from __future__ import annotations

import math
import re

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QApplication, QMenu

from ui.style import MenuMnemonicRoom, apply_style


@pytest.fixture
def fusion_as_kakeru_runs(qapp, app_font):
    """The style Kakeru sets at start (ui.app.configure_application), put back to plain Fusion after."""
    qapp.setStyle("Fusion")
    apply_style(qapp)
    assert isinstance(qapp.style(), MenuMnemonicRoom)
    yield
    qapp.setStyle("Fusion")


def _menus(window) -> dict[str, QMenu]:
    return {menu.objectName(): menu for menu in window.menuBar().findChildren(QMenu) if menu.objectName()}


@pytest.mark.usefixtures("japanese")
def test_japanese_menus_put_the_mnemonic_in_parentheses_at_the_end(window):
    menus = _menus(window)
    assert window.findChild(type(window.about_action), "aboutAction").text() == "Kakeru について(&A)"
    texts = [action.text() for action in window.menuBar().actions()]
    for menu in menus.values():
        texts += [action.text() for action in menu.actions() if action.text()]
    misplaced = [text for text in texts
                 if "&" in text.replace("&&", "") and not re.search(r"\(&[A-Z0-9]\)(…)?$", text)]
    assert misplaced == []


def _label_bands(menu: QMenu) -> list:
    """Each item's row, from the left edge to where its whole label would end (no shortcut, no arrow)."""
    metrics = QFontMetricsF(menu.font())
    bands = []
    for action in menu.actions():
        if not action.text():
            continue
        row = menu.actionGeometry(action)
        image = menu.grab(row).toImage()
        paper = QColor(image.pixel(1, image.height() // 2)).lightness()
        ink = [x for x in range(image.width())  # greyed (disabled) text counts too
               if any(abs(QColor(image.pixel(x, y)).lightness() - paper) > 40 for y in range(image.height()))]
        label = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        end = ink[0] + math.ceil(metrics.horizontalAdvance(label)) + 1
        bands.append(menu.grab(QRect(row.left(), row.top(), end, row.height())).toImage())
    return bands


@pytest.mark.usefixtures("japanese", "fusion_as_kakeru_runs")
def test_japanese_menu_items_are_drawn_whole(window, qtbot):
    """Fusion elides an item measured one "&" too narrow: compare with the same menu drawn wider."""
    for name in ("helpMenu", "editMenu", "fileMenu"):
        menu = _menus(window)[name]
        menu.popup(window.mapToGlobal(QPoint(40, 40)))
        qtbot.waitUntil(menu.isVisible)
        natural = _label_bands(menu)
        menu.setFixedWidth(menu.width() + 200)
        QApplication.processEvents()
        wide = _label_bands(menu)
        menu.hide()
        menu.setMinimumWidth(0)
        menu.setMaximumWidth(16777215)
        labels = [action.text() for action in menu.actions() if action.text()]
        elided = [label for label, a, b in zip(labels, natural, wide, strict=True) if a != b]
        assert elided == [], name


@pytest.mark.usefixtures("japanese")
def test_edit_menu_shows_its_shortcuts_however_it_opens(window, qapp):
    """Even where a menu not opened from the menu bar hides shortcuts (macOS, some Linux desktops)."""
    qapp.setAttribute(Qt.ApplicationAttribute.AA_DontShowShortcutsInContextMenus, True)
    try:
        menu = _menus(window)["editMenu"]
        shown = {}
        for action in menu.actions():
            option = _option(menu, action)
            if "\t" in option:
                shown[action.objectName()] = option.split("\t", 1)[1]
    finally:
        qapp.setAttribute(Qt.ApplicationAttribute.AA_DontShowShortcutsInContextMenus, False)
    assert window.undo_action.text().startswith("元に戻す(&U)")
    assert shown["undoAction"] == window.undo_action.shortcut().toString(_native())
    assert shown["redoAction"] == window.redo_action.shortcut().toString(_native())
    assert shown["findAction"] == window.find_action.shortcut().toString(_native())
    assert {"undoAction": "Ctrl+Z", "findAction": "Ctrl+F"}.items() <= {
        name: text for name, text in shown.items()}.items()
    assert shown["redoAction"] in ("Ctrl+Shift+Z", "Ctrl+Y")


def test_the_shortcuts_still_work(window, qtbot):
    window.show_page("targets")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.targets_page.search


def _option(menu: QMenu, action) -> str:
    from PySide6.QtWidgets import QStyleOptionMenuItem

    option = QStyleOptionMenuItem()
    menu.initStyleOption(option, action)
    return option.text


def _native():
    from PySide6.QtGui import QKeySequence

    return QKeySequence.SequenceFormat.NativeText

