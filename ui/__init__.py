"""The Qt layer: the main window, its pages, dialogs and widgets over the models layer.

The pure-Python modules the first window needs are imported here, before any Qt module. PySide6's
import hook reads the source of every module imported after it (looking for ``from __feature__``
switches, which Kakeru does not use); imported first, sqlite-utils, dateutil, platformdirs and the
models layer are spared that, about 15 ms of every start.
"""

from models.accounts import lists, targets  # noqa: F401
from models.store import check, instance_lock  # noqa: F401
