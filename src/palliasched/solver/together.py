"""Independent parts solved side by side, one thread each, as the workers allow.

The parts of an exact split (S1 and S2, a case's parts) share nothing: each is solved alone
and the calendars joined. Their relaxations' core-based searches run on one thread each
(``relaxation.bare_solver``), so with two workers two parts run at once: the DU's first case
takes as long as its first semester, not as both. Each part's search is deterministic on its
own (its limits are work, not seconds), so the joined calendar does not depend on which
thread ends first. CP-SAT releases the interpreter lock while it searches.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from palliasched.domain.programme import Faculty
from palliasched.result import ModelStats, Status
from palliasched.solver.search import Outcome, Settings

SolvePart = Callable[[Faculty, Settings, float], Outcome]


def solve_together(
    parts: Sequence[Faculty],
    settings: Settings,
    time_limit: float,
    solve_part: SolvePart,
    phases: Sequence[str] | None = None,
) -> list[Outcome]:
    """Each part's outcome, in order: ``solve_part`` on ``settings.workers`` parts at once,
    each for its share of ``time_limit`` (all of it when they all run at once), under the
    phase ``phases[n]`` when given."""
    at_once = max(1, min(settings.workers, len(parts)))

    def solve(n: int, time_limit: float) -> Outcome:
        if settings.expired():  # the time limit is a limit: nothing more is started
            return Outcome(Status.UNKNOWN, None, None, ModelStats())
        return solve_part(parts[n], own[n], min(time_limit, settings.remaining()))

    workers = max(1, settings.workers // at_once)  # the parts share the workers
    own = [
        replace(
            settings,
            workers=workers,
            firsts=[],
            phase=settings.phase if phases is None else phases[n],
        )
        for n in range(len(parts))
    ]
    if at_once == 1:
        deadline = time.monotonic() + time_limit
        outcomes = []
        for n in range(len(parts)):
            left = max(0.1, deadline - time.monotonic())
            outcomes.append(solve(n, left / (len(parts) - n)))
    else:
        share = time_limit * at_once / len(parts)
        with ThreadPoolExecutor(max_workers=at_once) as pool:
            futures = [pool.submit(solve, n, share) for n in range(len(parts))]
            outcomes = [future.result() for future in futures]
    for one in own:
        settings.firsts.extend(one.firsts)
    return outcomes
