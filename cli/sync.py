"""``team join`` and ``sync``: binding a local database to a team and syncing it (models/team).

psycopg and the team modules are imported inside the handlers: main.py imports this module at start-up.
"""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction, team: argparse._SubParsersAction) -> None:
    """Add ``sync`` to the top-level subcommands and ``join`` to the ``team`` group."""
