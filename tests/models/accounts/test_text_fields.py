"""Text on its way in: control characters out (line breaks kept where a field has lines), every field
bounded by the one table of limits — refused from a form, cut with … and counted by an import — and a
search that holds a NUL finds what it would without it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from models.accounts import companies, lists
from models.accounts.target_filter import TargetFilter
from models.accounts.targets import count_targets
from models.accounts.text_fields import FIELD_LIMITS, SHORTEST_LIMIT, bound, clean_text, limit_of
from models.importing.importer import import_file
from models.meetings.meetings import create_meeting
from models.planning.touches import log_outcome
from models.store.errors import ValidationError

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(("raw", "one_line", "lines"), [
    ("株式会社\x00テスト", "株式会社テスト", "株式会社テスト"),
    ("A\x1b[31m社\x07", "A[31m社", "A[31m社"),
    ("一行目\r\n二行目\r三行目\n四", "一行目 二行目 三行目 四", "一行目\n二行目\n三行目\n四"),
    ("タブ\tの後\u2028段落\u2029", "タブ の後 段落 ", "タブ の後\n段落\n"),
    ("\x7f\x85\x9f削除\ud800", "削除", "削除"),
    ("そのまま 🏢 ｶﾅ", "そのまま 🏢 ｶﾅ", "そのまま 🏢 ｶﾅ"),
])
def test_clean_text(raw, one_line, lines):
    assert clean_text(raw) == one_line
    assert clean_text(raw, multiline=True) == lines


def test_every_limit_is_at_least_the_shortest_the_import_relies_on():
    limits = [limit for fields in FIELD_LIMITS.values() for _label, limit in fields.values()]
    assert min(limits) >= SHORTEST_LIMIT


def test_writes_strip_control_characters_and_keep_the_lines_of_notes(fresh_db):
    company = companies.create_company(fresh_db, {"name": "株式会社\x00ヌル\x1b",
                                                  "notes": "一行目\r\n二行目\x00"})
    assert company.name == "株式会社ヌル" and company.notes == "一行目\n二行目"
    contact = companies.create_contact(fresh_db, company.id, {"name": "佐藤\t花子\n", "notes": "a\x00\nb"})
    assert contact.name == "佐藤 花子" and contact.notes == "a\nb"
    with pytest.raises(ValidationError, match="会社名を入力してください"):
        companies.create_company(fresh_db, {"name": "\x00\x01"})  # nothing but control characters
    meeting = create_meeting(fresh_db, company.id, {
        "starts_at": "2030-12-10T15:00:00+09:00", "place": "本社\x00 5F", "notes_needs": "課題\x00\n二行目"})
    assert meeting.place == "本社 5F" and meeting.notes_needs == "課題\n二行目"
    assert lists.create_list(fresh_db, "重点\x00リスト").name == "重点リスト"
    log_outcome(fresh_db, company.id, "no_need", note="メモ\x00\n次",
                next_plan={"due": "2031-01-10", "hypothesis": "予算\x00確定後"})
    assert fresh_db.execute("SELECT note FROM touches").fetchone()[0] == "メモ\n次"
    assert fresh_db.execute("SELECT hypothesis FROM plans").fetchone()[0] == "予算確定後"


def test_a_form_value_longer_than_its_field_is_refused_with_the_limit(fresh_db):
    company = companies.create_company(fresh_db, {"name": "株式会社上限"})
    with pytest.raises(ValidationError) as refused:
        companies.create_company(fresh_db, {"name": "長" * 201})
    assert str(refused.value) == "会社名は 200 文字以内で入力してください（いまは 201 文字あります）。"
    assert companies.create_company(fresh_db, {"name": "長" * 200}).name == "長" * 200
    with pytest.raises(ValidationError, match="部署は 200 文字以内"):
        companies.create_contact(fresh_db, company.id, {"name": "佐藤", "department": "部" * 201})
    with pytest.raises(ValidationError, match="目的は 1,000 文字以内"):
        create_meeting(fresh_db, company.id, {"starts_at": "2030-12-10T15:00:00+09:00",
                                              "purpose": "目" * 1001})
    with pytest.raises(ValidationError, match="住所は 500 文字以内"):
        companies.update_company(fresh_db, company.id, {"address": "所" * 501})


def test_bound_cuts_with_an_ellipsis_and_counts_when_asked():
    values = {"name": "名" * 1000, "notes": "短いメモ", "employees": 30, "unknown": "x" * 10_000}
    assert bound("companies", values, cut_long=True) == 1
    assert values["name"] == "名" * 199 + "…" and len(values["name"]) == limit_of("companies", "name")
    assert values["notes"] == "短いメモ" and values["unknown"] == "x" * 10_000 and values["employees"] == 30


def test_an_import_cuts_long_values_counts_them_and_strips_controls(fresh_db, tmp_path):
    path = tmp_path / "list.csv"
    long_name = "株式会社" + "長" * 996
    path.write_text(f'会社名,電話番号,備考\n{long_name},03-1111-2222,"一行目\n二行目"\n'
                    f'株式会社\x1b普通,03-3333-4444,\n\x07\x01,03-5555-6666,\n', encoding="utf-8")
    result = import_file(fresh_db, path, "長い名前")
    assert (result.created, result.rejected, result.cut) == (2, 1, 1)
    assert result.rejects[0].reason == "会社名が空です。"
    names = [row[0] for row in fresh_db.execute("SELECT name FROM companies ORDER BY id")]
    assert names == [long_name[:199] + "…", "株式会社普通"]
    assert fresh_db.execute("SELECT notes FROM companies WHERE id = 1").fetchone()[0] == "一行目\n二行目"
    assert result.as_json_dict()["cut"] == 1
    assert result.warnings() == (
        "長すぎる値 1 件は、項目ごとの上限の長さで切り詰めました（末尾に「…」を付けています）。",)
    cli = subprocess.run([sys.executable, "main.py", "import", str(path), "--db", str(tmp_path / "k.db"),
                          "--list", "L"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0 and "注意: 長すぎる値 1 件は" in cli.stdout, cli.stderr
    as_json = subprocess.run([sys.executable, "main.py", "import", str(path), "--db", str(tmp_path / "j.db"),
                              "--list", "L", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert json.loads(as_json.stdout)["cut"] == 1


@pytest.mark.parametrize("query", ["株式\x00会社", "\x00", "テスト\x00", "\x00\x1b[", "03-1111\x002222"])
def test_a_search_with_control_characters_is_answered_not_a_crash(fresh_db, query):
    companies.create_company(fresh_db, {"name": "株式会社テスト", "phone": "03-1111-2222"})
    assert count_targets(fresh_db, TargetFilter(search=query)) in (0, 1)
    assert count_targets(fresh_db, TargetFilter(search="株式\x00会社")) == 1
