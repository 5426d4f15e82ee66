"""Japanese phone numbers read and written as phonenumbers reads and writes them, asking it less often.

An import of 100,000 rows brings 100,000 phone numbers, nearly all different. Asking phonenumbers for
each (``parse``, ``format_number`` E164 and NATIONAL) took 3–6 s for 100,000 distinct numbers on two
shared cores; reading them as below took 0.4–0.8 s (the import figure of bench/figures_targets.py).

For a number dialled at home (``0`` and the national number: digits with plain punctuation), what they
compute depends on the digits only through a few regular expressions of Japan's metadata (the
international prefix, the national prefix for parsing, the general number pattern with and without the
``0``, the formatting patterns tried in order) and on how many digits there are; every other step looks
at the punctuation or the length (phonenumbers' ``parse``, ``_maybe_strip_national_prefix_carrier_code``,
``_format_nsn``). So those expressions are run here on each number, compiled once, with ``re``'s public
functions on the metadata's public fields, and phonenumbers is asked once per combination of their
outcomes and the length. When its answer is the plain one ("+81" and the national number; the national
number written by the formatting pattern that fits, as ``_written`` writes it) it holds for every number
of that combination; otherwise (another country through the international prefix, a number that is not
possible, ...) those numbers go to phonenumbers one by one.
tests/models/accounts/test_normalize.py compares both ways on many numbers.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from models.store.lazy import lazy_import

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

phonenumbers = lazy_import("phonenumbers")  # some 20 ms: loaded when the first phone number is read

_JAPAN = 81
_REGION = "JP"
_MIN_DIGITS, _MAX_DIGITS = 9, 17  # of a number dialled at home: fewer is no phone, more phonenumbers refuses
_CACHE_LIMIT = 20_000  # verdicts kept; cleared when full (a combination of outcomes: a few hundred at most)
_BARE = object()  # no formatting pattern fits: phonenumbers writes the bare national number
_Choice = tuple[re.Pattern[str], str, str | None]  # the pattern, its rule, the rule for str.format
_RULE_PART_RE = re.compile(r"\\([1-9])(?!\d)")  # a group reference of a rule: \1 … \9, no digit after
_FIRST_GROUP_RE = re.compile(r"(\\\d)")  # phonenumbers' _FIRST_GROUP_PATTERN
_verdicts: dict[tuple, bool] = {}  # outcomes and length → whether phonenumbers' answer is the plain one


class _Domestic(NamedTuple):
    """The expressions ``parse`` tries a number dialled at home against, compiled as phonenumbers does."""

    international_prefix: re.Pattern[str]
    national_prefix: re.Pattern[str]
    transforms: bool  # a transform rule: a national prefix that captures something is rewritten
    general: re.Pattern[str]


def national_format(number: PhoneNumber) -> str:
    """``phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)``, the same text."""
    if number.country_code != _JAPAN or number.extension or not number.national_number:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    nsn = phonenumbers.national_significant_number(number)
    return _written(_choose(nsn), nsn)


def domestic_forms(digits: str) -> tuple[str, str] | None:
    """(E.164, national form) of a number dialled in Japan (``digits``: 0 and the national number).

    The same as phonenumbers gives for a text of these digits with plain punctuation (``-``, ``(``,
    ``)``, spaces) parsed for region JP and found possible: ``format_number`` E164 and NATIONAL.
    None when phonenumbers must be asked (another kind of number, or one read otherwise).
    """
    if not (_MIN_DIGITS <= len(digits) <= _MAX_DIGITS and digits[0] == "0" and digits[1] != "0"
            and digits.isascii() and digits.isdigit()):
        return None  # "00…" keeps a leading zero in its national number: phonenumbers reads it
    domestic = _domestic()
    if domestic is None or domestic.international_prefix.match(digits) is not None:
        return None
    prefix = domestic.national_prefix.match(digits)
    if (prefix is None or prefix.end() != 1
            or (domestic.transforms and prefix.groups() and prefix.groups()[-1] is not None)):
        return None  # not simply "0" and the national number
    nsn = digits[1:]
    choice = _choose(nsn)
    # The choice by identity: each lives as long as _formats' cache (two formats may share a pattern).
    key = (len(digits), domestic.general.fullmatch(digits) is None, domestic.general.fullmatch(nsn) is None,
           id(choice))
    plain = _verdicts.get(key)
    if plain is None:
        if len(_verdicts) >= _CACHE_LIMIT:
            _verdicts.clear()
        plain = _verdicts[key] = _reads_plainly(digits, choice)
    return ("+81" + nsn, _written(choice, nsn)) if plain else None


def forget() -> None:
    """Empty the kept verdicts (benchmarks measure a cold import)."""
    _verdicts.clear()


def _reads_plainly(digits: str, choice: Any) -> bool:
    """Whether phonenumbers reads ``digits`` as Japan's ``digits[1:]``, possible, written as ``choice``
    writes it: then it reads so every number whose expressions go the same way."""
    try:
        number = phonenumbers.parse(digits, _REGION)
    except phonenumbers.NumberParseException:
        return False
    nsn = digits[1:]
    return (number.country_code == _JAPAN and not number.extension and not number.italian_leading_zero
            and phonenumbers.national_significant_number(number) == nsn
            and phonenumbers.is_possible_number(number)
            and phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == "+81" + nsn
            and phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            == _written(choice, nsn))


def _written(entry: Any, nsn: str) -> str:
    """``pattern.sub(rule, nsn)``: the number written by the rule of the pattern that fits it."""
    if entry is _BARE:
        return nsn
    pattern, rule, fields = entry
    if fields is not None:  # the pattern spans the number in one match: the rule filled in by str.format,
        match = pattern.match(nsn)  # ten times quicker than re's template expansion
        if match is not None and match.end() == len(nsn):
            return fields.format(*match.groups(""))  # a group that took no part writes "", as sub does
    return pattern.sub(rule, nsn)


def _format_fields(pattern: re.Pattern[str], rule: str) -> str | None:
    """``rule`` as a str.format template, or None when ``_written`` must leave it to ``pattern.sub``.

    A match spanning the whole number is all ``sub`` replaces, unless the pattern also matches nothing
    at the end of digits (``sub`` would then write the rule once more there); the rule must be plain
    text and group references.
    """
    if pattern.match("0", 1) is not None:
        return None
    parts = _RULE_PART_RE.split(rule)  # text, group, text, group, ..., text
    texts, groups = parts[::2], parts[1::2]
    if any("\\" in text for text in texts) or any(int(g) > pattern.groups for g in groups):  # \0, \12 …
        return None
    fields = texts[0].replace("{", "{{").replace("}", "}}")
    for group, text in zip(groups, texts[1:], strict=True):
        fields += "{" + str(int(group) - 1) + "}" + text.replace("{", "{{").replace("}", "}}")
    return fields


def _choose(nsn: str) -> Any:
    """The first pattern that fits, as phonenumbers' ``_choose_formatting_pattern_for_number`` picks it
    (the last, most detailed, leading digits pattern, then the whole number); ``_BARE`` when none does."""
    for leading, choice in _formats():
        if (leading is None or leading.match(nsn) is not None) and choice[0].fullmatch(nsn) is not None:
            return choice
    return _BARE


def _metadata() -> Any:
    return phonenumbers.PhoneMetadata.metadata_for_region(_REGION)


@cache
def _formats() -> tuple[tuple[re.Pattern[str] | None, _Choice], ...]:
    """Japan's national formats in order: (leading digits pattern, (pattern, NATIONAL rule, its fields))."""
    formats = []
    for number_format in _metadata().number_format:
        leading = number_format.leading_digits_pattern
        rule = number_format.format
        if number_format.national_prefix_formatting_rule:  # "0\1": the national prefix before group 1
            rule = _FIRST_GROUP_RE.sub(number_format.national_prefix_formatting_rule, rule, count=1)
        pattern = re.compile(number_format.pattern)
        choice = (pattern, rule, _format_fields(pattern, rule))
        formats.append((re.compile(leading[-1]) if leading else None, choice))
    return tuple(formats)


@cache
def _domestic() -> _Domestic | None:
    """Japan's parsing expressions compiled, or None (a metadata of another shape: phonenumbers reads all)."""
    metadata = _metadata()
    general = metadata.general_desc.national_number_pattern if metadata.general_desc else None
    if not (metadata.country_code == _JAPAN and metadata.international_prefix
            and metadata.national_prefix_for_parsing and general):
        return None
    return _Domestic(re.compile(metadata.international_prefix),
                     re.compile(metadata.national_prefix_for_parsing),
                     bool(metadata.national_prefix_transform_rule), re.compile(general))
