"""The one write path (ui/operations.py): a refused write is said and leaves nothing behind; a write that
went through is one undo step, and the views hear what it changed after the write, its undo and redo."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from models.accounts import lists
from models.store.changes import COMPANIES, CONTACTS, LIST_MEMBERS, PLANS, TARGET_LISTS, Changes
from models.store.errors import ValidationError
from ui.operations import WriteCommand, record, run_write
from ui.signals import affects


@pytest.fixture
def stack(qtbot):
    return QUndoStack()


@pytest.fixture
def heard(bus):
    payloads: list[str] = []
    bus.changed.connect(payloads.append)
    return payloads


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _list_id(db) -> int:
    return lists.find_list(db, "重点リスト").id


def test_a_refused_write_is_said_and_leaves_nothing_behind(db, bus, stack, heard, owner, answer):
    result = run_write(bus, stack, "Rename", lambda: lists.rename_list(db, _list_id(db), "  "),
                       lambda _renamed: Changes(), parent=owner, title="Rename list")
    assert result is None
    assert answer.calls == [("warning", "Rename list", "リスト名を入力してください。")]
    assert stack.count() == 0 and heard == []
    assert lists.find_list(db, "重点リスト") is not None


def test_a_refusal_can_be_shown_the_widget_s_own_way(db, bus, stack, heard, answer):
    refused = []
    taken = run_write(bus, stack, "", lambda: lists.create_list(db, "重点リスト"), on_error=refused.append)
    assert taken is None
    assert [type(error) for error in refused] == [ValidationError] and answer.calls == []
    assert stack.count() == 0 and heard == []


def test_a_write_is_one_undo_step_and_undo_and_redo_tell_the_views(db, bus, stack, heard, answer):
    list_id = _list_id(db)
    members = lists.member_ids(db, list_id)
    runs = []

    def remove():
        runs.append("do")
        return lists.remove_from_list(db, list_id, members[:1])

    def put_back(removed):
        runs.append(f"undo {removed.count}")
        return lists.add_to_list(db, list_id, members[:1])

    removed = run_write(bus, stack, "Remove one", remove, put_back)
    assert removed.count == 1 and runs == ["do"]  # pushing did not run the write a second time
    assert stack.count() == 1 and stack.undoText() == "Remove one"
    assert heard == [LIST_MEMBERS]
    assert lists.member_ids(db, list_id) == members[1:]

    stack.undo()  # Ctrl+Z
    assert runs == ["do", "undo 1"] and heard == [LIST_MEMBERS] * 2
    assert set(lists.member_ids(db, list_id)) == set(members)

    stack.redo()
    assert runs == ["do", "undo 1", "do"] and heard == [LIST_MEMBERS] * 3
    assert lists.member_ids(db, list_id) == members[1:]
    assert answer.calls == []


def test_without_undo_the_write_is_told_but_not_pushed(db, bus, stack, heard):
    created = run_write(bus, stack, "", lambda: lists.create_list(db, "新規開拓"))
    assert created is not None and created.name == "新規開拓"
    assert stack.count() == 0 and heard == [TARGET_LISTS]


def test_a_command_with_state_of_its_own_skips_the_first_redo_only(bus, stack, heard):
    class Counting(WriteCommand):
        applied = reverted = after_redo = after_undo = 0

        def apply(self):
            self.applied += 1
            return Changes.of("plans")

        def revert(self):
            self.reverted += 1
            return Changes.of("plans", "touches")

        def redone(self):
            self.after_redo += 1

        def undone(self):
            self.after_undo += 1

    command = Counting("Log", bus)
    logged = run_write(bus, stack, "Log", lambda: Changes.of("touches"), command=lambda _done: command)
    assert logged == Changes.of("touches")
    assert (command.applied, command.reverted, heard) == (0, 0, ["touches"])
    stack.undo()
    stack.redo()
    assert (command.applied, command.reverted, command.after_redo, command.after_undo) == (1, 1, 1, 1)
    assert heard == ["touches", "plans,touches", "plans"]


def test_record_pushes_what_a_dialog_already_saved(bus, stack, heard):
    class Undone(WriteCommand):
        def revert(self):
            return Changes.of("contacts")

    record(bus, stack, Changes.of("contacts"), Undone("Edit", bus))
    assert stack.count() == 1 and heard == ["contacts"]
    stack.undo()
    assert heard == ["contacts", "contacts"]


def test_the_bus_takes_changes_only_and_says_nothing_of_nothing(bus, heard):
    bus.notify(Changes())
    assert heard == []
    with pytest.raises(TypeError):
        bus.notify("companies")  # table names are written in models/store/changes.py, not by hand


def test_a_view_asks_with_the_table_names_or_a_changes(bus, heard):
    bus.notify(Changes.of(COMPANIES, LIST_MEMBERS))
    payload = heard[0]
    assert affects(payload, PLANS, LIST_MEMBERS) and not affects(payload, PLANS, CONTACTS)
    assert affects(payload, Changes.of(CONTACTS, COMPANIES)) and not affects(payload, Changes.of(PLANS))
    assert affects(payload, PLANS, Changes.of(COMPANIES)) and not affects(payload)
