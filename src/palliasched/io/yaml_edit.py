"""Set keys of one entry of a YAML text in place, keeping every other line and comment.

The coordinator's file is theirs: ``availability collect --in-place`` changes the keys it
merges (``unavailable``, ``preferred_dates`` of the instructors who answered) and nothing
else. A value is written in YAML's one-line form where the old value was, or as a new key
after the entry's last one. The result is read back and compared with the data wanted; when
the text cannot be edited that way, :func:`set_entry_keys` says so and the caller writes the
whole file instead.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from palliasched.files import UnreadableFile
from palliasched.io.yaml_source import CoreLoader, PathKey, parse_yaml

MAP_TAG = "tag:yaml.org,2002:map"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class NotEditable(Exception):
    """The entry cannot be edited in place (an alias, a tag, an unusual layout)."""


def flow(value: Any) -> str:
    """``value`` in YAML's one-line form, keys in their order, dates unquoted."""
    text = yaml.safe_dump(
        _dated(value), default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False
    )
    return text.strip().removesuffix("...").strip()


def _dated(value: Any) -> Any:
    if isinstance(value, list):
        return [_dated(v) for v in value]
    if isinstance(value, dict):
        return {k: _dated(v) for k, v in value.items()}
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def edited(text: str, edits: dict[PathKey, dict[str, Any]], wanted: Any) -> str | None:
    """``text`` with each mapping of ``edits`` given its values, if the result reads as
    ``wanted`` (None when it cannot be edited so: the caller writes the whole file)."""
    try:
        for entry, values in edits.items():
            text = set_entry_keys(text, entry, values)
        same = parse_yaml(text, "edited").data == wanted
    except (NotEditable, yaml.YAMLError, UnreadableFile):
        return None
    return text if same else None


def set_entry_keys(text: str, entry: PathKey, values: dict[str, Any]) -> str:
    """``text`` with the mapping at ``entry`` given ``values`` (each key replaced or added)."""
    loader = CoreLoader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    for step in entry:
        node = _child(node, step)
    if not isinstance(node, yaml.MappingNode) or not node.value or node.tag != MAP_TAG:
        raise NotEditable(f"{entry} is not a mapping")
    edits: list[tuple[int, int, str]] = []
    present = {str(k.value): k for k, _ in node.value}
    values_of = {str(k.value): v for k, v in node.value}
    for key, value in values.items():
        if key in present:
            start, end = present[key].end_mark.index, _last_end(values_of[key])
            edits.append((start, end, ": " + flow(value)))
        else:
            edits.append(_added(text, node, key, flow(value)))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if key.value == step:
                child: yaml.Node = value
                return child
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        found: yaml.Node = node.value[step]
        return found
    raise NotEditable(f"no {step!r} in the file")


def _added(text: str, node: yaml.MappingNode, key: str, value: str) -> tuple[int, int, str]:
    """The insertion of ``key: value`` as the mapping's last key."""
    if node.flow_style:
        closing = node.end_mark.index - 1
        if text[closing : closing + 1] != "}":
            raise NotEditable("a one-line entry without its closing brace")
        return closing, closing, f", {key}: {value}"
    column = node.value[0][0].start_mark.column
    line_end = text.find("\n", _last_end(node))
    if line_end < 0:
        return len(text), len(text), f"\n{' ' * column}{key}: {value}\n"
    return line_end, line_end, f"\n{' ' * column}{key}: {value}"


def _last_end(node: yaml.Node) -> int:
    """Where the last value written in ``node`` ends (a block collection's own end mark may
    lie lines further, past comments and blank lines)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
        if not node.value:
            break
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)
