"""A calendar: where and when each session takes place, whoever made it (solver, grid, hand).

Knows nothing of CP-SAT. ``to_json``/``from_json`` keep everything needed to reload it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from palliasched.errors import PalliaschedError

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

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.sessions, key=lambda s: (s.date, s.slots, s.session)))
        object.__setattr__(self, "sessions", ordered)

    def by_session(self) -> dict[str, list[ScheduledSession]]:
        found: dict[str, list[ScheduledSession]] = {}
        for placed in self.sessions:
            found.setdefault(placed.session, []).append(placed)
        return found

    def to_json(self) -> str:
        data = {"format": FORMAT_VERSION, "sessions": [s.to_dict() for s in self.sessions]}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

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


class SolutionError(PalliaschedError):
    """A saved solution that cannot be read."""
