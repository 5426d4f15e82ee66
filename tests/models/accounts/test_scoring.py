"""Priority score: known answers, the tooltip text, rules stored in settings, and rescoring in bulk."""

from __future__ import annotations

from datetime import date

import pytest

from models.accounts.companies import create_company, get_company, update_company
from models.accounts.scoring import (
    ScoringRules,
    explain_text,
    load_rules,
    rescore_all,
    rescore_if_month_changed,
    rules_from_json,
    rules_to_json,
    save_rules,
    score_company,
)
from models.store.errors import ValidationError
from models.store.settings import SCORING_RULES

TODAY = date(2026, 11, 23)
ACME = {"industry": "製造業", "employees": 120, "prefecture": "東京都", "fiscal_year_end_month": 12}


def test_default_rules_give_known_score_with_reasons():
    result = score_company(ACME, ScoringRules(), TODAY)

    assert result.score == 85.0  # 25 + 25 + 15 + 20
    assert result.reasons == (
        ("業種: 製造業", 25.0),
        ("従業員数: 120名（50〜299名）", 25.0),
        ("所在地: 東京都", 15.0),
        ("決算月: 12月（1ヶ月後・3ヶ月以内）", 20.0),
    )


def test_explain_text_lists_every_rule():
    text = explain_text(score_company(ACME, ScoringRules(), TODAY))

    assert text == (
        "優先度スコア: 85点\n"
        "・業種: 製造業　+25点\n"
        "・従業員数: 120名（50〜299名）　+25点\n"
        "・所在地: 東京都　+15点\n"
        "・決算月: 12月（1ヶ月後・3ヶ月以内）　+20点"
    )


@pytest.mark.parametrize(("month", "label", "points"), [
    (11, "決算月: 11月（今月・3ヶ月以内）", 20.0),
    (2, "決算月: 2月（3ヶ月後・3ヶ月以内）", 20.0),
    (3, "決算月: 3月（4ヶ月後）", 0.0),
    (10, "決算月: 10月（11ヶ月後）", 0.0),
])
def test_fiscal_month_counts_only_when_the_year_end_is_near(month, label, points):
    result = score_company({**ACME, "fiscal_year_end_month": month}, ScoringRules(), TODAY)

    assert result.reasons[3] == (label, points)


def test_missing_values_score_nothing_and_say_so():
    result = score_company({}, ScoringRules(), TODAY)

    assert result.score == 0
    assert [label for label, _ in result.reasons] == [
        "業種: 未設定", "従業員数: 未設定", "所在地: 未設定", "決算月: 未設定"]
    assert explain_text(result).splitlines()[1] == "・業種: 未設定　0点"


def test_custom_rules_with_fractions_negative_points_and_open_band():
    rules = ScoringRules(
        industry_points={"人材サービス": -10},
        employee_bands=((0, 99, 2.5), (100, None, 7.5)),
        prefecture_points={"大阪府": 12},
        fiscal_months_ahead=0,
        fiscal_points=5,
    )
    values = {"industry": "人材サービス", "employees": 5000, "prefecture": "大阪府",
              "fiscal_year_end_month": 12}

    result = score_company(values, rules, TODAY)

    assert result.score == 9.5
    assert result.reasons[1] == ("従業員数: 5,000名（100名以上）", 7.5)
    assert "・業種: 人材サービス　-10点" in explain_text(result)
    assert "・従業員数: 5,000名（100名以上）　+7.5点" in explain_text(result)


def test_band_edges_are_inclusive_and_gaps_score_zero():
    rules = ScoringRules(employee_bands=((10, 49, 10.0), (100, 200, 30.0)))

    assert score_company({"employees": 49}, rules, TODAY).reasons[1][1] == 10.0
    assert score_company({"employees": 100}, rules, TODAY).reasons[1][1] == 30.0
    assert score_company({"employees": 70}, rules, TODAY).reasons[1] == ("従業員数: 70名", 0.0)


def test_scores_a_company_dataclass(fresh_db):
    company = create_company(fresh_db, {"name": "株式会社テスト", **ACME})

    assert score_company(company, ScoringRules(), TODAY).score == 85.0


@pytest.mark.parametrize("kwargs", [
    {"fiscal_months_ahead": 12},
    {"fiscal_months_ahead": -1},
    {"employee_bands": ((50, 10, 5.0),)},
    {"employee_bands": ((10, 20),)},
    {"industry_points": {"製造業": "たくさん"}},
    {"fiscal_points": float("nan")},
])
def test_invalid_rules_are_refused_in_japanese(kwargs):
    with pytest.raises(ValidationError) as caught:
        ScoringRules(**kwargs)
    assert "指定してください" in str(caught.value) or "正しくありません" in str(caught.value)


def test_rules_round_trip_through_json():
    rules = ScoringRules(industry_points={"教育": 30.0}, employee_bands=((1, None, 1.0),),
                         prefecture_points={}, fiscal_months_ahead=6, fiscal_points=12.5)

    assert rules_from_json(rules_to_json(rules)) == rules
    assert "教育" in rules_to_json(rules)  # readable Japanese, not \\u escapes


def test_json_with_missing_keys_takes_defaults():
    assert rules_from_json('{"fiscal_points": 40}') == ScoringRules(fiscal_points=40)


def test_load_rules_defaults_when_nothing_is_saved(fresh_db):
    assert load_rules(fresh_db) == ScoringRules()


def test_rules_round_trip_through_settings(fresh_db):
    rules = ScoringRules(prefecture_points={"沖縄県": 50.0}, fiscal_months_ahead=2)

    save_rules(fresh_db, rules)
    first = fresh_db.execute("SELECT uid, created_at FROM settings WHERE key = ?", [SCORING_RULES]).fetchone()
    save_rules(fresh_db, ScoringRules(fiscal_points=1))
    save_rules(fresh_db, rules)

    assert load_rules(fresh_db) == rules
    rows = fresh_db.execute("SELECT uid, created_at FROM settings WHERE key = ?", [SCORING_RULES]).fetchall()
    assert rows == [first]  # updated in place, not inserted again


def test_unreadable_stored_rules_say_how_to_recover(fresh_db):
    fresh_db.execute(
        "INSERT INTO settings (uid, created_at, updated_at, key, value) VALUES ('u', 't', 't', ?, '{oops')",
        [SCORING_RULES],
    )

    with pytest.raises(ValidationError, match="既定値に戻して"):
        load_rules(fresh_db)


def test_rescore_all_uses_saved_rules_and_leaves_updated_at(fresh_db):
    ids = [
        create_company(fresh_db, {"name": "株式会社東", **ACME}).id,
        create_company(fresh_db, {"name": "株式会社西", "industry": "教育", "prefecture": "沖縄県"}).id,
    ]
    before = [get_company(fresh_db, company_id).updated_at for company_id in ids]
    save_rules(fresh_db, ScoringRules(industry_points={"教育": 40.0}, prefecture_points={"沖縄県": 2.0}))
    calls = []

    scored = rescore_all(fresh_db, today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert scored.count == 2

    east, west = (get_company(fresh_db, company_id) for company_id in ids)
    assert east.score == 45.0  # employees 25 + fiscal 20; 製造業 and 東京都 no longer score
    assert west.score == 42.0
    assert [east.updated_at, west.updated_at] == before
    assert calls[-1] == (2, 2)


def test_rescore_all_with_explicit_rules_on_an_empty_database(fresh_db):
    assert rescore_all(fresh_db, ScoringRules(), TODAY).count == 0


# --- every company written gets its score -------------------------------------------------------------

def _score(db, company_id):
    return db.execute("SELECT score FROM companies WHERE id = ?", [company_id]).fetchone()[0]


def test_created_and_edited_companies_are_scored_with_the_stored_rules(fresh_db):
    company = create_company(fresh_db, {"name": "東京製造", "industry": "製造業", "employees": 120,
                                        "prefecture": "東京都"})
    assert _score(fresh_db, company.id) == 65  # 25 + 25 + 15 (no fiscal month)
    update_company(fresh_db, company.id, {"industry": "人材サービス"})
    assert _score(fresh_db, company.id) == 40
    save_rules(fresh_db, ScoringRules(industry_points={"人材サービス": 50}, prefecture_points={}))
    update_company(fresh_db, company.id, {"name": "東京製造（改）"})  # no scored field: left as it was
    assert _score(fresh_db, company.id) == 40
    update_company(fresh_db, company.id, {"employees": 120})
    assert _score(fresh_db, company.id) == 75  # 50 + 25 under the saved rules


def test_an_imported_list_is_scored_and_an_undo_scores_again(file_db, tmp_path, monkeypatch):
    from models.importing import importer as importing
    db, _path = file_db
    first = create_company(db, {"name": "既存工業", "phone": "03-1111-0000"})
    assert _score(db, first.id) == 0
    rows = "".join(f"新規{n},03-2222-{n:04d},東京都,製造業,120\r\n" for n in range(6))
    source = tmp_path / "list.csv"
    source.write_bytes(("会社名,電話番号,都道府県,業種,従業員数\r\n既存工業,03-1111-0000,東京都,製造業,120\r\n"
                        + rows).encode("cp932"))
    for pipelined in (False, True):
        monkeypatch.setattr(importing, "PIPELINE_FROM", 1 if pipelined else 10**9)
        result = importing.import_file(db, source, f"L{pipelined}")
        scores = [row[0] for row in db.execute("SELECT score FROM companies WHERE name LIKE '新規%'")]
        assert scores == [65] * 6
        assert _score(db, first.id) == 65  # filled in by the file: scored again
        importing.undo_import(db, result.import_id)
        assert _score(db, first.id) == 0  # its fields back as they were, and its score
        assert db.execute("SELECT count(*) FROM companies").fetchone()[0] == 1  # the new ones left


def test_scores_are_computed_again_when_the_month_changes(fresh_db):
    company = create_company(fresh_db, {"name": "決算十二月", "fiscal_year_end_month": 12})
    assert rescore_if_month_changed(fresh_db, date(2026, 8, 20))  # first time: scored for August
    assert _score(fresh_db, company.id) == 0  # December is four months away
    assert not rescore_if_month_changed(fresh_db, date(2026, 8, 31))
    assert rescore_if_month_changed(fresh_db, date(2026, 9, 1))
    assert _score(fresh_db, company.id) == 20  # within three months now
