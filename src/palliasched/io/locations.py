"""Where each entry of a faculty was written, so that problems name file, line and entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from palliasched.errors import Problem, Severity
from palliasched.io.yaml_source import PathKey, YamlSource


class Report(Protocol):
    """Where validation reports a problem of an entry (``Locations.problem`` locates it)."""

    def __call__(self, kind: str, entry_id: str, message: str, **options: Any) -> None:
        """``options`` are those of ``Locations.problem``: field, hint, severity."""


# The list key of the file format -> the kind of entry it holds.
LIST_KINDS = {
    "programmes": "programme",
    "units": "unit",
    "sessions": "session",
    "instructors": "instructor",
    "rooms": "room",
    "sites": "site",
    "cohorts": "cohort",
    "slots": "slot",
    "closures": "closure",
    "include": "include",
}


@dataclass(frozen=True)
class Origin:
    source: YamlSource
    path: PathKey


@dataclass
class Locations:
    """Origins of entries by (kind, id); problems built here carry file, line and entry."""

    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # Identical sessions written once with ``count: n`` are reported under the id written.
    written_ids: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(
        self, kind: str, entry_id: str, source: YamlSource, path: PathKey, written_id: str = ""
    ) -> None:
        self.origins.setdefault((kind, entry_id), Origin(source, path))
        if written_id and written_id != entry_id:
            self.written_ids[(kind, entry_id)] = written_id

    def problem(
        self,
        kind: str,
        entry_id: str,
        message: str,
        *,
        field: str = "",
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        origin = self.origins.get((kind, entry_id))
        entry = f"{kind} '{self.written_ids.get((kind, entry_id), entry_id)}'"
        if origin is None:
            return Problem(message, entry=entry, field=field, hint=hint, severity=severity)
        parts = tuple(int(p) if p.isdigit() else p for p in field.split(".") if p)
        path = origin.path + parts if field else ()
        return Problem(
            message,
            **origin.source.where(path or origin.path),
            entry=entry,
            field=field,
            hint=hint,
            severity=severity,
        )


def describe_path(data: Any, loc: PathKey) -> tuple[str, str]:
    """Name the entry and field at ``loc`` the way a coordinator finds it in the file.

    ``("programmes", 0, "units", 3, "presence_hours")`` becomes
    ``("unit 'ue6'", "presence_hours")`` when that unit's id is ``ue6``.
    """
    entry, entry_depth = "", 0
    node = data
    for depth, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            list_key = loc[depth - 1] if depth else ""
            kind = LIST_KINDS.get(str(list_key), str(list_key))
            if isinstance(node, dict) and isinstance(node.get("id"), str | int):
                entry, entry_depth = f"{kind} '{node['id']}'", depth + 1
            elif not entry:  # an item without id inside a named entry stays in its field
                entry, entry_depth = f"{kind} #{part + 1}", depth + 1
        else:
            break
    field = ".".join(str(p) for p in loc[entry_depth:])
    return entry, field
