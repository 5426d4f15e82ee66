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
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from models.kpi.figures import KpiReport, funnel
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
        self.funnel_values: list[tuple[str, int]] = []

    def set_report(self, report: KpiReport) -> None:
        self.funnel_view.setChart(self._funnel(report))
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
        chart = self._chart(QCoreApplication.translate("KpiCharts", "Funnel"))
        stages = list(reversed(funnel(report, current_language())))  # the first stage on top
        self.funnel_values = stages[::-1]
        bars = QBarSet(QCoreApplication.translate("KpiCharts", "Count"))
        bars.setColor(QColor("#4A78B0"))
        bars.append([float(value) for _, value in stages])
        bars.setLabelColor(QColor("#1F2328"))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([name for name, _ in stages])
        font = names.labelsFont()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        names.setLabelsFont(font)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values = QValueAxis()
        values.setRange(0, max([value for _, value in stages] + [1]) * 1.25)
        values.setLabelFormat("%d")
        values.setTickCount(3)
        values.applyNiceNumbers()
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        chart.legend().hide()
        return chart

    def _trend(self, report: KpiReport) -> QChart:
        chart = self._chart(QCoreApplication.translate("KpiCharts", "Weekly trend (calls on the left axis)"))
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
