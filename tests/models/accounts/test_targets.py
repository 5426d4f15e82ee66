"""The Targets table's query layer: filters, search, sorting, paging, saved views."""

from __future__ import annotations

import random
from datetime import date

import pytest

from models.accounts import targets
from models.accounts.companies import company_row, create_company
from models.accounts.lists import add_to_list, create_list
from models.accounts.normalize import PREFECTURES
from models.accounts.targets import (
    SORT_KEYS,
    TargetFilter,
    count_targets,
    delete_view,
    distinct_values,
    fetch_targets,
    get_view,
    list_views,
    rename_view,
    save_view,
    target_ids,
)
from models.store.db import open_db, stamp
from models.store.errors import NotFound, ValidationError

TODAY = date(2025, 6, 30)


def company(db, name, **values) -> int:
    return create_company(db, {"name": name, **values}).id


def touch(db, company_id, at):
    db.execute("UPDATE companies SET last_touch_at = ? WHERE id = ?", [at, company_id])


def plan(db, company_id, due, status="open"):
    db.table("plans").insert(stamp({"company_id": company_id, "due": due, "status": status}))


def ids(db, flt=None, **kwargs):
    return [row.id for row in fetch_targets(db, flt or TargetFilter(), limit=None, today=TODAY, **kwargs)]


def names(db, flt=None, **kwargs):
    return [row.name for row in fetch_targets(db, flt or TargetFilter(), limit=None, today=TODAY, **kwargs)]


@pytest.fixture
def sample(fresh_db):
    """Eight companies covering every filter; returns (db, {short name: id})."""
    db = fresh_db
    made = {
        "yamada": company(db, "株式会社山田建設", name_kana="ヤマダケンセツ", phone="03-1234-5678",
                          address="東京都千代田区丸の内1-1-1", prefecture="東京都", industry="建設業",
                          employees=120, rank="A", notes="社長直通あり"),
        "sato": company(db, "佐藤商事有限会社", name_kana="サトウショウジ", phone="06-6123-4567",
                        address="大阪府大阪市北区梅田2-2-2", prefecture="大阪府", industry="卸売業",
                        employees=30, rank="B", status="nurturing"),
        "hokkai": company(db, "北海物流株式会社", name_kana="ホッカイブツリュウ", phone="011-222-3333",
                          address="北海道札幌市中央区大通西3丁目", prefecture="北海道", industry="運輸業",
                          rank="A", status="in_progress"),
        "okinawa": company(db, "琉球フーズ", name_kana="リュウキュウフーズ", prefecture="沖縄県",
                           address="沖縄県那覇市久茂地1-1", industry="飲食業", status="appointment"),
        "closed": company(db, "対象外工業", name_kana="タイショウガイコウギョウ", status="disqualified",
                          prefecture="東京都", industry="製造業", rank="C"),
        "dnc": company(db, "架電不可電機", name_kana="カデンフカデンキ", status="do_not_call", rank="D"),
        "nokana": company(db, "ＡＢＣシステム株式会社", phone="0120-123-456", industry="情報通信業"),
        "touched": company(db, "青葉ソフト", name_kana="アオバソフト", status="customer", rank="B",
                           prefecture="宮城県", notes="人事は1月に計画策定"),
    }
    db.execute("UPDATE companies SET score = 0")  # the scores the tests below order by, not the rules
    db.execute("UPDATE companies SET score = 80 WHERE id = ?", [made["sato"]])
    db.execute("UPDATE companies SET score = 50 WHERE id = ?", [made["hokkai"]])
    touch(db, made["sato"], "2025-06-25T10:00:00+09:00")
    touch(db, made["hokkai"], "2025-05-01T10:00:00+09:00")
    touch(db, made["touched"], "2025-06-01T09:00:00+09:00")
    plan(db, made["sato"], "2025-07-10")
    plan(db, made["sato"], "2025-07-03T14:00")
    plan(db, made["sato"], "2025-07-01", status="done")
    plan(db, made["yamada"], "2025-08-01", status="skipped")
    plan(db, made["okinawa"], "2025-09-01")
    return db, made


def test_an_empty_database_shows_nothing(fresh_db):
    assert fetch_targets(fresh_db, TargetFilter()) == []
    assert count_targets(fresh_db, TargetFilter()) == 0
    assert target_ids(fresh_db, TargetFilter(search="山田建設")) == []


def test_every_company_is_shown_by_default_closed_ones_included(sample):
    db, made = sample
    assert set(ids(db)) == set(made.values())
    assert count_targets(db, TargetFilter()) == len(made)


def test_default_order_is_rank_then_score_then_reading(sample):
    db, made = sample
    assert ids(db)[:3] == [made["hokkai"], made["yamada"], made["sato"]]  # A 50, A 0, B 80
    assert ids(db)[-2:] == [made["okinawa"], made["nokana"]]  # unranked last; no reading last


def test_a_row_carries_what_the_table_shows(sample):
    db, made = sample
    row = fetch_targets(db, TargetFilter(search="佐藤商事"))[0]
    assert row.id == made["sato"]
    assert (row.name, row.name_kana, row.phone, row.prefecture) == ("佐藤商事有限会社", "サトウショウジ",
                                                                   "06-6123-4567", "大阪府")
    assert (row.industry, row.employees, row.rank) == ("卸売業", 30, "B")
    assert (row.score, row.status) == (80, "nurturing")
    assert row.last_touch_at == "2025-06-25T10:00:00+09:00"
    assert row.next_plan_due == "2025-07-03T14:00"  # the earliest open plan; done ones do not count
    assert row.list_priority is None
    assert fetch_targets(db, TargetFilter(search="山田建設"))[0].next_plan_due is None  # skipped plan


@pytest.mark.parametrize(("flt", "expected"), [
    (TargetFilter(statuses=("nurturing", "appointment")), {"sato", "okinawa"}),
    (TargetFilter(ranks=("A",)), {"yamada", "hokkai"}),
    (TargetFilter(ranks=("",)), {"okinawa", "nokana"}),
    (TargetFilter(ranks=("C", "")), {"closed", "okinawa", "nokana"}),
    (TargetFilter(prefectures=("東京都", "北海道")), {"yamada", "closed", "hokkai"}),
    (TargetFilter(prefectures=("",)), {"dnc", "nokana"}),
    (TargetFilter(industries=("建設業", "飲食業")), {"yamada", "okinawa"}),
    (TargetFilter(industries=("",)), {"dnc", "touched"}),
    (TargetFilter(untouched_only=True), {"yamada", "nokana"}),  # status untouched and never touched
    (TargetFilter(not_touched_days=30), {"hokkai"}),
    (TargetFilter(not_touched_days=29), {"hokkai", "touched"}),  # touched 29 days before TODAY
    (TargetFilter(not_touched_days=0), {"sato", "hokkai", "touched"}),
    (TargetFilter(has_open_plan=True), {"sato", "okinawa"}),
    (TargetFilter(has_open_plan=False), {"yamada", "hokkai", "closed", "dnc", "nokana", "touched"}),
    (TargetFilter(exclude_closed=True), {"yamada", "sato", "hokkai", "okinawa", "nokana", "touched"}),
    (TargetFilter(search="丸の内"), {"yamada"}),
])
def test_each_filter_alone(sample, flt, expected):
    db, made = sample
    want = {made[name] for name in expected}
    assert set(ids(db, flt)) == want
    assert count_targets(db, flt, today=TODAY) == len(want)


def test_filters_combine_with_and(sample):
    db, made = sample
    flt = TargetFilter(ranks=("A", "B"), prefectures=("東京都", "北海道", "宮城県"), exclude_closed=True,
                       has_open_plan=False, search="株式会社")
    assert set(ids(db, flt)) == {made["yamada"], made["hokkai"]}
    assert set(ids(db, TargetFilter(statuses=("disqualified",), exclude_closed=True))) == set()
    flt = TargetFilter(not_touched_days=10, statuses=("in_progress", "customer"), search="ソフト")
    assert ids(db, flt) == [made["touched"]]


def test_the_list_filter_shows_members_in_list_order(sample):
    db, made = sample
    target_list = create_list(db, "6月架電")
    add_to_list(db, target_list.id, [made["okinawa"], made["yamada"], made["dnc"]])
    flt = TargetFilter(list_id=target_list.id)
    rows = fetch_targets(db, flt)
    assert [row.id for row in rows] == [made["okinawa"], made["yamada"], made["dnc"]]
    assert [row.list_priority for row in rows] == [1, 2, 3]
    assert count_targets(db, flt) == 3
    narrowed = TargetFilter(list_id=target_list.id, exclude_closed=True, search="山田")
    assert ids(db, narrowed) == [made["yamada"]]
    assert ids(db, TargetFilter(list_id=target_list.id + 99)) == []


# -- search -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected"), [
    ("山田建設", "yamada"),  # kanji substring (FTS)
    ("田建", "yamada"),  # two characters (LIKE)
    ("琉", "okinawa"),  # one character (LIKE)
    ("やまだけんせつ", "yamada"),  # hiragana finds the katakana reading
    ("ﾔﾏﾀﾞ", "yamada"),  # half-width kana
    ("ﾘｭｳｷｭｳ", "okinawa"),
    ("abcシステム", "nokana"),  # full-width letters in the name, half-width in the query
    ("０３－１２３４", "yamada"),  # full-width digits and dash
    ("03-1234-5678", "yamada"),
    ("0312345678", "yamada"),  # without hyphens
    ("1234-5678", "yamada"),
    ("12345678", "yamada"),
    ("0120123456", "nokana"),
    ("丸の内1-1", "yamada"),  # address
    ("社長直通", "yamada"),  # notes
    ("は1月に", "touched"),  # hiragana in notes is katakana in the key
    ("大阪 梅田", "sato"),  # AND of terms, both long
    ("大阪 北", "sato"),  # long term through FTS, short one through LIKE
    ("札幌 中央", "hokkai"),  # only short terms
])
def test_search_finds_japanese_text_however_it_is_typed(sample, query, expected):
    db, made = sample
    assert ids(db, TargetFilter(search=query)) == [made[expected]]
    assert count_targets(db, TargetFilter(search=query)) == 1


def test_search_that_matches_nothing(sample):
    db, _ = sample
    for query in ("存在しない会社", "鰻", "大阪 札幌", "0399999999"):
        assert ids(db, TargetFilter(search=query)) == []
        assert count_targets(db, TargetFilter(search=query)) == 0


@pytest.mark.parametrize("query", [
    '"', '""', 'a"b', "*", "a*", "AND", "OR", "NOT", "NEAR(a b)", "(", ")", "株式(", "^", ":",
    "col:x", "%", "_", "\\", "%%%", "___", "'; DROP TABLE companies; --", "{a b}", "-+-",
])
def test_special_characters_in_a_query_do_not_break_search(sample, query):
    db, _ = sample
    assert ids(db, TargetFilter(search=query)) == []
    assert count_targets(db, TargetFilter(search=query)) == 0
    assert count_targets(db, TargetFilter()) == 8


def test_punctuation_in_phone_numbers_is_searchable(sample):
    db, made = sample
    with_phone = {made[name] for name in ("yamada", "sato", "hokkai", "nokana")}
    assert set(ids(db, TargetFilter(search="-"))) == with_phone | {made["okinawa"]}  # 久茂地1-1
    assert set(ids(db, TargetFilter(search="+"))) == with_phone  # the E.164 form in the key
    # the separator between the parts of the key is never searched for: the query is empty
    assert len(ids(db, TargetFilter(search="\u241e"))) == 8


def test_counts_follow_writes_from_this_and_other_connections(file_db):
    db, path = file_db
    company(db, "山田建設")
    flt = TargetFilter(search="山田建設")
    fetch_targets(db, flt)  # may count on the way
    assert count_targets(db, flt) == 1
    company(db, "株式会社山田建設")
    assert count_targets(db, flt) == 2
    other = open_db(path)
    try:
        company(other, "山田建設工業")
    finally:
        other.close()
    assert len(fetch_targets(db, flt)) == 3
    assert count_targets(db, flt) == 3


def test_like_wildcards_are_literal(fresh_db):
    wanted = company(fresh_db, "100%_商事", notes='"特価" 50% OFF')
    company(fresh_db, "1000商事")
    assert ids(fresh_db, TargetFilter(search="%")) == [wanted]
    assert ids(fresh_db, TargetFilter(search="0%_")) == [wanted]
    assert ids(fresh_db, TargetFilter(search='"特価"')) == [wanted]
    assert ids(fresh_db, TargetFilter(search="50% off")) == [wanted]  # ASCII case folded


def _reference(db, query_ok, filter_ok=lambda row: True):
    """Every company in the default order, computed in Python."""
    rows = db.execute("SELECT id, rank, score, name_kana, search_key, status FROM companies").fetchall()
    kept = [r for r in rows if query_ok(r[4]) and filter_ok(r)]
    kept.sort(key=lambda r: (r[1] is None, r[1] or "", -r[2], r[3] is None, r[3] or "", r[0]))
    return [r[0] for r in kept]


@pytest.fixture
def crowd(fresh_db):
    """600 companies, most of them 株式会社, with ranks, scores and readings repeating (many ties)."""
    rng = random.Random(3)
    rows = []
    for number in range(600):
        form = rng.choice(["株式会社", "有限会社", ""])
        name = f"{form}{rng.choice(['山田', '青葉', '光'])}商事部{number % 7}"
        row = company_row({"name": name, "name_kana": rng.choice(["ヤマダ", "アオバ", None]),
                           "rank": rng.choice(["A", "B", None]),
                           "status": rng.choice(["untouched", "do_not_call"])})
        row["score"] = rng.choice([0, 10, 20])
        rows.append(row)
    fresh_db.table("companies").insert_all(rows)
    return fresh_db


@pytest.mark.parametrize("query", ["株式会社", "商事部", "商事", "山田商事", "有限会社光", "商事部3",
                                   "株 商事部"])
def test_broad_and_narrow_searches_give_the_same_order_whichever_way_they_are_found(crowd, query):
    terms = query.split()
    expected = _reference(crowd, lambda key: all(t in key for t in terms))
    flt = TargetFilter(search=query)
    query_plan = targets._plan(crowd, targets._Query.build(flt, None), "priority", False, False, 200)
    assert query_plan in ({}, {"fts": False})
    assert [row.id for row in fetch_targets(crowd, flt, limit=200)] == expected[:200]
    assert [row.id for row in fetch_targets(crowd, flt, offset=150, limit=100)] == expected[150:250]
    assert target_ids(crowd, flt) == expected
    assert count_targets(crowd, flt) == len(expected)


def test_a_broad_search_walks_the_priority_index_and_a_narrow_one_uses_fts(crowd):
    def plan_for(flt):
        return targets._plan(crowd, targets._Query.build(flt, None), "priority", False, False, 200)

    assert plan_for(TargetFilter(search="商事部")) == {"fts": False}
    assert plan_for(TargetFilter(search="山田商事部3")) == {}
    assert plan_for(TargetFilter(search="商事部", exclude_closed=True)) == {"fts": False}
    assert plan_for(TargetFilter(search="商事部", statuses=("customer",))) == {}  # the sample finds none
    assert plan_for(TargetFilter(search="商事")) == {}  # no FTS term: nothing to choose
    assert plan_for(TargetFilter()) == {}


@pytest.mark.parametrize("query", ["株式会社", "山田商事部3"])
def test_a_search_with_a_filter_is_still_right(crowd, query):
    flt = TargetFilter(search=query, exclude_closed=True, ranks=("A", ""))
    expected = _reference(crowd, lambda key: query in key,
                          lambda r: r[5] != "do_not_call" and r[1] in ("A", None))
    assert [row.id for row in fetch_targets(crowd, flt, limit=50)] == expected[:50]
    assert count_targets(crowd, flt) == len(expected)
    by_name = fetch_targets(crowd, TargetFilter(search=query, prefectures=("",)), "name", limit=None)
    assert sorted(row.id for row in by_name) == sorted(_reference(crowd, lambda key: query in key))


# -- sorting and paging -------------------------------------------------------------------------------

@pytest.mark.parametrize("sort", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_pages_of_every_sort_join_up_without_gaps_or_repeats(sample, sort, descending):
    db, made = sample
    flt = TargetFilter()
    everything = [row.id for row in fetch_targets(db, flt, sort, descending, limit=None, today=TODAY)]
    paged = []
    for offset in range(0, 10, 3):
        page = fetch_targets(db, flt, sort, descending, offset=offset, limit=3, today=TODAY)
        paged += [row.id for row in page]
    assert paged == everything
    assert sorted(everything) == sorted(made.values())
    assert target_ids(db, flt, sort, descending, today=TODAY) == everything


@pytest.mark.parametrize("descending", [False, True])
def test_empty_values_sort_last_in_both_directions(sample, descending):
    db, _ = sample
    rows = fetch_targets(db, TargetFilter(), "employees", descending, limit=None)
    assert [row.employees for row in rows[:2]] == ([30, 120] if not descending else [120, 30])
    assert all(row.employees is None for row in rows[2:])


def test_sorting_by_columns(sample):
    db, made = sample
    prefectures = [row.prefecture for row in fetch_targets(db, TargetFilter(), "prefecture", limit=None)]
    assert prefectures[:6] == ["北海道", "宮城県", "東京都", "東京都", "大阪府", "沖縄県"]  # north → south
    assert prefectures[6:] == [None, None]
    statuses = [row.status for row in fetch_targets(db, TargetFilter(), "status", limit=None)]
    assert statuses == ["untouched", "untouched", "in_progress", "nurturing", "appointment", "customer",
                        "disqualified", "do_not_call"]  # the order work moves through
    kana = [row.name_kana for row in fetch_targets(db, TargetFilter(), "name", limit=None)]
    assert kana[:3] == ["アオバソフト", "カデンフカデンキ", "サトウショウジ"] and kana[-1] is None  # 五十音
    assert names(db, sort="score", descending=True)[:2] == ["佐藤商事有限会社", "北海物流株式会社"]
    touched = [row.id for row in fetch_targets(db, TargetFilter(), "last_touch_at", True, limit=3)]
    assert touched == [made["sato"], made["touched"], made["hokkai"]]
    due = [row.id for row in fetch_targets(db, TargetFilter(), "next_plan_due", limit=2)]
    assert due == [made["sato"], made["okinawa"]]


def test_an_unknown_sort_key_is_a_programming_error(sample):
    db, _ = sample
    with pytest.raises(ValueError):
        fetch_targets(db, TargetFilter(), sort="shoe_size")


# -- drop-downs ---------------------------------------------------------------------------------------

def test_distinct_values_for_the_filter_drop_downs(sample):
    db, _ = sample
    company(db, "謎の会社", prefecture="ムー大陸")
    assert distinct_values(db, "prefecture") == ["北海道", "宮城県", "東京都", "大阪府", "沖縄県", "ムー大陸"]
    industries = ["建設業", "卸売業", "運輸業", "飲食業", "製造業", "情報通信業"]
    assert distinct_values(db, "industry") == sorted(industries)
    assert set(distinct_values(db, "prefecture")) <= set(PREFECTURES) | {"ムー大陸"}
    with pytest.raises(ValueError):
        distinct_values(db, "name; DROP TABLE companies")


def test_drop_downs_skip_blanks_and_keep_every_other_value(fresh_db):
    """Values are found by hopping along the index: blanks and NULL are left out, every other value kept."""
    for industry in ("", None, "製造業", "2業種", "製造業", "Ａ業"):
        company(fresh_db, "会社", industry=industry)
    fresh_db.execute("UPDATE companies SET industry = 7 WHERE industry = '2業種'")  # stored as text '7'
    assert distinct_values(fresh_db, "industry") == sorted(["7", "製造業", "Ａ業"])
    assert distinct_values(fresh_db, "prefecture") == []


# -- the filter as data and saved views ---------------------------------------------------------------

def test_a_filter_round_trips_through_json():
    flt = TargetFilter(search="山田 建設", list_id=3, statuses=("untouched", "nurturing"), ranks=("A", ""),
                       prefectures=("東京都",), industries=("建設業",), untouched_only=True,
                       not_touched_days=30, has_open_plan=False, exclude_closed=True)
    text = flt.to_json()
    assert "山田" in text  # readable in the file, not \\u escapes
    assert TargetFilter.from_json(text) == flt
    assert TargetFilter.from_json(TargetFilter().to_json()) == TargetFilter()


def test_a_filter_is_hashable_even_when_given_lists():
    flt = TargetFilter(statuses=["untouched"], ranks=["A"])  # type: ignore[arg-type]
    assert flt.statuses == ("untouched",)
    assert hash(flt) == hash(TargetFilter(statuses=("untouched",), ranks=("A",)))


def test_reading_a_filter_tolerates_old_and_odd_json():
    assert TargetFilter.from_json('{"search": "東京", "future_option": 1}') == TargetFilter(search="東京")
    odd = TargetFilter.from_json(
        '{"ranks": "A", "list_id": "x", "has_open_plan": "yes", "not_touched_days": true}')
    assert odd == TargetFilter()
    for broken in ("", "not json", "[1, 2]", "null"):
        with pytest.raises(ValidationError, match="ビュー"):
            TargetFilter.from_json(broken)


def test_saved_views_round_trip(fresh_db):
    flt = TargetFilter(search="建設", ranks=("A",), not_touched_days=14)
    view_id = save_view(fresh_db, " 建設Aランク ", flt).id
    views = list_views(fresh_db)
    assert [(v.id, v.name, v.filter) for v in views] == [(view_id, "建設Aランク", flt)]
    assert views[0].created_at and views[0].updated_at
    assert get_view(fresh_db, view_id).filter == flt
    uid = fresh_db.execute("SELECT uid FROM saved_views").fetchone()[0]
    assert len(uid) == 32


def test_saving_under_a_taken_name_needs_replace(fresh_db):
    first = save_view(fresh_db, "東京", TargetFilter(prefectures=("東京都",))).id
    with pytest.raises(ValidationError, match="すでにあります"):
        save_view(fresh_db, "東京", TargetFilter())
    with pytest.raises(ValidationError, match="すでにあります"):
        save_view(fresh_db, "東京 ", TargetFilter())
    again = save_view(fresh_db, "東京", TargetFilter(search="港区"), replace=True).id
    assert again == first
    assert get_view(fresh_db, first).filter == TargetFilter(search="港区")
    with pytest.raises(ValidationError, match="名前を入力"):
        save_view(fresh_db, "  ", TargetFilter())


def test_rename_and_delete_views(fresh_db):
    a = save_view(fresh_db, "ABC", TargetFilter()).id
    b = save_view(fresh_db, "あいう", TargetFilter()).id
    assert rename_view(fresh_db, a, "ABC").name == "ABC"  # its own name is fine
    with pytest.raises(ValidationError, match="すでにあります"):
        rename_view(fresh_db, b, "ＡＢＣ")  # full-width is the same name to a reader
    assert rename_view(fresh_db, b, "かきく").name == "かきく"
    with pytest.raises(ValidationError):
        rename_view(fresh_db, b, "")
    delete_view(fresh_db, a)
    delete_view(fresh_db, a)  # already gone: nothing to do
    assert [v.name for v in list_views(fresh_db)] == ["かきく"]
    with pytest.raises(NotFound):
        get_view(fresh_db, a)
    with pytest.raises(NotFound):
        rename_view(fresh_db, a, "x")
