"""Named target lists: names, members, order."""

from __future__ import annotations

import pytest

from models.accounts.companies import create_company, delete_companies, get_company
from models.accounts.lists import (
    add_to_list,
    count_lists,
    create_list,
    delete_list,
    find_list,
    get_list,
    get_lists,
    lists_for_company,
    member_ids,
    move_in_list,
    remove_from_list,
    rename_list,
    set_list_description,
    set_list_script,
    set_priority,
)
from models.accounts.targets import TargetFilter, fetch_targets
from models.store.errors import NotFound, ValidationError


@pytest.fixture
def five(fresh_db):
    """Five companies; returns (db, [ids])."""
    ids = [create_company(fresh_db, {"name": f"会社{n}", "name_kana": f"カイシャ{n}"}).id for n in range(5)]
    return fresh_db, ids


def test_create_a_list(fresh_db):
    made = create_list(fresh_db, "  東京 IT  企業 ", "展示会リスト")
    assert (made.name, made.description) == ("東京 IT 企業", "展示会リスト")
    assert (made.member_count, made.script) == (0, None)
    row = fresh_db.execute("SELECT uid, created_at, updated_at FROM target_lists").fetchone()
    assert len(row[0]) == 32 and row[1] == row[2]
    assert get_list(fresh_db, made.id) == made


def test_a_list_needs_a_name_of_its_own(fresh_db):
    create_list(fresh_db, "ABC商事向け")
    with pytest.raises(ValidationError, match="リスト名を入力してください"):
        create_list(fresh_db, " \u3000 ")
    with pytest.raises(ValidationError, match="「ＡＢＣ商事向け」という名前のリストはすでにあります"):
        create_list(fresh_db, "ＡＢＣ商事向け")  # full-width letters: the same name to a reader
    with pytest.raises(ValidationError, match="すでにあります"):
        create_list(fresh_db, "abc商事向け")
    assert len(get_lists(fresh_db)) == 1


def test_rename_a_list(fresh_db):
    first = create_list(fresh_db, "一月")
    second = create_list(fresh_db, "二月")
    assert rename_list(fresh_db, first.id, "一月").name == "一月"  # its own name is fine
    assert rename_list(fresh_db, first.id, "1月 再架電").name == "1月 再架電"
    with pytest.raises(ValidationError, match="すでにあります"):
        rename_list(fresh_db, second.id, "1月 再架電")
    with pytest.raises(ValidationError):
        rename_list(fresh_db, second.id, "")
    with pytest.raises(NotFound, match="見つかりません"):
        rename_list(fresh_db, 999, "x")


def test_find_and_get_lists(fresh_db):
    b = create_list(fresh_db, "Bリスト")
    a = create_list(fresh_db, "Aリスト")
    assert [lst.id for lst in get_lists(fresh_db)] == [a.id, b.id]  # by name
    assert find_list(fresh_db, "Ａリスト ") == a
    assert find_list(fresh_db, "Cリスト") is None
    with pytest.raises(NotFound):
        get_list(fresh_db, 12345)


def test_count_lists_counts_what_get_lists_returns(fresh_db):
    assert count_lists(fresh_db) == 0
    create_list(fresh_db, "Aリスト")
    delete_list(fresh_db, create_list(fresh_db, "Bリスト").id)
    create_list(fresh_db, "Cリスト")
    assert count_lists(fresh_db) == len(get_lists(fresh_db)) == 2


def test_add_appends_in_the_order_given_and_skips_what_is_already_there(five):
    db, ids = five
    target = create_list(db, "今週")
    assert add_to_list(db, target.id, [ids[2], ids[0]]).count == 2
    assert add_to_list(db, target.id, [ids[0], ids[4], ids[4], 9999]).count == 1  # member, repeat, unknown id
    assert member_ids(db, target.id) == [ids[2], ids[0], ids[4]]
    priorities = db.execute("SELECT company_id, priority FROM list_members ORDER BY priority").fetchall()
    assert priorities == [(ids[2], 1), (ids[0], 2), (ids[4], 3)]
    assert get_list(db, target.id).member_count == 3
    assert add_to_list(db, target.id, []).count == 0
    with pytest.raises(NotFound):
        add_to_list(db, 999, [ids[1]])
    assert db.execute("SELECT count(*) FROM list_members").fetchone()[0] == 3


def test_add_records_the_import_batch(five):
    db, ids = five
    target = create_list(db, "取込")
    import_id = db.execute(
        "INSERT INTO imports (uid, created_at, updated_at, file_name) VALUES ('u', 'now', 'now', 'a.csv')"
    ).lastrowid
    add_to_list(db, target.id, ids[:2], import_id=import_id)
    assert db.execute("SELECT count(*) FROM list_members WHERE import_id = ?", [import_id]).fetchone()[0] == 2


def test_a_company_can_be_on_many_lists(five):
    db, ids = five
    spring = create_list(db, "春")
    autumn = create_list(db, "秋")
    add_to_list(db, spring.id, ids[:3])
    add_to_list(db, autumn.id, ids[2:])
    assert [lst.name for lst in lists_for_company(db, ids[2])] == ["春", "秋"]
    assert [lst.member_count for lst in lists_for_company(db, ids[2])] == [3, 3]
    assert lists_for_company(db, 999) == []


def test_remove_from_a_list(five):
    db, ids = five
    target = create_list(db, "整理")
    add_to_list(db, target.id, ids)
    assert remove_from_list(db, target.id, [ids[1], ids[3], 999]).count == 2
    assert remove_from_list(db, target.id, [ids[1]]).count == 0
    assert member_ids(db, target.id) == [ids[0], ids[2], ids[4]]
    assert get_company(db, ids[1]).name == "会社1"  # the company stays


def test_delete_a_list_keeps_the_companies(five):
    db, ids = five
    target = create_list(db, "消すリスト")
    add_to_list(db, target.id, ids)
    delete_list(db, target.id)
    delete_list(db, target.id)  # already gone: nothing to do
    assert get_lists(db) == []
    assert db.execute("SELECT count(*) FROM list_members").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM companies").fetchone()[0] == 5


def test_deleting_a_company_takes_it_off_its_lists(five):
    db, ids = five
    target = create_list(db, "リスト")
    add_to_list(db, target.id, ids)
    delete_companies(db, [ids[0]])
    assert member_ids(db, target.id) == ids[1:]


@pytest.mark.parametrize(("position", "expected"), [
    (0, [3, 0, 1, 2, 4]),
    (2, [0, 1, 3, 2, 4]),
    (4, [0, 1, 2, 4, 3]),
    (99, [0, 1, 2, 4, 3]),
    (-5, [3, 0, 1, 2, 4]),
    (3, [0, 1, 2, 3, 4]),
])
def test_move_in_list(five, position, expected):
    db, ids = five
    target = create_list(db, "並べ替え")
    add_to_list(db, target.id, ids)
    move_in_list(db, target.id, ids[3], position)
    assert member_ids(db, target.id) == [ids[n] for n in expected]
    rows = fetch_targets(db, TargetFilter(list_id=target.id))
    assert [row.id for row in rows] == [ids[n] for n in expected]  # the table shows the same order
    assert [row.list_priority for row in rows] == [1, 2, 3, 4, 5]


def test_move_in_a_list_whose_members_share_a_priority(five):
    db, ids = five
    target = create_list(db, "同順位")
    add_to_list(db, target.id, ids)
    db.execute("UPDATE list_members SET priority = 0")
    db.execute("UPDATE companies SET rank = 'A' WHERE id = ?", [ids[4]])  # ties follow company priority
    assert member_ids(db, target.id)[0] == ids[4]
    move_in_list(db, target.id, ids[0], 0)
    assert member_ids(db, target.id) == [ids[0], ids[4], ids[1], ids[2], ids[3]]


def test_set_priority_and_errors(five):
    db, ids = five
    target = create_list(db, "優先")
    add_to_list(db, target.id, ids[:3])
    set_priority(db, target.id, ids[0], 10)
    assert member_ids(db, target.id) == [ids[1], ids[2], ids[0]]
    with pytest.raises(NotFound, match="リストに含まれていません"):
        set_priority(db, target.id, ids[4], 1)
    with pytest.raises(NotFound):
        move_in_list(db, target.id, ids[4], 0)
    with pytest.raises(NotFound):
        move_in_list(db, 999, ids[0], 0)


def test_script_and_description(fresh_db):
    target = create_list(fresh_db, "トーク付き")
    script = "お世話になっております。"
    assert set_list_script(fresh_db, target.id, script).script == script
    assert set_list_script(fresh_db, target.id, "   ").script is None
    assert set_list_description(fresh_db, target.id, " 4月入社向け ").description == "4月入社向け"
    with pytest.raises(NotFound):
        set_list_script(fresh_db, 999, "x")
