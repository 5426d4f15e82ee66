"""Realistic, deterministic Japanese demo data from one seeded generator.

Owns: the builder, the companies and each account's history (touches, plans, meetings), and the
word lists they draw from (names, places, phrases).
May import: any other sub-package. Imported by nothing in ``models`` but itself: only ``main.py``, the
first-run dialog, the benchmark and tests use it.
"""
