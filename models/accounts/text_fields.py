"""Text as it is stored: without control characters, and never longer than its field's limit.

Every text a person types or imports passes ``clean_text``: NUL and the other control characters (which
SQLite cuts a query string at, a sheet prints as nothing and a spreadsheet chokes on) are removed, a line
break becomes a space in a one-line field and ``\\n`` in a multi-line one. ``FIELD_LIMITS`` gives each field
its longest length, in one place: the forms set it as their maximum length, a write from them that is
longer is refused (``bound``), and an import cuts the value with … and counts it. A name of 1,000
characters or notes of a megabyte then never reach a sheet that would have to draw them.
"""

from __future__ import annotations

import re
from typing import Any

from models.store.errors import ValidationError

COMPANIES, CONTACTS, MEETINGS = "companies", "contacts", "meetings"
ELLIPSIS = "…"
# A company's or a person's notes may hold pasted call transcripts: kept whole up to a million characters.
NOTES_LIMIT = 1_000_000
MEETING_NOTE_LIMIT = 20_000
# Every limit is at least this, so a row none of whose cells is longer needs no checking (the import's
# fast path).
SHORTEST_LIMIT = 100

# table → field → (label, longest length in characters). Generous for real data, small enough that a
# sheet, a list cell or a search key stays bounded.
FIELD_LIMITS: dict[str, dict[str, tuple[str, int]]] = {
    COMPANIES: {
        "name": ("会社名", 200), "name_kana": ("フリガナ", 200), "corporate_number": ("法人番号", 100),
        "industry": ("業種", 100), "business_domain": ("事業内容", 500), "prefecture": ("都道府県", 100),
        "address": ("住所", 500), "postal_code": ("郵便番号", 100), "phone": ("電話番号", 100),
        "website": ("Web サイト", 2_000), "rank": ("ランク", 100), "status": ("ステータス", 100),
        "notes": ("メモ", NOTES_LIMIT),
    },
    CONTACTS: {
        "name": ("担当者名", 100), "name_kana": ("フリガナ", 100), "department": ("部署", 200),
        "title": ("役職", 200), "role": ("役割", 100), "phone": ("電話番号", 100),
        "mobile": ("携帯電話", 100), "email": ("メールアドレス", 354),
        "best_time": ("つながりやすい時間", 200), "notes": ("メモ", NOTES_LIMIT), "employment": ("在籍", 100),
    },
    MEETINGS: {
        "place": ("場所", 500), "online_url": ("オンライン会議の URL", 2_000), "field_rep": ("担当営業", 100),
        "caller": ("担当IS", 100), "purpose": ("目的", 1_000), "outcome_reason": ("結果の理由", 500),
        "status": ("ステータス", 100), "outcome": ("結果", 100),
        **{field: (label, MEETING_NOTE_LIMIT) for field, label in (
            ("notes_needs", "課題・ニーズ"), ("notes_current", "現状"), ("notes_expectations", "期待"),
            ("notes_concerns", "懸念"), ("notes_personality", "お人柄"), ("notes_budget", "予算"),
            ("notes_timing", "時期"), ("notes_decision_process", "決裁プロセス"),
            ("notes_competitors", "競合"), ("notes_unknowns", "聞けていないこと"),
            ("questions", "確認したいこと"), ("cautions", "注意点"), ("outcome_note", "結果のメモ"),
            ("next_step", "次のステップ"), ("brief_difference", "シートとの違い"),
        )},
    },
}

# Fields whose text keeps its line breaks; every other field is one line.
MULTILINE_FIELDS: dict[str, frozenset[str]] = {
    COMPANIES: frozenset({"notes", "business_domain"}),
    CONTACTS: frozenset({"notes"}),
    MEETINGS: frozenset({"purpose", "notes_needs", "notes_current", "notes_expectations", "notes_concerns",
                         "notes_personality", "notes_budget", "notes_timing", "notes_decision_process",
                         "notes_competitors", "notes_unknowns", "questions", "cautions", "outcome_note",
                         "next_step", "brief_difference"}),
}

# C0 and C1 controls, DEL, lone surrogates (which cannot even be stored as UTF-8) and the Unicode line and
# paragraph separators; tab and line breaks are handled apart.
_UNWANTED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_DROPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029]")


def has_unwanted(text: str) -> bool:
    """Whether ``clean_text`` would change ``text`` (a quick test for the common case: it would not)."""
    return _UNWANTED.search(text) is not None


# ``has_unwanted`` without the call around it, for the import's look at each of 100,000s of rows.
find_unwanted = _UNWANTED.search


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` without control characters: a tab becomes a space, a line break ``\\n`` (or a space when
    the field is one line); NUL, escape and the other controls are removed."""
    if _UNWANTED.search(text) is None:
        return text
    text = _DROPPED.sub("", text).replace("\t", " ")
    return _BREAKS.sub("\n" if multiline else " ", text)


def limit_of(table: str, field: str) -> int | None:
    """The longest text ``field`` of ``table`` holds, or None when it is not a bounded text field."""
    entry = FIELD_LIMITS.get(table, {}).get(field)
    return None if entry is None else entry[1]


def cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one … when anything was left out."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def bound(table: str, values: dict[str, Any], *, cut_long: bool = False) -> int:
    """Clean every text of ``values`` (a row of ``table``) in place; return how many were cut.

    Args:
        table: ``COMPANIES``, ``CONTACTS`` or ``MEETINGS``.
        values: field → value; only ``str`` values are looked at.
        cut_long: cut a value over its limit with … (an import, which counts them) instead of refusing it.

    Raises:
        ValidationError: a value is over its limit and ``cut_long`` is not set.
    """
    limits = FIELD_LIMITS[table]
    multiline = MULTILINE_FIELDS.get(table, frozenset())
    cut_count = 0
    for field, value in values.items():
        if value.__class__ is not str:
            continue
        if _UNWANTED.search(value) is not None:
            value = clean_text(value, multiline=field in multiline).strip()
            values[field] = value or None  # nothing but control characters: a blank
        entry = limits.get(field)
        if entry is None or len(value) <= entry[1]:
            continue
        label, limit = entry
        if not cut_long:
            raise ValidationError(
                f"{label}は {limit:,} 文字以内で入力してください（いまは {len(value):,} 文字あります）。")
        values[field] = cut(value, limit)
        cut_count += 1
    return cut_count
