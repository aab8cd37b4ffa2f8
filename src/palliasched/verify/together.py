"""Checks of sessions together: no one in two places at once, one site a day, the order."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from palliasched.domain.calendar import french_date
from palliasched.domain.programme import SessionOrder
from palliasched.domain.solution import ScheduledSession
from palliasched.verify.base import CheckerBase


class TogetherChecks(CheckerBase):
    # --- resources in two places at once ---------------------------------------------------------

    def _clashes(self) -> None:
        by_day: dict[dt.date, list[ScheduledSession]] = defaultdict(list)
        for placed in self.placed.values():
            by_day[placed.date].append(placed)
        # Who and what each session takes: only sessions that share one can clash.
        taken = {
            placed.session: {
                *(("instructor", i) for i in placed.instructors),
                *(("cohort", c) for c in self.spec(placed).cohorts),
                *(("room", r) for r in placed.rooms),
            }
            for placed in self.placed.values()
        }
        for day, sessions in sorted(by_day.items()):
            for i, first in enumerate(sessions):
                mine = taken[first.session]
                for second in sessions[i + 1 :]:
                    if mine & taken[second.session] and self._overlap(first, second):
                        self._shared_resources(first, second, day)

    def _overlap(self, first: ScheduledSession, second: ScheduledSession) -> bool:
        return any(
            a_start < b_end and b_start < a_end
            for a_start, a_end in self.intervals(first)
            for b_start, b_end in self.intervals(second)
        )

    def _shared_resources(
        self, first: ScheduledSession, second: ScheduledSession, day: dt.date
    ) -> None:
        pair = [first.session, second.session]
        names = f"{self.name(first)} and {self.name(second)}"
        for instructor_id in sorted(set(first.instructors) & set(second.instructors)):
            self.add(
                "instructor-clash",
                f"{self.display('instructor', instructor_id)} teaches {names} at the same time "
                f"on {french_date(day)}",
                pair,
                day,
            )
        cohorts = set(self.spec(first).cohorts) & set(self.spec(second).cohorts)
        for cohort_id in sorted(cohorts):
            self.add(
                "cohort-clash",
                f"{self.faculty.cohort(cohort_id).name} attends {names} at "
                f"the same time on {french_date(day)}",
                pair,
                day,
            )
        for room_id in sorted(set(first.rooms) & set(second.rooms)):
            self.add(
                "room-clash",
                f"room {room_id} holds {names} at the same time on {french_date(day)}",
                pair,
                day,
            )

    def _one_site_a_day(self) -> None:
        """A cohort, and an instructor, is on one site per day."""
        people: dict[str, Callable[[ScheduledSession], Iterable[str]]] = {
            "cohort": lambda p: self.spec(p).cohorts,
            "instructor": lambda p: p.instructors,
        }
        for kind, of in people.items():
            sites: dict[tuple[str, dt.date], dict[str, list[str]]] = defaultdict(dict)
            for placed in self.placed.values():
                if placed.site is not None:
                    for who in of(placed):
                        sites[(who, placed.date)].setdefault(placed.site, []).append(placed.session)
            for (who, day), found in sites.items():
                if len(found) > 1:
                    self.add(
                        f"{kind}-two-sites",
                        f"{self.display(kind, who)} is on {' and '.join(sorted(found))} on "
                        f"{french_date(day)}",
                        sorted(s for ids in found.values() for s in ids),
                        day,
                    )

    # --- order -----------------------------------------------------------------------------------

    def _precedences(self) -> None:
        for placed in self.placed.values():
            spec = self.spec(placed)
            for before_id in spec.after:
                before = self.placed.get(before_id)
                if before is not None and self.end(before) > self.start(placed):
                    self.add(
                        "precedence",
                        f"{self.name(placed)} ({french_date(placed.date)}) "
                        f"must come after {self.name(before)} ({french_date(before.date)})",
                        [before_id, spec.id],
                        placed.date,
                    )
            if spec.order is None:
                continue
            for other in self.placed.values():
                if other is placed or self.spec(other).programme != spec.programme:
                    continue
                if spec.order is SessionOrder.FIRST:
                    wrong = self.start(other) < self.end(placed)
                else:
                    wrong = self.end(other) > self.start(placed)
                if wrong:
                    self.add(
                        "order",
                        f"{self.name(placed)} must come {spec.order.value} in the "
                        f"programme, but {self.name(other)} is on "
                        f"{french_date(other.date)}",
                        [spec.id, other.session],
                        other.date,
                    )
