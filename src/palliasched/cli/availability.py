"""``palliasched availability forms`` and ``collect``: instructors' availability collected
with one workbook form each, merged back into the programme file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from palliasched.cli.commands import cli
from palliasched.cli.console import err, out
from palliasched.cli.steps import EXIT_BAD_INPUT, load_checked
from palliasched.words import plural_en

if TYPE_CHECKING:  # openpyxl loads with these commands, not with every other one
    from palliasched.io.availability_collect import Collected, Merged

MAX_DATES_SHOWN = 6


@cli.group()
def availability() -> None:
    """Instructors' availability collected with forms: `forms` writes one workbook per
    instructor, `collect` merges the returned ones into the programme file."""


@availability.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("forms"),
    show_default=True,
    help="The folder of the forms.",
)
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="ID",
    help="Only this instructor's form (repeatable): one to send again.",
)
def forms(file: Path, out_dir: Path, only: tuple[str, ...]) -> None:
    """Write one form per instructor of FILE who teaches: the days their sessions may take,
    each to mark « indisponible » or « de préférence ». Exit 0, or 2 on bad input."""
    from palliasched.io.availability import write_forms

    faculty = load_checked(file)
    written = write_forms(file, out_dir, faculty, only)
    out.print(f"wrote {plural_en(len(written), 'form')} in {out_dir}", markup=False)


@availability.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("forms_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The merged programme file (default: FILE-disponibilites, beside FILE).",
)
@click.option("--in-place", is_flag=True, help="Merge into FILE itself.")
def collect(file: Path, forms_dir: Path, out_file: Path | None, in_place: bool) -> None:
    """Merge the returned forms of FORMS_DIR into FILE: on each date a form asked, its answer
    decides. Prints who answered, who did not and what changed. An instructor written in a
    file FILE includes is merged there (with --in-place). Nothing is written unless every form
    reads and the merged programme is valid. Exit 0, or 2 on bad input."""
    if in_place and out_file is not None:
        err.print("[red]--out and --in-place: give one of them[/red]")
        raise SystemExit(EXIT_BAD_INPUT)
    default = file.with_name(f"{file.stem}-disponibilites{file.suffix}")
    target = file if in_place else out_file or default
    from palliasched.io.availability import collect_forms

    faculty = load_checked(file)
    collected = collect_forms(file, forms_dir, target, faculty)
    _report(collected)
    if collected.comments_lost:
        err.print(
            f"[yellow]{escape(str(target))}: written whole, "
            f"{plural_en(collected.comments_lost, 'comment line')} not kept[/yellow]"
        )
    for written in collected.written:
        out.print(f"wrote {written}", markup=False)
    if not collected.written:
        out.print(f"no change: {target} left as it was", markup=False)


def _report(collected: Collected) -> None:
    asked = len(collected.merged) + len(collected.unanswered)
    out.print(f"Forms returned: {len(collected.merged)} of {asked}", markup=False)
    for merged in collected.merged:
        out.print(f"  {merged.name} ({Path(merged.form).name}): {_changes(merged)}", markup=False)
        for day, text in merged.comments:
            out.print(f"    {day:%d/%m/%Y}: « {text} »", markup=False, highlight=False)
    if collected.unanswered:
        out.print(
            f"No form from {plural_en(len(collected.unanswered), 'instructor')}: "
            + ", ".join(collected.unanswered),
            markup=False,
        )


def _changes(merged: Merged) -> str:
    if not merged.changed:
        return "no change"
    parts = []
    for days, what in (
        (merged.unavailable_added, "unavailable"),
        (merged.unavailable_removed, "no longer unavailable"),
        (merged.preferred_added, "preferred"),
        (merged.preferred_removed, "no longer preferred"),
    ):
        if days:
            parts.append(f"{plural_en(len(days), 'day')} {what} ({_dates(days)})")
    return "; ".join(parts)


def _dates(days: tuple[dt.date, ...]) -> str:
    from palliasched.io.availability_merge import runs

    shown = []
    for entry in runs(days, ""):
        if isinstance(entry, dict):
            first, last = (dt.date.fromisoformat(entry[k]) for k in ("start", "end"))
            shown.append(f"{first:%d/%m}-{last:%d/%m/%Y}")
        else:
            shown.append(f"{dt.date.fromisoformat(entry):%d/%m/%Y}")
    more = len(shown) - MAX_DATES_SHOWN
    return ", ".join(shown[:MAX_DATES_SHOWN]) + (f", and {more} more" if more > 0 else "")
