"""Errors and problems that carry where they come from (file, line, entry, field) and a hint."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or suspicious) in a programme file.

    ``entry`` names the offending entry the way a coordinator finds it in the file
    (``units[ue6]`` or ``instructors[serresse]``), ``field`` the key inside it.
    ``line`` and ``column`` are 1-based; ``None`` when the file has no such position.
    """

    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    entry: str = ""
    field: str = ""
    hint: str = ""
    severity: Severity = Severity.ERROR
    cell: str = ""  # a programme workbook's cell, e.g. "Séances!D14"

    @property
    def location(self) -> str:
        where = self.file or "<input>"
        if self.cell:
            return f"{where}:{self.cell}"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        subject = self.entry
        if self.field:
            subject = f"{subject}.{self.field}" if subject else self.field
        text = f"{self.location}: {self.severity.value}: "
        if subject:
            text += f"{subject}: "
        text += self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class PalliaschedError(ValueError):
    """Root of every error palliasched raises on bad input."""


class ProgrammeError(PalliaschedError):
    """A programme file that cannot be used; ``problems`` lists every error found (never empty)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = self.problems[0] if self.problems else Problem("invalid programme")
        self.file = first.file
        self.line = first.line
        self.entry = first.entry
        self.field = first.field
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)


class PublishError(PalliaschedError):
    """A calendar or an option that cannot be published (nothing is written)."""


def check_base_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL fit for a link; else a :class:`PublishError`."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() or c in "\"'<>`\\" for c in url)
    ):
        raise PublishError(
            f"--base-url: {url!r} is not an http(s) URL "
            "(hint: the address the folder is served from, e.g. https://example.org/m2)"
        )
    return url


def shown(value: object) -> str:
    """``value`` as an error message quotes it: escaped, and cut when long."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate most similar to ``name`` (typo suggestions), or None if none is close."""
    pool = list(candidates)
    found = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in pool}
        found = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[f] for f in found]
    return found[0] if found else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A hint sentence for an unknown id: the closest known id, or the list of known ids."""
    pool = sorted(candidates)
    suggestion = closest(name, pool)
    if suggestion is not None:
        return f"did you mean '{suggestion}'?"
    if not pool:
        return "none is defined yet"
    shown = ", ".join(pool[:8]) + (", ..." if len(pool) > 8 else "")
    return f"known ids: {shown}"
