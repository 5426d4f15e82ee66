"""Every Qt model passes pytest-qt's model tester, and the target model pages, sorts and explains."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.accounts import companies
from models.accounts.targets import TargetFilter
from models.importing import importer as importing
from ui.qt_models import targets_model
from ui.qt_models.contacts_model import ContactsModel
from ui.qt_models.import_models import PreviewModel, RejectsModel
from ui.qt_models.targets_model import COL_EMPLOYEES, COL_NAME, COL_SCORE, COL_STATUS, SortRole, TargetsModel


def test_targets_model_passes_the_model_tester(qtmodeltester, db):
    model = TargetsModel(db)
    qtmodeltester.check(model)
    model.sort(COL_EMPLOYEES, Qt.SortOrder.DescendingOrder)
    model.set_filter(TargetFilter(search="株式会社"))
    qtmodeltester.check(model)


def test_targets_model_fetches_in_pages(qtmodeltester, empty_db, monkeypatch):
    monkeypatch.setattr(targets_model, "PAGE_SIZE", 10)
    for number in range(25):
        companies.create_company(empty_db, {"name": f"テスト商事{number:02d}",
                                            "name_kana": f"テスト{number:02d}"})
    model = TargetsModel(empty_db)
    assert (model.rowCount(), model.total(), model.canFetchMore()) == (10, 25, True)
    model.fetchMore()
    assert model.rowCount() == 20
    model.fetch_all()
    assert model.rowCount() == 25 and not model.canFetchMore()
    qtmodeltester.check(model)


def test_sorting_requeries_with_native_sort_values(db):
    model = TargetsModel(db)
    model.sort(COL_EMPLOYEES, Qt.SortOrder.AscendingOrder)
    employees = [model.index(row, COL_EMPLOYEES).data(SortRole) for row in range(model.rowCount())]
    assert employees == sorted(employees) and isinstance(employees[0], int)
    model.sort(COL_EMPLOYEES, Qt.SortOrder.DescendingOrder)
    assert model.index(0, COL_EMPLOYEES).data() == "480"
    assert model.index(0, COL_NAME).data() == "東洋精機株式会社"


def test_status_shows_its_label_and_score_explains_itself(db):
    model = TargetsModel(db)
    statuses = {model.index(row, COL_STATUS).data() for row in range(model.rowCount())}
    assert "Untouched" in statuses  # English UI in tests: vocab's English label
    tooltip = model.index(0, COL_SCORE).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip and "業種" in tooltip


def test_contacts_model(qtmodeltester, db):
    company_id = TargetsModel(db).row_at(0).id
    companies.create_contact(db, company_id, {"name": "山田 太郎", "role": "hr", "department": "人事部"})
    model = ContactsModel(db)
    model.set_company(company_id)
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "HR"
    qtmodeltester.check(model)


def test_preview_and_rejects_models(qtmodeltester, post_office_csv):
    table = importing.read_table(post_office_csv)
    preview = PreviewModel()
    preview.set_table(table.header, table.rows, importing.guess_mapping(table))
    assert preview.rowCount() == 50 and preview.columnCount() == table.width
    assert "→" in preview.headerData(2, Qt.Orientation.Horizontal)
    qtmodeltester.check(preview)
    rejects = RejectsModel()
    rejects.set_rejects([importing.Reject(line=3, reason="会社名がありません", values=("", "x"))])
    assert rejects.index(0, 0).data() == "3"
    qtmodeltester.check(rejects)


def test_targets_model_keeps_recent_pages_and_reads_others_again(empty_db, monkeypatch):
    """Scrolled through, the table holds ids and a few pages of rows; every row still shows, in order."""
    monkeypatch.setattr(targets_model, "PAGE_SIZE", 10)
    monkeypatch.setattr(targets_model, "CACHED_PAGES", 2)
    for number in range(45):
        companies.create_company(empty_db, {"name": f"テスト商事{number:02d}",
                                            "name_kana": f"テスト{number:02d}"})
    model = TargetsModel(empty_db)
    model.sort(COL_NAME)
    model.fetch_all()
    names = [model.index(row, COL_NAME).data() for row in range(model.rowCount())]
    assert names == [f"テスト商事{number:02d}" for number in range(45)]
    assert model.index(3, COL_NAME).data() == "テスト商事03"  # its page was dropped and is read again
    assert model.row_of_id(model.row_at(44).id) == 44
