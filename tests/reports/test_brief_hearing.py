"""What calls heard, on the printed sheet: a fact known from an earlier call is shown with its day in
"what was heard" (not 「（未確認）」) and in "why now", the two saying the same."""

from __future__ import annotations

import io
import os
from pathlib import Path

from brief_samples import GENERATED_AT
from pdfcheck import all_text, layout_faults, page_count, shows

from models.meetings.briefs import gather_brief
from models.meetings.meetings import create_meeting
from models.planning.touches import log_outcome
from reports.briefing import render_brief
from reports.briefing_sections import NOT_HEARD
from tests.models.call_helpers import add_company


def test_an_earlier_calls_budget_is_on_the_sheet_with_its_day(fresh_db):
    company_id = add_company(fresh_db, "株式会社ききとり")
    log_outcome(fresh_db, company_id, "connected", at="2026-09-01T10:00:00+09:00", caller="高橋 由美",
                hearing={"budget": "未定"}, plan_next=False)
    log_outcome(fresh_db, company_id, "connected", at="2026-10-15T14:30:00+09:00", caller="佐藤 健",
                hearing={"budget": "年間300万円", "competitor": "A社"}, plan_next=False)
    meeting = create_meeting(fresh_db, company_id, {"starts_at": "2026-12-03 14:00",
                                                     "notes_needs": "エンジニアの採用が進まない"})
    out = io.BytesIO()
    render_brief(gather_brief(fresh_db, meeting.id, GENERATED_AT), out)
    pdf = out.getvalue()
    if folder := os.environ.get("KAKERU_BRIEF_OUT"):  # to look at it: pdftoppm the file
        Path(folder, "brief_hearing.pdf").write_bytes(pdf)
    assert page_count(pdf) == 1 and layout_faults(pdf) == []
    assert shows(pdf, "年間300万円（2026/10/15佐藤健）", "未定（2026/09/01高橋由美）",
                 "A社（2026/10/15佐藤健）", "エンジニアの採用が進まない") == []
    # Ten notes: 課題 written, 予算 and 競合 from the calls; the other seven were never heard.
    assert all_text(pdf).count(NOT_HEARD) == 7
