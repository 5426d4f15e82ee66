"""The SQLite file and what every other sub-package stands on.

Owns: opening the database (pragmas, numbered migrations), the named expected errors, settings kept in
the file, backups, the integrity check, the one-instance lock, and lazy module loading.
May import: nothing else in ``models`` (every other sub-package imports this one).
"""
