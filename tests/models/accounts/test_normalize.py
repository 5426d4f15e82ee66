"""Keys for comparing: NFKC, kana, legal forms, phones, 法人番号, postal codes, prefectures."""

from __future__ import annotations

import pytest

from models.accounts import normalize as n


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｽﾄ", "カブシキガイシャ テスト"),
        ("かぶしきがいしゃ　てすと", "カブシキガイシャ テスト"),
        ("  ヤマダ  タロウ ", "ヤマダ タロウ"),
        ("", None),
        (None, None),
    ],
)
def test_kana_reading_is_full_width_katakana(raw, expected):
    assert n.kana_reading(raw) == expected


@pytest.mark.parametrize(
    "variant",
    [
        "株式会社テスト商事", "（株）テスト商事", "㈱テスト商事", "テスト商事株式会社", "テスト商事 (株)",
        "ﾃｽﾄ商事",
    ],
)
def test_name_key_drops_legal_forms_width_and_spaces(variant):
    expected = "テスト商事"
    assert n.name_key(variant) == expected


def test_name_key_keeps_branches_apart_and_long_vowels():
    assert n.name_key("テスト商事 札幌支社") != n.name_key("テスト商事 大阪支社")
    assert n.name_key("コーヒー商会") != n.name_key("コヒ商会")


def test_address_key_unifies_width_dashes_and_spaces():
    assert n.address_key("東京都千代田区丸の内１－２－３") == n.address_key("東京都 千代田区丸の内1-2-3")
    assert n.address_key("東京都千代田区丸の内1ー2ー3") == n.address_key("東京都千代田区丸の内1-2-3")


@pytest.mark.parametrize(
    ("raw", "formatted", "key"),
    [
        ("0312345678", "03-1234-5678", "+81312345678"),
        ("０３－１２３４－５６７８", "03-1234-5678", "+81312345678"),
        ("(011) 234-5678", "011-234-5678", "+81112345678"),
        ("090 1234 5678", "090-1234-5678", "+819012345678"),
        ("+81 6-1234-5678", "06-1234-5678", "+81612345678"),
        ("0120-123-456", "0120-123-456", "+81120123456"),
    ],
)
def test_phone_numbers_are_parsed_as_japanese(raw, formatted, key):
    assert n.format_phone(raw) == formatted
    assert n.phone_key(raw) == key
    assert n.tel_url(raw) == f"tel:{key}"


@pytest.mark.parametrize("raw", ["内線 12", "不明", "123", ""])
def test_non_phone_text_is_kept_as_given_and_has_no_key(raw):
    assert n.phone_key(raw) is None
    assert n.format_phone(raw) == (raw.strip() or None)


def test_corporate_number_check_digit():
    # 国税庁 publishes 8700110005901 (its own 法人番号) as an example of a valid number.
    assert n.corporate_number_valid("8700110005901")
    assert n.corporate_number_valid("８７００１１０００５９０１")
    assert not n.corporate_number_valid("1700110005901")
    assert not n.corporate_number_valid("870011000590")
    assert not n.corporate_number_valid("87001100059O1")
    assert n.clean_corporate_number("8-7001-1000-5901") == "8700110005901"
    for base in ("000000000000", "999999999999", "123456789012"):
        digit = n.corporate_number_check_digit(base)
        assert 1 <= digit <= 9
        assert n.corporate_number_valid(f"{digit}{base}")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("〒100-0005", "100-0005"), ("１０００００５", "100-0005"), ("1000005", "100-0005"), ("12345", "12345")],
)
def test_postal_code(raw, expected):
    assert n.postal_code(raw) == expected


def test_prefectures():
    assert len(n.PREFECTURES) == 47
    assert n.split_prefecture("大阪府大阪市北区梅田１丁目") == "大阪府"
    assert n.split_prefecture("札幌市中央区") is None
    assert n.normalize_prefecture("東京") == "東京都"
    assert n.normalize_prefecture("京都") == "京都府"
    assert n.normalize_prefecture("北海道") == "北海道"
    assert n.normalize_prefecture("ニューヨーク") == "ニューヨーク"


def test_search_text_matches_across_widths_and_kana():
    assert n.search_text("ﾃｽﾄ") == n.search_text("てすと") == n.search_text("テスト")
    assert n.search_text("ＡＢＣ　１２３") == "abc123"


# --- phones: parsed once per distinct text, written as phonenumbers writes them ---------------------


def _reference(text):
    """phone_key and format_phone as phonenumbers gives them, with no cache and no shortcut."""
    import phonenumbers

    number = n._parse_jp_phone(text)
    if number is None:
        return None, (text.strip() or None)
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 81
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            phonenumbers.format_number(number, style))


def _phone_texts(count, seed=3):
    import random

    rng = random.Random(seed)
    full_width = str.maketrans("0123456789-", "０１２３４５６７８９－")
    for _ in range(count):
        digits = "0" + "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 12)))
        cut = rng.randint(1, 4)
        yield rng.choice([
            digits, f"{digits[:cut]}-{digits[cut:cut + 4]}-{digits[cut + 4:]}",
            f"({digits[:3]}) {digits[3:]}",
            "+81 " + digits[1:], digits.translate(full_width), f"{digits} 内線{rng.randint(1, 99)}",
            "+1 " + digits[1:11], f"0{rng.choice(['3', '6', '45', '120', '90', '80', '50'])}{digits[4:]}",
        ])


def test_phones_are_the_same_as_phonenumbers_gives_them_uncached():
    n._phone_cache.clear()
    for text in _phone_texts(6000):
        key, shown = _reference(text)
        for _ in range(2):  # the first call parses, the second reads the cache
            assert (n.phone_key(text), n.format_phone(text)) == (key, shown), text
        # The shown form is what companies store and key again; it may come from the cache.
        assert (n.phone_key(shown), n.format_phone(shown)) == _reference(shown), text


def test_the_phone_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(n, "_PHONE_CACHE_LIMIT", 50)
    n._phone_cache.clear()
    for text in _phone_texts(500, seed=4):
        assert n.format_phone(text) == _reference(text)[1]
    assert len(n._phone_cache) <= 51  # a number and its shown form


def test_national_format_is_phonenumbers_national_format():
    import random

    import phonenumbers

    from models.accounts.phone_format import national_format

    national_style = phonenumbers.PhoneNumberFormat.NATIONAL
    rng = random.Random(8)
    for _ in range(5000):  # every length, and first digits both real and not
        digits = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 12)))
        number = phonenumbers.PhoneNumber(country_code=81, national_number=int(digits))
        assert national_format(number) == phonenumbers.format_number(number, national_style)
    with_extension = phonenumbers.parse("03-1234-5678 ext. 12", "JP")
    assert national_format(with_extension) == phonenumbers.format_number(with_extension, national_style)


def _domestic_texts(seed):
    """Numbers dialled at home of every first two digits and length 8-13, real and not, with the
    punctuation a list may have (full-width too), and prefixes with meanings of their own."""
    import random

    rng = random.Random(seed)
    full_width = str.maketrans("0123456789-()", "０１２３４５６７８９－（）")
    heads = [f"0{first:02d}" for first in range(100)] + [
        "010", "0120", "0800", "0570", "0990", "020", "060", "050", "070", "080", "090", "00777", "003768",
    ]
    for head in heads:
        for length in range(8, 14):
            for _ in range(40):
                digits = (head + "".join(rng.choice("0123456789") for _ in range(length)))[:length]
                cut, end = sorted(rng.sample(range(1, length), 2))
                dashed = f"{digits[:cut]}-{digits[cut:end]}-{digits[end:]}"
                yield rng.choice([
                    digits, dashed, f"({digits[:cut]}) {digits[cut:]}", f" {digits[:cut]} {digits[cut:]} ",
                    dashed.translate(full_width),
                    "".join(ch + rng.choice(["", "", "-", " ", "(", ")"]) for ch in digits),
                ])


def test_numbers_dialled_at_home_are_read_as_phonenumbers_reads_them_without_parsing():
    from models.accounts import phone_format
    n.forget_cached_phones()
    shortcut = 0
    for text in _domestic_texts(seed=12):
        n._phone_cache.clear()  # every text read afresh; the verdicts per outcome stay
        digits = "".join(ch for ch in n.nfkc(text) if ch.isdigit())
        shortcut += phone_format.domestic_forms(digits) is not None
        key, shown = _reference(text)
        assert (n.phone_key(text), n.format_phone(text)) == (key, shown), text
        assert (n.phone_key(shown), n.format_phone(shown)) == _reference(shown), text
    assert shortcut > 15_000  # most of the 27,000 numbers took the shortcut
    assert len(phone_format._verdicts) < 5_000  # kept per outcome of Japan's expressions, not per number
    asked = len(phone_format._verdicts)
    assert phone_format.domestic_forms("0398765432") == ("+81398765432", "03-9876-5432")
    assert len(phone_format._verdicts) == asked  # 03: every Tokyo number of ten digits alike, already asked


def test_the_shortcut_leaves_other_numbers_to_phonenumbers():
    from models.accounts import phone_format
    assert phone_format.domestic_forms("0312345678") == ("+81312345678", "03-1234-5678")
    # The international prefix 010, a carrier's prefix, no national prefix, too short for a phone, too
    # long, not ASCII digits: phonenumbers reads those (or refuses them) itself.
    others = ("0101234567", "003768123456", "3123456789", "03123456", "03123456789012345678",
              "０３１２３４５６７８")
    for digits in others:
        assert phone_format.domestic_forms(digits) is None, digits
    assert phone_format.domestic_forms("031234567") == (n.phone_key("031234567"), n.format_phone("031234567"))


def test_a_rule_is_written_as_re_sub_writes_it():
    """_written fills the rule by str.format when one match spans the number, else leaves it to sub."""
    import re

    from models.accounts import phone_format
    cases = [
        (r"(\d{2})(\d{4})(\d{4})", "0\\1-\\2-\\3", "3123456789"),
        (r"(\d{2})(\d{4})(\d{4})", "{\\1} (\\2)", "3123456789"),  # braces are text
        (r"(\d{3})(\d{3})?(\d{4})", "\\1-\\2-\\3", "1234567"),  # group 2 takes no part: ""
        (r"(\d{2})(\d{2})", "\\2\\1", "123456"),  # one match does not span it: sub goes on
        (r"(\d*)", "[\\1]", "1234"),  # matches nothing at the end too: sub writes the rule twice
    ]
    for pattern_text, rule, nsn in cases:
        pattern = re.compile(pattern_text)
        entry = (pattern, rule, phone_format._format_fields(pattern, rule))
        assert phone_format._written(entry, nsn) == pattern.sub(rule, nsn), (pattern_text, rule)
    assert phone_format._format_fields(re.compile(r"(\d*)"), "[\\1]") is None
    assert phone_format._format_fields(re.compile(r"(\d)"), "\\1\\n") is None  # not plain text
    assert phone_format._format_fields(re.compile(r"(\d)"), "\\0") is None  # not a group
    assert phone_format._format_fields(re.compile(r"(\d)"), "\\12") is None  # group 12, or 1 and "2"?


def _digits_of_every_kind(count, seed):
    """Digits of numbers dialled at home: fixed lines, mobiles, IP phones, free dials, carrier and
    international prefixes, of every length from too short to too long, real and not."""
    import random

    rng = random.Random(seed)
    heads = ["03", "06", "011", "045", "052", "092", "0466", "09802", "0167", "070", "080", "090", "050",
             "0120", "0800", "0570", "0990", "020", "060", "0180", "010", "00", "003768", "00777", "0"]
    heads += [f"0{first}" for first in range(1, 100)] + [f"0{first:03d}" for first in range(1000)]
    for _ in range(count):
        head = rng.choice(heads)
        length = rng.randint(max(len(head), 7), 18)
        yield (head + "".join(rng.choice("0123456789") for _ in range(length)))[:length]


def test_the_shortcut_gives_phonenumbers_forms_for_numbers_of_every_kind():
    """Wherever domestic_forms answers, phonenumbers finds the number possible and writes it so."""
    import phonenumbers

    from models.accounts import phone_format
    phone_format.forget()
    answered = 0
    for digits in _digits_of_every_kind(4000, seed=21):
        forms = phone_format.domestic_forms(digits)
        if forms is None:
            continue
        answered += 1
        number = phonenumbers.parse(digits, "JP")
        assert phonenumbers.is_possible_number(number), digits
        assert forms == (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                         phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)), digits
    assert answered > 2_500  # most of them, though not the 00… and 010… ones, nor the impossible ones
    assert phone_format.domestic_forms("09012345678") == ("+819012345678", "090-1234-5678")
    assert phone_format.domestic_forms("0501234567") == ("+81501234567", "501234567")  # no pattern fits
    assert phone_format.domestic_forms("00777012345678") is None  # a leading 0 kept: phonenumbers reads it
    assert phone_format.domestic_forms("0120123456") == ("+81120123456", "0120-123-456")


def test_search_key_joins_the_normalised_parts():
    parts = ("ｶﾌﾞｼｷｶﾞｲｼｬ ﾃｽﾄ", None, "", "03-1234-5678", "+81312345678", "東京都　港区１－２", "ＡＢＣ")
    assert n.search_key(*parts) == "\u241e".join(n.search_text(part) for part in parts if part)
    assert n.search_key() == "" and n.search_key(None, "") == ""
