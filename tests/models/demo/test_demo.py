"""Demo data: deterministic, valid (法人番号, kana, phones, keys) and consistent across tables."""

from __future__ import annotations

import re
from datetime import date

import pytest

from models.accounts import normalize
from models.accounts.companies import derived_keys
from models.accounts.scoring import ScoringRules, score_company
from models.demo.builder import DemoSummary, generate_demo
from models.store.db import open_db
from models.store.errors import ValidationError

TODAY = date(2026, 11, 23)
N = 1500
TABLES = ("companies", "contacts", "relationships", "target_lists", "list_members", "touches", "plans",
          "meetings", "meeting_attendees")
KATAKANA = re.compile(r"^[ァ-ヺー]+( [ァ-ヺー]+)*$")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One demo database of N companies shared by the read-only checks; yields (db, summary, progress)."""
    db = open_db(tmp_path_factory.mktemp("demo") / "demo.db")
    calls: list[tuple[int, int]] = []
    summary = generate_demo(db, companies=N, seed=3, today=TODAY,
                            progress=lambda done, total: calls.append((done, total)))
    yield db, summary, calls
    db.close()


def rows(db, table):
    return db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def column(db, sql, params=()):
    return [row[0] for row in db.execute(sql, params)]


def test_same_seed_and_day_give_identical_rows(fresh_db):
    other = open_db(":memory:")
    generate_demo(fresh_db, companies=300, seed=11, today=TODAY)
    generate_demo(other, companies=300, seed=11, today=TODAY)

    for table in TABLES:
        assert rows(fresh_db, table) == rows(other, table), table
    other.close()


def test_different_seeds_differ(fresh_db):
    other = open_db(":memory:")
    generate_demo(fresh_db, companies=100, seed=1, today=TODAY)
    generate_demo(other, companies=100, seed=2, today=TODAY)

    assert column(fresh_db, "SELECT uid FROM companies") != column(other, "SELECT uid FROM companies")
    assert column(fresh_db, "SELECT name FROM companies") != column(other, "SELECT name FROM companies")
    other.close()


def test_summary_counts_every_table(demo):
    db, summary, _ = demo
    assert summary == DemoSummary(**{table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                                     for table in TABLES})
    assert summary.companies == N
    assert summary.target_lists == 3
    assert 1.0 <= summary.contacts / N <= 3.0
    assert 8 <= summary.touches / N <= 12  # touches_per_company defaults to 10
    assert summary.meetings > 0 and summary.meeting_attendees >= summary.meetings


def test_progress_reports_up_to_the_total(demo):
    _, _, calls = demo
    assert calls[-1] == (N, N)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_corporate_numbers_have_valid_check_digits_and_are_unique(demo):
    db, _, _ = demo
    numbers = column(db, "SELECT corporate_number FROM companies WHERE corporate_number IS NOT NULL")
    assert len(numbers) > N * 0.9
    assert all(normalize.corporate_number_valid(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)


def test_readings_are_full_width_katakana(demo):
    db, _, _ = demo
    for table in ("companies", "contacts"):
        for reading in column(db, f"SELECT name_kana FROM {table}"):
            assert KATAKANA.match(reading), reading
            assert normalize.kana_reading(reading) == reading


def test_names_look_japanese(demo):
    db, _, _ = demo
    names = column(db, "SELECT name FROM companies")
    assert sum("株式会社" in name for name in names) > N * 0.6
    assert any(name.endswith(("支店", "営業所", "支社", "事業所")) for name in names)
    assert all(re.fullmatch(r"\S+ \S+", name) for name in column(db, "SELECT name FROM contacts"))


def test_stored_keys_are_those_models_companies_derives(demo):
    db, _, _ = demo
    db.conn.row_factory = None
    for row in db.query("SELECT * FROM companies"):
        expected = derived_keys(row)
        assert {key: row[key] for key in expected} == expected, row["name"]


def test_phones_are_possible_japanese_numbers_written_as_format_phone_would(demo):
    db, _, _ = demo
    phones = column(db, "SELECT phone FROM companies UNION ALL SELECT phone FROM contacts "
                        "UNION ALL SELECT mobile FROM contacts")
    for phone in filter(None, phones):
        assert normalize.format_phone(phone) == phone
        assert normalize.phone_key(phone) is not None
    company_phones = column(db, "SELECT phone_key FROM companies")
    assert len(set(company_phones)) == len(company_phones)


def test_area_codes_match_the_prefecture(demo):
    db, _, _ = demo
    assert all(phone.startswith("03-") for phone in column(
        db, "SELECT phone FROM companies WHERE address LIKE '東京都%区%'"))
    assert all(phone.startswith(("06-", "072-")) for phone in column(
        db, "SELECT phone FROM companies WHERE prefecture = '大阪府'"))


def test_addresses_start_with_the_prefecture_and_have_postal_codes(demo):
    db, _, _ = demo
    for prefecture, address, postal_code in db.execute(
            "SELECT prefecture, address, postal_code FROM companies"):
        assert normalize.split_prefecture(address) == prefecture
        assert re.fullmatch(r"\d{3}-\d{4}", postal_code)


def test_last_touch_at_is_the_latest_touch(demo):
    db, _, _ = demo
    mismatches = db.execute(
        "SELECT count(*) FROM companies c WHERE c.last_touch_at IS NOT "
        "(SELECT max(at) FROM touches t WHERE t.company_id = c.id)"
    ).fetchone()[0]
    assert mismatches == 0
    assert column(db, "SELECT count(*) FROM touches WHERE at >= ?", [TODAY.isoformat()]) == [0]


def test_statuses_are_consistent_with_touches(demo):
    db, _, _ = demo

    def last_outcomes(status):
        sql = ("SELECT (SELECT outcome FROM touches t WHERE t.company_id = c.id AND t.kind = 'call' "
               "ORDER BY at DESC LIMIT 1) FROM companies c WHERE status = ?")
        return set(column(db, sql, [status]))

    assert column(db, "SELECT count(*) FROM touches t JOIN companies c ON c.id = t.company_id "
                      "WHERE c.status = 'untouched'") == [0]
    assert column(db, "SELECT count(*) FROM companies c WHERE status = 'appointment' AND NOT EXISTS "
                      "(SELECT 1 FROM touches t WHERE t.company_id = c.id "
                      "AND outcome = 'appointment')") == [0]
    assert last_outcomes("disqualified") <= {"disqualified", "bad_number"}
    assert last_outcomes("appointment") == {"appointment"}
    assert column(db, "SELECT count(*) FROM companies c WHERE status = 'customer' AND NOT EXISTS "
                      "(SELECT 1 FROM meetings m WHERE m.company_id = c.id AND outcome = 'won')") == [0]
    counts = dict(db.execute("SELECT status, count(*) FROM companies GROUP BY status").fetchall())
    assert max(counts, key=counts.get) == "untouched"
    assert set(counts) == {"untouched", "in_progress", "nurturing", "appointment", "customer", "disqualified",
                           "do_not_call"}


def test_every_appointment_call_has_its_meeting(demo):
    db, _, _ = demo
    assert column(db, "SELECT count(*) FROM touches t WHERE outcome = 'appointment' AND NOT EXISTS (SELECT 1 "
                      "FROM meetings m WHERE m.touch_id = t.id AND m.company_id = t.company_id)") == [0]


def test_meetings_upcoming_and_past(demo):
    db, _, _ = demo
    today = TODAY.isoformat()
    upcoming = db.execute("SELECT status, outcome, notes_needs, questions FROM meetings WHERE starts_at > ?",
                          [today]).fetchall()
    assert upcoming and all(status == "scheduled" and outcome is None and needs and questions
                            for status, outcome, needs, questions in upcoming)
    outcomes = set(column(db, "SELECT outcome FROM meetings WHERE starts_at < ?", [today]))
    assert {"won", "lost", "ongoing"} <= outcomes


def test_meeting_attendees_belong_to_the_company(demo):
    db, _, _ = demo
    assert column(db, "SELECT count(*) FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id "
                      "JOIN contacts c ON c.id = a.contact_id WHERE c.company_id <> m.company_id") == [0]
    assert column(db, "SELECT count(*) FROM meetings m WHERE NOT EXISTS "
                      "(SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id)") == [0]


def test_relationships_join_two_people_of_one_company(demo):
    db, _, _ = demo
    assert column(db, "SELECT count(*) FROM relationships r JOIN contacts a ON a.id = r.from_contact_id "
                      "JOIN contacts b ON b.id = r.to_contact_id "
                      "WHERE a.company_id <> r.company_id OR b.company_id <> r.company_id") == [0]
    assert len(set(column(db, "SELECT kind FROM relationships"))) >= 4


def test_plans(demo):
    db, _, _ = demo
    today = TODAY.isoformat()
    assert column(db, "SELECT count(*) FROM plans p JOIN touches t ON t.id = p.done_touch_id "
                      "WHERE p.status <> 'done' OR t.company_id <> p.company_id OR p.done_at <> t.at") == [0]
    assert column(db, "SELECT count(*) FROM plans WHERE status = 'done' AND done_touch_id IS NULL") == [0]
    nurturing = column(db, "SELECT count(*) FROM companies WHERE status = 'nurturing'")[0]
    with_plan = column(db, "SELECT count(DISTINCT p.company_id) FROM plans p "
                           "JOIN companies c ON c.id = p.company_id "
                           "WHERE c.status = 'nurturing' AND p.status = 'open'")[0]
    assert with_plan > nurturing * 0.75
    assert column(db, "SELECT count(*) FROM plans WHERE status = 'open' AND due < ?", [today])[0] > 0
    assert column(db, "SELECT count(*) FROM plans WHERE status = 'open' AND due > ?", [today])[0] > 0
    hypotheses = column(db, "SELECT hypothesis FROM plans WHERE hypothesis IS NOT NULL")
    assert "決算3ヶ月前：来期の人事・採用計画を策定する時期のため" in hypotheses  # a built-in template's


def test_touches_carry_notes_and_hearing(demo):
    db, _, _ = demo
    assert column(db, "SELECT count(*) FROM touches "
                      "WHERE outcome = 'connected' AND hearing_issue IS NOT NULL")[0]
    notes = column(db, "SELECT note FROM touches WHERE note IS NOT NULL LIMIT 500")
    assert all("{" not in note for note in notes)


def test_list_positions_count_from_one(demo):
    db, _, _ = demo
    for list_id, count, low, high in db.execute(
            "SELECT list_id, count(*), min(priority), max(priority) FROM list_members GROUP BY list_id"):
        assert (low, high) == (1, count), list_id
    assert "関東 IT企業 2026下期" in column(db, "SELECT name FROM target_lists")


def test_scores_are_computed(demo):
    db, _, _ = demo
    db.conn.row_factory = None
    for row in db.query("SELECT * FROM companies LIMIT 200"):
        assert row["score"] == score_company(row, ScoringRules(), TODAY).score


def test_integrity_search_index_and_connection_settings(demo):
    db, _, _ = demo
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again
    db.execute("INSERT INTO companies_fts(companies_fts, rank) VALUES ('integrity-check', 1)")
    name = column(db, "SELECT name FROM companies WHERE id = 7")[0]
    term = normalize.search_text(name)[-4:]
    hits = column(db, "SELECT rowid FROM companies_fts WHERE companies_fts MATCH ?", [f'"{term}"'])
    assert 7 in hits
    assert column(db, "SELECT name FROM sqlite_master WHERE name = 'companies_fts_insert'") == [
        "companies_fts_insert"]


def test_refuses_a_database_that_has_companies(fresh_db):
    generate_demo(fresh_db, companies=20, seed=5, today=TODAY)

    with pytest.raises(ValidationError, match="すでに20件の会社が登録されている"):
        generate_demo(fresh_db, companies=20, seed=5, today=TODAY)
    assert column(fresh_db, "SELECT count(*) FROM companies") == [20]


def test_force_adds_more_without_repeating_uids(fresh_db):
    generate_demo(fresh_db, companies=40, seed=5, today=TODAY)
    summary = generate_demo(fresh_db, companies=40, seed=5, today=TODAY, force=True)

    assert summary.companies == 40
    assert column(fresh_db, "SELECT count(*) FROM companies") == [80]
    assert column(fresh_db, "SELECT count(*) FROM target_lists") == [3]
    for _list_id, count, high in fresh_db.execute(
            "SELECT list_id, count(*), max(priority) FROM list_members GROUP BY list_id"):
        assert high == count


def test_touch_density_is_a_parameter(fresh_db):
    summary = generate_demo(fresh_db, companies=200, seed=9, today=TODAY, touches_per_company=3)
    assert 2 <= summary.touches / 200 <= 5


@pytest.mark.parametrize("kwargs", [{"companies": 0}, {"companies": "10"}, {"touches_per_company": -1}])
def test_bad_arguments_are_refused(fresh_db, kwargs):
    with pytest.raises(ValidationError):
        generate_demo(fresh_db, **{"companies": 10, **kwargs})


def test_derived_columns_indexes_and_triggers_are_as_the_app_keeps_them(demo):
    """The builder writes first touches, open plans and scores itself and creates the indexes after the
    rows: the result must equal what the triggers and a fresh file's schema would give."""
    db, _, _ = demo
    assert db.execute(
        "SELECT count(*) FROM companies c WHERE c.first_touch_at IS NOT "
        "(SELECT min(t.at) FROM touches t WHERE t.company_id = c.id)").fetchone()[0] == 0
    assert db.execute(
        "SELECT count(*) FROM companies c WHERE c.open_plans <> "
        "(SELECT count(*) FROM plans p WHERE p.company_id = c.id AND p.status = 'open')").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM companies_fts").fetchone()[0] == N
    fresh = open_db(":memory:")
    schema = "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
    assert db.execute(schema).fetchall() == fresh.execute(schema).fetchall()
    fresh.close()


def test_uids_are_unique_and_follow_the_ids_within_a_build(demo):
    db, _, _ = demo
    for table in ("companies", "contacts", "touches", "plans", "meetings"):
        uids = column(db, f"SELECT uid FROM {table} ORDER BY id")
        assert len(set(uids)) == len(uids) and all(len(uid) == 32 for uid in uids), table
        assert uids == sorted(uids), table  # appended to the uid index, never inserted in its middle
