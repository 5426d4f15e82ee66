"""Team sync: every laptop offline-first on its SQLite file, one truth in the team's PostgreSQL.

Owns the server's schema and its numbered migrations (``server_schema``), reading the server's
commit-ordered change log (``pull``) and the errors of talking to the team's server (``errors``). The
local half of change capture (the ``outbox`` table and its triggers) is a migration of
``models.store.schema``, so that no write path can forget it. May import ``store``, ``accounts``,
``planning`` and ``meetings``; nothing below imports it. README.md says what remains to be built.
"""
