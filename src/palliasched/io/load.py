"""Load and validate a programme file: the one entry point from a path to a :class:`Faculty`."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from palliasched.domain.programme import Faculty
from palliasched.errors import Problem, ProgrammeError, Severity
from palliasched.io.build import build_faculty
from palliasched.io.validation import validate_faculty

# Warnings about a programme file (suspicious but legal input: ECTS that do not make the
# total hours, ...) go to this logger, one line each, located like errors. Silence them with
# ``logging.getLogger("palliasched").setLevel(logging.ERROR)``; ``check_programme`` lists them.
logger = logging.getLogger("palliasched")


@dataclass(frozen=True)
class Checked:
    """A programme file read and checked: the faculty (None if it cannot be built) and problems."""

    faculty: Faculty | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.faculty is not None and not self.errors


def check_programme(path: str | os.PathLike[str]) -> Checked:
    """Read and validate ``path`` without raising: every error and warning found."""
    build = build_faculty(Path(path))
    problems = list(build.problems)
    if build.faculty is not None:  # duplicates are reported, the first entry is kept
        problems += validate_faculty(build.faculty, build.locations)
    problems.sort(key=lambda p: (p.file, p.line or 0, p.column or 0))
    return Checked(build.faculty, tuple(problems))


def load_programme(path: str | os.PathLike[str]) -> Faculty:
    """The validated, immutable model of a programme file (and the files it includes).

    Raises :class:`ProgrammeError` (a ``ValueError``) listing every error, each with its file,
    line, entry and field. Warnings are logged on the ``palliasched`` logger, once per load.
    """
    checked = check_programme(path)
    if not checked.ok:
        raise ProgrammeError(checked.errors or checked.problems)
    for problem in checked.warnings:
        logger.warning("%s", problem)
    assert checked.faculty is not None
    return checked.faculty
