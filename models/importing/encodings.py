"""The encoding of a list file: detected (BOM → UTF-8 → CP932 → ask) or named by the caller."""

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
}
_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "utf_8": "utf-8", "utf-8-sig": "utf-8", "utf_8_sig": "utf-8",
    "cp932": "cp932", "ms932": "cp932", "windows-31j": "cp932", "shift_jis": "cp932", "shift-jis": "cp932",
    "sjis": "cp932", "s_jis": "cp932", "mskanji": "cp932", "euc-jp": "euc_jp", "eucjp": "euc_jp",
    "euc_jis_2004": "euc_jp", "iso-2022-jp": "iso2022_jp", "utf_16": "utf-16", "utf16": "utf-16",
}
SAMPLE_CHARS = 64 * 1024  # how much of a file is looked at to judge it
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
    """The name Kakeru uses for an encoding ("Shift_JIS" → "cp932"); unknown names raise ImportFileError."""
    key = name.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError as error:
        raise ImportFileError(
            f"文字コード「{name}」は扱えません。「自動」「UTF-8」「Shift_JIS（CP932）」のいずれかを選んでください。"
        ) from error


def decode(data: bytes, encoding: str = "auto", path: str = "") -> tuple[str, str]:
    """Decode file bytes; return (text, encoding used). See ``read_table`` for the rules."""
    name = Path(path).name or "ファイル"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and encoding in ("auto", "utf-16"):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data and (encoding == "auto" or not canonical_encoding(encoding).startswith("utf-16")):
        raise _binary(name)
    if encoding != "auto":
        used = canonical_encoding(encoding)
        text = _strict(data, "utf-8-sig" if used == "utf-8" else used, name)
        return _check_text(text, name), used
    if data.startswith(codecs.BOM_UTF8):
        return _check_text(_strict(data, "utf-8-sig", name), name), "utf-8"
    for candidate in ("utf-8", "cp932"):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate == "utf-8" and b"\x1b$" in data:  # 7-bit ISO-2022-JP also passes as UTF-8
            try:
                return _check_text(data.decode("iso2022_jp"), name), "iso2022_jp"
            except UnicodeDecodeError:
                pass
        return _check_text(text, name), candidate
    candidates = rank_encodings(data)
    if not candidates:
        raise _binary(name)
    raise EncodingUnclear(path, candidates)


def rank_encodings(data: bytes, limit: int = 5) -> tuple[str, ...]:
    """Encodings that decode ``data`` completely, likeliest first (by charset-normalizer)."""
    ranked: list[str] = []
    for match in charset_normalizer.from_bytes(data[:200_000]):
        names = [match.encoding, *match.could_be_from_charset]
        preferred = [n for n in names if n.lower() in _ALIASES] or names
        ranked.extend(_ALIASES.get(n.lower(), n) for n in preferred[:1])
    result: list[str] = []
    for name in dict.fromkeys(ranked):
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
    sample = text[:SAMPLE_CHARS]
    if len(_CONTROL_RE.findall(sample)) > max(2, len(sample) // 100):
        raise _binary(name)
    return text


def _binary(name: str) -> ImportFileError:
    return ImportFileError(
        f"「{name}」はテキストの表（CSV・TSV）でも Excel ファイル（.xlsx）でもないようです。"
        "取り込めるのは CSV・TSV・Excel（.xlsx）のファイルです。ファイルをご確認ください。"
    )
