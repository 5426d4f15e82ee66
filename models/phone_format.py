"""Japanese phone numbers written the national way (``03-1234-5678``), as phonenumbers writes them, faster.

``phonenumbers.format_number(number, NATIONAL)`` tries Japan's formatting patterns one by one for every
number, which costs as much as parsing it; an import of 100,000 rows pays that 100,000 times. Which
pattern applies depends only on the first few digits of the national number (the longest "leading
digits" pattern Japan's metadata has) and on its length (the patterns are runs of ``\\d``), so the choice
is made once per (first digits, length) and the chosen pattern is then applied exactly as phonenumbers
applies it. When the metadata does not have that shape (a future phonenumbers), or for anything but a
plain Japanese number, ``national_format`` simply calls phonenumbers.
"""

from __future__ import annotations

import re
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, PhoneNumberFormat

_JAPAN = 81
# The ways a pattern may look for the choice to depend on the first digits and the length alone.
_DIGIT_GROUPS_RE = re.compile(r"(?:\(\\d(?:\{\d+(?:,\d+)?\})?\))+")  # e.g. (\d{2})(\d{4})(\d{4})
_LEADING_RE = re.compile(r"[0-9\[\]()|?:\-]+")  # digits, classes, groups, alternatives; no anchors
_FIRST_GROUP_RE = re.compile(r"(\\\d)")  # phonenumbers' _FIRST_GROUP_PATTERN
_MAX_LEADING_WIDTH = 12
_Choice = tuple[re.Pattern[str], str] | None
_choices: dict[tuple[str, int], _Choice] = {}


def national_format(number: PhoneNumber) -> str:
    """``phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)``, the same text."""
    width = _leading_width()
    if number.country_code != _JAPAN or number.extension or not number.national_number or width is None:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    nsn = phonenumbers.national_significant_number(number)
    key = (nsn[:width], len(nsn))
    try:
        choice = _choices[key]
    except KeyError:
        choice = _choices[key] = _choose(nsn)
    if choice is None:
        return nsn  # no pattern fits: phonenumbers writes the bare national number
    pattern, rule = choice
    return pattern.sub(rule, nsn)


def _formats() -> list:
    return PhoneMetadata.metadata_for_region("JP").number_format


@cache
def _leading_width() -> int | None:
    """How many first digits decide the pattern, or None when the metadata is not of the expected shape."""
    try:
        from re import _parser  # the width of a pattern; only to check the metadata's shape
    except ImportError:  # pragma: no cover - a Python without it uses phonenumbers throughout
        return None
    width = 0
    for number_format in _formats():
        if not _DIGIT_GROUPS_RE.fullmatch(number_format.pattern):
            return None
        for leading in number_format.leading_digits_pattern[-1:]:  # the one phonenumbers matches with
            if not _LEADING_RE.fullmatch(leading.replace("\\d", "0")):
                return None
            width = max(width, _parser.parse(leading).getwidth()[1])
    return width if 0 < width <= _MAX_LEADING_WIDTH else None


def _choose(nsn: str) -> _Choice:
    """The first pattern that fits, as phonenumbers' _choose_formatting_pattern_for_number picks it."""
    for number_format in _formats():
        leading = number_format.leading_digits_pattern
        if leading and not re.match(leading[-1], nsn):
            continue
        if re.fullmatch(number_format.pattern, nsn):
            rule = number_format.format
            if number_format.national_prefix_formatting_rule:  # "0\1": the national prefix before group 1
                rule = _FIRST_GROUP_RE.sub(number_format.national_prefix_formatting_rule, rule, count=1)
            return re.compile(number_format.pattern), rule
    return None
