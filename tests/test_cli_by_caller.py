"""``main.py kpi --by-caller``: every caller side by side as text and JSON, and the team's review sheet."""

from __future__ import annotations

import json

import pytest

from cli.kpi import callers_output
from tests.models.kpi import test_kpi_callers as caller_tests
from tests.models.kpi.test_kpi_callers import SATO, TANAKA, TODAY, WEEK
from tests.reports.pdfcheck import page_count, shows
from tests.test_cli import run_main

team = caller_tests.team


@pytest.fixture
def fresh_db(file_db):
    """The team's week in a file, so that ``main.py`` can open it too."""
    return file_db[0]


@pytest.fixture
def today(monkeypatch):
    from models.store import clock

    monkeypatch.setattr(clock, "today", lambda: TODAY)


def test_by_caller_text_and_json(team, today):
    db, _ = team
    text = callers_output(db, WEEK.start, WEEK.end, False)
    lines = text.splitlines()
    assert lines[0] == "担当者別 KPI 2025/01/06〜2025/01/12"
    tanaka = next(line for line in lines if TANAKA in line).split()
    assert tanaka[2:] == ["4", "2", "1", "1", "1", "1", "300万円"]
    team_line = next(line for line in lines if "チーム合計" in line).split()
    assert team_line[1:8] == ["8", "5", "2", "3", "3", "2", "420万円"]
    assert "担当者の記録なし" in text and "その担当者に設定した目標です" in text
    data = json.loads(callers_output(db, WEEK.start, WEEK.end, True))
    by_name = {row["name"]: row for row in data["callers"]}
    assert by_name[SATO]["appointments"] == 2 and by_name[SATO]["order_amount"] == 1_200_000
    assert by_name[SATO]["target"] is None
    assert data["team"]["calls"] == 8 and data["team"]["caller"] is None
    assert data["columns"]["key_person"]["label"] == "キーパーソン接触数"


def test_the_command_line_writes_the_team_sheet(team, tmp_path):
    db, _ = team
    path = db.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "team.pdf"
    done = run_main("kpi", "--db", path, "--from", "2025-01-06", "--to", "2025-01-12", "--by-caller",
                    "--out", str(out), "--caller-pages")
    assert done.returncode == 0, done.stderr
    assert "チーム週次レビューシートを保存しました" in done.stdout
    # The table, then one sheet per caller (three members and the rows with no caller).
    assert page_count(out) >= 5
    assert shows(out.read_bytes(), TANAKA, SATO, "チーム合計", "420万円", f"担当者「{TANAKA}」") == []
    done = run_main("kpi", "--db", path, "--from", "2025-01-06", "--to", "2025-01-12", "--by-caller",
                    "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["team"]["appointments"] == 3
    single = tmp_path / "review.pdf"
    done = run_main("kpi", "--db", path, "--from", "2025-01-06", "--to", "2025-01-12", "--out", str(single))
    assert done.returncode == 0 and "週次レビューシートを保存しました" in done.stdout


def test_one_callers_figures(team, today):
    from cli.kpi import kpi_output
    from models.store.errors import ValidationError

    db, _ = team
    data = json.loads(kpi_output(db, WEEK.start, WEEK.end, None, True, caller=f" {SATO} "))
    assert data["scope"] == {"kind": "caller", "name": SATO}
    assert (data["figures"]["calls"]["value"], data["figures"]["appointments"]["value"]) == (3, 2)
    assert "担当者別では" in data["figures"]["untouched"]["definition"]
    assert f"担当者「{SATO}」" in kpi_output(db, WEEK.start, WEEK.end, None, False, caller=SATO)
    with pytest.raises(ValidationError, match="--list と --caller"):
        kpi_output(db, WEEK.start, WEEK.end, "東日本", False, caller=SATO)
