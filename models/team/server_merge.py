"""The server side of the push: SQL functions that merge a staged batch into the team's tables.

Appended to server migration 1 (``server_schema``) while that migration has not shipped. Filled in by
the push (``models.team.push``); see the engine's decisions in ``models/team/README.md``.
"""

from __future__ import annotations

MERGE_SQL: list[str] = []
