"""Re-plan a published calendar after changes: move as few sessions as possible, never the past.

``replan`` applies a changes file to the programme, keeps every session before ``today``
where it took place, and searches (``solver/replan.py``) the calendar with the fewest sessions
moved to another day, then to another slot or room, then the best soft cost. The result is
verified by the independent checker like any other, and lists every move with its reason.
When no calendar exists, the explanation names the change at fault and the rules it breaks.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from palliasched.domain.calendar import DateRange, french_date
from palliasched.domain.programme import Faculty, SessionSpec
from palliasched.domain.solution import (
    Solution,
    SolutionError,
    check_references,
    read_solution_text,
)
from palliasched.errors import PalliaschedError
from palliasched.io import load_programme
from palliasched.io.changes_file import ChangesFile, read_changes
from palliasched.quality import soft_costs, total_cost
from palliasched.replan.changes import Change, apply_changes, with_added_sessions
from palliasched.replan.moves import compare
from palliasched.result import Result, Status
from palliasched.verify import verify
from palliasched.words import plural_en

if TYPE_CHECKING:
    from palliasched.solver.search import Settings


class ReplanError(PalliaschedError):
    """A previous calendar that cannot be read or does not fit the programme."""


@dataclass(frozen=True)
class Plan:
    """What a re-planning works on: the changed programme, with the past kept in place."""

    faculty: Faculty  # the programme with the changes applied
    frozen: Faculty  # the same, past sessions pinned to their dates, the rest after today
    changes: tuple[Change, ...]
    previous: Solution
    past: frozenset[str]


def replan(
    programme: Faculty | str | PathLike[str],
    previous: Solution | str | PathLike[str],
    changes: ChangesFile | str | PathLike[str] | None = None,
    *,
    today: dt.date | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
    explain: bool = True,
) -> Result:
    """The calendar closest to ``previous`` that satisfies the changed programme.

    ``previous`` is a calendar (a :class:`Solution`, a saved ``solution.json`` or a grid
    workbook), ``changes`` a changes file (see ``io/changes_file.py``). Sessions before
    ``today`` never move (None: every session may move). ``result.moves`` lists every session
    moved, added or removed, with its reason. Raises :class:`PalliaschedError` on bad input.
    """
    from palliasched.solver.replan import replan_search
    from palliasched.solver.search import Settings

    started = time.monotonic()
    base = programme if isinstance(programme, Faculty) else load_programme(Path(programme))
    changes_file = changes_file_of(changes)
    if not isinstance(previous, Solution):
        previous, _ = read_previous(base, Path(previous), changes_file)
    plan = make_plan(base, previous, changes_file, today)
    settings = Settings(time_limit, seed, workers, None, None, started)
    found = replan_search(plan.frozen, plan.previous, set(plan.past), settings)
    runtime = time.monotonic() - started
    if found.status is Status.INFEASIBLE:
        conflicts = (
            tuple(explain_replan(base, plan, changes_file, today, settings)) if explain else ()
        )
        return Result(
            Status.INFEASIBLE,
            runtime=time.monotonic() - started,
            conflicts=conflicts,
            stats=found.stats,
        )
    if found.solution is None:
        return Result(found.status, runtime=runtime, stats=found.stats)
    solution = found.solution.with_faculty(plan.faculty)
    objective = total_cost(plan.faculty, solution)
    return Result(
        found.status,
        objective=objective,
        bound=None if found.bound is None else min(found.bound, objective),
        # Optimal here is lexicographic: the soft cost is minimised among the fewest moves.
        bound_by="the re-planning model, among calendars with the fewest moves",
        runtime=runtime,
        solution=solution,
        soft=tuple(soft_costs(plan.faculty, solution)),
        violations=tuple(verify(plan.frozen, solution)),
        stats=found.stats,
        moves=tuple(compare(plan.faculty, plan.previous, solution, plan.changes, base)),
    )


def make_plan(
    base: Faculty, previous: Solution, changes: ChangesFile | None, today: dt.date | None
) -> Plan:
    """The changed programme, and the same with the past frozen (see :class:`Plan`)."""
    faculty, resolved = (base, ()) if changes is None else apply_changes(base, changes)
    unknown = sorted(
        {s.session for s in previous.sessions}
        - set(base.ids("session"))
        - set(faculty.ids("session"))
    )
    if unknown:
        shown = ", ".join(f"'{i}'" for i in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        raise ReplanError(
            f"the previous calendar places {plural_en(len(unknown), 'session')} the programme "
            f"does not have: {shown} (hint: is it the calendar of another programme file?)"
        )
    # A session placed twice (a hand-made grid may repeat one) keeps its first place.
    previous = Solution(tuple({s.session: s for s in reversed(previous.sessions)}.values()))
    past = frozenset(
        s.session
        for s in previous.sessions
        if today is not None and s.date < today and faculty.has("session", s.session)
    )
    if today is not None:
        _no_new_past(faculty, previous, past, today)
    return Plan(faculty, freeze_past(faculty, previous, past, today), resolved, previous, past)


def _no_new_past(
    faculty: Faculty, previous: Solution, past: frozenset[str], today: dt.date
) -> None:
    """A session pinned before today must have taken place there."""
    was = {s.session: s.date for s in previous.sessions}
    for spec in faculty.sessions:
        if spec.date is not None and spec.date < today and spec.id not in past:
            where = "was not in the previous calendar"
            if spec.id in was:
                where = f"took place on {french_date(was[spec.id])}"
            raise ReplanError(
                f"session '{spec.id}' is pinned to {french_date(spec.date)}, before today "
                f"({french_date(today)}), but it {where}: the past cannot change (hint: pin it "
                f"on or after {french_date(today)}, or give the right --today)"
            )


def freeze_past(
    faculty: Faculty, previous: Solution, past: frozenset[str], today: dt.date | None
) -> Faculty:
    """Past sessions pinned to the date they took place; the others kept from ``today`` on."""
    if today is None:
        return faculty
    when = {s.session: s.date for s in previous.sessions if s.session in past}
    year = faculty.calendar.year
    after = DateRange(today, max(today, year.end))

    def frozen(spec: SessionSpec) -> SessionSpec:
        if spec.id in when:
            return replace(spec, date=when[spec.id])
        window = after if spec.window is None else spec.window.intersect(after)
        return replace(spec, window=window or DateRange(today, today))

    programmes = tuple(
        replace(p, sessions=tuple(frozen(s) for s in p.sessions)) for p in faculty.programmes
    )
    return replace(faculty, programmes=programmes)


def explain_replan(
    base: Faculty,
    plan: Plan,
    changes: ChangesFile | None,
    today: dt.date | None,
    settings: Settings,
) -> list[str]:
    """Which change leaves no calendar (each is tried left out), then the rules it breaks."""
    from palliasched.solver.conflicts import explain_infeasibility
    from palliasched.solver.replan import replan_search

    def feasible(left_out: Sequence[Change]) -> bool:
        numbers = {c.number for c in left_out}
        kept = None
        if changes is not None:
            kept = replace(
                changes, entries=tuple(e for e in changes.entries if e.number not in numbers)
            )
        try:
            other = make_plan(base, plan.previous, kept, today)
        except PalliaschedError:  # the rest does not make a valid programme: cannot tell
            return False
        found = replan_search(
            other.frozen, other.previous, set(other.past), settings, first_only=True
        )
        return found.status is not Status.INFEASIBLE

    def rules() -> list[str]:
        remaining = max(5.0, settings.remaining())
        return explain_infeasibility(plan.frozen, time_limit=remaining, seed=settings.seed)

    lines: list[str] = []
    if not feasible(plan.changes):
        since = f"before {french_date(today)}" if today is not None else "of the previous calendar"
        lines.append(
            f"Even without the changes, the sessions {since} cannot stay where they are "
            "in a valid calendar; these rules collide:"
        )
        return lines + rules()
    blamed: list[tuple[Change, ...]] = []
    for change in plan.changes:
        together = tuple(c for c in plan.changes if c == change or c.goes_with(change))
        if together not in blamed and feasible(together):
            blamed.append(together)
    for together in blamed:
        numbers = ", ".join(f"#{c.number}" for c in together)
        wheres = ", ".join(c.where for c in together)
        what = "; ".join(c.text for c in together)
        word, it = ("Change", "it") if len(together) == 1 else ("Changes", "them")
        lines.append(
            f"{word} {numbers} ({wheres}), {what}: without {it} a calendar exists; "
            f"with {it} these rules collide:"
        )
    if not blamed:
        names = "; ".join(f"#{c.number} {c.text} ({c.where})" for c in plan.changes)
        lines.append(
            f"These changes together leave no calendar (each alone leaves one): {names}; "
            "these rules collide:"
        )
    return lines + rules()


def changes_file_of(changes: ChangesFile | str | PathLike[str] | None) -> ChangesFile | None:
    if changes is None or isinstance(changes, ChangesFile):
        return changes
    return read_changes(Path(changes))


def read_previous(
    faculty: Faculty, path: Path, changes: ChangesFile | None = None
) -> tuple[Solution, list[str]]:
    """A previous calendar from a saved solution, or from a grid workbook, with what the
    reading could not match. A grid is read against the programme knowing every session the
    changes add or remove (a grid published by an earlier re-planning holds them)."""
    known = faculty if changes is None else with_added_sessions(faculty, changes)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from palliasched.grids import read_grid

        reading = read_grid(known, path)
        if not reading.solution.sessions:
            raise ReplanError(
                f"{path}: no session could be read from this workbook (hint: the previous "
                "calendar is a grid laid out like calendar.xlsx, or a solution.json)"
            )
        return reading.solution, [str(finding) for finding in reading.findings]
    try:
        previous = Solution.from_json(read_solution_text(path), str(path))
        check_references(known, previous, str(path))
    except SolutionError as exc:
        raise ReplanError(
            f"{exc} (hint: the previous calendar is a solution.json written by solve or replan, "
            "or a grid workbook .xlsx)"
        ) from None
    return previous, []
