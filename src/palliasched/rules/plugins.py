"""Folders of rule modules (``solver/rules/``, ``verify/rules/``) load themselves whole."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable


def import_all(package: str, path: Iterable[str]) -> None:
    """Import every module of ``package``, in name order: each registers its rule."""
    for module in sorted(m.name for m in pkgutil.iter_modules(path)):
        importlib.import_module(f"{package}.{module}")
