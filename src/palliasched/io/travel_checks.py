"""Validation of travel between sites: the sites someone may go between have a journey.

Once a file declares travel times, a cohort or an instructor whose sessions may take two sites
with no time between them gets a warning: palliasched cannot check that journey.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from palliasched.domain.programme import Faculty
from palliasched.errors import Severity
from palliasched.io.locations import Report


def check_travel(faculty: Faculty, report: Report) -> None:
    travel = faculty.travel
    if not travel.times:
        return
    sites: dict[tuple[str, str], set[str]] = defaultdict(set)
    for spec in faculty.sessions:
        for cohort in spec.cohorts:
            sites[("cohort", cohort)].update(spec.sites)
        for instructor in spec.candidate_instructors:
            sites[("instructor", instructor)].update(spec.sites)
        for instructor in spec.instructors:
            home = faculty.instructor(instructor).home_site
            if home is not None:
                sites[("instructor", instructor)].add(home)
    for (kind, who), places in sorted(sites.items()):
        missing = [
            (a, b)
            for a, b in itertools.combinations(sorted(places), 2)
            if travel.minutes(a, b) is None
        ]
        if missing:
            pairs = ", ".join(f"{a}-{b}" for a, b in missing)
            report(
                kind,
                who,
                f"may be on sites with no travel time between them ({pairs}): palliasched "
                "cannot check those journeys",
                severity=Severity.WARNING,
                hint="add them under travel.times, e.g. {between: [a, b], minutes: 120}",
            )
