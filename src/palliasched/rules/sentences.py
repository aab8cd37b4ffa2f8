"""Words of rule sentences: how a coordinator names a UE, a session, an instructor's dates.

Each catalogue entry (``catalogue.py``) says its own sentence with these; the headlines of
``palliasched.explain`` use them too. English, like every explanation of the CLI.
"""

from __future__ import annotations

from palliasched.domain.calendar import ENGLISH_WEEKDAYS, DateRange
from palliasched.domain.internships import unit_dates
from palliasched.domain.programme import Faculty, SessionSpec
from palliasched.domain.week_rules import TeachingWeekRules
from palliasched.rules.groups import unit_of
from palliasched.words import plural_en


def instructor(faculty: Faculty, who: str) -> str:
    return faculty.instructor(who).name


def weeks_of(faculty: Faculty, cohort_id: str) -> TeachingWeekRules:
    return faculty.week_rules(cohort_id)


def sessions(faculty: Faculty, unit_or_session: str) -> list[SessionSpec]:
    return [s for s in faculty.sessions if unit_of(s) == unit_or_session]


def unit_name(faculty: Faculty, unit_or_session: str) -> str:
    if faculty.has("unit", unit_or_session):
        return faculty.unit(unit_or_session).code
    return f"'{title(faculty, faculty.session(unit_or_session))}'"


def title(faculty: Faculty, spec: SessionSpec) -> str:
    if spec.title:
        return spec.title
    return faculty.unit(spec.unit).label if spec.unit is not None else spec.id


def hours(faculty: Faculty, unit_or_session: str) -> str:
    found = sessions(faculty, unit_or_session)
    minutes = sum(faculty.programme(s.programme).counted_minutes(s) for s in found)
    return f"{plural_en(len(found), 'session')}, {minutes / 60:g} h"


def dates(faculty: Faculty, unit_or_session: str) -> str:
    spans = sorted({faculty.session_span(s) for s in sessions(faculty, unit_or_session)}, key=str)
    return " / ".join("no date" if s is None else str(s) for s in spans)


def availability(faculty: Faculty, instructor_id: str) -> str:
    entry = faculty.instructor(instructor_id)
    parts = []
    if entry.unavailable:
        parts.append("is unavailable " + ", ".join(str(r) for r in entry.unavailable))
    if entry.busy:
        parts.append("is busy per their agenda " + ", ".join(str(r) for r in entry.busy))
    if entry.available_only is not None:
        parts.append("is available only " + ", ".join(str(r) for r in entry.available_only))
    return " and ".join(parts) or "has no unavailable dates"


def weekday_names(days: list[int]) -> str:
    names = [ENGLISH_WEEKDAYS[d] for d in days]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def span_within(faculty: Faculty, spec: SessionSpec, outer: DateRange) -> bool:
    span = faculty.session_span(spec)
    return span is not None and span.within(outer)


def rhythm_periods(faculty: Faculty, cohort_id: str) -> str:
    """The teaching periods of a cohort's rhythm, as dates."""
    periods = faculty.rhythm_periods(cohort_id)
    return " and ".join(str(period) for period in periods)


def copies(faculty: Faculty, series: str) -> list[SessionSpec]:
    """The copies of the repeated session written ``series``."""
    return [x for x in faculty.sessions if x.spacing is not None and x.spacing.series == series]


def spacing_sentence(faculty: Faculty, series: str) -> str:
    found = copies(faculty, series)
    spacing = found[0].spacing
    assert spacing is not None
    wants = []
    if spacing.min_days_between:
        wants.append(f"at least {plural_en(spacing.min_days_between, 'day')} apart")
    if spacing.one_per_regroupement:
        wants.append("in different regroupements")
    return f"The {len(found)} sessions '{title(faculty, found[0])}' are {' and '.join(wants)}."


def travel_sentence(faculty: Faculty, name: str) -> str:
    """Someone changing sites overnight: the journeys declared, and when people travel."""
    travel = faculty.travel
    times = ", ".join(
        f"{faculty.site(a).name}-{faculty.site(b).name} {journey(minutes)}"
        for a, b, minutes in travel.times
    )
    return (
        f"{name} reaches another site the next day only when the journey ({times}) fits "
        f"between {clock(travel.earliest)} and the first session, or between the last session "
        f"and {clock(travel.latest)}."
    )


def clock(minutes: int) -> str:
    """``07:00``: clock minutes as grids write them."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def journey(minutes: int) -> str:
    """``2 h 25``, ``4 h``: a travel time."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def precedence_sentence(faculty: Faculty, who: str) -> str:
    spec = faculty.session(who)
    before = ", ".join(f"'{title(faculty, faculty.session(b))}'" for b in spec.after)
    return f"'{title(faculty, spec)}' comes after {before}."


def order_sentence(faculty: Faculty, who: str) -> str:
    spec = faculty.session(who)
    order = spec.order.value if spec.order is not None else ""
    return f"'{title(faculty, spec)}' comes {order} in {faculty.programme(spec.programme).title}."


def internship_sentence(faculty: Faculty, unit_id: str) -> str:
    unit = faculty.unit(unit_id)
    internship = unit.internship
    assert internship is not None
    names = " and ".join(faculty.cohort(c).name for c in internship.cohorts)
    one = len(internship.cohorts) == 1
    if internship.dates is not None:
        has = "has" if one else "have"
        return f"{names} {has} no teaching during {unit.code}'s internship ({internship.dates})."
    keeps = "keeps" if one else "keep"
    return (
        f"{names} {keeps} {plural_en(internship.weeks or 0, 'week')} in a row free of teaching "
        f"for {unit.code}'s internship within {unit_dates(faculty, unit)}."
    )


def turn_sentence(faculty: Faculty, series: str) -> str:
    groups = [s for s in faculty.sessions if s.turn is not None and s.turn.series == series]
    first, turn = groups[0], groups[0].turn
    assert turn is not None
    name = title(faculty, first).removesuffix(f" ({turn.name})")
    return f"The {len(groups)} groups of '{name}' are taught one after the other on one day."
