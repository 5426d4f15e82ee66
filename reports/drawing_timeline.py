"""The timeline strip on paper: the ``Timeline`` of ``models/planning/timeline.py`` as a reportlab Drawing.

One band: month ticks, past touches as dots (green when the call moved forward, grey when not),
plans as diamonds (outlined while open, filled when done, dashed when skipped, a red tail when done
late), scheduled meetings as navy squares, today's date and the meeting marked, a legend. The
positions are the model's fractions of the range, so the strip shows what the screen shows for the
same months.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Literal

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from models.planning.timeline import Timeline, TimelineItem
from reports.fonts import BOLD, REGULAR, register_fonts

STRIP_HEIGHT = 11.5 * mm
INK = colors.HexColor("#1F2328")
MUTED = colors.HexColor("#6B7280")
AXIS = colors.HexColor("#B8C2CF")
FORWARD = colors.HexColor("#2E7D32")  # the call moved the account forward
STALLED = colors.HexColor("#8A9096")
NO_NEED = colors.HexColor("#6A1B9A")
PLAN = colors.HexColor("#1F5FBF")
LATE = colors.HexColor("#B42318")
MEETING = colors.HexColor("#1F3A5F")
FORWARD_OUTCOMES = {"connected", "appointment", "callback_requested", "info_sent"}
RADIUS = 2.6
ROW = 5.6
LEGEND = (("dot", FORWARD, "接触（前進）"), ("dot", STALLED, "接触（不在など）"),
          ("dot", NO_NEED, "ニーズなし"), ("open", PLAN, "予定"), ("done", STALLED, "完了した予定"),
          ("late", LATE, "遅れ"), ("meeting", MEETING, "商談予定"))


def _colour(item: TimelineItem):
    if item.source == "meeting":
        return MEETING
    if item.source == "touch":
        if item.outcome in FORWARD_OUTCOMES:
            return FORWARD
        return NO_NEED if item.outcome == "no_need" else STALLED
    if item.status == "open":
        return LATE if item.overdue_days else PLAN
    return STALLED


def _diamond(x: float, y: float, r: float, *, fill, stroke, dashed: bool = False) -> Polygon:
    # types-reportlab leaves None (no dash, reportlab's default) out of strokeDashArray.
    return Polygon([x, y + r, x + r, y, x, y - r, x - r, y], fillColor=fill, strokeColor=stroke,
                   strokeWidth=0.8, strokeDashArray=[1.2, 1] if dashed else None)  # type: ignore[arg-type]


def _square(x: float, y: float, r: float, colour) -> Rect:
    # types-reportlab types Rect's **kw without Unpack, so every keyword reads as a wrong type.
    return Rect(x - r, y - r, 2 * r, 2 * r, fillColor=colour, strokeColor=colour,
                strokeWidth=0.4)  # type: ignore[arg-type]


def _months(start: datetime, end: datetime) -> list[date]:
    day = date(start.year, start.month, 1)
    found = []
    while day <= end.date():
        if day >= start.date():
            found.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return found


def timeline_drawing(timeline: Timeline, width: float, *, focus: datetime | None = None,
                     plain: Callable[[str], str] = str) -> Drawing:
    """The strip ``width`` points wide; ``focus`` (the meeting) gets its own marker."""
    register_fonts()
    height = STRIP_HEIGHT
    # The initial font is the embedded one: reportlab's default (Helvetica) would be referenced unembedded.
    drawing = Drawing(width, height, initialFontName=REGULAR, initialFontSize=5.6)
    left, right = 2.0, width - 2.0
    axis_y = 14.0

    def x_of(position: float) -> float:
        return left + max(0.0, min(position, 1.0)) * (right - left)

    drawing.add(Line(left, axis_y, right, axis_y, strokeColor=AXIS, strokeWidth=0.8))
    last_label = -1e9
    for month in _months(timeline.start, timeline.end):
        month_start = datetime.combine(month, datetime.min.time(), tzinfo=timeline.start.tzinfo)
        x = x_of(timeline.position(month_start))
        drawing.add(Line(x, axis_y - 2, x, axis_y + 2, strokeColor=AXIS, strokeWidth=0.6))
        caption = f"{month.year}年1月" if month.month == 1 else f"{month.month}月"
        caption_width = stringWidth(caption, REGULAR, 5.6)
        if x + 1 > last_label + 3 and x + 1 + caption_width < right:
            drawing.add(String(x + 1, axis_y - 6.8, caption, fontName=REGULAR, fontSize=5.6, fillColor=MUTED))
            last_label = x + 1 + caption_width  # where the caption ends

    # Markers above the axis, in two rows where they would touch.
    last_x: dict[int, float] = {}
    for item in timeline.items:
        x = x_of(item.position)
        row = 0
        while row < 1 and x - last_x.get(row, -1e9) < 2 * RADIUS + 0.6:
            row += 1
        last_x[row] = x
        y = axis_y + 4.8 + row * ROW
        colour = _colour(item)
        if item.source == "touch":
            drawing.add(Circle(x, y, RADIUS, fillColor=colour, strokeColor=colour,
                               strokeWidth=0.4))
            continue
        if item.source == "meeting":
            drawing.add(_square(x, y, RADIUS, colour))
            continue
        if item.status == "done" and item.late_days and item.done_at is not None:
            end = x_of(timeline.position(item.done_at))
            drawing.add(Line(x, y, end, y, strokeColor=LATE, strokeWidth=0.8))
        fill = colors.white if item.status != "done" else colour
        drawing.add(_diamond(x, y, RADIUS + 0.5, fill=fill, stroke=colour, dashed=item.status == "skipped"))

    for moment, caption, colour in ((timeline.now, "本日", LATE), (focus, "商談", MEETING)):
        if moment is None or not timeline.start <= moment <= timeline.end:
            continue
        x = x_of(timeline.position(moment))
        # None draws a solid line (the stubs leave it out, as in _diamond).
        drawing.add(Line(x, axis_y, x, height - 1, strokeColor=colour, strokeWidth=1,
                         strokeDashArray=None if caption == "本日" else [2, 1]))  # type: ignore[arg-type]
        # 本日 reads to the left of its line and 商談 to the right when the meeting is later (the usual
        # case, often a day or two apart), so the two never print over each other.
        other = focus if caption == "本日" else timeline.now
        before = other is not None and moment < other
        anchor: Literal["start", "end"] = "end" if (before or x > right - 20) and x > left + 20 else "start"
        drawing.add(String(x + (-1.5 if anchor == "end" else 1.5), height - 5.1, caption, fontName=BOLD,
                           fontSize=5.6, fillColor=colour, textAnchor=anchor))

    # The legend and what was left out, along the bottom.
    x, y = left, 1.0
    for shape, colour, caption in LEGEND:
        if shape == "dot":
            drawing.add(Circle(x + 2.5, y + 2, 2, fillColor=colour, strokeColor=colour, strokeWidth=0.3))
        elif shape == "late":
            drawing.add(Line(x, y + 2, x + 5, y + 2, strokeColor=colour, strokeWidth=0.8))
        elif shape == "meeting":
            drawing.add(_square(x + 2.5, y + 2, 2, colour))
        else:
            drawing.add(_diamond(x + 2.5, y + 2, 2.3, fill=colors.white if shape == "open" else colour,
                                 stroke=colour))
        drawing.add(String(x + 7, y, caption, fontName=REGULAR, fontSize=5.6, fillColor=MUTED))
        x += 10 + stringWidth(caption, REGULAR, 5.6)
    span = f"{timeline.start:%Y/%m/%d}〜{timeline.end:%Y/%m/%d}"
    note = span + (f"　ほか {timeline.omitted} 件は省略" if timeline.omitted else "")
    if not timeline.items:
        note = span + "　この期間の接触・予定はありません"
    drawing.add(String(right, y, plain(note), fontName=REGULAR, fontSize=5.6, fillColor=MUTED,
                       textAnchor="end"))
    return drawing
