"""pydantic's validation errors told as located problems: which key, what is wrong, a hint."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from palliasched.errors import Problem, closest, shown
from palliasched.io.locations import describe_path
from palliasched.io.schema import (
    ProgrammeFileIn,
)
from palliasched.io.yaml_source import PathKey, YamlSource


def pydantic_problems(source: YamlSource, exc: ValidationError) -> list[Problem]:
    found: dict[PathKey, Problem] = {}
    for error in exc.errors():
        loc = data_loc(source.data, tuple(error["loc"]))
        if loc in found:
            continue
        entry, field_name = describe_path(source.data, loc)
        message, hint = explain_error(error, loc)
        found[loc] = Problem(
            message,
            **source.where(loc),
            entry=entry,
            field=field_name,
            hint=hint,
        )
    return list(found.values())


def data_loc(data: Any, loc: PathKey) -> PathKey:
    """Drop the type tags pydantic adds to union locations (``list[str]``, ``DateSpanIn``)."""
    kept: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            kept.append(part)
        elif isinstance(node, dict) and part in node:
            node = node[part]
            kept.append(part)
        elif isinstance(node, dict) and part.isidentifier() and part.islower():
            kept.append(part)  # a missing or unknown key: still the place to point at
            node = None
    return tuple(kept)


def explain_error(error: Any, loc: PathKey) -> tuple[str, str]:
    kind = error["type"]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        suggestion = closest(name, allowed) if allowed else None
        hint = f"did you mean '{suggestion}'?" if suggestion else ""
        if not hint and allowed:
            hint = "allowed keys: " + ", ".join(sorted(allowed))
        return f"unknown key '{name}'", hint
    if kind == "missing":
        return f"'{name}' is required but missing", f"add '{name}: ...' to this entry"
    message = str(error["msg"])
    if kind == "value_error":  # our validators' own sentences: they quote the value
        return message.removeprefix("Value error, "), ""
    if kind.startswith("date") or kind.startswith("time"):
        return (
            f"{message} (got {error.get('input')!r})",
            "write dates as YYYY-MM-DD, times as HH:MM",
        )
    if kind == "literal_error":
        return f"{message} (got {error.get('input')!r})", ""
    if isinstance(error.get("input"), str | int | float | bool):
        return f"{message} (got {shown(error['input'])})", ""
    return message, ""


def _allowed_keys(loc: PathKey) -> list[str]:
    """Keys the file format allows at ``loc`` (for 'did you mean' on unknown keys)."""
    model: type[BaseModel] = ProgrammeFileIn
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return []
        sub = _model_in(info.annotation)
        if sub is None:
            return []
        model = sub
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
