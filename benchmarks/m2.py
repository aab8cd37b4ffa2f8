"""Time to a proven optimum on the bundled M2 programme, over several seeds.

    .venv/bin/python benchmarks/m2.py [--seeds 5] [--workers 2] [--time-limit 60]

Each seed is solved in a fresh process (so that every run pays the same imports and model
build) and the table shows the status, objective, bound and the wall time of ``solve``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "data" / "m2-medecine-palliative-2026-2027.yaml"

ONE_RUN = """
import json, logging, sys
from palliasched import load_programme, solve
logging.getLogger("palliasched").setLevel(logging.ERROR)  # the ECTS note
faculty = load_programme(sys.argv[1])
result = solve(faculty, time_limit=float(sys.argv[2]), seed=int(sys.argv[3]),
               workers=int(sys.argv[4]))
print(json.dumps({"status": result.status_words(), "objective": result.objective,
                  "bound": result.bound, "runtime": result.runtime}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    print(f"M2 programme, {args.workers} workers, {args.time_limit:g} s limit\n")
    print("| seed | status | objective | bound | solve time |")
    print("|---|---|---|---|---|")
    times = []
    for seed in range(args.seeds):
        command = [sys.executable, "-c", ONE_RUN, str(PROGRAMME), str(args.time_limit)]
        command += [str(seed), str(args.workers)]
        run = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        times.append(run["runtime"])
        print(
            f"| {seed} | {run['status']} | {run['objective']:g} | {run['bound']:g} "
            f"| {run['runtime']:.1f} s |"
        )
    print(f"\nmedian {statistics.median(times):.1f} s, worst {max(times):.1f} s")


if __name__ == "__main__":
    main()
