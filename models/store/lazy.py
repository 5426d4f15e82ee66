"""Modules loaded on first use, so that start-up does not pay for what only some work needs.

The recipe of the ``importlib`` documentation (``importlib.util.LazyLoader``): the module object exists
at once and runs its code the first time one of its attributes is read. After that it is the ordinary
module, so a hot loop pays nothing for it.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_import(name: str) -> ModuleType:
    """``name`` as a module that loads itself on first attribute access (at once if already loaded)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
