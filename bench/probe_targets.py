"""A fresh process that opens Kakeru on a database and times what a caller does on the Targets page.

    probe_targets.py DB_PATH

Through the app's own start (ui.app.AppController) and its own widgets, each step ending with the window
painted, median of three: ``baseline`` shows the default order again (the count, the first page from
the index made for it, the table reset and painted: what opening the page costs); ``sort_<key>`` clicks
a column's header (ascending, then descending; the slower of the two); ``filter_prefecture`` and
``filter_status`` show one prefecture or status (the most and the least common: the slower). Each ends
with the table painted. ``open_account`` opens an account from the table (header, people, timeline,
map) and ends with the window painted, as ``baseline_window`` does. Prints ``name=SECONDS`` lines.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RUNS = 3  # medians of three; the baselines of nine, before and after the rest


def main(db_path: str) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from bench.common import unlock_from_environment
    from models.accounts.targets import TargetFilter
    from ui.app import AppController, configure_application
    from ui.qt_models.targets_model import COLUMNS
    from ui.settings import AppSettings

    app = QApplication([])
    store = QSettings(str(Path(tempfile.mkdtemp()) / "probe.ini"), QSettings.Format.IniFormat)
    settings = AppSettings(store)
    settings.set_first_run_done(True)
    settings.set_last_page("targets")
    configure_application(app, settings)
    unlock_from_environment(db_path)
    controller = AppController(db_path, settings)
    if controller.start() is not None:
        raise SystemExit("Kakeru did not start")
    window = controller.window
    page = window.targets_page
    view, model = page.table, page.model
    window.resize(1280, 800)
    window.show()
    app.processEvents()

    def painted(widget) -> None:
        widget.repaint()
        app.processEvents()

    def timed(prepare, step, widget) -> float:
        """The median time of ``step`` (after an untimed ``prepare``) until ``widget`` is painted."""
        times = []
        for _ in range(RUNS):
            prepare()
            painted(widget)
            started = time.perf_counter()
            step()
            painted(widget)
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    def default_order() -> None:
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        model.set_filter(TargetFilter())

    def baselines() -> list[tuple[float, float]]:
        return [(timed(default_order, default_order, view), timed(default_order, default_order, window))
                for _ in range(RUNS)]

    default_order()
    painted(window)
    before = baselines()
    figures: dict[str, float] = {}
    for number, column in enumerate(COLUMNS):
        figures[f"sort_{column.sort_key}"] = max(
            timed(default_order, lambda number=number, order=order: view.sortByColumn(number, order), view)
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder))
    db = controller.db
    for kind, column in (("prefecture", "prefecture"), ("status", "status")):
        counts = db.execute(f"SELECT {column}, count(*) FROM companies WHERE {column} IS NOT NULL "
                            f"AND {column} <> '' GROUP BY 1 ORDER BY 2 DESC").fetchall()
        field = "prefectures" if kind == "prefecture" else "statuses"
        filters = [TargetFilter(**{field: (value,)})
                   for value in (counts[0][0], counts[-1][0])]
        figures[f"filter_{kind}"] = max(timed(default_order, lambda flt=flt: model.set_filter(flt), view)
                                        for flt in filters)
    default_order()
    painted(window)
    ids = iter([model.row_at(row).id for row in range(min(model.rowCount(), 3 * RUNS))])
    figures["open_account"] = statistics.median(
        timed(lambda: window.show_page("targets"), lambda: page.account_requested.emit(next(ids)), window)
        for _ in range(RUNS))
    # Measured before and after the rest, so a machine busier at one end than the other is evened out.
    after = baselines()
    figures["baseline"] = statistics.median(table for table, _ in before + after)
    figures["baseline_window"] = statistics.median(whole for _, whole in before + after)
    for name, seconds in figures.items():
        print(f"{name}={seconds:.6f}")


if __name__ == "__main__":
    main(sys.argv[1])
    sys.stdout.flush()
    os._exit(0)
