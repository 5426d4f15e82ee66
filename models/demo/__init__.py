"""Realistic, deterministic Japanese demo data from one seeded generator.

Owns: the builder, each account's history, and the word lists it draws from.
May import: any other sub-package. Imported by nothing in ``models`` but itself: only ``main.py``, the
first-run dialog, the benchmark and tests use it.
"""
