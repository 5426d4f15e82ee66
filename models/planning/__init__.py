"""The call loop's past and future: touches, plans, dispositions, cadences, sessions and the agenda.

Owns: logging an outcome, plans and their edits, the disposition rules, cadences, business days and
call windows, the crash-safe call session and its card, the Today and Agenda queues, hypotheses and
the account timeline.
May import: ``store``, ``accounts``.
"""
