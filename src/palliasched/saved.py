"""A saved calendar read back whole: its programme, and the changes it was re-planned with."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from palliasched.domain.solution import (
    Solution,
    SolutionError,
    check_references,
    read_solution_text,
)
from palliasched.io import load_programme
from palliasched.replan.changes import load_changes


def load_solution(
    path: str | os.PathLike[str], programme: str | os.PathLike[str] | None = None
) -> Solution:
    """A saved solution with its programme loaded (``programme`` overrides the saved one),
    and the changes it was re-planned with applied.

    Raises :class:`SolutionError` when the file or its programme cannot be read, or when
    it names a session, instructor, room, site or slot its programme does not have.
    """
    path = Path(path)
    text = read_solution_text(path)
    solution = Solution.from_json(text, str(path))
    saved = json.loads(text)
    if programme is None:
        programme = _named_file(path, saved, "programme")
        if programme is None:
            raise SolutionError(
                f"{path}: the solution names no programme file "
                "(hint: give it with --programme FILE)"
            )
    faculty = load_programme(Path(programme))
    changes = _named_file(path, saved, "changes")
    if changes is not None:
        faculty, _ = load_changes(faculty, changes)
    check_references(faculty, solution, str(path))
    return solution.with_faculty(faculty)


def _named_file(path: Path, saved: dict[str, Any], key: str) -> Path | None:
    """The file a saved solution names under ``key``, relative to it; None if it names none."""
    entry = saved.get(key) or {}
    if not entry.get("file"):
        return None
    named = (path.parent / str(entry["file"])).resolve()
    if not named.is_file():
        raise SolutionError(
            f"{path}: {key}.file: '{entry['file']}' ({named}) is missing or not a file "
            "(hint: give the programme with --programme FILE, or restore the file)"
        )
    return named
