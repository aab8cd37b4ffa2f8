"""A synthetic faculty: N programmes like the bundled M2, sharing rooms and instructors.

Three sites (Paris, Rennes, Brest); every programme is taught on one of them, one in five
may choose between two. Each programme has 11 UEs and about 60 half-days of sessions over
two semesters; instructors come from a faculty-wide pool (about 1.5 per programme plus 10),
each with an unavailable week or two and some with a weekly limit, so that programmes compete
for the same people and rooms. Deterministic for a given ``seed``. With ``half_days`` every
session is a half-day, twice as many of them (each session of the full shape as a morning and
an afternoon): about 60 sessions a programme, 6,000 at N = 100.

    python benchmarks/synthetic.py 10 > faculty-10.yaml
    python benchmarks/synthetic.py 100 --half-days > faculty-100-half-days.yaml
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import yaml

SITES = ("paris", "rennes", "brest")
LENGTHS = ("full-day", "full-day", "matin", "apres-midi")
HOURS = {"full-day": 8, "matin": 4, "apres-midi": 4}
YEAR = (dt.date(2026, 9, 1), dt.date(2027, 7, 9))
S1 = (dt.date(2026, 9, 1), dt.date(2026, 12, 31))
S2 = (dt.date(2027, 1, 1), dt.date(2027, 7, 9))


def synthetic_faculty(n: int, seed: int = 0, half_days: bool = False) -> dict[str, Any]:
    rng = random.Random(seed)
    rooms = []
    for site in SITES:
        count = max(2, -(-n // 3) + 1)
        for k in range(count):
            capacity = (40, 30, 20, 12)[k % 4]
            rooms.append(
                {
                    "id": f"{site}-{k}",
                    "name": f"{site.title()} {k}",
                    "site": site,
                    "capacity": capacity,
                }
            )
    instructors = []
    for k in range(n * 3 // 2 + 10):
        entry: dict[str, Any] = {"id": f"i{k}", "name": f"Intervenant {k}"}
        weeks = rng.sample(range(1, 40), rng.choice((1, 2)))
        entry["unavailable"] = [
            {
                "start": YEAR[0] + dt.timedelta(weeks=w, days=-YEAR[0].weekday()),
                "end": YEAR[0] + dt.timedelta(weeks=w, days=4 - YEAR[0].weekday()),
            }
            for w in sorted(weeks)
        ]
        if rng.random() < 0.3:
            entry["max_days_per_week"] = rng.choice((2, 3))
        instructors.append(entry)
    ids = [i["id"] for i in instructors]
    programmes = [_programme(p, rng, ids, half_days) for p in range(n)]
    return {
        "version": 1,
        "calendar": {
            "academic_year": {"start": YEAR[0], "end": YEAR[1]},
            "holidays": "metropole",
            "semesters": {
                "S1": {"start": S1[0], "end": S1[1]},
                "S2": {"start": S2[0], "end": S2[1]},
            },
            "closures": [
                {"start": dt.date(2026, 12, 19), "end": dt.date(2027, 1, 3), "reason": "Noël"}
            ],
        },
        "sites": [{"id": s, "name": s.title()} for s in SITES],
        "rooms": rooms,
        "instructors": instructors,
        "programmes": programmes,
    }


def _programme(
    p: int, rng: random.Random, instructors: list[str], half_days: bool = False
) -> dict[str, Any]:
    site = SITES[p % len(SITES)]
    team = rng.sample(instructors, 8)
    units = []
    for u in range(11):
        semester = "S1" if u < 6 else "S2"
        sessions = []
        for s in range(rng.choice((1, 2, 2, 3))):
            session: dict[str, Any] = {"id": f"p{p}-ue{u + 1}-{s}", "length": rng.choice(LENGTHS)}
            if rng.random() < 0.4:
                session["count"] = 2
            if rng.random() < 0.15:
                session["instructors"] = {"among": rng.sample(team, 4), "count": 2}
            else:
                session["instructors"] = rng.sample(team, rng.choice((1, 1, 2)))
            sessions += _halves(session) if half_days else [session]
        hours = sum(HOURS[s["length"]] * s.get("count", 1) for s in sessions)
        units.append(
            {
                "id": f"p{p}-ue{u + 1}",
                "code": f"UE {u + 1}",
                "title": f"Unité {u + 1}",
                "total_hours": max(hours, 22),
                "presence_hours": hours,
                "semester": semester,
                "sessions": sessions,
            }
        )
    return {
        "id": f"p{p}",
        "title": f"PROGRAMME {p}",
        "kind": "master",
        "site": [site, SITES[(p + 1) % len(SITES)]] if p % 5 == 4 else site,
        "cohorts": [{"id": f"p{p}-c", "name": f"Promotion {p}", "size": rng.randint(12, 30)}],
        "teaching_weeks": {"max_days": 5, "min_weeks_between": 1},
        "units": units,
    }


def _halves(session: dict[str, Any]) -> list[dict[str, Any]]:
    """A session as two half-days, a morning and an afternoon with the same instructors (a
    half-day session: twice, in the morning and in the afternoon). Drawing each half-day's
    slot at random instead made instances no calendar holds: an instructor teaching two
    days a week with more mornings to give than there are days."""
    return [
        {**session, "id": f"{session['id']}-{half}", "length": half}
        for half in ("matin", "apres-midi")
    ]


def write_synthetic(n: int, path: Path, seed: int = 0, half_days: bool = False) -> Path:
    faculty = synthetic_faculty(n, seed, half_days)
    text = yaml.safe_dump(faculty, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    faculty = synthetic_faculty(count, half_days="--half-days" in sys.argv[2:])
    sys.stdout.write(yaml.safe_dump(faculty, sort_keys=False, allow_unicode=True))
