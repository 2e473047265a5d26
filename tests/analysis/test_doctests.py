"""The runnable examples in the docstrings of kg.analysis and kg.viz (toy inputs) give what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg.analysis
import kg.viz

MODULES = sorted(f"{package.__name__}.{m.name}" for package in (kg.analysis, kg.viz)
                 for m in pkgutil.iter_modules(package.__path__)) + ["kg.analysis", "kg.viz"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, name
