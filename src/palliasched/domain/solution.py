"""A calendar: where and when each session takes place, whoever made it (solver, grid, hand).

Knows nothing of CP-SAT. ``to_json``/``from_json`` keep everything needed to reload it: the
sessions, and the programme file they belong to (its path, relative to the solution file when
saved with ``save``, and a hash telling whether it changed since), with the changes file a
re-planning applied to it. ``palliasched.load_solution`` reads it back with both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from palliasched.domain.calendar import FULL_DAY
from palliasched.errors import PalliaschedError, shown
from palliasched.files import UnreadableFile, read_text_file, write_atomically
from palliasched.limits import MAX_SOLUTION_BYTES, MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    import pandas as pd

    from palliasched.domain.programme import Faculty

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
        """One row per session (see :func:`palliasched.domain.frame.sessions_frame`)."""
        from palliasched.domain.frame import sessions_frame  # pandas loads on first use

        known = faculty or self.faculty
        if known is None:
            raise SolutionError(
                "this solution does not know its programme: pass it, "
                "solution.to_dataframe(faculty), or read the solution with "
                "palliasched.load_solution"
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

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write ``path`` atomically, naming the programme file (and the changes file applied
        to it, after a re-planning) relative to it."""
        path = Path(path)

        def relative(source: str) -> str | None:
            if source and Path(source).is_file():
                return os.path.relpath(Path(source).resolve(), path.resolve().parent)
            return None

        known = self.faculty
        programme = relative(known.source) if known else None
        changes = relative(known.changes) if known else None
        write_atomically(path, self.to_json(programme, changes))

    @classmethod
    def from_json(cls, text: str, file: str = "<solution>") -> Solution:
        """Parse a saved solution; raises :class:`SolutionError` naming the entry at fault."""
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise SolutionError(
                f"{file}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"
            ) from None
        except (RecursionError, ValueError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise SolutionError(f"{file}: invalid JSON: {reason}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
            raise SolutionError(
                f"{file}: format: not a palliasched solution (format {FORMAT_VERSION}) "
                "(hint: solution.json is written by solve, import or replan)"
            )
        entries = data.get("sessions")
        if not isinstance(entries, list):
            raise SolutionError(f"{file}: sessions: must be a list of sessions")
        for key in ("programme", "changes"):
            named = data.get(key)
            if named is not None and not (
                isinstance(named, dict) and isinstance(named.get("file", ""), str)
            ):
                raise SolutionError(
                    f'{file}: {key}: must be {{"file": PATH, "sha256": ...}} (got {shown(named)})'
                )
        sessions = [
            _session_entry(entry, f"{file}: sessions[{n}]") for n, entry in enumerate(entries)
        ]
        return cls(tuple(sessions))


def read_solution_text(path: Path) -> str:
    """The text of a solution file, or a :class:`SolutionError` saying why it cannot be one."""
    try:
        return read_text_file(path, str(path), MAX_SOLUTION_BYTES, "solution file")
    except UnreadableFile as exc:
        raise SolutionError(str(exc.problem)) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is no JSON value")


def _session_entry(entry: Any, where: str) -> ScheduledSession:
    """One entry of ``sessions``, its types checked; ``where`` names it in errors."""
    if not isinstance(entry, dict):
        raise SolutionError(f"{where}: must be an object {{session, date, slots, ...}}")

    def strings(key: str, required: bool = False) -> tuple[str, ...]:
        value = entry.get(key, None if required else [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SolutionError(f"{where}.{key}: must be a list of ids (got {shown(value)})")
        return tuple(value)

    session, date, site = entry.get("session"), entry.get("date"), entry.get("site")
    if not isinstance(session, str):
        raise SolutionError(f"{where}.session: must be a session id (got {shown(session)})")
    try:
        day = dt.date.fromisoformat(date) if isinstance(date, str) else None
    except ValueError:
        day = None
    if day is None or not MIN_YEAR <= day.year <= MAX_YEAR:
        raise SolutionError(
            f"{where}.date: must be a date YYYY-MM-DD of the years {MIN_YEAR}-{MAX_YEAR} "
            f"(got {shown(date)})"
        )
    slots = strings("slots", required=True)
    if not slots:
        raise SolutionError(f'{where}.slots: names no slot (hint: e.g. ["matin"])')
    if site is not None and not isinstance(site, str):
        raise SolutionError(f"{where}.site: must be a site id (got {shown(site)})")
    return ScheduledSession(session, day, slots, strings("instructors"), strings("rooms"), site)


def check_references(faculty: Faculty, solution: Solution, file: str) -> None:
    """Raise :class:`SolutionError` at the first entry naming what ``faculty`` lacks (a
    session, instructor, room, site or slot) or repeating a session."""
    from palliasched.errors import did_you_mean

    seen: dict[str, int] = {}
    for n, placed in enumerate(solution.sessions):
        where = f"{file}: sessions[{n}] ('{placed.session}')"
        for kind, ids in (
            ("session", (placed.session,)),
            ("instructor", placed.instructors),
            ("room", placed.rooms),
            ("site", () if placed.site is None else (placed.site,)),
        ):
            for entry_id in ids:
                if not faculty.has(kind, entry_id):
                    raise SolutionError(
                        f"{where}: unknown {kind} '{entry_id}' "
                        f"(hint: {did_you_mean(entry_id, faculty.ids(kind))})"
                    )
        if placed.session in seen:
            raise SolutionError(
                f"{where}: the session is already placed at sessions[{seen[placed.session]}]"
            )
        seen[placed.session] = n
        programme = faculty.programme(faculty.session(placed.session).programme)
        known = [length for length in programme.slots.lengths() if length != FULL_DAY]
        for slot in placed.slots:
            if slot not in known:
                raise SolutionError(
                    f"{where}: unknown slot '{slot}' (hint: {did_you_mean(slot, known)})"
                )


class SolutionError(PalliaschedError):
    """A saved solution that cannot be read."""
