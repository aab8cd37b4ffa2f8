"""A programme file and the files it includes, read and parsed against the file schema."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from palliasched.errors import Problem
from palliasched.io.convert import read_source
from palliasched.io.schema import (
    ProgrammeFileIn,
)
from palliasched.io.schema_errors import pydantic_problems
from palliasched.io.workbook_read import WorkbookProblems
from palliasched.io.yaml_source import PathKey, YamlSource, YamlSyntaxError
from palliasched.limits import MAX_INCLUDES, MAX_SESSIONS


@dataclass(frozen=True)
class ParsedFile:
    source: YamlSource
    model: ProgrammeFileIn
    is_root: bool


def check_session_count(files: list[ParsedFile], problems: list[Problem]) -> None:
    """Refuse more than MAX_SESSIONS sessions (``count:`` expanded) before building them."""
    total = 0
    for parsed in files:
        for p_index, programme in enumerate(parsed.model.programmes):
            lists = [(("sessions",), programme.sessions)] + [
                (("units", u_index, "sessions"), unit.sessions)
                for u_index, unit in enumerate(programme.units)
            ]
            for where, sessions in lists:
                for s_index, session in enumerate(sessions):
                    total += session.count
                    if total > MAX_SESSIONS:
                        problems.append(
                            parsed.source.problem(
                                ("programmes", p_index, *where, s_index),
                                f"more than {MAX_SESSIONS:,} sessions in all (count: included)",
                                entry=f"session '{session.id}'",
                                hint="split the faculty into several files",
                            )
                        )
                        return


def parse_tree(root: Path, problems: list[Problem]) -> list[ParsedFile]:
    parsed: list[ParsedFile] = []
    seen: set[Path] = set()

    def visit(
        path: Path, display: str, is_root: bool, via: tuple[YamlSource, PathKey] | None
    ) -> None:
        def refuse(message: str, hint: str) -> None:
            if via is not None:
                problems.append(via[0].problem(via[1], message, entry="include", hint=hint))

        resolved = path.resolve()
        if resolved in seen:
            refuse(f"'{display}' is included twice (or includes itself)", "include each file once")
            return
        seen.add(resolved)
        if len(seen) > MAX_INCLUDES + 1:
            refuse(
                f"more than {MAX_INCLUDES} included files",
                "a faculty file includes one file per programme",
            )
            return
        try:
            source = read_source(path, display)
        except WorkbookProblems as exc:
            problems.extend(exc.problems)
            return
        except YamlSyntaxError as exc:
            problem = exc.problem
            if via is not None and problem.message == "file not found":
                problem = via[0].problem(
                    via[1],
                    f"included file '{display}' not found",
                    entry="include",
                    hint="paths are relative to the including file",
                )
            problems.append(problem)
            return
        model = _parse_model(source, problems)
        if model is None:
            return
        parsed.append(ParsedFile(source, model, is_root))
        for index, name in enumerate(model.include):
            child = path.parent / name
            visit(child, str(Path(display).parent / name), False, (source, ("include", index)))

    visit(root, str(root), True, None)
    return parsed


def _parse_model(source: YamlSource, problems: list[Problem]) -> ProgrammeFileIn | None:
    if not isinstance(source.data, dict):
        problems.append(
            source.problem(
                (),
                "a programme file must be a mapping with at least a 'calendar' key",
                hint="see `palliasched schema` or the files in data/",
            )
        )
        return None
    try:
        return ProgrammeFileIn.model_validate(source.data)
    except ValidationError as exc:
        problems.extend(pydantic_problems(source, exc))
        return None
