"""The KPI page's charts as reportlab drawings: the funnel and the weekly trend (the same data the
Qt charts draw on screen, from ``models.kpi.figures``)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from models.kpi.figures import FunnelStage, WeekPoint
from reports.fonts import REGULAR, fit_text, register_fonts

NAVY = colors.HexColor("#1F3A5F")
BAR = colors.HexColor("#4A78B0")
GRID = colors.HexColor("#B8C2CF")
MUTED = colors.HexColor("#6B7280")
SERIES = (("calls", "架電数", colors.HexColor("#4A78B0")), ("connects", "接続数", colors.HexColor("#E08A2E")),
          ("appointments", "アポ数", colors.HexColor("#2E9E6A")), ("meetings_held", "商談化数",
                                                                    colors.HexColor("#B42318")))


def _drawing(width: float, height: float) -> Drawing:
    register_fonts()
    # The renderer starts from Helvetica unless told otherwise: that font would be listed, unembedded.
    return Drawing(width, height, initialFontName=REGULAR)


def funnel_drawing(stages: Sequence[FunnelStage], width: float, height: float) -> Drawing:
    """Horizontal bars, one per stage, widths relative to the first; each with its count and its share
    of the stage it is measured against, that stage named (「アポ 12　架電の 4.0%」)."""
    drawing = _drawing(width, height)
    label_w, value_w = 84, 78
    bar_room = width - label_w - value_w
    row = height / max(len(stages), 1)
    top = max((stage.count for stage in stages), default=0) or 1
    for index, stage in enumerate(stages):
        y = height - (index + 1) * row
        bar = bar_room * stage.count / top
        drawing.add(String(label_w - 4, y + row / 2 - 3, fit_text(stage.label, REGULAR, 7.5, label_w - 6),
                           fontName=REGULAR, fontSize=7.5, textAnchor="end", fillColor=NAVY))
        # types-reportlab types Rect's **kw without Unpack, so every keyword reads as a wrong type.
        drawing.add(Rect(label_w, y + row * 0.15, max(bar, 0.5), row * 0.7,
                         fillColor=BAR, strokeColor=None))  # type: ignore[arg-type]
        drawing.add(String(label_w + bar + 3, y + row / 2 - 3, f"{stage.count:,}", fontName=REGULAR,
                           fontSize=7, fillColor=colors.black))
        if stage.base:
            x = label_w + bar + 3 + stringWidth(f"{stage.count:,}", REGULAR, 7) + 4
            drawing.add(String(x, y + row / 2 - 3, fit_text(stage.share_text(), REGULAR, 6.5, width - x),
                               fontName=REGULAR, fontSize=6.5, fillColor=MUTED))
    return drawing


def trend_drawing(points: Sequence[WeekPoint], width: float, height: float) -> Drawing:
    """Lines of calls, connects, appointments and meetings held per week (calls on the left scale,
    the others on the right scale, each scale named above its axis), with a legend below."""
    drawing = _drawing(width, height)
    left, right, bottom, top = 34, 30, 30, 14
    plot_w, plot_h = width - left - right, height - bottom - top
    # types-reportlab types Rect's **kw without Unpack, so every keyword reads as a wrong type.
    drawing.add(Rect(left, bottom, plot_w, plot_h,
                     fillColor=None, strokeColor=GRID, strokeWidth=0.5))  # type: ignore[arg-type]
    if not points:
        return drawing
    calls_top = max(max(p.calls for p in points), 1)
    other_top = max(max(max(p.connects, p.appointments, p.meetings_held) for p in points), 1)
    step = plot_w / max(len(points) - 1, 1)
    drawing.add(String(1, bottom + plot_h + 5, "架電数（左軸）", fontName=REGULAR, fontSize=6,
                       fillColor=MUTED))
    drawing.add(String(width - 1, bottom + plot_h + 5, "接続・アポ・商談化（右軸）", fontName=REGULAR,
                       fontSize=6, textAnchor="end", fillColor=MUTED))
    for fraction in (0.5, 1.0):
        y = bottom + plot_h * fraction
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=GRID, strokeWidth=0.3))
        drawing.add(String(left - 3, y - 2.5, f"{round(calls_top * fraction):,}", fontName=REGULAR,
                           fontSize=6, textAnchor="end", fillColor=MUTED))
        drawing.add(String(left + plot_w + 3, y - 2.5, f"{round(other_top * fraction):,}", fontName=REGULAR,
                           fontSize=6, fillColor=MUTED))
    for index, point in enumerate(points):
        x = left + step * index if len(points) > 1 else left + plot_w / 2
        drawing.add(String(x, bottom - 9, f"{point.start.month}/{point.start.day}", fontName=REGULAR,
                           fontSize=6, textAnchor="middle", fillColor=MUTED))
    for key, _name, color in SERIES:
        scale = calls_top if key == "calls" else other_top
        coords = []
        for index, point in enumerate(points):
            x = left + step * index if len(points) > 1 else left + plot_w / 2
            coords += [x, bottom + plot_h * getattr(point, key) / scale]
        drawing.add(PolyLine(coords, strokeColor=color, strokeWidth=1.4))
    x = left
    for _, name, color in SERIES:
        drawing.add(Line(x, 6, x + 12, 6, strokeColor=color, strokeWidth=2))
        legend = String(x + 15, 3.5, name, fontName=REGULAR, fontSize=6.5, fillColor=colors.black)
        drawing.add(legend)
        x += 12 + 6 + stringWidth(legend.text, REGULAR, 6.5) + 8
    return drawing
