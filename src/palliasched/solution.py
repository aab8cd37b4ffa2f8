"""A calendar: where and when each session takes place, whoever made it (solver, grid, hand).

Knows nothing of CP-SAT. ``to_json``/``from_json`` keep everything needed to reload it: the
sessions, and the programme file they belong to (its path, relative to the solution file when
saved with ``save``, and a hash telling whether it changed since), with the changes file a
re-planning applied to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from palliasched.errors import PalliaschedError

if TYPE_CHECKING:
    import pandas as pd

    from palliasched.programme import Faculty

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ScheduledSession:
    """One session placed on a date, in slots of its programme's template.

    ``rooms`` lists every room it occupies (groups x rooms per group), ``site`` the site of
    those rooms (or the chosen site of a session without rooms).
    """

    session: str
    date: dt.date
    slots: tuple[str, ...]
    instructors: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    site: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "date": self.date.isoformat(),
            "slots": list(self.slots),
            "instructors": list(self.instructors),
            "rooms": list(self.rooms),
            "site": self.site,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScheduledSession:
        return cls(
            session=str(data["session"]),
            date=dt.date.fromisoformat(str(data["date"])),
            slots=tuple(map(str, data["slots"])),
            instructors=tuple(map(str, data.get("instructors", ()))),
            rooms=tuple(map(str, data.get("rooms", ()))),
            site=None if data.get("site") is None else str(data["site"]),
        )


@dataclass(frozen=True)
class Solution:
    """Scheduled sessions, sorted by date, then slot ids, then session id."""

    sessions: tuple[ScheduledSession, ...]
    # The programme these sessions belong to, when known (``solve`` and ``load`` set it).
    faculty: Faculty | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.sessions, key=lambda s: (s.date, s.slots, s.session)))
        object.__setattr__(self, "sessions", ordered)

    def by_session(self) -> dict[str, list[ScheduledSession]]:
        found: dict[str, list[ScheduledSession]] = {}
        for placed in self.sessions:
            found.setdefault(placed.session, []).append(placed)
        return found

    def with_faculty(self, faculty: Faculty) -> Solution:
        return replace(self, faculty=faculty)

    def to_dataframe(
        self, faculty: Faculty | None = None, *, explode: str | None = None
    ) -> pd.DataFrame:
        """One row per session (see :func:`palliasched.publish.frame.sessions_frame`)."""
        from palliasched.publish.frame import sessions_frame

        known = faculty or self.faculty
        if known is None:
            raise SolutionError(
                "this solution does not know its programme: pass it, "
                "solution.to_dataframe(faculty), or read the solution with Solution.load"
            )
        return sessions_frame(known, self, explode=explode)

    def to_json(self, programme_file: str | None = None, changes_file: str | None = None) -> str:
        data: dict[str, Any] = {"format": FORMAT_VERSION}
        known = self.faculty
        for key, source, name in (
            ("programme", known.source if known else "", programme_file),
            ("changes", known.changes if known else "", changes_file),
        ):
            if source and Path(source).is_file():
                digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()
                data[key] = {"file": name or source, "sha256": digest}
        data["sessions"] = [s.to_dict() for s in self.sessions]
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def save(self, path: Path) -> None:
        """Write ``path`` atomically, naming the programme file (and the changes file applied
        to it, after a re-planning) relative to it."""
        from palliasched.publish.files import write_atomically

        def relative(source: str) -> str | None:
            if source and Path(source).is_file():
                return os.path.relpath(Path(source).resolve(), path.resolve().parent)
            return None

        known = self.faculty
        programme = relative(known.source) if known else None
        changes = relative(known.changes) if known else None
        write_atomically(path, self.to_json(programme, changes))

    @classmethod
    def load(cls, path: Path, programme: Path | None = None) -> Solution:
        """A saved solution with its programme loaded (``programme`` overrides the saved one),
        and the changes it was re-planned with applied.

        Raises :class:`SolutionError` when the file or its programme cannot be read.
        """
        from palliasched.io import load_programme

        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SolutionError(f"{path}: cannot read the solution ({exc.strerror})") from None
        solution = cls.from_json(text, str(path))
        saved = json.loads(text)
        if programme is None:
            programme = _named_file(path, saved, "programme")
            if programme is None:
                raise SolutionError(
                    f"{path}: the solution names no programme file "
                    "(hint: give it with --programme FILE)"
                )
        faculty = load_programme(programme)
        changes = _named_file(path, saved, "changes")
        if changes is not None:
            from palliasched.changes import load_changes

            faculty, _ = load_changes(faculty, changes)
        return solution.with_faculty(faculty)

    @classmethod
    def from_json(cls, text: str, file: str = "<solution>") -> Solution:
        """Parse a saved solution; raises :class:`SolutionError` naming the entry at fault."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SolutionError(
                f"{file}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"
            ) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise SolutionError(f"{file}: not a palliasched solution (format {FORMAT_VERSION})")
        sessions = []
        for index, entry in enumerate(data.get("sessions", [])):
            try:
                sessions.append(ScheduledSession.from_dict(entry))
            except (KeyError, TypeError, ValueError) as exc:
                raise SolutionError(f"{file}: sessions[{index}]: invalid entry ({exc})") from None
        return cls(tuple(sessions))


def _named_file(path: Path, saved: dict[str, Any], key: str) -> Path | None:
    """The file a saved solution names under ``key``, relative to it; None if it names none."""
    entry = saved.get(key) or {}
    if not entry.get("file"):
        return None
    named = (path.parent / str(entry["file"])).resolve()
    if not named.is_file():
        raise SolutionError(
            f"{path}: its {key} file {named} is missing (hint: give the programme with "
            "--programme FILE, or restore the file)"
        )
    return named


class SolutionError(PalliaschedError):
    """A saved solution that cannot be read."""
