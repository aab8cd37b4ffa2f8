"""The changes file: what happened to the year since the calendar was published, as YAML.

Each entry is one event, written in the vocabulary of the programme file::

    version: 1
    changes:
      - instructor: serresse                 # an instructor unavailable on dates
        unavailable: [{start: 2027-05-10, end: 2027-05-14}]
        reason: Congrès
      - room: coc-3024                       # a room closed on dates
        closed: [{start: 2027-01-04, end: 2027-01-08, reason: Travaux}]
      - site: cochin                         # a whole site closed (every room of it)
        closed: [2027-04-02]
      - unit: ue8                            # a UE's presence hours changed
        presence_hours: 24
      - add_session: {id: ue8-projet-2, title: Projet (suite), length: apres-midi,
                      instructors: [triol, calvel]}
        unit: ue8                            # (or programme: ID for a session outside UEs)
      - remove_session: ue3-ethique-3        # a session cancelled
      - unit: ue6                            # a date window moved (or session: ID)
        window: {start: 2027-05-17, end: 2027-06-30}

The file lists every change since the programme file was last solved: a new event is
appended, so that re-planning always applies the whole year's changes to the programme.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from palliasched.errors import Problem, ProgrammeError
from palliasched.io.schema_errors import data_loc, explain_error
from palliasched.io.schema_sessions import SessionIn
from palliasched.io.schema_types import DateOrSpan, DateSpanIn, Hours, Id, Text
from palliasched.io.yaml_source import PathKey, YamlSource, YamlSyntaxError, read_yaml


class _Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reason: Text = Field("", description="Why, in the coordinator's words (shown with the moves).")


class InstructorUnavailableIn(_Change):
    instructor: Id
    unavailable: list[DateOrSpan] = Field(min_length=1)


class RoomClosedIn(_Change):
    room: Id
    closed: list[DateOrSpan] = Field(min_length=1)


class SiteClosedIn(_Change):
    site: Id
    closed: list[DateOrSpan] = Field(min_length=1)


class UnitHoursIn(_Change):
    unit: Id
    presence_hours: Hours


class WindowMovedIn(_Change):
    unit: Id | None = None
    session: Id | None = None
    window: DateSpanIn


class SessionAddedIn(_Change):
    add_session: SessionIn
    unit: Id | None = None
    programme: Id | None = None


class SessionRemovedIn(_Change):
    remove_session: Id


ChangeIn = (
    InstructorUnavailableIn
    | RoomClosedIn
    | SiteClosedIn
    | UnitHoursIn
    | WindowMovedIn
    | SessionAddedIn
    | SessionRemovedIn
)


class ChangesFileIn(BaseModel):
    """A palliasched changes file: the year's changes to one programme file, in order."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: Literal[1] = 1
    changes: list[ChangeIn]


def changes_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the changes file, for editors."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://palliasched.invalid/schema/changes-file-v1.json",
        **ChangesFileIn.model_json_schema(),
    }


# The key that tells an entry's kind, in the order they are recognised.
_KINDS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("add_session", SessionAddedIn),
    ("remove_session", SessionRemovedIn),
    ("instructor", InstructorUnavailableIn),
    ("room", RoomClosedIn),
    ("site", SiteClosedIn),
    ("window", WindowMovedIn),
    ("presence_hours", UnitHoursIn),
)


@dataclass(frozen=True)
class ChangeEntry:
    """One entry of a changes file, parsed, with where it is written."""

    number: int  # 1-based position in the file
    data: Any  # one of ChangeIn
    file: str
    line: int | None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def problem(self, message: str, field: str = "", hint: str = "") -> Problem:
        return Problem(
            message,
            file=self.file,
            line=self.line,
            entry=f"change #{self.number}",
            field=field,
            hint=hint,
        )


@dataclass(frozen=True)
class ChangesFile:
    """The entries of a changes file, in file order."""

    path: Path
    entries: tuple[ChangeEntry, ...]
    # With ``read_changes(..., keep_going=True)``: the entries that could not be read, to be
    # reported together with what applying the others finds.
    problems: tuple[Problem, ...] = ()


def read_changes(path: str | PathLike[str], keep_going: bool = False) -> ChangesFile:
    """Parse a changes file; raises :class:`ProgrammeError` naming each entry at fault (with
    ``keep_going``, an entry at fault is left out and its problem kept in ``problems``)."""
    path = Path(path)
    try:
        source = read_yaml(path)
    except YamlSyntaxError as exc:
        raise ProgrammeError([exc.problem]) from None
    data = source.data
    if not isinstance(data, dict) or not isinstance(data.get("changes"), list):
        raise ProgrammeError(
            [
                source.problem(
                    (),
                    "a changes file is a mapping with a 'changes' list",
                    hint="see data/changes-example.yaml",
                )
            ]
        )
    problems: list[Problem] = []
    extra = sorted(set(data) - {"version", "changes"})
    if extra:
        problems.append(source.problem((extra[0],), f"unknown key '{extra[0]}'"))
    if data.get("version", 1) != 1:
        problems.append(source.problem(("version",), "only version 1 is known"))
    entries = []
    for index, raw in enumerate(data["changes"]):
        entry = _entry(source, index, raw, problems)
        if entry is not None:
            entries.append(entry)
    if problems and not keep_going:
        raise ProgrammeError(problems)
    return ChangesFile(path, tuple(entries), tuple(problems))


def _entry(source: YamlSource, index: int, raw: Any, problems: list[Problem]) -> ChangeEntry | None:
    path: PathKey = ("changes", index)
    name = f"change #{index + 1}"
    kinds = [key for key, _ in _KINDS if isinstance(raw, dict) and key in raw]
    if len(kinds) != 1:
        keys = ", ".join(key for key, _ in _KINDS)
        found = f" (this one has {' and '.join(kinds)})" if kinds else ""
        problems.append(
            source.problem(
                path,
                f"cannot tell what this change is{found}",
                entry=name,
                hint=f"one change per entry, with exactly one of: {keys}",
            )
        )
        return None
    model = dict(_KINDS)[kinds[0]]
    try:
        parsed = model.model_validate(raw)
    except ValidationError as exc:
        seen: set[PathKey] = set()
        for error in exc.errors():
            loc = data_loc(raw, tuple(error["loc"]))
            if loc in seen:  # a union (a date or a span) fails once per member: say it once
                continue
            seen.add(loc)
            message, hint = explain_error(error, loc)
            if error["type"] == "extra_forbidden":
                hint = "allowed keys here: " + ", ".join(sorted(model.model_fields))
            field = ".".join(str(p) for p in loc)
            problems.append(
                source.problem((*path, *loc), message, entry=name, field=field, hint=hint)
            )
        return None
    if isinstance(parsed, WindowMovedIn) and (parsed.unit is None) == (parsed.session is None):
        problems.append(
            source.problem(path, "a window change names one 'unit' or one 'session'", entry=name)
        )
        return None
    if isinstance(parsed, SessionAddedIn) and (parsed.unit is None) == (parsed.programme is None):
        problems.append(
            source.problem(
                path,
                "an added session names the 'unit' it belongs to, or its 'programme'",
                entry=name,
            )
        )
        return None
    line, _ = source.position(path)
    return ChangeEntry(index + 1, parsed, source.file, line)
