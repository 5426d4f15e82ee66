"""Sorting the Targets table piece by piece (value by value, set then unset) gives exactly the order of
one ORDER BY over every company, at every offset, with and without filters."""

from __future__ import annotations

from datetime import date

import pytest

from models.accounts import companies
from models.accounts.targets import SORT_KEYS, TargetFilter, order_by, page_ids
from models.demo.builder import generate_demo

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def db():
    from models.store.db import open_db

    database = open_db(":memory:")
    generate_demo(database, companies=300, seed=5, today=TODAY)
    # Empty and unexpected values, which sort last (an unknown prefecture after the 47, by its text).
    for number, values in enumerate(({"prefecture": None, "industry": None}, {"prefecture": "ハワイ州"},
                                     {"prefecture": "", "industry": ""}, {"prefecture": "アラスカ州"})):
        companies.create_company(database, {"name": f"例外商事{number}", **values})
    yield database
    database.close()


def expected(db, flt: TargetFilter, sort: str, descending: bool) -> list[int]:
    where = ""
    params: list = []
    if flt.statuses:
        where = f"WHERE c.status IN ({','.join('?' * len(flt.statuses))})"
        params = list(flt.statuses)
    return [row[0] for row in db.execute(
        f"SELECT c.id FROM companies c {where} ORDER BY {order_by(sort, descending)}", params)]


@pytest.mark.parametrize("sort", [key for key in SORT_KEYS if key != "list_priority"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("flt", [TargetFilter(), TargetFilter(statuses=("nurturing", "untouched"))])
def test_every_page_is_the_slice_of_the_whole_order(db, sort, descending, flt):
    whole = expected(db, flt, sort, descending)
    assert page_ids(db, flt, sort, descending, limit=None) == whole
    for offset in (0, 1, 57, 150, len(whole) - 3, len(whole) + 5):
        assert page_ids(db, flt, sort, descending, offset=offset, limit=40) == whole[offset:offset + 40]


@pytest.mark.parametrize("flt", [TargetFilter(statuses=("appointment",), exclude_closed=True),
                                 TargetFilter(ranks=("B", "")), TargetFilter(ranks=("A",)),
                                 TargetFilter(exclude_closed=True)])
@pytest.mark.parametrize("sort", ["status", "rank"])
def test_values_the_filter_leaves_out_are_not_read(db, flt, sort):
    whole = page_ids(db, flt, "id", limit=None)  # every match, in id order
    for descending in (False, True):
        ids = page_ids(db, flt, sort, descending, limit=None)
        assert sorted(ids) == sorted(whole)
        assert page_ids(db, flt, sort, descending, offset=5, limit=7) == ids[5:12]
