"""A rough romanisation of katakana readings, for demo web addresses and e-mail addresses."""

from __future__ import annotations

import functools

_KANA_ROMAJI = dict(zip(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォャュョ",
    (
        "a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "sa", "shi", "su", "se", "so", "ta", "chi",
        "tsu", "te", "to", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he", "ho", "ma", "mi", "mu",
        "me", "mo", "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "o", "n", "ga", "gi", "gu", "ge",
        "go", "za", "ji", "zu", "ze", "zo", "da", "ji", "zu", "de", "do", "ba", "bi", "bu", "be", "bo",
        "pa", "pi", "pu", "pe", "po", "vu", "a", "i", "u", "e", "o", "ya", "yu", "yo",
    ),
    strict=True,
))


@functools.lru_cache(maxsize=4096)
def romaji(kana: str) -> str:
    """A rough Hepburn-style romanisation of a katakana reading (enough for demo addresses)."""
    out: list[str] = []
    double = False
    for char in kana:
        if char == "ッ":
            double = True
            continue
        if char == "ー" or char not in _KANA_ROMAJI:
            continue
        syllable = _KANA_ROMAJI[char]
        if char in "ャュョァィゥェォ" and out:
            previous = out.pop()
            stem = previous[:-1] if previous.endswith(("i", "u")) else previous
            syllable = (stem if stem[-2:] in ("sh", "ch") or stem[-1:] == "j" else stem + "y") + syllable[-1]
            if char in "ァィゥェォ":
                syllable = previous[:-1] + syllable[-1]
        if double:
            syllable = syllable[0] + syllable
            double = False
        out.append(syllable)
    return "".join(out)
