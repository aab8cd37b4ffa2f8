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
from collections.abc import Collection
from dataclasses import replace
from os import PathLike
from pathlib import Path

from palliasched.domain.programme import Faculty
from palliasched.errors import Problem, ProgrammeError, did_you_mean
from palliasched.files import write_atomically
from palliasched.io.availability_collect import Collected, FormAnswers, FormProblems, read_forms
from palliasched.io.availability_forms import candidate_days, form_instructors, form_workbook
from palliasched.io.availability_merge import merge_answers, unanswered
from palliasched.io.convert import as_workbook, as_yaml, yaml_comments
from palliasched.io.load import check_programme, load_programme
from palliasched.io.parsing import parse_tree
from palliasched.io.workbook_read import is_workbook
from palliasched.io.yaml_edit import edited

__all__ = ["Collected", "FormProblems", "collect_forms", "form_name", "write_forms"]


def form_name(instructor_id: str) -> str:
    return f"disponibilites-{instructor_id}.xlsx"


def write_forms(
    programme: str | PathLike[str],
    out_dir: str | PathLike[str],
    faculty: Faculty | None = None,
    only: Collection[str] = (),
) -> list[Path]:
    """One form per instructor who teaches, in ``out_dir``; the files written. ``faculty``:
    the programme already loaded; ``only``: these instructors' forms alone (one to send
    again); raises FormProblems for an id of nobody who teaches."""
    path, folder = Path(programme), Path(out_dir)
    faculty = faculty or load_programme(path)
    asked = form_instructors(faculty)
    known = [i.id for i in asked]
    strangers = [i for i in only if i not in known]
    if strangers:
        raise FormProblems(
            [
                Problem(
                    f"--only {i}: no instructor of this file teaching with that id",
                    file=str(path),
                    hint=did_you_mean(i, known) or "an id of the instructors' list",
                )
                for i in strangers
            ]
        )
    forms = {
        folder / form_name(i.id): form_workbook(faculty, i, candidate_days(faculty, i), path.name)
        for i in asked
        if not only or i.id in only
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
    place); ``faculty``: the programme already loaded. An instructor written in included
    files is merged there too, in place only. ``Collected.comments_lost`` counts the YAML
    comment lines that could not be kept; ``Collected.written`` lists the files written."""
    path = Path(programme)
    target = Path(out) if out is not None else path
    faculty = faculty or load_programme(path)
    answers = read_forms(Path(forms_dir), faculty)
    merged = [
        (Path(parsed.source.file), merge_answers(parsed.source.data, faculty, answers))
        for parsed in parse_tree(path, [])  # the file, then those it includes
    ]
    included = [(file, c) for file, c in merged[1:] if c.edits]
    elsewhere = target.resolve() != path.resolve()
    if included and elsewhere:
        names = ", ".join(str(file) for file, _ in included)
        raise FormProblems(
            [
                Problem(
                    f"instructors who answered are written in included files ({names}): a "
                    "new file cannot merge into them",
                    file=str(path),
                    hint="collect with --in-place: each file changed keeps its comments",
                )
            ]
        )
    report = _report(merged, faculty, answers)
    root = merged[0][1]
    writes = {file: _merged_content(file, file, c, report) for file, c in included}
    if root.edits or elsewhere:
        writes = {target: _merged_content(path, target, root, report)} | writes
    if not included:  # one file: checked where it goes before it is written
        if target in writes:
            _check_at(target, writes[target])
            write_atomically(target, writes[target])
    else:  # files that include one another: checked together once written, else restored
        _write_together(path, writes)
    report.written = [str(file) for file in writes]
    return report


def _report(
    merged: list[tuple[Path, Collected]], faculty: Faculty, answers: list[FormAnswers]
) -> Collected:
    """The root's merged data, and each answer's changes once (from the first file writing
    that instructor)."""
    report = Collected(merged[0][1].data, unanswered=unanswered(faculty, answers))
    seen: set[str] = set()
    for _, collected in merged:
        for change in collected.merged:
            if change.instructor not in seen:
                seen.add(change.instructor)
                report.merged.append(change)
    order = {a.instructor: n for n, a in enumerate(answers)}
    report.merged.sort(key=lambda change: order[change.instructor])
    return report


def _write_together(root: Path, writes: dict[Path, str | bytes]) -> None:
    """Write several files of one programme, then check it; on any failure every file
    gets its old content back."""
    old = {file: file.read_bytes() for file in writes}
    try:
        for file, content in writes.items():
            write_atomically(file, content)
        checked = check_programme(root)
        if not checked.ok:
            raise ProgrammeError(checked.errors or checked.problems)
    except BaseException:
        for file, content in old.items():
            write_atomically(file, content)
        raise


def _merged_content(
    path: Path, target: Path, collected: Collected, report: Collected
) -> str | bytes:
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
        report.comments_lost += len(yaml_comments(text))
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
