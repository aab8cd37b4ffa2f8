"""Instructors' availability collected with forms: write one per instructor, merge the
returned ones into the programme file (``palliasched availability forms`` / ``collect``).

From Python::

    from palliasched.io.availability import collect_forms, write_forms
    write_forms("programme.yaml", "forms")            # forms/disponibilites-<id>.xlsx
    report = collect_forms("programme.yaml", "forms", "programme-collected.yaml")

Both raise ``ProgrammeError`` for an invalid programme file; ``collect_forms`` raises
``FormProblems`` for forms that cannot be merged, and writes nothing then. The merged file is
checked like any programme file before it is written.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from os import PathLike
from pathlib import Path

from palliasched.domain.programme import Faculty
from palliasched.errors import ProgrammeError
from palliasched.files import write_atomically
from palliasched.io.availability_collect import Collected, FormProblems, read_forms
from palliasched.io.availability_forms import candidate_days, form_instructors, form_workbook
from palliasched.io.availability_merge import merge_answers
from palliasched.io.convert import as_workbook, as_yaml, read_source, yaml_comments
from palliasched.io.load import check_programme, load_programme
from palliasched.io.workbook_read import is_workbook
from palliasched.io.yaml_edit import edited

__all__ = ["Collected", "FormProblems", "collect_forms", "form_name", "write_forms"]


def form_name(instructor_id: str) -> str:
    return f"disponibilites-{instructor_id}.xlsx"


def write_forms(
    programme: str | PathLike[str], out_dir: str | PathLike[str], faculty: Faculty | None = None
) -> list[Path]:
    """One form per instructor who teaches, in ``out_dir``; the files written. ``faculty``:
    the programme already loaded."""
    path, folder = Path(programme), Path(out_dir)
    faculty = faculty or load_programme(path)
    forms = {
        folder / form_name(i.id): form_workbook(faculty, i, candidate_days(faculty, i), path.name)
        for i in form_instructors(faculty)
    }
    folder.mkdir(parents=True, exist_ok=True)
    for target, content in forms.items():
        write_atomically(target, content)
    return list(forms)


def collect_forms(
    programme: str | PathLike[str],
    forms_dir: str | PathLike[str],
    out: str | PathLike[str] | None = None,
    faculty: Faculty | None = None,
) -> Collected:
    """Merge the forms of ``forms_dir`` into ``programme``, written to ``out`` (default: in
    place); ``faculty``: the programme already loaded. ``Collected.comments_lost`` counts the
    YAML comment lines that could not be kept."""
    path = Path(programme)
    target = Path(out) if out is not None else path
    faculty = faculty or load_programme(path)
    answers = read_forms(Path(forms_dir), faculty)
    source = read_source(path)
    collected = merge_answers(source.data, faculty, answers, str(path))
    content = _merged_content(path, target, collected)
    _check_at(target, content)
    write_atomically(target, content)
    return collected


def _merged_content(path: Path, target: Path, collected: Collected) -> str | bytes:
    if is_workbook(target):
        return as_workbook(collected.data)
    text = None if is_workbook(path) else path.read_text(encoding="utf-8")
    if text is not None:
        kept = edited(
            text,
            {("instructors", n): values for n, values in collected.edits.items()},
            collected.data,
        )
        if kept is not None:
            return kept
        collected.comments_lost = len(yaml_comments(text))
    return as_yaml(collected.data)


def _check_at(target: Path, content: str | bytes) -> None:
    """The merged file read where it will be written (its includes and agendas are relative
    to it); raises ProgrammeError, and nothing is written, when it is not valid."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".collect-", suffix=target.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content.encode("utf-8") if isinstance(content, str) else content)
        checked = check_programme(name)
    finally:
        os.unlink(name)
    if not checked.ok:
        problems = checked.errors or checked.problems
        raise ProgrammeError(
            tuple(replace(p, file=str(target)) if p.file == name else p for p in problems)
        )
