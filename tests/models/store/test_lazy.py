"""models.store.lazy: a module that loads on first use."""

from __future__ import annotations

import sys

import pytest

from models.store.lazy import lazy_import


def test_a_lazy_module_loads_on_first_attribute(monkeypatch):
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    module = lazy_import("colorsys")
    assert sys.modules["colorsys"] is module
    assert module.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)  # loaded and working
    assert lazy_import("colorsys") is module


def test_an_already_loaded_module_is_returned_as_it_is():
    assert lazy_import("json") is sys.modules["json"]


def test_a_missing_module_is_an_error_at_once():
    with pytest.raises(ModuleNotFoundError):
        lazy_import("no_such_module_kakeru")
