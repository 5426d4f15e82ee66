"""Figures a manager reviews: KPIs of a period and scope, lead time, the weekly review, CSV export.

Owns: every KPI with its definition and the rows behind it, communication lead time, review decisions
and the review sheet's data, and the KPI CSV export.
May import: ``store``, ``accounts``, ``importing`` (the safe CSV writer), ``planning``, ``meetings``.
"""
