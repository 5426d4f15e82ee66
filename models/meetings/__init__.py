"""Meetings won for field sales, the field's feedback, briefing-sheet data and calendar export.

Owns: meetings and their notes, feedback and what it changes on the account, the gathered data of a
briefing sheet (``reports/`` draws it), .ics export, and deleting a meeting so undo can restore it.
May import: ``store``, ``accounts``, ``planning``, ``maps``.
"""
