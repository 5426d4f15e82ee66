"""The one write path of the UI (STYLE.md habit 6), after Anki's ``CollectionOp``.

A widget hands ``run_write`` the write to make (a call into models/) and how to take it back. The
helper runs it; a refused write (a ``KakeruError``) is shown as its sentence and leaves nothing on the
undo stack; a write that went through is pushed as one undo command and the views hear what it
changed, from the ``Changes`` the write returned. Undo and redo tell the views the same way.

Commands that need state of their own (snapshots, the call session's position) subclass
``WriteCommand``, which alone knows that the first ``redo`` — the one ``QUndoStack.push`` makes — has
already happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from models.store.changes import Changes, HasChanges, changes_of
from models.store.errors import KakeruError
from ui.errors import show_expected_error
from ui.signals import DataBus

R = TypeVar("R", bound="Changes | HasChanges")
Written = Changes | HasChanges


class WriteCommand(QUndoCommand):
    """An undoable write, pushed after it was made: Qt's redo on push is skipped.

    Subclasses make the write again in ``apply`` and take it back in ``revert``, each returning what
    it changed; the views are told after both. ``redone``/``undone`` run after the views were told.
    """

    def __init__(self, text: str, bus: DataBus):
        super().__init__(text)
        self.bus = bus
        self._made = True  # the write happened before the push: the push's redo has nothing to do

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        self.bus.notify(changes_of(self.apply()))
        self.redone()

    def undo(self) -> None:
        self.bus.notify(changes_of(self.revert()))
        self.undone()

    def apply(self) -> Written:
        raise NotImplementedError

    def revert(self) -> Written:
        raise NotImplementedError

    def redone(self) -> None:
        """After a redo (not the push) and its notification."""

    def undone(self) -> None:
        """After an undo and its notification."""


class Write(WriteCommand):
    """A write given as calls: redo runs ``do`` again, undo runs ``undo`` on what the last ``do`` returned."""

    def __init__(self, text: str, bus: DataBus, do: Callable[[], R], undo: Callable[[R], Written], result: R):
        super().__init__(text, bus)
        self._do = do
        self._undo = undo
        self.result = result

    def apply(self) -> Written:
        self.result = self._do()
        return self.result

    def revert(self) -> Written:
        return self._undo(self.result)


def run_write(
    bus: DataBus,
    undo_stack: QUndoStack | None,
    text: str,
    do: Callable[[], R],
    undo: Callable[[R], Written] | None = None,
    *,
    command: Callable[[R], WriteCommand] | None = None,
    parent: QWidget | None = None,
    title: str | None = None,
    on_error: Callable[[KakeruError], None] | None = None,
) -> R | None:
    """Make one write, show its refusal or record it for undo, and tell the views what it changed.

    Args:
        text: the undo command's text ("Delete 株式会社青葉システム"), shown in the Edit menu.
        do: the write; it returns ``Changes`` or a result carrying ``changes``. Redo runs it again.
        undo: takes the write back, given what ``do`` last returned. Without ``undo`` or ``command``
            nothing is pushed (a write that is not undone, such as saving settings).
        command: builds a ``WriteCommand`` from ``do``'s result, for a command with state of its own.
        parent, title: where and under which title a refusal is shown.
        on_error: shows a refusal in the widget's own way instead (an inline message, a field to fix).

    Returns:
        What ``do`` returned, or None when the write was refused (nothing pushed, nobody told).
    """
    try:
        result = do()
    except KakeruError as error:
        if on_error is not None:
            on_error(error)
        else:
            show_expected_error(error, parent, title)
        return None
    made: WriteCommand | None = None
    if command is not None:
        made = command(result)
    elif undo is not None:
        made = Write(text, bus, do, undo, result)
    if made is not None and undo_stack is not None:
        undo_stack.push(made)
    bus.notify(changes_of(result))
    return result


def record(bus: DataBus, undo_stack: QUndoStack | None, result: Written, command: WriteCommand | None = None
           ) -> None:
    """A write a dialog has made already (it showed its own refusals): push its command, tell the views."""
    if command is not None and undo_stack is not None:
        undo_stack.push(command)
    bus.notify(changes_of(result))
