"""Search as you type over ``companies.search_key``: query text → FTS5 MATCH and LIKE fragments.

``search_key`` holds name, reading, phone (as written and as E.164), address, notes and 法人番号,
each normalised by ``normalize.search_text``. A query is normalised the same way and split on
whitespace into terms that must all match (AND). A term of three characters or more is looked up
through the trigram index ``companies_fts``; a shorter one cannot be (a trigram needs three
characters), so it is checked with ``LIKE`` on the rows the index has already narrowed down, or on
every row when the whole query is short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.accounts import normalize
from models.accounts.text_fields import clean_text

TRIGRAM = 3  # the shortest text the trigram tokenizer can find
_KEY_SEPARATOR = "\u241e"  # between the parts of a search key (normalize.search_key); never searched for

# Characters a phone number may be written with besides digits (after NFKC).
_PHONE_TERM_RE = re.compile(r"\+?[\d()\-‐‑‒–—―−ー]+")
_NON_DIGITS_RE = re.compile(r"\D")


def _alternatives(term: str) -> tuple[str, ...]:
    """The texts any one of which satisfies ``term`` (already normalised).

    A phone number is found however it is written: ``search_key`` holds the number as formatted
    (``03-1234-5678``) and as E.164 (``+81312345678``), so ``0312345678`` is also tried as
    ``+81312345678`` and ``03-1234-5678`` also as its bare digits.
    """
    found = [term]
    if _PHONE_TERM_RE.fullmatch(term):
        digits = _NON_DIGITS_RE.sub("", term)
        if len(digits) >= 2:
            found.append(digits)
            if digits.startswith("0"):
                found.append("+81" + digits[1:])
    return tuple(dict.fromkeys(found))


def parse_terms(text: str | None) -> tuple[tuple[str, ...], ...]:
    """Split a query into terms (all must match), each a tuple of alternatives (any may match)."""
    # Control characters are never stored (text_fields.clean_text), and NUL would end the FTS5 query.
    words = clean_text(normalize.nfkc(text)).replace(_KEY_SEPARATOR, " ").split()
    terms = (normalize.search_text(word) for word in words)
    return tuple(dict.fromkeys(_alternatives(term) for term in terms if term))


def fts_string(text: str) -> str:
    """``text`` as one FTS5 string: in double quotes, inner quotes doubled, nothing else special."""
    return '"' + text.replace('"', '""') + '"'


def like_pattern(text: str) -> str:
    """A ``LIKE … ESCAPE '\\'`` pattern finding ``text`` anywhere, with ``%``, ``_`` and ``\\`` literal."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Search:
    """A parsed query: the terms the trigram index can answer and those it cannot."""

    fts_terms: tuple[tuple[str, ...], ...] = ()
    like_terms: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def parse(cls, text: str | None) -> Search:
        fts: list[tuple[str, ...]] = []
        like: list[tuple[str, ...]] = []
        for term in parse_terms(text):
            (fts if all(len(alt) >= TRIGRAM for alt in term) else like).append(term)
        return cls(tuple(fts), tuple(like))

    def __bool__(self) -> bool:
        return bool(self.fts_terms or self.like_terms)

    @property
    def fts_query(self) -> str | None:
        """The FTS5 MATCH expression for the long terms, or None when there are none."""
        if not self.fts_terms:
            return None
        groups = []
        for term in self.fts_terms:
            strings = " OR ".join(fts_string(alt) for alt in term)
            groups.append(f"({strings})" if len(term) > 1 else strings)
        return " AND ".join(groups)

    def like_conditions(self, column: str) -> tuple[list[str], list[str]]:
        """SQL conditions (and their parameters) checking the short terms with LIKE on ``column``."""
        return self._conditions(self.like_terms, f"{column} LIKE ? ESCAPE '\\'", like_pattern)

    def substring_conditions(self, column: str) -> tuple[list[str], list[str]]:
        """Every term checked as a plain substring of ``column``: the rows the index would give.

        Worth it when rows are visited in order anyway and most of them match. Both ``search_key``
        and the terms are case-folded, so ``instr`` finds what LIKE would, without pattern matching.
        """
        return self._conditions(self.fts_terms + self.like_terms, f"instr({column}, ?) > 0", str)

    @staticmethod
    def _conditions(terms, check: str, param) -> tuple[list[str], list[str]]:
        conditions: list[str] = []
        params: list[str] = []
        for term in terms:
            conditions.append("(" + " OR ".join(check for _ in term) + ")")
            params.extend(param(alt) for alt in term)
        return conditions, params
