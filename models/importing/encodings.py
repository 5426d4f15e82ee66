"""The encoding of a list file: detected (BOM → UTF-8 → CP932 → ask) or named by the caller.

Any text encoding Python knows may be named. When the caller must choose, Japanese encodings are proposed
first. A file that is text but damaged (a NUL byte in a cell, a UTF-8 file cut off in the middle of its
last character) is refused with the line and the fix, not as "not a CSV"; UTF-16 without a BOM is read.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

from models.store.errors import ImportFileError

# How encodings are named in results and offered to the caller.
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "cp932": "Shift_JIS（CP932）",
    "euc_jp": "EUC-JP",
    "iso2022_jp": "ISO-2022-JP",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
}
# Offered before any other encoding that also decodes the file, in this order.
JAPANESE_ENCODINGS = ("utf-8", "cp932", "euc_jp", "iso2022_jp", "utf-16", "utf-16-le", "utf-16-be")
_JAPANESE_FAMILIES = ("shift_jis", "euc_jis", "euc_jisx", "iso2022_jp")
_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "utf_8": "utf-8", "utf-8-sig": "utf-8", "utf_8_sig": "utf-8",
    "cp932": "cp932", "ms932": "cp932", "windows-31j": "cp932", "shift_jis": "cp932", "shift-jis": "cp932",
    "sjis": "cp932", "s_jis": "cp932", "mskanji": "cp932", "euc-jp": "euc_jp", "eucjp": "euc_jp",
    "euc_jis_2004": "euc_jp", "iso-2022-jp": "iso2022_jp", "utf_16": "utf-16", "utf16": "utf-16",
}
SAMPLE_CHARS = 64 * 1024  # how much of a file is looked at to judge it
_CONTROL_RE = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f]")  # NUL is counted on its own
_JAPANESE_RE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")  # kana, kanji, full-width forms
_UNLIKELY_IN_A_TABLE_RE = re.compile(
    r"[^\x00\t\r\n\x20-\x7e\xa0-\xff\u2000-\u206f\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")  # the line ends the csv module counts


class EncodingUnclear(ImportFileError):
    """Neither UTF-8 nor CP932 reads the file; ``candidates`` are encodings to offer, likeliest first."""

    def __init__(self, path: str, candidates: tuple[str, ...]):
        self.candidates = candidates
        offered = "、".join(ENCODING_LABELS.get(name, name) for name in candidates)
        super().__init__(
            f"「{Path(path).name}」の文字コードを判別できませんでした。"
            + (f"候補は {offered} です。" if offered else "")
            + "文字コードを選んでから、もう一度取り込んでください。"
        )


def canonical_encoding(name: str) -> str:
    """The name Kakeru uses for an encoding ("Shift_JIS" → "cp932"); unknown names raise ImportFileError.

    Any text encoding Python knows is accepted ("latin-1", "gb18030" …); codecs that are not text
    encodings ("base64", "rot13") are not.
    """
    key = name.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        b"a".decode(key, "ignore")  # a LookupError too for a codec that is not a text encoding
        return codecs.lookup(key).name
    except LookupError as error:
        raise ImportFileError(
            f"文字コード「{name}」は扱えません。「自動」（auto）か、UTF-8（utf-8）、Shift_JIS（cp932）、"
            "EUC-JP（euc_jp）、ISO-2022-JP（iso2022_jp）など、文字コードの名前を指定してください。"
        ) from error


def is_japanese(encoding: str) -> bool:
    """Whether ``encoding`` (as ``canonical_encoding`` names it) is one Japanese text is usually in."""
    return encoding in JAPANESE_ENCODINGS or encoding.startswith(_JAPANESE_FAMILIES)


def decode(data: bytes, encoding: str = "auto", path: str = "") -> tuple[str, str]:
    """Decode file bytes; return (text, encoding used). See ``read_table`` for the rules.

    Raises:
        EncodingUnclear: "auto", and neither UTF-8 nor CP932 reads the file.
        ImportFileError: not text, or text with a NUL byte or a damaged character (the message names
            the line), or ``encoding`` cannot read it.
    """
    name = Path(path).name or "ファイル"
    forced = None if encoding.strip().lower() == "auto" else canonical_encoding(encoding)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and forced in (None, "utf-16"):
        return _check_text(_strict(data, "utf-16", name), name), "utf-16"
    if forced in (None, "utf-16") and b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is not None:
            return _check_text(found[0], name), found[1]
        if len(data) % 2 and (found := _utf16_without_bom(data[:-1])) is not None:
            raise _cut_off(name, len(LINE_BREAK_RE.findall(found[0])) + 1)
    if forced is not None:
        text = _strict(data, "utf-8-sig" if forced == "utf-8" else forced, name)
        return _check_text(text, name), forced
    if data.startswith(codecs.BOM_UTF8):
        return _check_text(_strict(data, "utf-8-sig", name), name), "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        _refuse_damaged_utf8(data, error, name)
    else:
        if b"\x1b$" in data:  # 7-bit ISO-2022-JP also passes as UTF-8
            try:
                return _check_text(data.decode("iso2022_jp"), name), "iso2022_jp"
            except UnicodeDecodeError:
                pass
        return _check_text(text, name), "utf-8"
    try:
        return _check_text(data.decode("cp932"), name), "cp932"
    except UnicodeDecodeError as error:
        if error.start == len(data) - 1 and not data.isascii():  # CP932 to the last byte: a half character
            raise _cut_off(name, data.count(b"\n") + 1) from error
    candidates = rank_encodings(data)
    if not candidates:
        raise _binary(name)
    raise EncodingUnclear(path, candidates)


def rank_encodings(data: bytes, limit: int = 5) -> tuple[str, ...]:
    """Encodings that decode ``data`` completely: Japanese ones first, each group likeliest first.

    The likelihood is charset-normalizer's; it often takes a Japanese file for Chinese (GB18030 and Big5
    decode almost any bytes), so Japanese encodings that read the file come first even when it did not
    name them.
    """
    ranked: list[str] = []
    for match in charset_normalizer.from_bytes(data[:200_000]):
        names = [match.encoding, *match.could_be_from_charset]
        preferred = [n for n in names if n.lower() in _ALIASES] or names
        ranked.extend(_ALIASES.get(n.lower(), n) for n in preferred[:1])
    ranked += ["cp932", "euc_jp", "iso2022_jp"]
    ordered = [n for n in ranked if is_japanese(n)] + [n for n in ranked if not is_japanese(n)]
    result: list[str] = []
    for name in dict.fromkeys(ordered):
        try:
            data.decode("utf-8-sig" if name == "utf-8" else name)
        except (UnicodeDecodeError, LookupError):
            continue
        result.append(name)
    return tuple(result[:limit])


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        label = ENCODING_LABELS.get(_ALIASES.get(codec, codec), codec)
        raise ImportFileError(
            f"「{name}」を文字コード {label} で読めませんでした（{line}行目に読めない文字があります）。"
            "文字コードを「自動」にするか、別の文字コードを選んでください。"
        ) from error


def _check_text(text: str, name: str) -> str:
    """``text`` if it is text: refused as binary with many control characters, with the line of a NUL."""
    if _looks_binary(text[:SAMPLE_CHARS]):
        raise _binary(name)
    at = text.find("\x00")
    if at >= 0:
        raise ImportFileError(
            f"「{name}」の{line_at(text, at)}行目に、NUL 文字（文字コード 0 の見えない文字）が"
            "含まれているため、読み込めません。テキストエディターでその文字を削除して保存し直すか、"
            "元のアプリから CSV を書き出し直してから取り込んでください。"
        )
    return text


def _looks_binary(sample: str) -> bool:
    """More than one character in a hundred is a control character (a NUL included): not a table."""
    return len(_CONTROL_RE.findall(sample)) + sample.count("\x00") > max(2, len(sample) // 100)


def line_at(text: str, position: int) -> int:
    """The line (from 1) of ``text[position]``, counting line ends as the csv module does."""
    return len(LINE_BREAK_RE.findall(text, 0, position)) + 1


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: (text, "utf-16-le" or "utf-16-be"), or None when ``data`` is not that.

    Text in the other byte order, or other bytes read as UTF-16, are characters from all over Unicode;
    the right order gives the characters of a Japanese table (ASCII, kana, kanji, full-width forms).
    """
    if len(data) < 4 or len(data) % 2 or data.count(0) < 2:
        return None
    best: tuple[str, str] | None = None
    best_share = 0.95  # of the characters, at least, that a Japanese table is made of
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:SAMPLE_CHARS]
        share = 1 - len(_UNLIKELY_IN_A_TABLE_RE.findall(sample)) / len(sample)
        if share > best_share and LINE_BREAK_RE.search(sample):
            best, best_share = (text, codec), share
    return best


def _refuse_damaged_utf8(data: bytes, error: UnicodeDecodeError, name: str) -> None:
    """Raise for a UTF-8 file with a damaged character; return when the file is not UTF-8 at all.

    Read as CP932 or offered other encodings, such a file would be mojibake or "not a CSV".
    """
    line = data.count(b"\n", 0, error.start) + 1
    cut = error.end == len(data) and error.reason == "unexpected end of data"
    if cut and not data[:error.start].isascii():  # UTF-8 all the way to the cut (the first error)
        raise _cut_off(name, line)
    # Mostly Japanese read as UTF-8, with a bad spot or two: CP932 read as UTF-8 is a few Cyrillic or
    # Greek letters among many bad bytes instead.
    sample = data[:200_000].decode("utf-8", errors="replace")
    damaged = sample.count("\ufffd")
    readable = len(_JAPANESE_RE.findall(sample))
    if readable >= 10 and damaged * 20 <= readable:
        raise ImportFileError(
            f"「{name}」は UTF-8 のファイルのようですが、{line}行目に UTF-8 として読めない文字があります。"
            "ファイルが一部壊れているか、別の文字コードの文字が混じっています。その行を直して UTF-8 で"
            "保存し直すか、文字コードを選んでから取り込んでください。"
        )


def _cut_off(name: str, line: int) -> ImportFileError:
    return ImportFileError(
        f"「{name}」は最後の文字が途中で切れています（{line}行目）。ファイルのコピーや保存が"
        "途中で終わった可能性があります。元のファイルから保存し直すか、最後の行を確かめてから"
        "取り込んでください。"
    )


def _binary(name: str) -> ImportFileError:
    return ImportFileError(
        f"「{name}」はテキストの表（CSV・TSV）でも Excel ファイル（.xlsx）でもないようです。"
        "取り込めるのは CSV・TSV・Excel（.xlsx）のファイルです。ファイルをご確認ください。"
    )
