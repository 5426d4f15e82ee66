"""Normalisation for comparing, never for showing: search keys, dedupe keys, phones, 法人番号.

Names and addresses are stored as written; the keys derived here are what search and dedupe compare.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from models.accounts import phone_format
from models.accounts.phone_format import domestic_forms, national_format
from models.store.lazy import lazy_import

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

phonenumbers = lazy_import("phonenumbers")  # loaded when the first phone number is read

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)

# Legal-form words dropped from the name key (after NFKC, so ㈱ and （株） are already "(株)").
_LEGAL_FORMS = (
    "特定非営利活動法人", "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "社会福祉法人",
    "独立行政法人", "地方独立行政法人", "国立大学法人", "医療法人社団", "医療法人財団", "医療法人",
    "学校法人", "宗教法人", "農事組合法人", "協同組合", "NPO法人", "株式会社", "有限会社", "合同会社",
    "合資会社", "合名会社", "相互会社", "(株)", "(有)", "(合)", "(資)", "(名)", "(財)", "(社)", "(医)",
    "(学)", "(福)", "(特非)", "カブシキガイシャ", "カブシキカイシャ", "ユウゲンガイシャ", "ゴウドウガイシャ",
    "co.,ltd.", "co., ltd.", "co.ltd.", "corporation", "corp.", "inc.", "ltd.", "k.k.", "llc",
)
_LEGAL_RE = re.compile("|".join(re.escape(form) for form in sorted(_LEGAL_FORMS, key=len, reverse=True)))
_SPACE_PUNCT_RE = re.compile(r"[\s\u3000・･.,，、。\-‐－―−–—~〜～/／'’\"“”()（）「」『』]+")
_DASHES_RE = re.compile(r"[‐‑‒–—―−ｰー－﹣]")
_SPACES_RE = re.compile(r"\s+")
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_HIRAGANA_RE = re.compile("[\u3041-\u3096]")
_CORPORATE_NUMBER_RE = re.compile(r"^\d{13}$")
_SPACES_HYPHENS_RE = re.compile(r"[\s\-]")
_NON_DIGITS_RE = re.compile(r"\D")
_RECORD_SEPARATOR = "\u241e"
_MIN_PHONE_DIGITS = 9  # fewer digits are not a phone number (an extension, a fragment)


def nfkc(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "")


def to_katakana(text: str) -> str:
    return text.translate(_HIRAGANA_TO_KATAKANA) if _HIRAGANA_RE.search(text) else text


def kana_reading(text: str | None) -> str | None:
    """A reading as stored: full-width katakana (half-width and hiragana converted), spaces tidied."""
    if text is None:
        return None
    reading = _SPACES_RE.sub(" ", to_katakana(nfkc(text))).strip()
    return reading or None


def search_text(text: str | None) -> str:
    """How text is compared in search: NFKC, case-folded, hiragana as katakana, no whitespace."""
    return _SPACES_RE.sub("", to_katakana(nfkc(text).casefold()))


def search_key(*parts: str | None) -> str:
    """The text indexed for search: every part normalised, joined by a separator no query contains."""
    # Normalised once, joined: the separator neither changes under NFKC nor composes with its
    # neighbours, so this equals joining each part's search_text, at a fraction of the calls.
    return search_text(_RECORD_SEPARATOR.join(part for part in parts if part))


def name_key(name: str | None) -> str:
    """Company name for dedupe: NFKC, legal-form words, spaces and punctuation removed, case-folded."""
    folded = nfkc(name).casefold()
    return _SPACE_PUNCT_RE.sub("", _LEGAL_RE.sub("", folded))


def address_key(address: str | None) -> str:
    """Address for dedupe: NFKC, whitespace removed, every dash written as '-', case-folded."""
    return _SPACES_RE.sub("", _DASHES_RE.sub("-", nfkc(address))).casefold()


def _parse_jp_phone(text: str | None) -> PhoneNumber | None:
    raw = nfkc(text).strip()
    if not raw or sum(map(str.isdigit, raw)) < _MIN_PHONE_DIGITS:
        return None
    try:
        number = phonenumbers.parse(raw, "JP")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


# Parsing is the costly step of cleaning a row (an import of 100,000 rows parses every phone), so the
# two forms of a number are kept per distinct text; a bounded dict, cleared when full, keeps memory flat.
# A number dialled at home written with plain punctuation (nearly every phone of a list) is not parsed
# at all: accounts.phone_format gives phonenumbers' answer for it from how Japan's expressions match it.
_PHONE_CACHE_LIMIT = 50_000
_phone_cache: dict[str, tuple[str | None, str | None]] = {}
_PLAIN_PHONE_RE = re.compile(r"[0-9\-() ]+")
_NOT_DIGIT_RE = re.compile(r"[^0-9]")
_MAX_PHONE_TEXT = 250  # phonenumbers refuses longer input (_MAX_INPUT_STRING_LENGTH)


def _phone_forms(text: str) -> tuple[str | None, str | None]:
    """(E.164 key, the number written for showing) of ``text``; (None, None) when it is not a phone."""
    forms = _phone_cache.get(text)
    if forms is not None:
        return forms
    raw = nfkc(text).strip()
    plain = len(raw) <= _MAX_PHONE_TEXT and _PLAIN_PHONE_RE.fullmatch(raw) is not None
    digits = _NOT_DIGIT_RE.sub("", raw) if plain else None
    domestic = domestic_forms(digits) if digits is not None else None
    japanese: str | None
    if domestic is not None:
        forms, japanese = domestic, domestic[0][3:]
    else:
        forms, japanese = _parsed_forms(text)
    if len(_phone_cache) >= _PHONE_CACHE_LIMIT:
        _phone_cache.clear()
    _phone_cache[text] = forms
    shown = forms[1]
    if shown is not None and shown not in _phone_cache and _reads_alike(digits, shown, japanese):
        _phone_cache[shown] = forms  # what companies store is keyed again: no second parse for it
    return forms


def _parsed_forms(text: str) -> tuple[tuple[str | None, str | None], str | None]:
    """``_phone_forms`` by phonenumbers, and the national number when it is Japanese with no extension."""
    number = _parse_jp_phone(text)
    if number is None:
        return (None, None), None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.country_code != 81:
        return (e164, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)), None
    japanese = None if number.extension else phonenumbers.national_significant_number(number)
    return (e164, national_format(number)), japanese


def _reads_alike(digits: str | None, shown: str, japanese: str | None) -> bool:
    """Whether phonenumbers reads ``shown`` as the very number it read from ``text``; ``digits`` are the
    digits of ``text`` after NFKC when it is written with plain punctuation only, else None.

    It does when both are the same digits with plain punctuation (parsing looks at the digits alone),
    and when ``shown`` is a Japanese national number written bare (no pattern fits it; ``japanese`` is
    the number's national number when it is Japanese with no extension), long enough, starting with
    neither the national or international prefix (0) nor the country code (81), which parsing would strip.
    """
    if not _PLAIN_PHONE_RE.fullmatch(shown):
        return False
    if shown.isdigit() and japanese is not None:
        return len(shown) >= _MIN_PHONE_DIGITS and shown[0] not in "08" and shown == japanese
    return digits is not None and digits == _NOT_DIGIT_RE.sub("", shown)


def forget_cached_phones() -> None:
    """Empty the caches of phone numbers read (benchmarks measure a cold import)."""
    _phone_cache.clear()
    phone_format.forget()


def phone_key(text: str | None) -> str | None:
    """A phone number as E.164 (``+81312345678``) for dedupe, or None when it is not a phone number."""
    if not text:
        return None
    return _phone_forms(text)[0]


def format_phone(text: str | None) -> str | None:
    """A phone number written the Japanese way (``03-1234-5678``); unparseable input is kept as given."""
    if text is None or not text.strip():
        return None
    shown = _phone_forms(text)[1]
    return text.strip() if shown is None else shown


def tel_url(text: str | None) -> str | None:
    """A ``tel:`` URL for a softphone, or None when the text is not a phone number."""
    key = phone_key(text)
    return f"tel:{key}" if key else None


def corporate_number_check_digit(base12: str) -> int:
    """The leading check digit of a 法人番号 for its 12-digit base (National Tax Agency rule)."""
    total = 0
    for position, digit in enumerate(reversed(base12), start=1):
        total += int(digit) * (1 if position % 2 else 2)
    return 9 - total % 9


def corporate_number_valid(text: str | None) -> bool:
    value = nfkc(text).strip()
    if not _CORPORATE_NUMBER_RE.match(value):
        return False
    return int(value[0]) == corporate_number_check_digit(value[1:])


def clean_corporate_number(text: str | None) -> str | None:
    """Digits of a 法人番号 (hyphens and spaces removed), or None when empty."""
    digits = _SPACES_HYPHENS_RE.sub("", _DASHES_RE.sub("-", nfkc(text)))
    return digits or None


def postal_code(text: str | None) -> str | None:
    """A postal code as ``123-4567`` when it has seven digits; other input kept as given."""
    raw = nfkc(text).strip().lstrip("〒").strip()
    if not raw:
        return None
    digits = _NON_DIGITS_RE.sub("", raw)
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 else raw


def split_prefecture(address: str | None) -> str | None:
    """The prefecture an address starts with, or None."""
    text = nfkc(address).strip()
    for prefecture in PREFECTURES:
        if text.startswith(prefecture):
            return prefecture
    return None


def normalize_prefecture(text: str | None) -> str | None:
    """'東京' → '東京都', '大阪' → '大阪府'; an unknown value is kept as given."""
    value = nfkc(text).strip()
    if not value:
        return None
    for prefecture in PREFECTURES:
        short = prefecture if prefecture == "北海道" else prefecture[:-1]
        if value in (prefecture, short):
            return prefecture
    return value
