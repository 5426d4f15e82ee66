"""Cut page ranges out of a PDF that reportlab wrote, as separate PDF files, without drawing again.

A day's briefs are drawn once into the combined file; each meeting's own file is then copied out
of it: its pages, their content streams and the shared embedded fonts, renumbered. Stream bytes
are copied as they are (already compressed). Only reportlab's output is read: a classic xref
table, one object after another, streams with a direct ``/Length``. Anything else raises
``SplitError`` so the caller can draw the file the ordinary way instead.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_HEAD = re.compile(rb"xref\s+0\s+(\d+)\s+")
_REF = re.compile(rb"(\d+) 0 R\b")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_ROOT = re.compile(rb"/Root (\d+) 0 R")
_PAGES = re.compile(rb"/Pages (\d+) 0 R")
_PARENT = re.compile(rb"/Parent \d+ 0 R")
_LENGTH = re.compile(rb"/Length (\d+)")
_STREAM = b"\nstream\n"


class SplitError(ValueError):
    """The PDF is not laid out the way this reader expects (it reads reportlab's output only)."""


class _Pdf:
    def __init__(self, data: bytes):
        self.data = data
        tail = _STARTXREF.search(data[-64:])
        if tail is None:
            raise SplitError("no startxref")
        xref_at = int(tail.group(1))
        head = _XREF_HEAD.match(data, xref_at)
        if head is None:
            raise SplitError("no classic xref table")
        count = int(head.group(1))
        entries = data[head.end():head.end() + 20 * count]
        self.offsets: dict[int, int] = {}
        for number in range(1, count):
            entry = entries[20 * number:20 * number + 20]
            if entry[17:18] == b"n":
                self.offsets[number] = int(entry[:10])
        self.header = data[:min(self.offsets.values())]
        trailer = data[head.end() + 20 * count:]
        root = _ROOT.search(trailer)
        if root is None:
            raise SplitError("no /Root")
        catalog, _ = self.object(int(root.group(1)))
        pages = _PAGES.search(catalog)
        if pages is None:
            raise SplitError("no /Pages")
        pages_dict, _ = self.object(int(pages.group(1)))
        kids = _KIDS.search(pages_dict)
        if kids is None or b"/Kids" in b"".join(self.object(int(n))[0] for n in _REF.findall(kids.group(1))):
            raise SplitError("nested page tree")
        self.pages = [int(n) for n in _REF.findall(kids.group(1))]

    def object(self, number: int) -> tuple[bytes, bytes | None]:
        """(dictionary or value, stream bytes or None) of object ``number``."""
        start = self.offsets.get(number)
        prefix = b"%d 0 obj\n" % number
        if start is None or not self.data.startswith(prefix, start):
            raise SplitError(f"object {number} not where the xref says")
        body = start + len(prefix)
        end = self.data.find(b"\nendobj", body)
        stream_at = self.data.find(_STREAM, body, end if end >= 0 else None)
        if stream_at < 0:
            if end < 0:
                raise SplitError(f"object {number} has no end")
            return self.data[body:end], None
        head = self.data[body:stream_at]
        length = _LENGTH.search(head)
        if length is None:
            raise SplitError(f"stream {number} has no direct /Length")
        data_at = stream_at + len(_STREAM)
        stream = self.data[data_at:data_at + int(length.group(1))]
        if not self.data.startswith(b"endstream", data_at + len(stream)):
            raise SplitError(f"stream {number} has the wrong /Length")
        return head, stream


def _text_string(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def split_pdf(data: bytes, ranges: Sequence[tuple[int, int]], titles: Sequence[str]) -> list[bytes]:
    """One PDF per ``(first, end)`` range of 0-based page indices (``end`` excluded), titled ``titles``.

    Raises:
        SplitError: ``data`` is not a PDF this reader understands.
    """
    pdf = _Pdf(data)
    return [_extract(pdf, pdf.pages[first:end], title)
            for (first, end), title in zip(ranges, titles, strict=True)]


def _extract(pdf: _Pdf, pages: list[int], title: str) -> bytes:
    if not pages:
        raise SplitError("empty page range")
    needed: list[int] = []
    seen: set[int] = set()
    todo = list(pages)
    while todo:
        number = todo.pop()
        if number in seen:
            continue
        seen.add(number)
        needed.append(number)
        head, _ = pdf.object(number)
        if number in pages:
            head = _PARENT.sub(b"", head)
        todo.extend(int(n) for n in _REF.findall(head))
    needed.sort()
    renumber = {old: new for new, old in enumerate(needed, start=1)}
    tree, catalog, info = len(needed) + 1, len(needed) + 2, len(needed) + 3

    def refs(match: re.Match) -> bytes:
        return b"%d 0 R" % renumber[int(match.group(1))]

    out = bytearray(pdf.header)
    offsets: list[int] = []
    for old in needed:
        head, stream = pdf.object(old)
        if old in pages:  # the page joins the new page tree
            head = _REF.sub(refs, _PARENT.sub(b"/Parent \0", head))
            head = head.replace(b"/Parent \0", b"/Parent %d 0 R" % tree)
        else:
            head = _REF.sub(refs, head)
        offsets.append(len(out))
        out += b"%d 0 obj\n" % renumber[old] + head
        if stream is not None:
            out += _STREAM + stream + b"endstream"
        out += b"\nendobj\n"
    kids = b" ".join(b"%d 0 R" % renumber[n] for n in pages)
    for number, body in (
        (tree, b"<<\n/Count %d /Kids [ %s ] /Type /Pages\n>>" % (len(pages), kids)),
        (catalog, b"<<\n/PageMode /UseNone /Pages %d 0 R /Type /Catalog\n>>" % tree),
        (info, b"<<\n/Creator (Kakeru) /Producer (Kakeru) /Title " + _text_string(title) + b"\n>>"),
    ):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (info + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    digest = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().encode()
    out += (b"trailer\n<<\n/ID [<%s><%s>]\n/Info %d 0 R\n/Root %d 0 R\n/Size %d\n>>\nstartxref\n%d\n%%%%EOF\n"
            % (digest, digest, info, catalog, info + 1, xref_at))
    return bytes(out)

