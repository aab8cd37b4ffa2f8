"""palliasched against the naive grid model, on the same synthetic faculties.

    .venv/bin/python benchmarks/naive.py [N] [--seeds 3] [--time-limit 60] [--workers 2]

The naive model is the one a newcomer to CP-SAT writes first: a Boolean per session, day,
half-day (each slot choice of its length) and room, for every day of its dates and every
room of its sites that holds it (its instructors available that day); each session once; a
room, an instructor (fixed or chosen from a pool) and a cohort once per half-day; a cohort and
an instructor on one site a day; an instructor's weekly limit; a cohort's teaching days of a
week consecutive and at most ``max_days``. Its objective is the same weighted cost of
regroupements and instructor trips (a trip: a day taught on a site not taught the day before
in the same week). It has none of palliasched's groups of copies, seat counting with rooms
matched afterwards, decomposition or first fit.

Both get the same time limit and workers. The table shows, per seed: the naive model's build
time, its first calendar (seconds from the start, building included) and final cost; the
same for palliasched; the ratio of the first-calendar times; each calendar's cost measured
by ``palliasched.quality.total_cost`` and checked by ``palliasched.verify``. Each run is a
process of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
logging.getLogger("palliasched").setLevel(logging.ERROR)


def naive_run(path: Path, time_limit: float, workers: int) -> dict[str, object]:
    from ortools.sat.python import cp_model

    from palliasched import Solution, load_programme, verify
    from palliasched.domain.calendar import clock_minutes, iso_week
    from palliasched.domain.solution import ScheduledSession
    from palliasched.quality import total_cost

    faculty = load_programme(path)
    started = time.monotonic()  # as palliasched's times: from the programme loaded
    model = cp_model.CpModel()
    # x: (session, day, slots, room) -> Boolean; what each takes, by half-day.
    x: dict[tuple[str, dt.date, tuple[str, ...], str], cp_model.IntVar] = {}
    busy: dict[tuple[str, str, dt.date, int], list[cp_model.IntVar]] = defaultdict(list)
    on_day: dict[tuple[str, str, dt.date, str], list[cp_model.IntVar]] = defaultdict(list)
    pools: dict[tuple[str, str], cp_model.IntVar] = {}
    for spec in faculty.sessions:
        programme = faculty.programme(spec.programme)
        span = faculty.session_span(spec)
        need = faculty.group_size(spec)
        mine = []
        for day in faculty.calendar.year.days():
            if span is None or day not in span or faculty.no_teaching_reason(programme, day):
                continue
            if not all(faculty.instructor(i).available_on(day) for i in spec.instructors):
                continue
            for option in programme.slots.options(spec.length):
                halves = sorted({clock_minutes(s.start) < 13 * 60 for s in option})
                for site in spec.sites:
                    for room in faculty.rooms_of(site):
                        if room.capacity < need or not room.available_on(day):
                            continue
                        slots = tuple(s.id for s in option)
                        var = model.new_bool_var(f"x_{spec.id}_{day}_{room.id}")
                        x[(spec.id, day, slots, room.id)] = var
                        mine.append(var)
                        for half in halves:
                            busy[("room", room.id, day, half)].append(var)
                            for cohort in spec.cohorts:
                                busy[("cohort", cohort, day, half)].append(var)
                            for instructor in spec.instructors:
                                busy[("instructor", instructor, day, half)].append(var)
                        for cohort in spec.cohorts:
                            on_day[("cohort", cohort, day, site)].append(var)
                        for instructor in spec.instructors:
                            on_day[("instructor", instructor, day, site)].append(var)
                        if spec.pool_count:
                            _pool(
                                model, faculty, spec, var, (day, site, halves), busy, on_day, pools
                            )
        model.add_exactly_one(mine)
        if spec.pool_count:
            chosen = [pools[(spec.id, i)] for i in spec.instructor_pool]
            model.add(sum(chosen) == spec.pool_count)
    for takers in busy.values():
        if len(takers) > 1:
            model.add_at_most_one(takers)
    cost = _days_weeks_trips(model, faculty, on_day, iso_week)
    model.minimize(cost)
    build = time.monotonic() - started

    class First(cp_model.CpSolverSolutionCallback):
        first: float | None = None

        def on_solution_callback(self) -> None:
            if self.first is None:
                self.first = time.monotonic() - started

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - build)
    solver.parameters.num_workers = workers
    watcher = First()
    code = solver.solve(model, watcher)
    result: dict[str, object] = {
        "build_s": round(build, 1),
        "variables": len(model.proto.variables),
        "first_s": None if watcher.first is None else round(watcher.first, 1),
        "total_s": round(time.monotonic() - started, 1),
        "cost": None,
        "verified": False,
    }
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        placed = []
        for (session, day, slots, room), var in x.items():
            if solver.value(var):
                spec = faculty.session(session)
                chosen = [i for i in spec.instructor_pool if solver.value(pools[(session, i)])]
                site = faculty.room(room).site
                instructors = (*spec.instructors, *chosen)
                placed.append(ScheduledSession(session, day, slots, instructors, (room,), site))
        solution = Solution(tuple(placed))
        result["cost"] = total_cost(faculty, solution)
        result["verified"] = not verify(faculty, solution)
    return result


def _pool(model, faculty, spec, var, where, busy, on_day, pools):  # type: ignore[no-untyped-def]
    """A pool instructor teaches the session at this place when both are chosen."""
    day, site, halves = where
    for instructor in spec.instructor_pool:
        key = (spec.id, instructor)
        if key not in pools:
            pools[key] = model.new_bool_var(f"y_{spec.id}_{instructor}")
        if not faculty.instructor(instructor).available_on(day):
            model.add_bool_or([var.Not(), pools[key].Not()])
            continue
        both = model.new_bool_var("")
        model.add(both >= var + pools[key] - 1)
        model.add(both <= var)
        model.add(both <= pools[key])
        for half in halves:
            busy[("instructor", instructor, day, half)].append(both)
        on_day[("instructor", instructor, day, site)].append(both)


def _days_weeks_trips(model, faculty, on_day, iso_week):  # type: ignore[no-untyped-def]
    """Day-on-site indicators: one site a day, weekly limits, consecutive days of a cohort's
    week; the cost of its regroupements and the instructors' trips."""
    day_site: dict[tuple[str, str, dt.date, str], object] = {}
    for key, takers in on_day.items():
        here = model.new_bool_var("")
        for var in takers:
            model.add_implication(var, here)
        model.add(here <= sum(takers))
        day_site[key] = here
    by_day: dict[tuple[str, str, dt.date], list[object]] = defaultdict(list)
    for (kind, who, day, _), here in day_site.items():
        by_day[(kind, who, day)].append(here)
    taught: dict[tuple[str, str, dt.date], object] = {}
    for key, sites in by_day.items():
        model.add_at_most_one(sites)  # one site a day
        taught[key] = sum(sites)
    weeks: dict[tuple[str, str, tuple[int, int]], list[dt.date]] = defaultdict(list)
    for kind, who, day in taught:
        weeks[(kind, who, iso_week(day))].append(day)
    regroupements = []
    for (kind, who, _), days in weeks.items():
        days.sort()
        if kind == "instructor":
            limit = faculty.instructor(who).max_days_per_week
            if limit is not None:
                model.add(sum(taught[(kind, who, d)] for d in days) <= limit)
            continue
        rules = faculty.week_rules(who)
        model.add(sum(taught[(kind, who, d)] for d in days) <= rules.max_days)
        for i, first in enumerate(days):  # no day left out between two taught ones
            for k in range(i + 2, len(days)):
                for middle in days[i + 1 : k]:
                    model.add(
                        taught[(kind, who, first)] + taught[(kind, who, days[k])]
                        <= 1 + taught[(kind, who, middle)]
                    )
        week = model.new_bool_var("")
        for d in days:
            model.add(week >= taught[(kind, who, d)])
        regroupements.append(week)
    trips = []
    for (kind, who, day, site), here in day_site.items():
        if kind != "instructor":
            continue
        before = day_site.get((kind, who, day - dt.timedelta(days=1), site))
        start = model.new_bool_var("")
        if before is None or iso_week(day - dt.timedelta(days=1)) != iso_week(day):
            model.add(start >= here)
        else:
            model.add(start >= here - before)
        trips.append(start)
    weights = faculty.weights
    return weights.regroupements * sum(regroupements) + weights.instructor_trips * sum(trips)


def ours_run(path: Path, time_limit: float, workers: int) -> dict[str, object]:
    from palliasched import load_programme, solve, verify

    faculty = load_programme(path)
    started = time.monotonic()
    result = solve(faculty, time_limit=time_limit, workers=workers, explain=False)
    first = result.stats.first_solution_seconds
    return {
        "first_s": None if first is None else round(first, 1),
        "total_s": round(time.monotonic() - started, 1),
        "cost": result.objective,
        "verified": result.solution is not None and not verify(faculty, result.solution),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", nargs="?", type=int, default=10)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        which, path = args.one
        run = naive_run if which == "naive" else ours_run
        print(json.dumps(run(Path(path), args.time_limit, args.workers)))
        return
    from synthetic import write_synthetic

    print(f"N = {args.n}, time limit {args.time_limit:g} s, {args.workers} workers")
    print(
        "| seed | naive build_s | naive first_s | naive cost | ours first_s | ours cost "
        "| first calendar x faster | both verified |"
    )
    print("|---|---|---|---|---|---|---|---|")
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(args.seeds):
            path = write_synthetic(args.n, Path(folder) / f"faculty-{seed}.yaml", seed)
            runs = {}
            for which in ("naive", "ours"):
                command = [sys.executable, __file__, "--one", which, str(path)]
                command += ["--time-limit", str(args.time_limit), "--workers", str(args.workers)]
                out = subprocess.run(command, capture_output=True, text=True, check=True)
                runs[which] = json.loads(out.stdout.strip().splitlines()[-1])
            naive, ours = runs["naive"], runs["ours"]
            ratio = None
            if naive["first_s"] and ours["first_s"]:
                ratio = naive["first_s"] / max(ours["first_s"], 0.1)
                ratios.append(ratio)
            shown = "none in time" if ratio is None else f"{ratio:.1f}"
            print(
                f"| {seed} | {naive['build_s']} | {naive['first_s']} | {naive['cost']} "
                f"| {ours['first_s']} | {ours['cost']} | {shown} "
                f"| {naive['verified'] and ours['verified']} |",
                flush=True,
            )
    if ratios:
        print(f"median ratio of first-calendar times: {statistics.median(ratios):.1f}x")


if __name__ == "__main__":
    main()
