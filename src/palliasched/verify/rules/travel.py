"""Travel: no cohort or instructor on a site they cannot reach from the day before's."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from palliasched.domain.calendar import clock_minutes, french_date
from palliasched.domain.solution import ScheduledSession
from palliasched.rules import HardRule
from palliasched.rules.sentences import journey
from palliasched.verify.base import CheckerBase, checks


@checks(HardRule.COHORT_TRAVEL)
def cohorts(c: CheckerBase) -> None:
    _reachable(c, "cohort", lambda placed: c.spec(placed).cohorts)


@checks(HardRule.INSTRUCTOR_TRAVEL)
def instructors(c: CheckerBase) -> None:
    _reachable(c, "instructor", lambda placed: placed.instructors)


def _reachable(
    c: CheckerBase, kind: str, people: Callable[[ScheduledSession], Iterable[str]]
) -> None:
    travel = c.faculty.travel
    days: dict[tuple[str, dt.date], list[ScheduledSession]] = defaultdict(list)
    for placed in c.placed.values():
        if placed.site is not None:
            for who in set(people(placed)):
                days[(who, placed.date)].append(placed)
    for (who, day), sessions in sorted(days.items()):
        tomorrow = days.get((who, day + dt.timedelta(days=1)), [])
        last = max(sessions, key=lambda placed: c.end(placed)[1])
        first = min(tomorrow, key=lambda placed: c.start(placed)[1], default=None)
        if first is None or first.site == last.site:
            continue
        end, start = clock_minutes(c.end(last)[1]), clock_minutes(c.start(first)[1])
        if travel.unreachable(last.site, end, first.site, start, 1):
            here, there = _site_name(c, last.site), _site_name(c, first.site)
            c.add(
                f"{kind}-travel",
                f"{c.display(kind, who)} ends {c.name(last)} in {here} at "
                f"{c.end(last)[1]:%H:%M} on {french_date(day)} and starts {c.name(first)} in "
                f"{there} at {c.start(first)[1]:%H:%M} the next day: the journey "
                f"({journey(travel.minutes(last.site, first.site) or 0)}) fits neither the "
                "evening nor the morning",
                [last.session, first.session],
                first.date,
            )


def _site_name(c: CheckerBase, site: str | None) -> str:
    return c.faculty.site(site).name if site and c.faculty.has("site", site) else str(site)
