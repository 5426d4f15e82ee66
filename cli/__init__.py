"""The headless subcommands of ``main.py``: each ``cmd_*`` runs one, prints its output, returns the exit code.

``models/`` and ``reports/`` return data (frozen dataclasses, dicts, paths); the text (or JSON) a person
reads in a terminal is made here. The ``*_output`` functions return that text, so it can be tested without a
subprocess. ``main.py`` imports this package even when it starts the GUI, so everything heavy is imported
inside the handlers. One module per group: ``lists`` (import, demo), ``agenda`` (agenda, ics), ``kpi``,
``briefs``, ``files`` (check, backup), ``encryption`` and ``self_test``; ``common`` opens the database.
"""

from cli.agenda import (
    AGENDA_SECTIONS,
    agenda_as_dict,
    agenda_as_json,
    agenda_as_text,
    agenda_counts_text,
    agenda_output,
    cmd_agenda,
    cmd_ics,
    ics_output,
)
from cli.briefs import brief_output, briefs_output, cmd_brief, cmd_briefs
from cli.common import EXIT_FAILED, EXIT_OK, open_for_reading, open_for_writing
from cli.encryption import (
    NEW_PASSPHRASE_VARIABLE,
    PASSPHRASE_VARIABLE,
    cmd_decrypt,
    cmd_encrypt,
    cmd_passphrase,
    unlock_database,
)
from cli.files import backup_output, check_output, check_report_text, cmd_backup, cmd_check
from cli.kpi import cmd_kpi, kpi_as_dict, kpi_as_text, kpi_output
from cli.lists import cmd_demo, cmd_import, duplicate_target, import_text
from cli.self_test import SELF_TEST_CSV, cmd_self_test

__all__ = [
    "AGENDA_SECTIONS", "EXIT_FAILED", "EXIT_OK", "NEW_PASSPHRASE_VARIABLE", "PASSPHRASE_VARIABLE",
    "SELF_TEST_CSV", "agenda_as_dict", "agenda_as_json", "agenda_as_text", "agenda_counts_text",
    "agenda_output", "backup_output", "brief_output", "briefs_output", "check_output", "check_report_text",
    "cmd_agenda", "cmd_backup", "cmd_brief", "cmd_briefs", "cmd_check", "cmd_decrypt", "cmd_demo",
    "cmd_encrypt", "cmd_ics", "cmd_import", "cmd_kpi", "cmd_passphrase", "cmd_self_test", "duplicate_target",
    "ics_output", "import_text", "kpi_as_dict", "kpi_as_text", "kpi_output",
    "open_for_reading", "open_for_writing", "unlock_database",
]
