"""Time to a proven optimum on M2 variants another coordinator could have written.

    .venv/bin/python benchmarks/variants.py [--count 10] [--seed 0] [--time-limit 60]

Each variant keeps the bundled M2's UEs, sessions and instructors and redraws, from
``--seed``: every instructor's unavailable weeks (0 to 3 weeks, anywhere in the year),
preferred weekdays (none, or two to four) and weekly limit (none, 2 or 3 days), and the
soft-rule weights (each default times 0.5 to 2). Each is solved in a fresh process; the table
shows the status, objective, bound (and the model that proved it) and the solve time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "data" / "m2-medecine-palliative-2026-2027.yaml"
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
WEIGHTS = {
    "regroupements": 100,
    "instructor_trips": 10,
    "unit_spread": 1,
    "preferred_days": 2,
    "own_semester": 20,
}

ONE_RUN = """
import json, logging, sys
from palliasched import load_programme, solve
logging.getLogger("palliasched").setLevel(logging.ERROR)
faculty = load_programme(sys.argv[1])
result = solve(faculty, time_limit=float(sys.argv[2]), workers=int(sys.argv[3]))
print(json.dumps({"status": result.status_words(), "objective": result.objective,
                  "bound": result.bound, "by": result.bound_by, "runtime": result.runtime}))
"""


def variant(base: dict[str, object], rng: random.Random) -> dict[str, object]:
    """The bundled M2 with other availability and weights."""
    data = json.loads(json.dumps(base, default=str))
    start = dt.date(2026, 9, 7)
    for instructor in data["instructors"]:  # type: ignore[union-attr]
        instructor.pop("unavailable", None)
        instructor.pop("preferred_days", None)
        instructor.pop("max_days_per_week", None)
        weeks = rng.sample(range(40), rng.randint(0, 3))
        if weeks:
            instructor["unavailable"] = [
                {
                    "start": str(start + dt.timedelta(weeks=w)),
                    "end": str(start + dt.timedelta(weeks=w, days=4)),
                }
                for w in sorted(weeks)
            ]
        if rng.random() < 0.4:
            instructor["preferred_days"] = sorted(
                rng.sample(WEEKDAYS, rng.randint(2, 4)), key=WEEKDAYS.index
            )
        limit = rng.choice([None, None, 2, 3])
        if limit is not None:
            instructor["max_days_per_week"] = limit
    data["weights"] = {
        name: max(1, round(value * rng.uniform(0.5, 2))) for name, value in WEIGHTS.items()
    }
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    base = yaml.safe_load(PROGRAMME.read_text(encoding="utf-8"))
    rng = random.Random(args.seed)
    print(f"{args.count} M2 variants (seed {args.seed}), {args.workers} workers, ", end="")
    print(f"{args.time_limit:g} s limit\n")
    print("| variant | status | objective | bound | proven by | solve time |")
    print("|---|---|---|---|---|---|")
    times, proven = [], 0
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.count):
            path = Path(folder) / f"m2-variant-{n}.yaml"
            text = yaml.safe_dump(variant(base, rng), allow_unicode=True, sort_keys=False)
            path.write_text(text, encoding="utf-8")
            run = subprocess.run(
                [sys.executable, "-c", ONE_RUN, str(path), str(args.time_limit), str(args.workers)],
                capture_output=True,
                text=True,
                check=False,
            )
            if run.returncode != 0:
                print(f"| {n} | error: {run.stderr.strip().splitlines()[-1]} | | | | |")
                continue
            r = json.loads(run.stdout)
            times.append(r["runtime"])
            proven += r["status"].startswith("optimal")
            print(
                f"| {n} | {r['status']} | {r['objective']} | {r['bound']} | {r['by'] or ''} "
                f"| {r['runtime']:.1f} s |",
                flush=True,
            )
    if times:
        print(
            f"\n{proven} of {len(times)} proven optimal; median {statistics.median(times):.1f} s, "
            f"worst {max(times):.1f} s"
        )


if __name__ == "__main__":
    main()
