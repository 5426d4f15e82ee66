"""The import result's duplicates: the row, the company it matched (in the database or earlier in the
file) and why."""

from __future__ import annotations

from models.importing.plan import DuplicateMatch
from ui.qt_models.import_models import DuplicatesModel


def test_each_duplicate_names_its_company_and_key(qtmodeltester):
    model = DuplicatesModel()
    model.set_matches([DuplicateMatch(3, "株式会社あおば", "phone", "duplicates", None, 2),
                       DuplicateMatch(4, "株式会社みなと精機", "corporate_number", "updated", 7)])
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert rows == [["3", "Line 2: 株式会社あおば", "Same phone number", "Nothing new"],
                    ["4", "株式会社みなと精機", "Same corporate number", "Filled its empty fields"]]
