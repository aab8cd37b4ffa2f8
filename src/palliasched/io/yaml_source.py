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


@dataclass(frozen=True)
class YamlSource:
    """A parsed YAML document and where each of its parts sits in the file."""

    file: str
    data: Any
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PathKey) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``path``, or of its closest ancestor in the file."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return None, None

    def problem(self, path: PathKey, message: str, **kwargs: Any) -> Problem:
        line, column = self.position(path)
        return Problem(message, file=self.file, line=line, column=column, **kwargs)


class YamlSyntaxError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_yaml(path: Path, display_name: str | None = None) -> YamlSource:
    """Parse ``path``; raises :class:`YamlSyntaxError` with the line and column of the fault."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlSyntaxError(
            Problem("file not found", file=name, hint="check the path and the file name")
        ) from None
    except IsADirectoryError:
        raise YamlSyntaxError(Problem("is a directory, not a programme file", file=name)) from None
    except UnicodeDecodeError as exc:
        raise YamlSyntaxError(
            Problem(
                f"not UTF-8 text (byte {exc.start})",
                file=name,
                hint="save the file as UTF-8 from your editor",
            )
        ) from None
    except OSError as exc:
        raise YamlSyntaxError(Problem(f"cannot be read: {exc.strerror}", file=name)) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, file: str) -> YamlSource:
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
        positions: dict[PathKey, tuple[int, int]] = {}
        _record(node, (), positions, file)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        raise YamlSyntaxError(
            Problem(
                f"YAML syntax error: {message}",
                file=file,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                hint="check indentation, colons and quotes around this line",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(Problem(f"YAML error: {exc}", file=file)) from None
    finally:
        loader.dispose()
    return YamlSource(file, data, positions)


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
