"""Lists in and out: reading a file, mapping its columns, planning, writing and undoing an import.

Owns: ``tabular`` (files to rows of text; per format ``encodings``, ``delimited``, ``xlsx``),
``mapping`` (which column is which field), ``plan`` (clean and deduplicate in memory), ``write`` (into
the database), ``undo``, ``importer`` (the whole undoable import) and ``export`` (the Targets view to
CSV, and the one safe CSV writer).
May import: ``store``, ``accounts``.
"""
