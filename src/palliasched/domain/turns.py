"""Groups taught in turn: one session taught to each of its groups, one after the other.

``rooms: {groups: n, in_turn: true}`` makes n sessions of one written session (ids ``-g1``,
``-g2``, ...), each for one group (``1/n`` of the cohort, in its own rooms), taught the same
day by the same instructors. Students attend one of them: the UE counts the first group's
hours only. The checker reads the groups here; the solver states the rule on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from palliasched.domain.programme import Faculty
    from palliasched.domain.solution import ScheduledSession

GROUP_NAMES = "ABCDEFGH"
MAX_GROUPS = len(GROUP_NAMES)


@dataclass(frozen=True, slots=True)
class Turn:
    series: str  # the session as written (a copy of it with ``count: n``)
    group: int  # 1 for the first group
    of: int  # the number of groups

    @property
    def name(self) -> str:
        """``groupe A``."""
        return f"groupe {GROUP_NAMES[self.group - 1]}"


def by_turn(
    faculty: Faculty, placed: Iterable[ScheduledSession]
) -> dict[str, list[ScheduledSession]]:
    """The placed sessions of each series taught in turn."""
    found: dict[str, list[ScheduledSession]] = {}
    for session in placed:
        turn = faculty.session(session.session).turn
        if turn is not None:
            found.setdefault(turn.series, []).append(session)
    return found
