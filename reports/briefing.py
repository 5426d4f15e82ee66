"""The meeting briefing sheet (商談ブリーフィングシート): A4 portrait PDF drawn from ``BriefData``.

One page is enough for a typical meeting: header, company, why now, attendees, the map, what was
heard, questions and cautions, the touch history, the timeline strip and the hand-filled feedback box,
each summarised as far as it takes to fit (``reports.brief_plan``); only a large account takes a second
page, and its first page still holds who, why now, what was heard, the questions and the feedback box.
Pages are laid out first (``reports.layout``), then drawn with the page count known for the "1 / 2"
footer. A day's briefs are drawn once into the combined file and each meeting's file
is cut out of it (``reports.pdfsplit``). With the same data and time the bytes are the same
(``invariant=1``; the footer time follows ``SOURCE_DATE_EPOCH`` when it is set).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlite_utils import Database

from models.meetings.briefs import BriefData, gather_brief
from models.meetings.meetings import meetings_on
from models.store import clock
from models.store.errors import KakeruError
from models.store.output_path import check_output_path
from reports.brief_plan import build_story
from reports.briefing_sections import WEEKDAYS
from reports.fonts import BOLD, REGULAR, fit_text, register_fonts
from reports.layout import Frame, LaidOut, paginate
from reports.pdfsplit import SplitError, split_pdf
from reports.sheet_parts import ALERT, GRID, MUTED, Texts

log = logging.getLogger(__name__)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 11 * mm
MARGIN_BOTTOM = 15 * mm  # the footer lives in the bottom margin
FRAME = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM)
CONFIDENTIAL = "社外秘"


class BriefWriteError(KakeruError):
    """A briefing sheet could not be saved (folder missing or read-only, disk full, file open)."""

    def __init__(self, path: Path, error: OSError):
        self.os_error = error
        super().__init__(
            f"ブリーフィングシートを「{path}」に保存できませんでした（{error.strerror or error}）。"
            "保存先のフォルダ、空き容量、同じ名前のファイルを開いていないかをご確認ください。"
        )


@dataclass(frozen=True)
class RenderResult:
    """What rendering produced: the page count and plain sentences about anything not shown as given."""

    pages: int
    warnings: tuple[str, ...] = ()


def generation_time(generated_at: datetime) -> datetime:
    """The time a sheet is made at (the footer, and "today" on its timeline strip): ``SOURCE_DATE_EPOCH``
    when set, else ``generated_at``.

    The epoch is shown in ``generated_at``'s time zone when it has one (UTC otherwise), so the same
    inputs give the same sheet on any machine.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return generated_at
    try:
        moment = datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        return generated_at
    return moment.astimezone(generated_at.tzinfo) if generated_at.tzinfo else moment


def format_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


@dataclass
class _Brief:
    data: BriefData
    laid: LaidOut
    footer_name: str
    warnings: tuple[str, ...]


def _lay_out(data: BriefData) -> _Brief:
    register_fonts()
    texts = Texts()
    laid = paginate(build_story(data, texts, FRAME), FRAME)
    footer_name = texts.plain(data.header.company_name, "ヘッダー")
    return _Brief(data, laid, footer_name, texts.warnings())


def _new_canvas(out, title: str) -> Canvas:
    # types-reportlab types initialFontName as a number; it is the name of the font.
    canvas = Canvas(out, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)  # type: ignore[arg-type]
    canvas.setTitle(title)
    canvas.setAuthor("Kakeru")
    canvas.setSubject("商談ブリーフィングシート")
    canvas.setCreator("Kakeru")
    return canvas


def _title(data: BriefData) -> str:
    return f"商談ブリーフィングシート {data.header.company_name} {format_day(data.header.starts_at)}"


def draw_footer(canvas: Canvas, title: str, generated_at: datetime, page: int, pages: int) -> None:
    """The footer every Kakeru sheet shares: 社外秘, ``title``, page numbers and the generation time."""
    y = MARGIN_BOTTOM - 7 * mm
    left, right = MARGIN_X, PAGE_WIDTH - MARGIN_X
    canvas.saveState()
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.5)
    canvas.line(left, y + 11, right, y + 11)
    # 社外秘 in a red frame, so a sheet left on a desk says what it is.
    canvas.setFont(BOLD, 8)
    mark = canvas.stringWidth(CONFIDENTIAL, BOLD, 8)
    canvas.setStrokeColor(ALERT)
    canvas.setFillColor(ALERT)
    canvas.rect(left, y - 3, mark + 6, 11.5, stroke=1, fill=0)
    canvas.drawString(left + 3, y, CONFIDENTIAL)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 7)
    name_at = left + mark + 12
    canvas.drawString(name_at, y, fit_text(title, REGULAR, 7, PAGE_WIDTH / 2 - 24 - name_at))
    canvas.setFont(REGULAR, 8)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, f"{page} / {pages}")
    canvas.setFont(REGULAR, 7)
    made = generation_time(generated_at)
    canvas.drawRightString(right, y, f"作成 {made.year}年{made.month}月{made.day}日 {made:%H:%M}")
    canvas.restoreState()


def _draw(brief: _Brief, canvas: Canvas) -> None:
    pages = len(brief.laid.pages)
    for number, page in enumerate(brief.laid.pages, start=1):
        draw_footer(canvas, f"商談ブリーフィングシート　{brief.footer_name}", brief.data.generated_at,
                    number, pages)
        for flowable, x, y in page:
            flowable.drawOn(canvas, x, y)
        canvas.showPage()


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` whole: a half-written sheet never takes its place.

    Raises:
        OutputPathRefused: ``path`` is an open database, a companion of one, a folder or a device.
        BriefWriteError: the file could not be written.
    """
    check_output_path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise BriefWriteError(path, error) from error


def render_brief(data: BriefData, out: Path | str | BinaryIO) -> RenderResult:
    """Write the briefing sheet of one meeting as a PDF to ``out`` (a path or a binary file).

    Raises:
        BriefWriteError: the file could not be written.
    """
    brief = _lay_out(data)
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, _title(data))
    _draw(brief, canvas)
    canvas.save()
    if isinstance(out, str | Path):
        _write(Path(out), buffer.getvalue())
    else:
        out.write(buffer.getvalue())
    return RenderResult(len(brief.laid.pages), brief.warnings)


def brief_file_name(data: BriefData) -> str:
    """``brief-2025-01-15-1000-42.pdf``: sorts by time, unique by meeting id, safe on every system."""
    return f"brief-{data.header.starts_at:%Y-%m-%d-%H%M}-{data.meeting_id}.pdf"


def _render_all(
    briefs: Iterable[BriefData], out_dir: Path | str, combined_name: str
) -> tuple[list[Path], list[_Brief]]:
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BriefWriteError(out_dir, error) from error
    done = [_lay_out(data) for data in briefs]
    if not done:
        return [], done
    buffer = io.BytesIO()
    day = format_day(done[0].data.header.starts_at)
    combined = _new_canvas(buffer, f"商談ブリーフィングシート {day} 一括印刷用")
    ranges = []
    for index, brief in enumerate(done):
        first = combined.getPageNumber() - 1
        key = f"brief{index}"
        combined.bookmarkPage(key)
        combined.addOutlineEntry(f"{brief.data.header.starts_at:%H:%M} {brief.footer_name}", key, level=0)
        _draw(brief, combined)
        ranges.append((first, combined.getPageNumber() - 1))
    combined.save()
    pdf = buffer.getvalue()
    paths = [out_dir / brief_file_name(brief.data) for brief in done]
    try:
        singles = split_pdf(pdf, ranges, [_title(brief.data) for brief in done])
    except SplitError:
        log.exception("could not cut the combined briefs apart; drawing each file again")
        singles = None
    for index, (brief, path) in enumerate(zip(done, paths, strict=True)):
        if singles is None:
            single = io.BytesIO()
            canvas = _new_canvas(single, _title(brief.data))
            _draw(brief, canvas)
            canvas.save()
            _write(path, single.getvalue())
        else:
            _write(path, singles[index])
    combined_path = out_dir / combined_name
    _write(combined_path, pdf)
    return [*paths, combined_path], done


def render_briefs(briefs: Iterable[BriefData], out_dir: Path | str, combined_name: str) -> list[Path]:
    """One PDF per meeting in ``out_dir`` plus ``combined_name`` holding them all, for printing.

    Returns the per-meeting paths in the order given, then the combined file (none when there are
    no briefs). The briefs are drawn once, into the combined file (with a bookmark each, page
    numbers restarting for every brief); each meeting's file is cut out of it, so the fonts are
    subset and compressed once for the day. A meeting's file therefore embeds the glyphs of the
    whole day, which makes it larger than ``render_brief``'s but looks the same.
    """
    return _render_all(briefs, out_dir, combined_name)[0]


# -- saving sheets to files (``main.py brief`` and ``briefs``) -------------------------------------------

@dataclass(frozen=True)
class DayBriefs:
    """A day's saved sheets: each meeting's file (by start time), the combined file and the warnings.

    ``combined`` is None (and nothing was written) when the day has no meetings; each warning is
    (company name, sentence).
    """

    paths: tuple[Path, ...]
    combined: Path | None
    warnings: tuple[tuple[str, str], ...] = ()


def write_brief(db: Database, meeting_id: int, out: Path | str) -> RenderResult:
    """Save one meeting's sheet to ``out`` (its folder made when missing), made now (``generation_time``).

    Raises:
        NotFound: no such meeting.
        BriefWriteError: the file could not be written.
    """
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BriefWriteError(out, error) from error
    data = gather_brief(db, meeting_id, generation_time(clock.now()))
    return render_brief(data, out)


def write_day_briefs(db: Database, day: date, out_dir: Path | str) -> DayBriefs:
    """Save every sheet of ``day`` into ``out_dir`` plus the combined file for printing.

    Raises:
        BriefWriteError: a file could not be written.
    """
    meetings = meetings_on(db, day)
    if not meetings:
        return DayBriefs((), None)
    now = generation_time(clock.now())
    briefs = [gather_brief(db, meeting.id, now) for meeting in meetings]
    paths, done = _render_all(briefs, out_dir, f"briefs-{day.isoformat()}-all.pdf")
    warnings = tuple((brief.data.header.company_name, w) for brief in done for w in brief.warnings)
    return DayBriefs(tuple(paths[:-1]), paths[-1], warnings)
