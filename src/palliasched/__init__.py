"""palliasched: yearly teaching calendars for university health-training programmes."""

import datetime as dt
import time
from os import PathLike
from pathlib import Path
from typing import Any

from palliasched.domain.calendar import Calendar, DateRange, HolidayRegion, Slot, SlotTemplate
from palliasched.domain.programme import (
    Cohort,
    Faculty,
    Instructor,
    Programme,
    Room,
    SessionSpec,
    Site,
    Unit,
)
from palliasched.domain.solution import ScheduledSession, Solution, SolutionError
from palliasched.errors import PalliaschedError, Problem, ProgrammeError, Severity
from palliasched.io import Checked, check_programme, load_programme
from palliasched.quality import SoftCost, soft_costs
from palliasched.replan.moves import Move, MoveKind
from palliasched.result import ModelStats, Result, Status
from palliasched.saved import load_solution
from palliasched.verify import Violation, verify

__version__ = "0.1.0"


def replan(
    programme: Faculty | str | PathLike[str],
    previous: Solution | str | PathLike[str],
    changes: str | PathLike[str] | None = None,
    *,
    today: dt.date | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
) -> Result:
    """The calendar closest to ``previous`` once ``changes`` apply; ``result.moves`` lists
    what moved and why. See :func:`palliasched.replan.replanning.replan`."""
    from palliasched.replan.replanning import replan as run_replan

    return run_replan(
        programme, previous, changes, today=today, time_limit=time_limit, seed=seed, workers=workers
    )


def solve(
    programme: Faculty | str | PathLike[str],
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
    **options: Any,
) -> Result:
    """The best calendar for ``programme`` (a loaded faculty or a programme file path).

    The status is carried in the :class:`Result`, never raised; see
    :func:`palliasched.solver.solve` for ``log``, ``progress`` and ``batches``.
    """
    called = time.monotonic()  # the limit counts from here: loading OR-Tools takes 0.5 s
    from palliasched.solver import solve as run_solver  # OR-Tools loads on first use

    faculty = programme if isinstance(programme, Faculty) else load_programme(Path(programme))
    left = max(0.1, time_limit - (time.monotonic() - called))
    return run_solver(faculty, time_limit=left, seed=seed, workers=workers, **options)


__all__ = [
    "Calendar",
    "Checked",
    "Cohort",
    "DateRange",
    "Faculty",
    "HolidayRegion",
    "Instructor",
    "ModelStats",
    "Move",
    "MoveKind",
    "PalliaschedError",
    "Problem",
    "Programme",
    "ProgrammeError",
    "Result",
    "Room",
    "ScheduledSession",
    "SessionSpec",
    "Severity",
    "Site",
    "Slot",
    "SlotTemplate",
    "SoftCost",
    "Solution",
    "SolutionError",
    "Status",
    "Unit",
    "Violation",
    "__version__",
    "check_programme",
    "load_programme",
    "load_solution",
    "replan",
    "soft_costs",
    "solve",
    "verify",
]
