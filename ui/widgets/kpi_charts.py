"""The KPI page's charts with QtCharts: the funnel (horizontal bars) and the weekly trend (lines).
The printed review sheet draws the same data with reportlab (``reports.charts``)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QHBoxLayout, QWidget

from models.kpi.figures import KpiReport, funnel, funnel_note
from ui.i18n import current_language

SERIES = (("calls", QT_TRANSLATE_NOOP("KpiCharts", "Calls"), "#4A78B0"),
          ("connects", QT_TRANSLATE_NOOP("KpiCharts", "Connects"), "#E08A2E"),
          ("appointments", QT_TRANSLATE_NOOP("KpiCharts", "Appointments"), "#2E9E6A"),
          ("meetings_held", QT_TRANSLATE_NOOP("KpiCharts", "Meetings held"), "#B42318"))


def _view(name: str, accessible: str) -> QChartView:
    view = QChartView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(300, 220)
    return view


class KpiCharts(QWidget):
    """Funnel and trend side by side; ``set_report`` redraws both."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kpiCharts")
        self.funnel_view = _view("funnelChart", QCoreApplication.translate("KpiCharts", "Funnel"))
        self.trend_view = _view("trendChart", QCoreApplication.translate("KpiCharts", "Weekly trend"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.funnel_view, 2)
        layout.addWidget(self.trend_view, 3)
        self.funnel_values: list[tuple[str, int]] = []  # (stage, count), the first stage first
        self.funnel_shares: list[str] = []  # each stage's share of its base, as shown ("" for the first)

    def set_report(self, report: KpiReport) -> None:
        self.funnel_view.setChart(self._funnel(report))
        self.funnel_view.setToolTip(funnel_note(current_language()))
        self.trend_view.setChart(self._trend(report))

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        small = chart.legend().font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        chart.legend().setFont(small)
        return chart

    def _funnel(self, report: KpiReport) -> QChart:
        chart = self._chart(QCoreApplication.translate("KpiCharts", "Funnel (each share names its base)"))
        language = current_language()
        stages = list(reversed(funnel(report, language)))  # the first stage on top
        self.funnel_values = [(stage.label, stage.count) for stage in stages[::-1]]
        self.funnel_shares = [stage.share_text(language) for stage in stages[::-1]]
        bars = QBarSet(QCoreApplication.translate("KpiCharts", "Count"))
        bars.setColor(QColor("#4A78B0"))
        bars.append([float(stage.count) for stage in stages])
        series = QHorizontalBarSeries()
        series.append(bars)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([stage.label for stage in stages])
        font = names.labelsFont()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        names.setLabelsFont(font)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values = QValueAxis()
        values.setRange(0, max([stage.count for stage in stages] + [1]) * 1.25)
        values.setLabelFormat("%d")
        values.setTickCount(3)
        values.applyNiceNumbers()
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        # Each bar's count, and its share with the base it is a share of (「52　架電の 7.4%」), drawn at
        # the bar's end: a bar series' own labels hold the value alone, and an axis label this long is
        # cut short.
        labels = []
        for index, stage in enumerate(stages):
            text = f"{stage.count:,}　{stage.share_text(language)}".rstrip("　")
            item = QGraphicsSimpleTextItem(text, chart)
            item.setFont(font)
            item.setBrush(QColor("#1F2328"))
            labels.append((item, QPointF(stage.count, index)))

        def place(_area=None) -> None:
            for item, point in labels:
                at = chart.mapToPosition(point, series)
                item.setPos(at.x() + 4, at.y() - item.boundingRect().height() / 2)

        chart.plotAreaChanged.connect(place)
        chart.legend().hide()
        return chart

    def _trend(self, report: KpiReport) -> QChart:
        chart = self._chart(QCoreApplication.translate("KpiCharts", "Weekly trend"))
        # A category axis with a label on each week's point: a bar-category axis cuts "10/26" to "10…"
        # as soon as the chart is narrower than a wide screen.
        weeks = QCategoryAxis()
        weeks.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        step = 1 if len(report.trend) <= 5 else 2  # every other week: room for "10/26" on a laptop
        for index, point in list(enumerate(report.trend))[::-1][::step][::-1]:
            weeks.append(f"{point.start.month}/{point.start.day}", index)
        weeks.setRange(-0.3, max(len(report.trend) - 1, 1) + 0.3)
        small = weeks.labelsFont()
        small.setPointSizeF(small.pointSizeF() * 0.65)
        weeks.setLabelsFont(small)
        chart.addAxis(weeks, Qt.AlignmentFlag.AlignBottom)
        left, right = QValueAxis(), QValueAxis()
        for axis in (left, right):
            axis.setLabelFormat("%d")
            axis.setTickCount(3)
        calls_top = max([p.calls for p in report.trend] + [1])
        other_top = max([max(p.connects, p.appointments, p.meetings_held) for p in report.trend] + [1])
        left.setRange(0, calls_top * 1.1)
        right.setRange(0, other_top * 1.1)
        for axis in (left, right):
            axis.applyNiceNumbers()
        # Two scales, each named on its axis in the colour of its lines' legend.
        left.setTitleText(QCoreApplication.translate("KpiCharts", "Calls"))
        right.setTitleText(QCoreApplication.translate("KpiCharts", "Connects, appointments, meetings"))
        for axis in (left, right):
            font = axis.titleFont()
            font.setPointSizeF(font.pointSizeF() * 0.75)
            font.setBold(False)
            axis.setTitleFont(font)
        chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
        for key, name, color in SERIES:
            series = QLineSeries()
            series.setName(QCoreApplication.translate("KpiCharts", name))
            series.setColor(QColor(color))
            for index, point in enumerate(report.trend):
                series.append(index, getattr(point, key))
            chart.addSeries(series)
            series.attachAxis(weeks)
            series.attachAxis(left if key == "calls" else right)
        return chart
