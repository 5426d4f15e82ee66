"""Japanese phone numbers read and written as phonenumbers reads and writes them, without asking it each time.

An import of 100,000 rows brings 100,000 phone numbers, nearly all different. ``phonenumbers.parse`` costs
some 12 µs a number and ``format_number(NATIONAL)`` as much again (it tries Japan's patterns one by one).
For a number dialled at home (``0`` and the national number: digits with plain punctuation), what they
compute depends on the digits only through a few regular expressions of Japan's metadata (the
international prefix, the national prefix for parsing, the general number pattern, the formatting
patterns) and on how many digits there are; every other step looks at the punctuation or the length.

So the answer is kept per key (the first digits, the length). ``_decides`` proves on the expressions
themselves, walking their parsed form, that each goes the same way for every string of that many digits
beginning with those digits; the key has as few first digits as make that certain (``03`` decides every
Tokyo number), and phonenumbers' answer for the first number of a key is the answer for all of them,
written with the number's own digits. Where it cannot be proven (look-arounds, back-references, a
future metadata of another shape), or phonenumbers' answer is not of the plain kind (another country
through the international prefix, a number that is not possible, ...), the numbers of that key go to
phonenumbers one by one. tests/models/test_normalize.py compares both ways on many numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from models.store.lazy import lazy_import

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

phonenumbers = lazy_import("phonenumbers")  # some 20 ms: loaded when the first phone number is read

try:  # the parsed form of a pattern: only to prove what its outcome depends on
    from re import _constants as _sre
    from re import _parser
except ImportError:  # pragma: no cover - a Python without them asks phonenumbers every time
    _sre = _parser = None

_JAPAN = 81
_REGION = "JP"
_DIGITS = frozenset("0123456789")
_MIN_DIGITS, _MAX_DIGITS = 9, 17  # of a number dialled at home: fewer is no phone, more phonenumbers refuses
_CACHE_LIMIT = 20_000  # keys per cache; cleared when full (a key is a few first digits: rarely reached)
_LONGER = object()  # entry: these first digits do not decide; look at one more
_SLOW = object()  # entry: ask phonenumbers for every number of this key
_BARE = object()  # entry: no formatting pattern fits; phonenumbers writes the bare national number
_Choice = tuple[re.Pattern[str], str, str | None]  # the pattern, its rule, the rule for str.format
_RULE_PART_RE = re.compile(r"\\([1-9])(?!\d)")  # a group reference of a rule: \1 … \9, no digit after
_FIRST_GROUP_RE = re.compile(r"(\\\d)")  # phonenumbers' _FIRST_GROUP_PATTERN
_formats_cache: dict[tuple[str, int], Any] = {}
_domestic_cache: dict[tuple[str, int], Any] = {}


def national_format(number: PhoneNumber) -> str:
    """``phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)``, the same text."""
    if number.country_code != _JAPAN or number.extension or not number.national_number:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    nsn = phonenumbers.national_significant_number(number)
    entry = _lookup(_formats_cache, nsn, 1, _format_entry)
    if entry is _SLOW:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return _written(entry, nsn)


def domestic_forms(digits: str) -> tuple[str, str] | None:
    """(E.164, national form) of a number dialled in Japan (``digits``: 0 and the national number).

    The same as phonenumbers gives for a text of these digits with plain punctuation (``-``, ``(``,
    ``)``, spaces) parsed for region JP and found possible: ``format_number`` E164 and NATIONAL.
    None when phonenumbers must be asked (another kind of number, or the answer is not proven here).
    """
    if not (_MIN_DIGITS <= len(digits) <= _MAX_DIGITS and digits[0] == "0" and digits.isascii()
            and digits.isdigit()):
        return None
    entry = _lookup(_domestic_cache, digits, 2, _domestic_entry)
    if entry is _SLOW:
        return None
    nsn = digits[1:]
    return "+81" + nsn, _written(entry, nsn)


def forget() -> None:
    """Empty the caches of answers per key (benchmarks measure a cold import)."""
    _formats_cache.clear()
    _domestic_cache.clear()


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


def _lookup(cache_: dict[tuple[str, int], Any], text: str, shortest: int,
            entry_for: Callable[[str, int], Any]) -> Any:
    """The entry of ``text``'s key: its first digits (as few as decide, from ``shortest``) and its length."""
    length = len(text)
    entry = _LONGER
    for width in range(min(shortest, length), length + 1):
        key = (text[:width], length)
        entry = cache_.get(key)
        if entry is None:
            if len(cache_) >= _CACHE_LIMIT:
                cache_.clear()
            entry = cache_[key] = entry_for(text, width)
        if entry is not _LONGER:
            return entry
    return _SLOW  # pragma: no cover - the whole text always decides


# --- the entries -----------------------------------------------------------------------------------


def _format_entry(nsn: str, width: int) -> Any:
    if _parser is None:
        return _SLOW
    if not _format_decided(nsn, width):
        return _LONGER
    choice = _choose(nsn)
    return _BARE if choice is None else choice


def _domestic_entry(digits: str, width: int) -> Any:
    checks = _parse_checks()
    if checks is None:
        return _SLOW
    if not (all(_decides(nodes, digits[offset:width], len(digits) - offset) for nodes, offset in checks)
            and _format_decided(digits[1:], width - 1)):
        return _LONGER
    # Every expression goes the same way for every number of this key: this number's answer is theirs.
    try:
        number = phonenumbers.parse(digits, _REGION)
    except phonenumbers.NumberParseException:
        return _SLOW
    nsn = digits[1:]
    metadata = _metadata()
    national_prefix = re.match(metadata.national_prefix_for_parsing, digits)
    if (number.country_code != _JAPAN or number.extension or number.italian_leading_zero
            or phonenumbers.national_significant_number(number) != nsn
            or not phonenumbers.is_possible_number(number)
            or re.match(metadata.international_prefix, digits)
            or national_prefix is None or national_prefix.end() != 1
            or (metadata.national_prefix_transform_rule and national_prefix.groups()
                and national_prefix.groups()[-1] is not None)):
        return _SLOW  # not simply "0" and the national number: no shortcut for this key
    choice = _choose(nsn)
    entry = _BARE if choice is None else choice
    if (_written(entry, nsn) != phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            or phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) != "+81" + nsn):
        return _SLOW  # pragma: no cover - a phonenumbers that formats otherwise
    return entry


def _metadata() -> Any:
    return phonenumbers.PhoneMetadata.metadata_for_region(_REGION)


@cache
def _parse_checks() -> tuple[tuple[tuple, int], ...] | None:
    """What ``parse`` matches a number dialled at home against, parsed, each with the offset it is tried
    at (the general pattern also on the number without its national prefix), or None: no shortcut."""
    metadata = _metadata()
    general = metadata.general_desc.national_number_pattern if metadata.general_desc else None
    patterns = (metadata.international_prefix, metadata.national_prefix_for_parsing, general)
    if _parser is None or metadata.country_code != _JAPAN or not all(patterns):
        return None
    return (*((_parsed(pattern), 0) for pattern in patterns), (_parsed(general), 1))


@cache
def _format_checks() -> tuple[tuple[str | None, tuple | None, str, tuple], ...]:
    """Japan's national formats in order: (leading digits pattern, parsed; pattern, parsed)."""
    checks = []
    for number_format in _metadata().number_format:
        leading = number_format.leading_digits_pattern[-1] if number_format.leading_digits_pattern else None
        checks.append((leading, None if leading is None else _parsed(leading),
                       number_format.pattern, _parsed(number_format.pattern)))
    return tuple(checks)


def _format_decided(nsn: str, width: int) -> bool:
    """Whether every national number of this length beginning with ``nsn[:width]`` gets its format
    chosen as ``nsn`` does (formats are tried in order; those after the one that fits do not matter)."""
    known, length = nsn[:width], len(nsn)
    for leading, leading_nodes, pattern, pattern_nodes in _format_checks():
        if leading is not None:
            if not _decides(leading_nodes, known, length):
                return False
            if not re.match(leading, nsn):
                continue
        if not _decides(pattern_nodes, known, length):
            return False
        if re.fullmatch(pattern, nsn):
            return True
    return True


def _choose(nsn: str) -> _Choice | None:
    """The first pattern that fits, as phonenumbers' _choose_formatting_pattern_for_number picks it."""
    for number_format in _metadata().number_format:
        leading = number_format.leading_digits_pattern
        if leading and not re.match(leading[-1], nsn):
            continue
        if re.fullmatch(number_format.pattern, nsn):
            rule = number_format.format
            if number_format.national_prefix_formatting_rule:  # "0\1": the national prefix before group 1
                rule = _FIRST_GROUP_RE.sub(number_format.national_prefix_formatting_rule, rule, count=1)
            pattern = re.compile(number_format.pattern)
            return pattern, rule, _format_fields(pattern, rule)
    return None


# --- what a pattern's outcome depends on -----------------------------------------------------------
#
# A pattern is walked in a compact form of its parse tree (re's own parser), for digit strings only:
# ("c", digits accepted) one character; ("g", nodes) a group; ("b", ways) alternatives;
# ("r", low, high, nodes) a repeat (high None: unbounded); ("end",) / ("start",); ("?",) anything else.

_ANY_DIGIT_CATEGORIES = ("CATEGORY_DIGIT", "CATEGORY_WORD", "CATEGORY_NOT_SPACE")  # each accepts 0-9
_NO_DIGIT_CATEGORIES = ("CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD", "CATEGORY_SPACE")  # each refuses 0-9
_UNKNOWN = ("?",)


def _parsed(pattern: str) -> tuple:
    return _compact(_parser.parse(pattern).data)


def _compact(items: list) -> tuple:
    return tuple(_node(op, av) for op, av in items)


def _node(op: Any, av: Any) -> tuple:
    if op is _sre.LITERAL:
        return ("c", _DIGITS & {chr(av)})
    if op is _sre.NOT_LITERAL:
        return ("c", _DIGITS - {chr(av)})
    if op is _sre.ANY:
        return ("c", _DIGITS)
    if op is _sre.IN:
        accepted = _set_accepts(av)
        return _UNKNOWN if accepted is None else ("c", accepted)
    if op is _sre.SUBPATTERN:
        return ("g", _compact(av[-1].data))
    if op is _sre.ATOMIC_GROUP:
        return ("g", _compact(av.data))
    if op is _sre.BRANCH:
        return ("b", tuple(_compact(way.data) for way in av[1]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = av
        if body.getwidth()[0] == 0:
            return _UNKNOWN  # a repeat that may match nothing: not walked
        return ("r", low, None if high == _sre.MAXREPEAT else high, _compact(body.data))
    if op is _sre.AT and av in (_sre.AT_END, _sre.AT_END_STRING):
        return ("end",)
    if op is _sre.AT and av in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING):
        return ("start",)
    return _UNKNOWN


def _set_accepts(items: list) -> frozenset[str] | None:
    """The digits a character set ``[...]`` accepts, or None when it holds something not understood here."""
    categories = {name: getattr(_sre, name, None) for name in (*_ANY_DIGIT_CATEGORIES, *_NO_DIGIT_CATEGORIES)}
    accepted: set[str] = set()
    negate = False
    for op, av in items:
        if op is _sre.NEGATE:
            negate = True
        elif op is _sre.LITERAL:
            accepted |= _DIGITS & {chr(av)}
        elif op is _sre.RANGE:
            accepted |= {digit for digit in _DIGITS if av[0] <= ord(digit) <= av[1]}
        elif op is _sre.CATEGORY and any(av is categories[name] for name in _ANY_DIGIT_CATEGORIES):
            accepted |= _DIGITS
        elif not (op is _sre.CATEGORY and any(av is categories[name] for name in _NO_DIGIT_CATEGORIES)):
            return None
    return frozenset(_DIGITS - accepted if negate else accepted)


def _decides(nodes: tuple, known: str, length: int) -> bool:
    """Whether ``re.match`` / ``re.fullmatch`` of the parsed pattern ``nodes`` run the same way (same
    outcome, same groups) on every string of ``length`` ASCII digits that begins with ``known``."""
    return len(known) >= length or _runs_alike(nodes, 0, known, length)


def _runs_alike(nodes: tuple, pos: int, known: str, length: int) -> bool:
    """``_decides`` for the rest of a pattern, ``nodes``, from position ``pos``.

    Every way the engine may take through the pattern is followed: a test of a known character goes the
    same way for all the strings; once a way reaches the unknown digits, everything left on it must
    accept any digit, and then only the length decides. Anything else is not proven (False).
    """
    while nodes:
        if pos >= len(known):
            return all(map(_any_digit, nodes))
        node, nodes = nodes[0], nodes[1:]
        kind = node[0]
        if kind == "c":
            if known[pos] not in node[1]:
                return True  # this way fails for all of them
            pos += 1
        elif kind == "g":
            nodes = node[1] + nodes
        elif kind == "b":
            return all(_runs_alike(way + nodes, pos, known, length) for way in node[1])
        elif kind == "r":
            _kind, low, high, body = node
            more = (*body, ("r", max(low - 1, 0), None if high is None else high - 1, body), *nodes)
            if low > 0:
                nodes = more
            elif high == 0:
                continue
            else:
                return _runs_alike(nodes, pos, known, length) and _runs_alike(more, pos, known, length)
        elif kind == "end":
            if pos != length:
                return True
        elif kind == "start":
            if pos != 0:
                return True
        else:
            return False
    return True


def _any_digit(node: tuple) -> bool:
    """Whether every character ``node`` tests may be any digit (its outcome then rests on the length)."""
    kind = node[0]
    if kind == "c":
        return node[1] == _DIGITS
    if kind == "g":
        return all(map(_any_digit, node[1]))
    if kind == "b":
        return all(_any_digit(item) for way in node[1] for item in way)
    if kind == "r":
        return all(map(_any_digit, node[3]))
    return kind in ("end", "start")
