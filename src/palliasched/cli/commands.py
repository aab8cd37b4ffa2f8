"""The ``palliasched`` command line.

Exit codes: 0 success, 1 no calendar (none exists, or none found in time), 2 bad input.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.markup import escape

from palliasched import __version__
from palliasched.domain.programme import Faculty
from palliasched.errors import PalliaschedError, PublishError
from palliasched.io import check_programme
from palliasched.io.schema import json_schema_text
from palliasched.saved import load_solution
from palliasched.words import plural

if TYPE_CHECKING:
    from palliasched.result import Result
    from palliasched.solver.search import Progress

from palliasched.cli.console import err, out, print_problems, print_summary
from palliasched.cli.options import base_url_option, out_option, search_options
from palliasched.cli.steps import (
    EXIT_BAD_INPUT,
    EXIT_NO_CALENDAR,
    load_checked,
    print_scorecard,
    publish_and_list,
)


class _Commands(click.Group):
    """Bad input ends every command with its located message and exit 2: the errors raised
    below (files, entries, cells) carry their place, and nothing has been written yet."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PalliaschedError as exc:
            err.print(f"[red]{escape(str(exc))}[/red]")
            ctx.exit(EXIT_BAD_INPUT)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="palliasched")
def cli() -> None:
    """Build, check and publish the teaching calendar of health-training programmes."""


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--quiet", "-q", is_flag=True, help="Print problems only, no summary.")
def validate(file: Path, quiet: bool) -> None:
    """Check a programme FILE and print its summary, or every error found (exit 2)."""
    checked = check_programme(file)
    print_problems(checked.problems)
    if not checked.ok:
        err.print(
            f"[bold red]{escape(str(file))}: {plural(len(checked.errors), 'error')}, "
            "no calendar can be built."
        )
        sys.exit(EXIT_BAD_INPUT)
    assert checked.faculty is not None
    if not quiet:
        print_summary(checked.faculty)
    note = f" ({plural(len(checked.warnings), 'warning')})" if checked.warnings else ""
    out.print(f"[bold green]{escape(str(file))}: valid{note}.")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@out_option(
    "Folder for the calendar's files (created if missing): solution.json, sessions.csv "
    "and .parquet, calendar.xlsx, feeds/*.ics, index.html."
)
@base_url_option
@search_options
@click.option("--log", "show_log", is_flag=True, help="Stream the CP-SAT search log to stderr.")
@click.option(
    "--keep",
    "keep_grid",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="A grid workbook whose sessions stay on their dates; the rest is scheduled around.",
)
def solve(
    file: Path,
    out_dir: Path,
    base_url: str | None,
    time_limit: float,
    seed: int,
    workers: int,
    show_log: bool,
    keep_grid: Path | None,
) -> None:
    """Find the best calendar for a programme FILE, verify it, and write it to --out.

    Exit 0 with a calendar, 1 when none exists (with the reason) or none was found in time,
    2 on bad input.
    """
    called = time.monotonic()  # the limit counts reading the file and loading OR-Tools too
    from palliasched.solver import solve as run_solver

    faculty = load_checked(file)
    target = faculty
    if keep_grid is not None:
        target = _keep(faculty, keep_grid)
    sessions = sum(1 for _ in faculty.sessions)
    err.print(
        f"Solving {file} ({sessions} sessions, {time_limit:g} s limit, {workers} workers)",
        markup=False,
    )
    log = (lambda line: err.print(escape(line), highlight=False)) if show_log else None
    with err.status("searching...", spinner="dots") as status:

        def progress(event: Progress) -> None:
            if not show_log:
                gap = (event.objective - event.bound) / max(abs(event.objective), 1e-9)
                phase = f"{event.phase}   " if event.phase else ""
                status.update(
                    f"{phase}{event.elapsed:6.1f} s   best {event.objective:g}   "
                    f"bound {event.bound:g}   gap {100 * max(gap, 0):.1f} %"
                )

        left = max(0.1, time_limit - (time.monotonic() - called))
        result = run_solver(
            target, time_limit=left, seed=seed, workers=workers, log=log, progress=progress
        )
    out.print(escape(result.summary()))
    if result.violations:
        err.print("[bold red]The calendar found breaks rules (a palliasched bug): not written.")
        sys.exit(EXIT_NO_CALENDAR)
    if result.solution is None:
        sys.exit(EXIT_NO_CALENDAR)
    print_scorecard(faculty, result.solution)
    publish_and_list(faculty, result.solution, out_dir, base_url)


def _keep(faculty: Faculty, grid: Path) -> Faculty:
    from palliasched.grids import read_grid
    from palliasched.grids.keep import pin_grid_sessions

    reading = read_grid(faculty, grid)
    for finding in reading.findings:
        err.print(f"[yellow]{escape(str(finding))}[/yellow]")
    pinned, kept, dropped = pin_grid_sessions(faculty, reading)
    err.print(f"Keeping {plural(len(kept), 'session')} of {grid} on their dates.", markup=False)
    for session_id, why in dropped:
        err.print(f"[yellow]not kept: {session_id}: {escape(why)}[/yellow]")
    return pinned


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("grid", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def check(file: Path, grid: Path) -> None:
    """Check a calendar GRID workbook against the programme FILE.

    Prints every problem with its sheet and cell; exit 1 if any, 0 if none, 2 on bad input.
    """
    from palliasched.grids import check_grid

    faculty = load_checked(file)
    _, findings = check_grid(faculty, grid)
    problems = [f for f in findings if not f.note]
    for finding in findings:
        style = "yellow" if finding.note else "red"
        out.print(f"[{style}]{escape(str(finding))}[/{style}]", soft_wrap=True)
    if problems:
        out.print(f"[bold red]{escape(str(grid))}: {plural(len(problems), 'problem')}.")
        sys.exit(EXIT_NO_CALENDAR)
    out.print(f"[bold green]{escape(str(grid))}: no problem found.")


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("grid", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@out_option("Folder to publish the imported calendar into (as solve does).")
@base_url_option
def import_command(file: Path, grid: Path, out_dir: Path, base_url: str | None) -> None:
    """Turn a calendar GRID workbook into a saved solution, and publish it like solve does.

    Its problems are printed (as check does); sessions it repeats are left out.
    """
    from palliasched.grids import check_grid

    faculty = load_checked(file)
    reading, findings = check_grid(faculty, grid)
    for finding in findings:
        err.print(f"[yellow]{escape(str(finding))}[/yellow]")
    if not reading.solution.sessions:
        raise PublishError(
            f"{grid}: no session could be read from this workbook: nothing to import"
        )
    out.print(
        f"Read {plural(len(reading.solution.sessions), 'session')} from {grid}.", markup=False
    )
    publish_and_list(faculty, reading.solution, out_dir, base_url)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--from",
    "previous_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    required=True,
    help="The calendar published so far: a solution.json or a grid workbook (.xlsx).",
)
@click.option(
    "--change",
    "changes_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The changes file: every change since FILE was solved (see data/changes-example.yaml).",
)
@out_option("Folder to publish into: the previous one updates its feeds in place.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Sessions before this date took place and never move (default: today's date).",
)
@base_url_option
@click.option("--dry-run", is_flag=True, help="Print the moves and whom to notify; write nothing.")
@search_options
def replan(
    file: Path,
    previous_file: Path,
    changes_file: Path | None,
    out_dir: Path,
    today: dt.datetime | None,
    base_url: str | None,
    dry_run: bool,
    time_limit: float,
    seed: int,
    workers: int,
) -> None:
    """Re-plan a published calendar after the changes: move the fewest sessions.

    Minimises, in this order, the sessions moved to another day, those moved to another slot
    or room, then the usual soft cost; sessions before --today never move. Prints every move
    and whom to notify, and publishes into --out (a "Changes" sheet, changes.txt, the feeds
    updated in place). Exit 0 with a calendar, 1 when none exists (with the change at fault)
    or none was found in time, 2 on bad input.
    """
    from palliasched.io.changes_file import read_changes
    from palliasched.replan.changes import apply_changes
    from palliasched.replan.replanning import read_previous
    from palliasched.replan.replanning import replan as run_replan

    faculty = load_checked(file)
    changes = None if changes_file is None else read_changes(changes_file, keep_going=True)
    if changes is not None:  # every entry at fault at once, before anything else
        apply_changes(faculty, changes)
    previous, findings = read_previous(faculty, previous_file, changes)
    for finding in findings:
        err.print(f"[yellow]{escape(finding)}[/yellow]")
    day = (today or dt.datetime.now()).date()
    err.print(
        f"Re-planning {file} from {previous_file}; sessions before {day:%d/%m/%Y} stay.",
        markup=False,
    )
    with err.status("searching...", spinner="dots"):
        result = run_replan(
            faculty,
            previous,
            changes,
            today=day,
            time_limit=time_limit,
            seed=seed,
            workers=workers,
        )
    _publish_replanned(result, out_dir, base_url, dry_run)


def _publish_replanned(result: Result, out_dir: Path, base_url: str | None, dry_run: bool) -> None:
    """Print a re-planning's outcome, its moves, whom to notify and the new calendar's
    scorecard; publish it unless dry."""
    from palliasched.replan.moves import notification_text

    out.print(escape(result.summary()))
    if result.violations:
        err.print("[bold red]The calendar found breaks rules (a palliasched bug): not written.")
        sys.exit(EXIT_NO_CALENDAR)
    if result.solution is None:
        sys.exit(EXIT_NO_CALENDAR)
    assert result.solution.faculty is not None
    out.print(
        escape(notification_text(result.solution.faculty, result.moves)), end="", soft_wrap=True
    )
    print_scorecard(result.solution.faculty, result.solution)
    if dry_run:
        out.print(f"Dry run: nothing written to {out_dir}.", markup=False)
        return
    if not (out_dir / "feeds" / "state.json").is_file():
        err.print(
            f"[yellow]note: {out_dir} holds no earlier feeds, so every event starts at "
            "SEQUENCE 0: to update the calendars instructors subscribed to, publish into the "
            "folder their feeds come from.[/yellow]"
        )
    publish_and_list(result.solution.faculty, result.solution, out_dir, base_url, result.moves)


@cli.command("publish")
@click.argument("solution_file", type=click.Path(path_type=Path, dir_okay=False))
@out_option("Folder to publish into; publishing again there updates the feeds in place.")
@base_url_option
@click.option(
    "--programme",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Programme file of the solution (default: the one solution.json names).",
)
def publish_command(
    solution_file: Path, out_dir: Path, base_url: str | None, programme: Path | None
) -> None:
    """Publish a saved SOLUTION_FILE (solution.json) again: workbook, feeds, page, tables.

    The calendar is checked first; one that breaks a rule is published all the same, with
    the violations printed, so that a coordinator sees what to fix.
    """
    from palliasched.verify import verify

    solution = load_solution(solution_file, programme)  # bad input: exit 2 (see _Commands)
    assert solution.faculty is not None
    if not solution.sessions:
        raise PublishError(f"{solution_file}: sessions: the calendar holds no session to publish")
    for violation in verify(solution.faculty, solution):
        err.print(f"[yellow]warning:[/yellow] {escape(violation.message)}")
    publish_and_list(solution.faculty, solution, out_dir, base_url)


@cli.command()
@click.option("--changes", is_flag=True, help="The changes file's schema (replan --change).")
def schema(changes: bool) -> None:
    """Print the JSON Schema of the programme file format (or of the changes file)."""
    if changes:
        import json

        from palliasched.io.changes_file import changes_json_schema

        click.echo(json.dumps(changes_json_schema(), indent=2, ensure_ascii=False))
        return
    click.echo(json_schema_text(), nl=False)


def main() -> None:
    """Console entry point: bad input ends with a located message and exit 2 (see
    ``_Commands``), never a traceback."""
    cli.main(standalone_mode=True)


if __name__ == "__main__":
    main()
