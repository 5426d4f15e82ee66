"""The Meetings page, driven as a caller would: filters, the company picker and the meeting form,
feedback, delete and undo, and the briefing sheets (preview, save, print, a whole day)."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import ClassVar

import pypdf
import pytest
from brief_samples import make_large, make_long, make_typical
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton
from shiboken6 import isValid

from models.accounts import companies
from models.meetings.briefs import gather_brief
from models.meetings.meetings import create_meeting, get_meeting, list_meetings, update_meeting
from models.store import clock
from models.store.changes import MEETINGS, Changes
from models.store.errors import NotFound
from reports.briefing import render_brief
from ui.pages import meeting_actions as meetings_page
from ui.pages.meetings import MeetingsPage
from ui.qt_models.meetings_model import (
    COL_COMPANY,
    COL_OUTCOME,
    COL_REP,
    COL_STATUS,
    COL_WHEN,
    MeetingsModel,
)

TODAY = clock.today()  # the working zone's day, which the page shows
YAMAMOTO = ["北斗物流株式会社", "株式会社未来建設", "株式会社青葉システム"]  # 山本さんの商談の会社


def _at(days: int, hour: int = 10) -> str:
    moment = datetime.combine(TODAY + timedelta(days=days), datetime.min.time()).replace(hour=hour)
    return clock.iso(moment)  # a time in the working zone, as the meeting form makes it


def _company_id(db, name: str) -> int:
    return db.execute("SELECT id FROM companies WHERE name = ?", [name]).fetchone()[0]


@pytest.fixture
def meetings_db(db):
    """Five companies' meetings: two upcoming, one cancelled upcoming, two past (one without outcome)."""
    aoba, toyo, sakura, hokuto, mirai = (
        _company_id(db, n) for n in ("株式会社青葉システム", "東洋精機株式会社", "有限会社さくら商事",
                                      "北斗物流株式会社", "株式会社未来建設"))
    person = companies.create_contact(db, aoba, {"name": "佐藤 恵子", "role": "hr"})
    create_meeting(db, aoba, {"starts_at": _at(1), "field_rep": "山本 大輔", "purpose": "初回商談"},
                   attendee_ids=[person.id])
    create_meeting(db, toyo, {"starts_at": _at(3, 14), "field_rep": "中村 拓也"})
    create_meeting(db, hokuto, {"starts_at": _at(2), "field_rep": "山本 大輔", "status": "cancelled"})
    create_meeting(db, sakura, {"starts_at": _at(-10), "field_rep": "中村 拓也", "status": "held",
                                "outcome": "won"})
    create_meeting(db, mirai, {"starts_at": _at(-5), "field_rep": "山本 大輔", "status": "held"})
    return db


def make_page(qtbot, db, bus, settings, undo_stack=None) -> MeetingsPage:
    page = MeetingsPage(db, bus, settings, undo_stack or QUndoStack())
    qtbot.addWidget(page)
    page.resize(1200, 640)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # keyboard shortcuts go to the active window
    return page


@pytest.fixture
def page(qtbot, meetings_db, bus, settings):
    return make_page(qtbot, meetings_db, bus, settings)


def column(page: MeetingsPage, col: int) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, col).data() for row in range(proxy.rowCount())]


def select(page: MeetingsPage, company: str, qtbot) -> None:
    names = column(page, COL_COMPANY)
    row = names.index(company)
    rect = page.table.visualRect(page.proxy.index(row, COL_COMPANY))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_id() is not None


class FakeMeetingDialog:
    """Stands in for ui.dialogs.meeting_form.MeetingDialog (same constructor): 'OK' saves ``fill``."""

    calls: ClassVar[list[dict]] = []
    fill: ClassVar[dict] = {}
    accept = True

    def __init__(self, db, company_id, parent=None, *, meeting_id=None, values=None, save=True):
        self.db, self.company_id, self.meeting_id = db, company_id, meeting_id
        FakeMeetingDialog.calls.append({"company_id": company_id, "meeting_id": meeting_id, "save": save})

    def exec(self):
        if not FakeMeetingDialog.accept:
            return QDialog.DialogCode.Rejected
        if self.meeting_id is None:
            create_meeting(self.db, self.company_id, dict(FakeMeetingDialog.fill))
        else:
            update_meeting(self.db, self.meeting_id, dict(FakeMeetingDialog.fill))
        return QDialog.DialogCode.Accepted


@pytest.fixture
def fake_form(monkeypatch):
    FakeMeetingDialog.calls = []
    FakeMeetingDialog.fill = {}
    FakeMeetingDialog.accept = True
    monkeypatch.setattr(meetings_page, "MeetingDialog", FakeMeetingDialog)
    return FakeMeetingDialog


# -- the table and its filters ---------------------------------------------------------------------

def test_nothing_is_read_before_the_page_is_shown(qtbot, meetings_db, bus, settings):
    page = MeetingsPage(meetings_db, bus, settings, QUndoStack())
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    page.show()
    qtbot.waitExposed(page)
    assert page.model.rowCount() == 3


def test_upcoming_meetings_earliest_first_then_past_ones_newest_first(page, qtbot):
    assert column(page, COL_COMPANY) == ["株式会社青葉システム", "北斗物流株式会社", "東洋精機株式会社"]
    assert column(page, COL_STATUS) == ["Scheduled", "Cancelled", "Scheduled"]
    assert column(page, COL_REP)[0] == "山本 大輔"
    assert page.count_label.text() == "3 meetings"
    weekday = (TODAY + timedelta(days=1)).strftime("%a")
    assert column(page, COL_WHEN)[0] == f"{TODAY + timedelta(days=1):%Y/%m/%d} ({weekday}) 10:00"

    page.period_combo.setFocus()
    qtbot.keyClick(page.period_combo, Qt.Key.Key_Down)  # Past
    assert column(page, COL_COMPANY) == ["株式会社未来建設", "有限会社さくら商事"]
    assert column(page, COL_OUTCOME) == ["Feedback awaited", "Won"]
    assert not page.from_edit.isEnabled()


def test_filters_by_field_rep_status_and_date_range(page, qtbot):
    page.period_combo.setCurrentIndex(page.period_combo.findData("all"))
    assert page.model.rowCount() == 5
    assert [page.rep_combo.itemText(i) for i in range(page.rep_combo.count())] == [
        "All field reps", "中村 拓也", "山本 大輔"]
    page.rep_combo.setCurrentIndex(page.rep_combo.findText("山本 大輔"))
    assert sorted(column(page, COL_COMPANY)) == YAMAMOTO
    page.status_combo.setCurrentIndex(page.status_combo.findData("cancelled"))
    assert column(page, COL_COMPANY) == ["北斗物流株式会社"]

    page.rep_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(0)
    page.period_combo.setCurrentIndex(page.period_combo.findData("range"))
    assert page.from_edit.isEnabled() and page.to_edit.isEnabled()
    page.from_edit.setDate(TODAY - timedelta(days=6))
    page.to_edit.setDate(TODAY + timedelta(days=2))
    assert sorted(column(page, COL_COMPANY)) == YAMAMOTO
    page.to_edit.setDate(TODAY - timedelta(days=7))  # the end before the start: nothing, said plainly
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisible()
    assert page.empty_label.text() == "No meeting matches these filters."


def test_a_change_elsewhere_shows_when_the_page_is_next_shown(page, meetings_db, bus, qtbot):
    page.hide()
    create_meeting(meetings_db, _company_id(meetings_db, "有限会社さくら商事"),
                   {"starts_at": _at(4), "field_rep": "井上 麻衣"})
    bus.notify(Changes.of(MEETINGS))
    assert page.model.rowCount() == 3
    page.show()
    qtbot.waitExposed(page)
    assert "有限会社さくら商事" in column(page, COL_COMPANY)
    assert page.rep_combo.findText("井上 麻衣") > 0


def test_the_model_passes_the_model_tester(qtmodeltester, meetings_db):
    model = MeetingsModel()
    model.set_rows(list_meetings(meetings_db))
    qtmodeltester.check(model)


# -- create, edit, feedback, account -----------------------------------------------------------------

def test_new_meeting_picks_the_company_by_search_then_opens_the_form(page, meetings_db, qtbot, fake_form):
    fake_form.fill = {"starts_at": _at(5, 15), "field_rep": "井上 麻衣"}
    seen = {}

    def pick():
        picker = QApplication.activeModalWidget()
        seen["title"] = picker.windowTitle()
        picker.search.insert("東洋")  # as an input method commits Japanese text
        qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
        seen["shown"] = picker.model.index(0, 0).data()
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"title": "New meeting: choose the company", "shown": "東洋精機株式会社"}
    toyo = _company_id(meetings_db, "東洋精機株式会社")
    assert fake_form.calls == [{"company_id": toyo, "meeting_id": None, "save": True}]
    assert len(list_meetings(meetings_db)) == 6
    assert page.selected_id() is not None
    assert get_meeting(meetings_db, page.selected_id()).field_rep == "井上 麻衣"
    assert page.rep_combo.findText("井上 麻衣") > 0


def test_new_meeting_in_the_past_switches_the_view_so_it_can_be_seen(page, meetings_db, qtbot, fake_form):
    fake_form.fill = {"starts_at": _at(-30)}

    def pick():
        picker = QApplication.activeModalWidget()
        qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # the arrows move through the matches
        picker.ok_button.click()

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.period_combo.currentData() == "all"
    assert page.selected_id() == meetings_db.execute("SELECT max(id) FROM meetings").fetchone()[0]


def test_picker_with_no_match_cannot_be_accepted_and_escape_cancels(page, qtbot, fake_form):
    state = {}

    def pick():
        picker = QApplication.activeModalWidget()
        picker.search.insert("存在しない会社")
        picker.refresh()
        state["ok"] = picker.ok_button.isEnabled()
        state["hint"] = picker.hint.text()
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # nothing to choose: stays open
        state["open"] = picker.isVisible()
        qtbot.keyClick(picker, Qt.Key.Key_Escape)

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert state == {"ok": False, "hint": "No company matches. Try fewer or other words.", "open": True}
    assert fake_form.calls == []


def test_enter_on_a_row_edits_that_meeting(page, meetings_db, qtbot, fake_form):
    fake_form.fill = {"field_rep": "井上 麻衣"}
    select(page, "東洋精機株式会社", qtbot)
    meeting_id = page.selected_id()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert fake_form.calls == [{"company_id": _company_id(meetings_db, "東洋精機株式会社"),
                                "meeting_id": meeting_id, "save": True}]
    assert get_meeting(meetings_db, meeting_id).field_rep == "井上 麻衣"
    assert page.selected_id() == meeting_id
    assert page.proxy.index(page.table.currentIndex().row(), COL_REP).data() == "井上 麻衣"


def test_cancelling_the_form_changes_nothing(page, meetings_db, qtbot, fake_form):
    fake_form.accept = False
    select(page, "東洋精機株式会社", qtbot)
    before = get_meeting(meetings_db, page.selected_id())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=page.table.visualRect(page.table.currentIndex()).center())
    assert len(fake_form.calls) >= 1
    assert get_meeting(meetings_db, before.id) == before


def test_actions_wait_for_a_selection(page):
    for button in (page.edit_button, page.feedback_button, page.account_button, page.brief_button,
                   page.delete_button):
        assert not button.isEnabled()
    assert page.new_button.isEnabled() and page.print_day_button.isEnabled()


def test_enter_outcome_opens_the_feedback_dialog_and_the_table_shows_it(page, meetings_db, bus, qtbot,
                                                                      monkeypatch):
    opened = []

    class FakeFeedback:
        def __init__(self, db, bus_, meeting_id, parent=None):
            opened.append((meeting_id, bus_ is bus))
            self.db, self.bus, self.meeting_id = db, bus_, meeting_id

        def exec(self):
            update_meeting(self.db, self.meeting_id, {"outcome": "lost", "outcome_reason": "price"})
            self.bus.notify(Changes.of(MEETINGS))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(meetings_page, "FeedbackDialog", FakeFeedback)
    page.period_combo.setCurrentIndex(page.period_combo.findData("past"))
    select(page, "株式会社未来建設", qtbot)
    meeting_id = page.selected_id()
    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert opened == [(meeting_id, True)]
    assert column(page, COL_OUTCOME)[0] == "Lost"


def test_open_account_asks_for_the_meetings_company(page, meetings_db, qtbot):
    select(page, "東洋精機株式会社", qtbot)
    with qtbot.waitSignal(page.account_requested) as signal:
        qtbot.mouseClick(page.account_button, Qt.MouseButton.LeftButton)
    assert signal.args == [_company_id(meetings_db, "東洋精機株式会社")]
    with qtbot.waitSignal(page.account_requested):
        qtbot.keyClick(page.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)


# -- delete and undo ---------------------------------------------------------------------------------

def test_delete_then_undo_puts_the_meeting_back_whole(qtbot, meetings_db, bus, settings):
    stack = QUndoStack()
    page = make_page(qtbot, meetings_db, bus, settings, stack)
    select(page, "株式会社青葉システム", qtbot)
    meeting_id = page.selected_id()
    before = get_meeting(meetings_db, meeting_id)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    with pytest.raises(NotFound):
        get_meeting(meetings_db, meeting_id)
    assert meetings_db.execute("SELECT count(*) FROM meeting_attendees").fetchone()[0] == 0
    assert "株式会社青葉システム" not in column(page, COL_COMPANY)
    assert page.undo_bar.isVisible()
    assert page.undo_label.text().startswith("Deleted the meeting with 株式会社青葉システム on ")
    assert stack.undoText().startswith("Delete the meeting with 株式会社青葉システム")

    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert get_meeting(meetings_db, meeting_id) == before  # same id, uid and every field
    assert meetings_db.execute("SELECT count(*) FROM meeting_attendees WHERE meeting_id = ?",
                               [meeting_id]).fetchone()[0] == 1
    assert "株式会社青葉システム" in column(page, COL_COMPANY)
    assert not page.undo_bar.isVisible()
    stack.redo()
    assert "株式会社青葉システム" not in column(page, COL_COMPANY)
    stack.undo()
    assert get_meeting(meetings_db, meeting_id) == before


def test_deleting_a_meeting_deleted_elsewhere_says_so(page, meetings_db, qtbot, answer):
    select(page, "東洋精機株式会社", qtbot)
    meetings_db.execute("DELETE FROM meetings WHERE id = ?", [page.selected_id()])
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert answer.calls and answer.calls[0][0] == "warning"
    assert "見つかりません" in answer.calls[0][2]
    assert "東洋精機株式会社" not in column(page, COL_COMPANY)


def test_delete_and_ctrl_z_in_the_main_window(window, qtbot):
    db = window.db
    create_meeting(db, _company_id(db, "東洋精機株式会社"), {"starts_at": _at(2), "field_rep": "山本 大輔"})
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["meetings"]
    assert window.current_page() == "meetings" and page.isVisible()
    select(page, "東洋精機株式会社", qtbot)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert column(page, COL_COMPANY) == ["東洋精機株式会社"]


# -- briefing sheets ---------------------------------------------------------------------------------

def sheet_pages(db, meeting_id: int) -> int:
    """How many pages the sheet of ``meeting_id`` has when drawn straight by reports/."""
    return render_brief(gather_brief(db, meeting_id, clock.now()), io.BytesIO()).pages


@pytest.fixture
def brief_page(qtbot, db, bus, settings):
    """The page on 'All', with the typical sample meeting (10:00) and a large account's (14:00)."""
    make_typical(db)
    update_meeting(db, make_large(db), {"starts_at": "2025-01-16T14:00:00+09:00"})
    page = make_page(qtbot, db, bus, settings)
    page.period_combo.setCurrentIndex(page.period_combo.findData("all"))
    return page


def _preview_of_row(page, row: int, qtbot):
    page.activateWindow()  # back from an earlier preview window
    qtbot.waitUntil(page.isActiveWindow)
    page.table.selectRow(row)
    before = page.preview_dialog
    qtbot.keyClick(page.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    dialog = page.preview_dialog
    assert dialog is not None and dialog is not before and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_preview_shows_the_briefing_sheet_with_its_page_count(brief_page, qtbot):
    assert brief_page.model.rowCount() == 2
    first = _preview_of_row(brief_page, 0, qtbot)
    typical_pages = sheet_pages(brief_page.db, brief_page.selected_id())
    assert first.preview.page_count() == typical_pages
    assert first.preview.pages_label.text() == f"{typical_pages} page(s)"
    assert first.preview.title_label.text() == "株式会社みなと精機　2025年1月16日（木） 10:00"
    pdf = first.preview.path.read_bytes()
    assert len(pypdf.PdfReader(first.preview.path).pages) == typical_pages
    assert "株式会社みなと精機" in pypdf.PdfReader(first.preview.path).pages[0].extract_text()
    assert pdf.startswith(b"%PDF")

    second = _preview_of_row(brief_page, 1, qtbot)  # a large account runs to another page
    assert second.preview.page_count() == sheet_pages(brief_page.db, brief_page.selected_id())
    assert second.preview.page_count() == typical_pages + 1
    assert second.preview.title_label.text().endswith("14:00")
    assert not isValid(first) or not first.isVisible()  # the earlier preview closes


def test_preview_of_a_meeting_deleted_meanwhile_is_a_plain_message(brief_page, qtbot, answer):
    brief_page.table.selectRow(0)
    brief_page.db.execute("DELETE FROM meetings WHERE id = ?", [brief_page.selected_id()])
    qtbot.mouseClick(brief_page.brief_button, Qt.MouseButton.LeftButton)
    assert answer.calls[0][0] == "warning" and "見つかりません" in answer.calls[0][2]
    assert brief_page.preview_dialog is None


def test_save_as_pdf_writes_the_sheet_where_the_person_chose(brief_page, qtbot, tmp_path, monkeypatch,
                                                            settings, answer):
    dialog = _preview_of_row(brief_page, 0, qtbot)
    asked = {}

    def choose(_parent, _title, suggested, _filter):
        asked["suggested"] = suggested
        return str(tmp_path / "out" / "みなと精機"), "PDF files (*.pdf)"

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    qtbot.keyClick(dialog.preview, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = tmp_path / "out" / "みなと精機.pdf"
    assert saved.read_bytes() == dialog.preview.path.read_bytes()
    assert asked["suggested"].endswith(dialog.preview.path.name)
    assert settings.last_brief_dir() == str(tmp_path / "out")

    # A folder that does not exist: a plain sentence, nothing half-written.
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(tmp_path / "missing" / "x.pdf"), "")))
    qtbot.mouseClick(dialog.preview.save_button, Qt.MouseButton.LeftButton)
    assert answer.calls[-1][0] == "warning"
    assert "could not be saved" in answer.calls[-1][2]
    assert not (tmp_path / "missing").exists()


def test_printing_goes_through_the_print_dialog_to_the_printer(brief_page, qtbot, tmp_path, monkeypatch):
    """Qt's print path on the offscreen platform: the printer writes a PDF file we then read."""
    from PySide6.QtPrintSupport import QPrinter

    from ui.widgets import brief_preview

    printed = tmp_path / "printed.pdf"

    class FakePrintDialog:  # the person picks a printer (here: Qt's PDF printer) and presses Print
        def __init__(self, printer, parent=None):
            self.printer = printer

        def setObjectName(self, _name):
            pass

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(printed))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(brief_preview, "QPrintDialog", FakePrintDialog)
    dialog = _preview_of_row(brief_page, 1, qtbot)
    qtbot.keyClick(dialog.preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    reader = pypdf.PdfReader(printed)
    assert len(reader.pages) == dialog.preview.page_count() == sheet_pages(brief_page.db,
                                                                            brief_page.selected_id())
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4, as the sheet


def test_print_to_a_qprinter_pdf_file(brief_page, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    dialog = _preview_of_row(brief_page, 0, qtbot)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "one.pdf"))
    assert dialog.preview.print_to(printer)
    assert len(pypdf.PdfReader(tmp_path / "one.pdf").pages) == len(pypdf.PdfReader(dialog.preview.path).pages)


def test_print_all_briefs_for_a_date_makes_one_file_of_every_sheet(qtbot, db, bus, settings, tmp_path):
    shown = [make_typical(db) for _ in range(3)] + [make_long(db)]
    cancelled = make_typical(db)
    update_meeting(db, cancelled, {"status": "cancelled"})
    page = make_page(qtbot, db, bus, settings)
    seen = {}

    def choose_day():
        chooser = QApplication.activeModalWidget()
        seen["first"] = chooser.count_label.text()
        seen["ok_at_first"] = chooser.ok_button.isEnabled()
        chooser.date_edit.setDate(date(2025, 1, 16))
        seen["count"] = chooser.count_label.text()
        qtbot.keyClick(chooser.date_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_day)
    qtbot.mouseClick(page.print_day_button, Qt.MouseButton.LeftButton)
    assert seen == {"first": "There are no meetings on this date.", "ok_at_first": False,
                    "count": "4 meetings on this date (cancelled ones are left out)."}
    preview = page.preview_dialog.preview
    assert preview.page_count() == sum(sheet_pages(db, meeting_id) for meeting_id in shown)
    assert preview.path.name == "briefs-2025-01-16-all.pdf"
    assert len(pypdf.PdfReader(preview.path).outline) == 4

    # Printed through Qt (with a progress dialog: many pages), every page comes out.
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "day.pdf"))
    assert preview.print_to(printer)
    assert len(pypdf.PdfReader(tmp_path / "day.pdf").pages) == preview.page_count()


def test_print_all_for_a_day_without_meetings_makes_nothing(page):
    page.print_day(date(2020, 1, 1))
    assert page.preview_dialog is None


# -- names, language, picture ------------------------------------------------------------------------

def test_every_control_is_named(brief_page, qtbot, check_names):
    assert check_names(brief_page) == []
    dialog = _preview_of_row(brief_page, 0, qtbot)
    assert check_names(dialog) == []
    from ui.dialogs.brief_day import BriefDayDialog
    from ui.dialogs.meeting_company_picker import CompanyPickerDialog

    for other in (BriefDayDialog(brief_page.db, brief_page), CompanyPickerDialog(brief_page.db, brief_page)):
        assert check_names(other) == []
        other.deleteLater()


def test_the_page_speaks_japanese(japanese, qtbot, meetings_db, bus, settings):
    page = make_page(qtbot, meetings_db, bus, settings)
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    assert headers[:5] == ["日時", "会社名", "担当営業", "ステータス", "商談結果"]
    assert column(page, COL_STATUS) == ["予定", "中止", "予定"]
    assert page.new_button.text() == "新規商談…"
    assert page.count_label.text() == "3 件の商談"
    page.period_combo.setCurrentIndex(page.period_combo.findData("past"))
    assert column(page, COL_OUTCOME) == ["結果未入力", "受注"]
    assert page.print_day_button.text() == "日付を指定してブリーフィングシートを一括印刷…"
    select(page, "有限会社さくら商事", qtbot)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.undo_label.text().startswith("有限会社さくら商事との商談（")
    assert page.undo_label.text().endswith("）を削除しました。")
    assert page.undo_button.text() == "元に戻す"


# -- with the real meeting form and feedback dialog --------------------------------------------------

def when_modal(qtbot, name: str, action) -> None:
    """Run ``action(dialog)`` as soon as the modal dialog called ``name`` is up."""

    def attempt():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != name:
            QTimer.singleShot(10, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


def test_create_a_meeting_with_the_real_form(page, meetings_db, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    day = TODAY + timedelta(days=6)

    def pick(picker):
        picker.search.insert("さくら")
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
        when_modal(qtbot, "meetingDialog", fill)

    def fill(form):
        form.date_edit.setDate(day)
        form.time_edit.setTime(form.time_edit.time().fromString("15:30", "HH:mm"))
        form.field_rep.setCurrentText("井上 麻衣")
        form.lines["purpose"].insert("課題ヒアリング")
        ok = form.findChild(QDialogButtonBox, "meetingButtons").button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_modal(qtbot, "companyPickerDialog", pick)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    created = get_meeting(meetings_db, page.selected_id())
    assert created.company_id == _company_id(meetings_db, "有限会社さくら商事")
    assert created.starts_at.startswith(f"{day.isoformat()}T15:30")
    assert (created.field_rep, created.purpose) == ("井上 麻衣", "課題ヒアリング")
    row = page.table.currentIndex().row()
    assert page.proxy.index(row, COL_COMPANY).data() == "有限会社さくら商事"


def test_enter_the_outcome_with_the_real_dialog_and_undo_it(qtbot, meetings_db, bus, settings):
    stack = QUndoStack()
    page = make_page(qtbot, meetings_db, bus, settings, stack)
    page.period_combo.setCurrentIndex(page.period_combo.findData("past"))
    select(page, "株式会社未来建設", qtbot)
    meeting_id = page.selected_id()

    def enter(dialog):
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("won"))
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveButton"), Qt.MouseButton.LeftButton)

    when_modal(qtbot, "feedbackDialog", enter)
    qtbot.mouseClick(page.feedback_button, Qt.MouseButton.LeftButton)
    assert get_meeting(meetings_db, meeting_id).outcome == "won"
    assert column(page, COL_OUTCOME)[0] == "Won"
    stack.undo()
    assert get_meeting(meetings_db, meeting_id).outcome is None
    assert column(page, COL_OUTCOME)[0] == "Feedback awaited"
