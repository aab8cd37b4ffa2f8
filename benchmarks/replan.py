"""Re-planning the bundled M2 after one change: time, moves and cost, over several seeds.

    .venv/bin/python benchmarks/replan.py [--seeds 3] [--workers 2] [--today 2026-12-07]
        [--programme data/faculty-2026-2027.yaml]  # the M2 inside the whole faculty

The published calendar is the optimal one of ``solve`` (seed 0). Each designed change is then
re-planned in a fresh process per seed (every run pays the same imports and model build); the
time is ``replan``'s own, from the loaded programme to the verified calendar and its moves.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMME = ROOT / "data" / "m2-medecine-palliative-2026-2027.yaml"

# One change each (the example file holds several).
CHANGES = {
    "instructor away (UE 6)": """
  - instructor: serresse
    unavailable: [{start: 2027-05-10, end: 2027-05-14}]""",
    "room closed (January)": """
  - room: coc-3024
    closed: [{start: 2027-01-04, end: 2027-01-08}]""",
    "UE 6 window moved": """
  - unit: ue6
    window: {start: 2027-06-01, end: 2027-06-30}""",
    "session cancelled": """
  - remove_session: ue4-relation-s2
  - unit: ue4
    presence_hours: 16""",
    "changes-example.yaml": None,
}

ONE_RUN = """
import datetime as dt, json, logging, sys
from palliasched import Solution, load_programme, replan
logging.getLogger("palliasched").setLevel(logging.ERROR)  # the ECTS note
faculty = load_programme(sys.argv[1])
previous = Solution.from_json(open(sys.argv[2], encoding="utf-8").read())
result = replan(faculty, previous, sys.argv[3], today=dt.date.fromisoformat(sys.argv[4]),
                seed=int(sys.argv[5]), workers=int(sys.argv[6]))
kinds = [m.kind.value for m in result.moves]
print(json.dumps({"status": result.status_words(), "objective": result.objective,
                  "runtime": result.runtime, "day": kinds.count("day"),
                  "other": len(kinds) - kinds.count("day"),
                  "verified": result.violations == ()}))
"""


def main() -> None:
    from palliasched import load_programme, solve

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--today", default="2026-12-07")
    parser.add_argument("--programme", type=Path, default=PROGRAMME)
    args = parser.parse_args()
    programme = args.programme.resolve()
    logging.getLogger("palliasched").setLevel(logging.ERROR)  # the ECTS note
    faculty = load_programme(programme)
    published = solve(faculty, time_limit=60, seed=0, workers=args.workers)
    assert published.solution is not None
    print(
        f"{programme.name} published with cost {published.objective}; re-planned on "
        f"{args.today} with {args.workers} workers, {args.seeds} seed(s) each\n"
    )
    print("| change | status | day moves | other moves | cost | verified | median | worst |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        previous = Path(folder) / "previous.json"
        previous.write_text(published.solution.to_json(), encoding="utf-8")
        everything = []
        for name, body in CHANGES.items():
            changes = ROOT / "data" / "changes-example.yaml"
            if body is not None:
                changes = Path(folder) / "changes.yaml"
                changes.write_text(f"version: 1\nchanges:{body}\n", encoding="utf-8")
            runs = []
            for seed in range(args.seeds):
                command = [sys.executable, "-c", ONE_RUN, str(programme), str(previous)]
                command += [str(changes), args.today, str(seed), str(args.workers)]
                done = subprocess.run(command, check=True, capture_output=True, text=True)
                runs.append(json.loads(done.stdout))
            times = [r["runtime"] for r in runs]
            everything += times
            run = runs[0]
            print(
                f"| {name} | {run['status']} | {run['day']} | {run['other']} "
                f"| {run['objective']} | {'yes' if run['verified'] else 'NO'} "
                f"| {statistics.median(times):.2f} s | {max(times):.2f} s |"
            )
    median, worst = statistics.median(everything), max(everything)
    print(f"\nover every run: median {median:.2f} s, worst {worst:.2f} s")


if __name__ == "__main__":
    main()
