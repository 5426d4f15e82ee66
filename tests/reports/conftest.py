"""Fixtures for the printed reports: briefs of a typical meeting and of one with a long history."""

from __future__ import annotations

import pytest
from brief_samples import GENERATED_AT, make_long, make_typical

from models.meetings.briefs import gather_brief


@pytest.fixture
def typical(fresh_db):
    """(db, BriefData) of a typical meeting: three contacts, five touches, every note filled."""
    meeting_id = make_typical(fresh_db)
    return fresh_db, gather_brief(fresh_db, meeting_id, GENERATED_AT)


@pytest.fixture
def long_history(fresh_db):
    """(db, BriefData) of the typical meeting after 22 more touches with long notes."""
    meeting_id = make_long(fresh_db)
    return fresh_db, gather_brief(fresh_db, meeting_id, GENERATED_AT)
