"""palliasched: yearly teaching calendars for university health-training programmes."""

from palliasched.calendar import Calendar, DateRange, HolidayRegion, Slot, SlotTemplate
from palliasched.errors import PalliaschedError, Problem, ProgrammeError, Severity
from palliasched.io import Checked, ProgrammeWarning, check_programme, load_programme
from palliasched.programme import (
    Cohort,
    Faculty,
    Instructor,
    Programme,
    Room,
    SessionSpec,
    Site,
    Unit,
)
from palliasched.solution import ScheduledSession, Solution, SolutionError
from palliasched.verify import Violation, verify

__version__ = "0.1.0"

__all__ = [
    "Calendar",
    "Checked",
    "Cohort",
    "DateRange",
    "Faculty",
    "HolidayRegion",
    "Instructor",
    "PalliaschedError",
    "Problem",
    "Programme",
    "ProgrammeError",
    "ProgrammeWarning",
    "Room",
    "ScheduledSession",
    "SessionSpec",
    "Severity",
    "Site",
    "Slot",
    "SlotTemplate",
    "Solution",
    "SolutionError",
    "Unit",
    "Violation",
    "__version__",
    "check_programme",
    "load_programme",
    "verify",
]
