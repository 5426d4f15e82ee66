"""Kakeru's domain and storage: pure Python over one SQLite file, never Qt.

Sub-packages, lower ones first (``tests/test_architecture.py`` checks the order):

- ``store``      the file: opening, migrations, errors, settings, backup, check, instance lock
- ``accounts``   companies, people and who is who, lists, search, targets, scoring, vocabulary
- ``importing``  list files in (read, map, plan, write, undo) and the Targets export out
- ``maps``       the relationship map as plain data for the screen and the paper
- ``planning``   touches, plans, dispositions, cadences, calendar, sessions, agenda, timeline
- ``meetings``   meetings won, the field's feedback, briefing data, calendar export
- ``kpi``        figures, lead time, the weekly review and their exports
- ``team``       team sync with the team's PostgreSQL: server schema, change log, outbox
- ``demo``       the seeded demo data (only ``main.py`` and the first-run dialog import it)
"""
