"""``palliasched score``: the scorecard of any calendar, as a coordinator judges it."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from palliasched.cli.commands import cli
from palliasched.cli.console import err
from palliasched.cli.steps import load_checked, print_scorecard
from palliasched.domain.solution import Solution
from palliasched.saved import load_solution


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("calendar", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def score(file: Path, calendar: Path) -> None:
    """Print the scorecard of a CALENDAR (a solution.json or a grid workbook) of FILE.

    Per cohort: teaching weeks, the longest gap within the teaching period, weeks of a single
    half-day, UEs in several blocks, site changes on consecutive days, hours scheduled against
    declared; then instructor trips and hard-rule violations. Exit 0, or 2 on bad input.
    """
    faculty = load_checked(file)
    solution: Solution
    if calendar.suffix.lower() == ".xlsx":
        from palliasched.grids import check_grid

        reading, findings = check_grid(faculty, calendar)
        for finding in findings:
            err.print(f"[yellow]{escape(str(finding))}[/yellow]", soft_wrap=True)
        solution = reading.solution
    else:
        solution = load_solution(calendar, file)
    print_scorecard(faculty, solution)
