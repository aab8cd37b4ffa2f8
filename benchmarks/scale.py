"""Scaling benchmark: solve synthetic faculties of N programmes and print one row per N.

    .venv/bin/python benchmarks/scale.py                 # N = 1 10 50 100, 60 s each
    .venv/bin/python benchmarks/scale.py 1 10 --time-limit 30 --workers 2
    .venv/bin/python benchmarks/scale.py 100 --half-days   # about 6,000 half-day sessions

Each N runs in its own process so that peak memory (max RSS) is that run's alone. Columns:
sessions of the faculty, sessions built into models (fewer when the time ran out first),
variables and constraints of the model(s) built, build time, time to the first calendar,
total time, status with the gap to the proven bound, whether the checker found nothing, and
peak memory.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
logging.getLogger("palliasched").setLevel(logging.ERROR)  # the ECTS note of the programmes


def run_one(
    n: int, time_limit: float, workers: int, seed: int, half_days: bool = False
) -> dict[str, object]:
    from synthetic import write_synthetic

    from palliasched import load_programme, solve, verify

    with tempfile.TemporaryDirectory() as folder:
        path = write_synthetic(n, Path(folder) / f"faculty-{n}.yaml", seed, half_days)
        faculty = load_programme(path)
    started = time.monotonic()
    result = solve(faculty, time_limit=time_limit, workers=workers, seed=seed)
    total = time.monotonic() - started
    clean = result.solution is not None and not verify(faculty, result.solution)
    stats = result.stats
    return {
        "N": n,
        "in_faculty": sum(1 for _ in faculty.sessions),
        "sessions": stats.sessions,
        "variables": stats.variables,
        "constraints": stats.constraints,
        "build_s": round(stats.build_seconds, 1),
        "first_s": None
        if stats.first_solution_seconds is None
        else round(stats.first_solution_seconds, 1),
        "total_s": round(total, 1),
        "status": result.status_words(),
        "objective": result.objective,
        "verified": clean,
        "batches": stats.batches,
        "parts": stats.parts,
        "peak_MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[1, 10, 50, 100])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--half-days", action="store_true", help="every session a half-day")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        one = run_one(args.one, args.time_limit, args.workers, args.seed, args.half_days)
        print(json.dumps(one))
        return
    columns = [
        "N",
        "in_faculty",
        "sessions",
        "variables",
        "constraints",
        "build_s",
        "first_s",
        "total_s",
        "status",
        "objective",
        "verified",
        "batches",
        "parts",
        "peak_MB",
    ]
    shape = ", every session a half-day" if args.half_days else ""
    print(f"time limit {args.time_limit:g} s, {args.workers} workers, seed {args.seed}{shape}")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for n in args.sizes:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(n),
                "--time-limit",
                str(args.time_limit),
                "--workers",
                str(args.workers),
                "--seed",
                str(args.seed),
                *(["--half-days"] if args.half_days else []),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"| {n} | failed: {done.stderr.strip().splitlines()[-1:]} |")
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print("| " + " | ".join(str(row[c]) for c in columns) + " |", flush=True)


if __name__ == "__main__":
    main()
