"""What the headless subcommands print (``cli``), read without a subprocess.

The data comes from the models' own test fixtures, so the figures asserted here are the ones those tests
already know; tests/test_cli_briefs.py runs ``main.py`` itself.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from brief_samples import make_typical

from cli import agenda_output, brief_output, briefs_output, ics_output, kpi_output
from models.meetings.meetings import update_meeting
from models.planning.agenda import agenda_as_text, build_agenda
from models.store.errors import NotFound, ValidationError
from tests.models.kpi import test_kpi as kpi_tests
from tests.models.kpi.test_kpi import WEEK
from tests.models.meetings import test_ics as ics_tests
from tests.models.planning import test_agenda as agenda_tests
from tests.models.planning.test_agenda import DAY
from tests.reports.pdfcheck import page_count

# The models' own fixtures: the data, and so the figures asserted, are the ones their tests know.
queue, filled, week = agenda_tests.queue, ics_tests.filled, kpi_tests.week


def test_agenda_output(queue):
    db, _ = queue
    assert agenda_output(db, "2026-11-20", as_json=False) == agenda_as_text(build_agenda(db, DAY))
    assert json.loads(agenda_output(db, DAY, as_json=True))["date"] == "2026-11-20"
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        agenda_output(db, "20/11/2026", as_json=False)


def test_ics_message(filled, tmp_path):
    db, _ = filled
    message = ics_output(db, tmp_path / "x.ics")
    assert message.startswith("予定2件と商談1件を「")


def test_kpi_text_json_and_unknown_list(week):
    db, _, _ = week
    text = kpi_output(db, WEEK.start, WEEK.end, "一都三県", False)
    assert "リスト「一都三県」" in text and "架電数" in text and "60.0%（3 / 5）" in text
    data = json.loads(kpi_output(db, WEEK.start, WEEK.end, None, True))
    assert data["figures"]["calls"]["value"] == 5
    assert data["figures"]["win_rate"]["definition"] == "受注数 ÷ 商談化数。"
    with pytest.raises(NotFound, match="リスト「存在しない」が見つかりません"):
        kpi_output(db, WEEK.start, WEEK.end, "存在しない", False)


def test_brief_and_briefs(fresh_db, tmp_path):
    first, second = make_typical(fresh_db), make_typical(fresh_db)
    update_meeting(fresh_db, second, {"status": "cancelled"})
    message = brief_output(fresh_db, first, tmp_path / "one" / "brief.pdf")
    assert "保存しました" in message and "1 ページ" in message
    assert page_count(tmp_path / "one" / "brief.pdf") == 1

    message = briefs_output(fresh_db, date(2025, 1, 16), tmp_path / "day")
    assert "2025年1月16日（木）の商談 1 件" in message  # the cancelled meeting is not printed
    assert sorted(p.name for p in (tmp_path / "day").iterdir()) == [
        f"brief-2025-01-16-1000-{first}.pdf", "briefs-2025-01-16-all.pdf",
    ]
    assert "商談はありません" in briefs_output(fresh_db, date(2025, 1, 17), tmp_path / "none")
    assert not (tmp_path / "none").exists()
    with pytest.raises(NotFound):
        brief_output(fresh_db, 999, tmp_path / "x.pdf")
