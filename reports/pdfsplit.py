"""Cut page ranges out of a PDF as separate PDF files, without drawing again (pypdf does the reading).

A day's briefs are drawn once into the combined file; each meeting's file is then copied out of it:
its pages with their content streams and the day's embedded fonts, stream bytes as they are. pypdf
writes no date and no random file ID unless asked, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence


class SplitError(ValueError):
    """The PDF could not be read (damaged, or not a PDF), so it cannot be cut apart."""


def split_pdf(data: bytes, ranges: Sequence[tuple[int, int]], titles: Sequence[str]) -> list[bytes]:
    """One PDF per ``(first, end)`` range of 0-based page indices (``end`` excluded), titled ``titles``.

    Raises:
        SplitError: ``data`` is not a readable PDF, or a range is empty.
    """
    # pypdf takes about 0.1 s to import; only a day's briefs need it, not a single sheet.
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    singles = []
    try:
        # strict: a damaged file is refused rather than silently repaired (the caller draws again).
        reader = PdfReader(io.BytesIO(data), strict=True)
        for (first, end), title in zip(ranges, titles, strict=True):
            if first >= end:
                raise SplitError("empty page range")
            writer = PdfWriter()
            for page in reader.pages[first:end]:
                writer.add_page(page)
            writer.add_metadata({"/Title": title, "/Creator": "Kakeru", "/Producer": "Kakeru"})
            out = io.BytesIO()
            writer.write(out)
            singles.append(out.getvalue())
    except PyPdfError as error:
        raise SplitError(str(error)) from error
    return singles
