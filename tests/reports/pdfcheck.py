"""Reading a produced PDF the way a person looks at it: text per column, overlaps, overflow, fonts."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pypdf

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without any white space (half- or full-width), for comparing wrapped text."""
    return _SPACE.sub("", text)


def _open(pdf: bytes | Path):
    return pdfplumber.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def segments(page) -> list[dict]:
    """Runs of text on one line with no gap wider than 1.5 pt: one line of one table cell each."""
    return page.extract_words(x_tolerance=1.5, y_tolerance=1, keep_blank_chars=True)


def column_texts(pdf: bytes | Path) -> list[str]:
    """For every left edge where lines start, the text of those lines top to bottom, page by page.

    A wrapped cell's lines start at the same x, so its text reads whole in one of these strings
    even when other columns share its lines.
    """
    texts = []
    with _open(pdf) as doc:
        for page in doc.pages:
            columns: dict[int, list[dict]] = defaultdict(list)
            for segment in segments(page):
                columns[round(segment["x0"])].append(segment)
            texts += ["".join(squash(s["text"]) for s in sorted(col, key=lambda s: s["top"]))
                      for col in columns.values()]
    return texts


def shows(pdf: bytes | Path, *expected: str) -> list[str]:
    """The expected texts that do not appear (as a line or a wrapped cell) anywhere in ``pdf``."""
    columns = column_texts(pdf)
    return [text for text in expected if not any(squash(text) in column for column in columns)]


def page_count(pdf: bytes | Path) -> int:
    with _open(pdf) as doc:
        return len(doc.pages)


def all_text(pdf: bytes | Path) -> str:
    with _open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def layout_faults(pdf: bytes | Path, margin: float = 14) -> list[str]:
    """Text drawn outside the printable area (5 mm in), over other text, or across a table rule."""
    faults = []
    with _open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            for char in page.chars:
                if (char["x0"] < margin or char["x1"] > page.width - margin or char["top"] < margin
                        or char["bottom"] > page.height - margin):
                    faults.append(f"p{number}: {char['text']!r} outside the printable area")
            words = page.extract_words(x_tolerance=1.5, y_tolerance=1)
            for i, a in enumerate(words):
                for b in words[i + 1:]:
                    if (a["x0"] < b["x1"] - 0.3 and b["x0"] < a["x1"] - 0.3
                            and a["top"] < b["bottom"] - 0.3 and b["top"] < a["bottom"] - 0.3):
                        faults.append(f"p{number}: {a['text']!r} overlaps {b['text']!r}")
            rules = [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1]
            for word in words:
                for rule in rules:
                    if (word["x0"] + 0.5 < rule["x0"] < word["x1"] - 0.5
                            and rule["top"] < word["bottom"] - 0.5 and word["top"] + 0.5 < rule["bottom"]):
                        faults.append(f"p{number}: {word['text']!r} runs across a table rule")
    return faults


def line_starts(pdf: bytes | Path) -> list[str]:
    """The first character of every line of every cell."""
    with _open(pdf) as doc:
        return [s["text"].lstrip()[:1] for page in doc.pages for s in segments(page) if s["text"].strip()]


def unembedded_fonts(pdf: bytes | Path) -> list[str]:
    """Fonts used on any page that carry no embedded font file (a TrueType one must have FontFile2)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    missing, seen = [], 0
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for name, ref in fonts.get_object().items():
            font = ref.get_object()
            seen += 1
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                missing.append(f"{name} {font.get('/BaseFont')}")
    assert seen, "no fonts found at all"
    return missing


def pdffonts(path: Path) -> list[list[str]] | None:
    """Rows of ``pdffonts`` (name, type, …, emb, sub, uni, …), or None when poppler is not installed."""
    if shutil.which("pdffonts") is None:
        return None
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in output.splitlines()[2:] if line.strip()]
