"""Accounts: companies, their people and who is who, lists, search, targets and priority scores.

Owns: the entity dataclasses and the stored vocabulary every layer shares, normalisation (search and
dedupe keys, phones, 法人番号), company and contact writes, the Targets query, lists, scoring and the
relationships inside an account.
May import: ``store``.
"""
