"""``team init``, ``team add-caller`` and ``team assign``: setting up a team's server (models/team).

psycopg and the team modules are imported inside the handlers: main.py imports this module at start-up.
"""

from __future__ import annotations

import argparse


def add_parsers(team: argparse._SubParsersAction) -> None:
    """Add ``init``, ``add-caller`` and ``assign`` to the ``team`` subcommand group."""
