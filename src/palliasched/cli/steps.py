"""Steps several commands share: a programme file loaded (its problems printed, exit 2 on
errors) and a calendar published (each file written printed)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from palliasched.cli.console import err, out, print_problems
from palliasched.domain.programme import Faculty
from palliasched.domain.solution import Solution
from palliasched.io import check_programme
from palliasched.words import plural

if TYPE_CHECKING:
    from palliasched.replan.moves import Move

EXIT_NO_CALENDAR = 1
EXIT_BAD_INPUT = 2


def load_checked(file: Path) -> Faculty:
    """The programme FILE, its warnings printed; its errors printed and exit 2."""
    checked = check_programme(file)
    print_problems(checked.errors)
    if not checked.ok or checked.faculty is None:
        err.print(
            f"[bold red]{escape(str(file))}: {plural(len(checked.errors), 'error')}, "
            "no calendar can be built."
        )
        sys.exit(EXIT_BAD_INPUT)
    if checked.warnings:  # told in full by validate; here, that they exist
        err.print(
            f"[yellow]{escape(str(file))}: {plural(len(checked.warnings), 'warning')} "
            f"(palliasched validate {escape(str(file))} shows "
            f"{'it' if len(checked.warnings) == 1 else 'them'})[/yellow]"
        )
    return checked.faculty


def publish_and_list(
    faculty: Faculty,
    solution: Solution,
    out_dir: Path,
    base_url: str | None,
    moves: Sequence[Move] | None = None,
) -> None:
    from palliasched.publish import publish

    written = publish(faculty, solution, out_dir, base_url=base_url, moves=moves)
    feeds = [p for p in written if p.suffix == ".ics"]
    for path in written:
        if path.suffix != ".ics":
            out.print(f"wrote {path}", markup=False)
    if feeds:
        out.print(f"wrote {len(feeds)} feeds in {feeds[0].parent}", markup=False)


def print_scorecard(faculty: Faculty, solution: Solution) -> None:
    """The calendar's scorecard (``palliasched.scorecard``), as a coordinator judges it."""
    from palliasched.scorecard import score

    out.print("Scorecard:", markup=False, highlight=False)
    for line in score(faculty, solution).lines():
        out.print(f"  {line}", markup=False, highlight=False)
