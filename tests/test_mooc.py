"""The MOOC: a programme with no site, no room and no cohort to fill, whose sessions are weekly
module releases (all-day events, in order, one a week) and live online sessions given by
instructors who also teach in the Master 2."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from palliasched import Status, check_programme, load_programme, solve, verify
from palliasched.domain.calendar import iso_week
from palliasched.publish import publish

from .conftest import ROOT
from .rule_cases import apply, session
from .test_publish import ical_js

MOOC = ROOT / "data" / "mooc-soins-palliatifs-2027.yaml"
RELEASES = [f"mooc-m{k}-publication" for k in range(1, 6)]


@pytest.fixture(scope="module")
def mooc_calendar(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    faculty = load_programme(MOOC)
    result = solve(faculty, time_limit=20)
    assert result.status is Status.OPTIMAL and result.solution is not None
    assert verify(faculty, result.solution) == []
    out = tmp_path_factory.mktemp("mooc")
    publish(faculty, result.solution, out)
    return out, {s.session: s for s in result.solution.sessions}


def test_the_mooc_releases_a_module_a_week_in_order_within_its_window(
    mooc_calendar: tuple[Path, dict[str, object]],
) -> None:
    _, placed = mooc_calendar
    dates = [placed[r].date for r in RELEASES]  # type: ignore[attr-defined]
    assert dates == sorted(dates)
    assert len({iso_week(d) for d in dates}) == len(dates)  # one a week
    assert all(dt.date(2027, 4, 22) <= d <= dt.date(2027, 6, 15) for d in dates)
    for release in RELEASES:
        session = placed[release]
        assert session.rooms == () and session.site is None and session.instructors == ()  # type: ignore[attr-defined]
    lives = [s for sid, s in placed.items() if sid.startswith("mooc-live")]
    assert len(lives) == 3
    assert all(s.slots == ("18:00-19:00",) for s in lives)  # type: ignore[attr-defined]


def test_its_feed_reads_in_ical_js_releases_all_day_and_live_sessions_timed(
    mooc_calendar: tuple[Path, dict[str, object]],
) -> None:
    out, placed = mooc_calendar
    (feed,) = ical_js([out / "feeds" / "programme-mooc-sp.ics"])
    events = {e["summary"]: e for e in feed["events"]}  # type: ignore[attr-defined]
    first = events["Module 1 : Mise en ligne du module 1"]
    day = placed["mooc-m1-publication"].date  # type: ignore[attr-defined]
    assert first["allDay"] and first["startDate"] == str(day)
    assert first["endDate"] == str(day + dt.timedelta(days=1))
    live = [e for e in feed["events"] if not e["allDay"]]  # type: ignore[attr-defined]
    assert len(live) == 3 and all(e["tzid"] == "Europe/Paris" for e in live)


def test_the_faculty_includes_the_mooc_and_its_instructors_are_the_masters() -> None:
    faculty = load_programme(ROOT / "data" / "faculty-2026-2027.yaml")
    assert faculty.has("programme", "mooc-sp")
    masters = {i for s in faculty.programme("m2-mp").sessions for i in s.candidate_instructors}
    live = faculty.session("mooc-live-1")
    assert set(live.candidate_instructors) <= masters  # their clashes are checked together


def test_a_release_is_material_not_a_class(tmp_path: Path) -> None:
    text = apply((session("u2-a", "release: true"),))
    text = text.replace(
        "{id: u2-a, title: C, length: matin, instructors: [ana], release: true}",
        "{id: u2-a, title: C, release: true}",
    )
    path = tmp_path / "micro.yaml"
    path.write_text(
        text.replace(
            "presence_hours: 4\n        semester: S2",
            "presence_hours: 0\n        async_hours: 4\n        semester: S2",
        ),
        encoding="utf-8",
    )
    faculty = load_programme(path)
    spec = faculty.session("u2-a")
    assert spec.release and spec.online and spec.cohorts == () and spec.sites == ()
    assert faculty.programme("du").counted_minutes(spec) == 0

    path.write_text(apply((session("u2-a", "release: true"),)), encoding="utf-8")
    (error,) = check_programme(path).errors
    assert "a release has no instructors, cohorts, site nor times" in error.message
