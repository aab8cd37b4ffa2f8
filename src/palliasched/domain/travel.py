"""Travel between sites: how long it takes, and when people travel.

``times`` holds the declared travel time between two sites, either way (door to door: train
plus the trips to and from the stations). People travel between ``earliest`` and ``latest``
(clock minutes): someone who ends a day on one site reaches another site the next day when the
journey fits the evening after their last session or the morning before their first one (no
journey is split over the night). A day between the two leaves time for any journey, and two
sites with no declared time are not checked. Sites within one day stay one a day (the rule
``cohort-site`` and ``instructor-site``).

An instructor's ``home_site`` starts and ends each of their trips: a trip to another site costs
its journeys there and back, each rounded up to whole hours (``weights.travel_time``). The
checker (``verify``) and the soft-rule measures (``quality``) read this module; the solver
states the same rules on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

EARLIEST = 7 * 60
LATEST = 22 * 60


@dataclass(frozen=True, slots=True)
class Travel:
    times: tuple[tuple[str, str, int], ...] = ()  # (site, other site, minutes)
    earliest: int = EARLIEST  # clock minutes: the first departure of a day
    latest: int = LATEST  # the last arrival of a day

    def minutes(self, site: str | None, other: str | None) -> int | None:
        """Door-to-door minutes between two sites (0 on one site; None when not declared)."""
        if site is None or other is None:
            return None
        if site == other:
            return 0
        for a, b, time in self.times:
            if {a, b} == {site, other}:
                return time
        return None

    def unreachable(
        self, site: str | None, end: int, other: str | None, start: int, days_apart: int
    ) -> bool:
        """True when someone ending at ``end`` on ``site`` cannot be on ``other`` by ``start``
        ``days_apart`` days later (clock minutes), travelling only within the day's hours."""
        return (
            days_apart == 1
            and self.too_late(site, other, end)
            and self.too_early(site, other, start)
        )

    def too_late(self, site: str | None, other: str | None, end: int) -> bool:
        """Ending at ``end`` on ``site`` leaves no evening for the journey to ``other``."""
        time = self.minutes(site, other) or 0
        return time > 0 and time > self.latest - end

    def too_early(self, site: str | None, other: str | None, start: int) -> bool:
        """Starting at ``start`` on ``other`` leaves no morning for the journey from ``site``."""
        time = self.minutes(site, other) or 0
        return time > 0 and time > start - self.earliest

    def round_trip_hours(self, home: str | None, site: str | None) -> int:
        """Hours a trip from ``home`` to ``site`` and back costs: each way rounded up."""
        time = self.minutes(home, site)
        return 2 * -(-time // 60) if time else 0
