"""A fresh process that opens Kakeru on a database and times what a caller does on the Targets page.

    probe_targets.py DB_PATH

Through the app's own start (ui.app.AppController) and its own widgets, each step ending with the window
painted, median of five: ``sort_<key>`` clicks a column's header (ascending, then descending; the slower
of the two); ``filter_prefecture`` and ``filter_status`` show one prefecture or status (the most and the
least common: the slower); each ends with the table painted, and after each the default order is shown
again, timed the same way: ``baseline`` (the count, the first page from the index made for it, other
rows painted: what opening the page costs). ``open_account`` opens an account from the table (header,
people, timeline, map) and ends with the window painted; ``baseline_window`` is going back to the
Targets page after it, the window painted.
Prints ``name=SECONDS`` lines (CPU time of this process) and ``name_wall=SECONDS`` (median wall time).
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

RUNS = 5  # medians of five; the baselines over ten, before and after the rest


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

    walls: dict[str, float] = {}
    backs: dict[str, list[float]] = {"baseline": [], "baseline_window": []}

    def cpu_and_wall(step, widget) -> tuple[float, float]:
        started, started_wall = time.process_time(), time.perf_counter()
        step()
        painted(widget)
        return time.process_time() - started, time.perf_counter() - started_wall

    def timed(step, back, widget, name: str, baseline: str = "baseline") -> float:
        """The median CPU time of ``step`` until ``widget`` is painted; ``back`` (timed the same way, into
        ``baseline``) returns to where it started.

        CPU time of this process, not wall time: on a shared machine the wall clock also counts the
        neighbours' turns (the median wall time is printed too, as ``NAME_wall``).
        """
        times, wall = [], []
        for _ in range(RUNS):
            cpu, seconds = cpu_and_wall(step, widget)
            times.append(cpu)
            wall.append(seconds)
            backs[baseline].append(cpu_and_wall(back, widget)[0])
        walls[name] = max(walls.get(name, 0.0), statistics.median(wall))
        return statistics.median(times)

    def default_order() -> None:
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        model.set_filter(TargetFilter())

    default_order()
    painted(window)
    figures: dict[str, float] = {}
    for number, column in enumerate(COLUMNS):
        figures[f"sort_{column.sort_key}"] = max(
            timed(lambda number=number, order=order: view.sortByColumn(number, order), default_order, view,
                  f"sort_{column.sort_key}")
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder))
    db = controller.db
    for kind, column in (("prefecture", "prefecture"), ("status", "status")):
        counts = db.execute(f"SELECT {column}, count(*) FROM companies WHERE {column} IS NOT NULL "
                            f"AND {column} <> '' GROUP BY 1 ORDER BY 2 DESC").fetchall()
        field = "prefectures" if kind == "prefecture" else "statuses"
        filters = [TargetFilter(**{field: (value,)}) for value in (counts[0][0], counts[-1][0])]
        figures[f"filter_{kind}"] = max(
            timed(lambda flt=flt: model.set_filter(flt), default_order, view, f"filter_{kind}")
            for flt in filters)
    default_order()
    painted(window)
    ids = iter([model.row_at(row).id for row in range(RUNS)])
    figures["open_account"] = timed(lambda: page.account_requested.emit(next(ids)),
                                    lambda: window.show_page("targets"), window, "open_account",
                                    baseline="baseline_window")
    figures["baseline"] = statistics.median(backs["baseline"])
    figures["baseline_window"] = statistics.median(backs["baseline_window"])
    for name, seconds in figures.items():
        print(f"{name}={seconds:.6f}")
    for name, seconds in walls.items():
        print(f"{name}_wall={seconds:.6f}")


if __name__ == "__main__":
    main(sys.argv[1])
    sys.stdout.flush()
    os._exit(0)
