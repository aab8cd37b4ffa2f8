"""Read a YAML file into plain data plus the line and column of every key and item.

The loader follows the YAML 1.2 core schema: ``14:00`` stays a string (YAML 1.1 would read
840), ``no`` stays a string, and dates are left as text for pydantic to parse with a clear
message. Duplicate keys are an error instead of silently keeping the last one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from palliasched.errors import Problem
from palliasched.files import UnreadableFile, read_text_file
from palliasched.limits import MAX_FILE_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES

PathKey = tuple[str | int, ...]


class _CoreLoader(yaml.SafeLoader):
    """SafeLoader restricted to the YAML 1.2 core schema's implicit types."""


_CoreLoader.yaml_implicit_resolvers = {}
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


CoreLoader = _CoreLoader  # for one-line YAML values of a programme workbook's cells


@dataclass(frozen=True)
class YamlSource:
    """A parsed YAML document and where each of its parts sits in the file."""

    file: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    # A programme workbook's cells ("Séances!D14") instead of lines and columns.
    cells: dict[PathKey, str] = field(default_factory=dict)

    def position(self, path: PathKey) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``path``, or of its closest ancestor in the file."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return None, None

    def cell(self, path: PathKey) -> str:
        """The workbook cell of ``path`` or of its closest ancestor ("" for a YAML file)."""
        for end in range(len(path), -1, -1):
            found = self.cells.get(path[:end])
            if found is not None:
                return found
        return ""

    def where(self, path: PathKey) -> dict[str, Any]:
        """``file``, ``line``, ``column`` and ``cell`` of ``path``: a Problem's location."""
        line, column = self.position(path)
        return {"file": self.file, "line": line, "column": column, "cell": self.cell(path)}

    def at(self, path: PathKey) -> str:
        """``file:line`` or ``file:Sheet!A3``: where a coordinator finds ``path``."""
        return Problem("", **self.where(path)).location

    def problem(self, path: PathKey, message: str, **kwargs: Any) -> Problem:
        return Problem(message, **self.where(path), **kwargs)


class YamlSyntaxError(UnreadableFile):
    """A YAML file that cannot be parsed (or is too large, too deep, an alias bomb)."""


def read_yaml(path: Path, display_name: str | None = None) -> YamlSource:
    """Parse ``path``; raises :class:`YamlSyntaxError` with the line and column of the fault."""
    name = display_name or str(path)
    try:
        text = read_text_file(path, name, MAX_FILE_BYTES, "programme file")
    except UnreadableFile as exc:
        raise YamlSyntaxError(exc.problem) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, file: str) -> YamlSource:
    _check_shape(text, file)
    loader = _CoreLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlSyntaxError(
                Problem(
                    "the file is empty",
                    file=file,
                    line=1,
                    hint="start from `palliasched schema` or a file in data/",
                )
            )
        _check_expansion(node, file)
        positions: dict[PathKey, tuple[int, int]] = {}
        _record(node, (), positions, file)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_marked_problem(exc, file)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Problem(f"YAML error: {exc}", file=file)) from None
    finally:
        loader.dispose()
    return YamlSource(file, data, positions)


def _marked_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
    return Problem(
        f"YAML syntax error: {message}",
        file=file,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint="check indentation, colons and quotes around this line",
    )


def _check_shape(text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_YAML_DEPTH from the parser's events, before the
    (recursive) composer meets it."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_CoreLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    mark = event.start_mark
                    raise YamlSyntaxError(
                        Problem(
                            f"nested more than {MAX_YAML_DEPTH} levels deep",
                            file=file,
                            line=mark.line + 1 if mark else None,
                            column=mark.column + 1 if mark else None,
                            hint="a programme file needs a few levels; check the brackets",
                        )
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_marked_problem(exc, file)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Problem(f"YAML error: {exc}", file=file)) from None


def _check_expansion(root: yaml.Node, file: str) -> None:
    """Refuse an alias that contains itself, and documents whose aliases and merge keys expand
    to more than MAX_YAML_NODES values (alias bombs), before anything is expanded."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > MAX_YAML_NODES:
                mark = node.start_mark
                raise YamlSyntaxError(
                    Problem(
                        f"expands to more than {MAX_YAML_NODES:,} values through aliases",
                        file=file,
                        line=mark.line + 1,
                        column=mark.column + 1,
                        hint="an alias (*name) copies its anchor: write the entries out",
                    )
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            mark = node.start_mark
            raise YamlSyntaxError(
                Problem(
                    "an alias refers to the entry that contains it (a loop)",
                    file=file,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    hint="an anchor (&name) cannot be used inside itself",
                )
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _record(
    node: yaml.Node, path: PathKey, positions: dict[PathKey, tuple[int, int]], file: str
) -> None:
    positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise YamlSyntaxError(
                    Problem(
                        f"duplicate key '{key}' (first written on line {seen[key]})",
                        file=file,
                        line=line,
                        column=key_node.start_mark.column + 1,
                        hint="keep one of the two",
                    )
                )
            seen[key] = line
            positions[(*path, key)] = (line, key_node.start_mark.column + 1)
            _record(value_node, (*path, key), positions, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*path, index), positions, file)
