"""Publishing: the workbook, the iCalendar feeds (read by ical.js and a CalDAV server), the
subscription page and the analyst's DataFrame, on the solved bundled M2 programme."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import openpyxl
import pandas as pd
import pytest

from palliasched import Faculty, Solution, load_solution, solve, verify
from palliasched.domain.calendar import FRENCH_WEEKDAYS
from palliasched.domain.internships import periods
from palliasched.publish import caldav_resources, publish, session_uid
from palliasched.publish.internship_events import internship_uid
from palliasched.publish.summaries import HOURS_HEADERS

from .conftest import ROOT
from .test_solve import run_cli

JS = ROOT / "tests" / "js"
PARIS = ZoneInfo("Europe/Paris")
LATER = dt.datetime(2027, 2, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def solved(m2_solution: Solution) -> Solution:
    return m2_solution


@pytest.fixture(scope="module")
def out(solved: Solution, m2: Faculty, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("published")
    publish(m2, solved, folder, base_url="https://example.org/m2")
    return folder


def moved(solution: Solution, session_id: str, days: int) -> Solution:
    sessions = tuple(
        replace(s, date=s.date + dt.timedelta(days=days)) if s.session == session_id else s
        for s in solution.sessions
    )
    return Solution(sessions, solution.faculty)


# --- workbook ------------------------------------------------------------------------------


def test_the_workbook_has_no_formula_and_french_day_headers(out: Path, solved: Solution) -> None:
    book = openpyxl.load_workbook(out / "calendar.xlsx")
    grid = book["MASTER 2 MEDECINE PALLIATIVE"]
    assert grid["A1"].value == "MASTER 2 MEDECINE PALLIATIVE 2026-2027"
    headers = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                text = str(cell.value or "")
                found = re.fullmatch(r"(\w+) (\d\d)/(\d\d)/(\d{4})", text)
                if found and sheet is grid:
                    day = dt.date(int(found[4]), int(found[3]), int(found[2]))
                    assert found[1] == FRENCH_WEEKDAYS[day.weekday()], f"{text} is wrong"
                    headers.append(day)
    # Every teaching day of the calendar has its header, in order.
    assert headers == sorted({s.date for s in solved.sessions})
    values = [str(c.value) for row in grid.iter_rows() for c in row if c.value]
    assert "9h30-12h30" in values and "14h-18h" in values
    assert "Semaine" in values and "1er semestre 2026-2027" in values
    assert any(
        v.startswith("UE 1 : PEDAGOGIE\nLaurent Calvel\nCatherine Chevalier") for v in values
    )


def test_full_days_are_merged_and_parallel_groups_side_by_side(out: Path) -> None:
    grid = openpyxl.load_workbook(out / "calendar.xlsx")["MASTER 2 MEDECINE PALLIATIVE"]
    merged = [str(r) for r in grid.merged_cells.ranges]
    cells = {c.coordinate: str(c.value) for row in grid.iter_rows() for c in row if c.value}
    pedagogie = [k for k, v in cells.items() if v.startswith("UE 1 : PEDAGOGIE\n")]
    # A full day spans the morning and afternoon rows.
    assert any(r.startswith(pedagogie[0] + ":") for r in merged)
    groups = sorted(k for k, v in cells.items() if "Présentation du RSCA" in v)
    assert len(groups) == 4 and len({re.sub(r"\D", "", k) for k in groups}) == 1  # one row
    assert [cells[k].split("\n")[2] for k in groups] == [f"Groupe {n}/4" for n in (1, 2, 3, 4)]


def test_the_hours_sheet_matches_sessions_csv(out: Path, m2: Faculty) -> None:
    sheet = openpyxl.load_workbook(out / "calendar.xlsx")["Heures par UE"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HOURS_HEADERS
    from_sheet = {r[1]: r[7] for r in rows[1:]}
    from_csv: dict[str, float] = defaultdict(float)
    with (out / "sessions.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            from_csv[row["ue"]] += float(row["counted_hours"])
    del from_csv[""]  # the opening day belongs to no UE
    assert {k: v for k, v in from_sheet.items() if v} == dict(from_csv)
    declared = {r[1]: r[6] for r in rows[1:]}
    assert declared["UE 6"] == 16 and from_sheet["UE 6"] == 16  # the published grid said 24
    book = openpyxl.load_workbook(out / "calendar.xlsx")
    names = {s.title for s in book.worksheets}
    assert {"Intervenants", "Salles", "Qualité", "Règles souples"} <= names
    # The scorecard in French, measured on the calendar: one line per criterion and cohort.
    card = {(r[0], r[1]): r[2] for r in book["Qualité"].iter_rows(min_row=2, values_only=True)}
    assert card[("Promotion 2026-2027", "Semaines d'une seule demi-journée")] == "aucune"
    assert card[("Toutes", "Règles impératives enfreintes")] == "0"


def test_text_that_looks_like_a_formula_stays_text(
    m2: Faculty, solved: Solution, tmp_path: Path
) -> None:
    hostile = '=HYPERLINK("http://evil","x")'
    spec = m2.session("ue6-oncologie")
    programme = m2.programme(spec.programme)
    sessions = tuple(
        replace(s, title=hostile) if s.id == spec.id else s for s in programme.sessions
    )
    calvel = replace(m2.instructor("calvel"), name="+33 Calvel")
    faculty = replace(
        m2,
        programmes=(replace(programme, sessions=sessions),),
        instructors=tuple(calvel if i.id == "calvel" else i for i in m2.instructors),
    )
    publish(faculty, solved, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "calendar.xlsx")
    texts = [c for s in book.worksheets for row in s.iter_rows() for c in row if c.value]
    assert all(c.data_type != "f" for c in texts)
    assert any(hostile in str(c.value) for c in texts)
    assert any(c.value == "+33 Calvel" for c in texts)  # the workload sheet's name cell
    rows = list(csv.DictReader(io.StringIO((tmp_path / "sessions.csv").read_text("utf-8"))))
    assert {r["title"] for r in rows if r["session_id"] == spec.id} == {"'" + hostile}


# --- feeds ---------------------------------------------------------------------------------


def ical_js(files: list[Path]) -> list[dict[str, object]]:
    node = shutil.which("node")
    assert node is not None, "node is needed (make test installs ical.js with npm)"
    assert (JS / "node_modules" / "ical.js").is_dir(), "run make test: it installs ical.js"
    command = [node, str(JS / "parse_feeds.mjs"), *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_every_feed_parses_in_ical_js_with_paris_times(
    out: Path, m2: Faculty, solved: Solution
) -> None:
    files = sorted((out / "feeds").glob("*.ics"))
    kinds = {f.name.split("-")[0] for f in files}
    assert kinds == {"programme", "cohort", "instructor", "room", "ue"}
    parsed = ical_js(files)
    assert len(parsed) == len(files)
    expected = {}
    for placed in solved.sessions:
        spec = m2.session(placed.session)
        slots = m2.programme(spec.programme).slots.placed(placed.slots)
        start = dt.datetime.combine(placed.date, min(s.start for s in slots), PARIS)
        expected[session_uid(spec.programme, spec.id)] = start.astimezone(dt.UTC)
    # The internship's weeks: an all-day event, its dates as written, the end exclusive.
    stages = {
        internship_uid(unit, cohort): (span.start, span.end + dt.timedelta(days=1))
        for unit, cohort, span in periods(m2, solved)
    }
    assert stages
    offsets = set()
    for feed in parsed:
        assert feed["method"] == "PUBLISH" and feed["name"]
        for event in feed["events"]:  # type: ignore[attr-defined]
            if event["uid"] in stages:
                first, after = stages[event["uid"]]
                assert event["allDay"], event
                assert (event["startDate"], event["endDate"]) == (str(first), str(after))
                continue
            start = dt.datetime.fromisoformat(event["start"].replace("Z", "+00:00"))
            assert start == expected[event["uid"]], event
            assert event["tzid"] == "Europe/Paris"
            offsets.add(event["utcOffsetSeconds"])
    # Both sides of the October and March clock changes are read right.
    assert offsets == {3600, 7200}
    (programme,) = [f for f in parsed if "programme-" in str(f["file"])]
    events = len(solved.sessions) + len(stages)
    assert len(programme["events"]) == events  # type: ignore[arg-type]


def test_republishing_or_resolving_gives_byte_identical_feeds(
    out: Path, m2: Faculty, solved: Solution, tmp_path: Path
) -> None:
    before = {p.name: p.read_bytes() for p in (out / "feeds").glob("*.ics")}
    publish(m2, solved, out, base_url="https://example.org/m2", now=LATER)
    assert {p.name: p.read_bytes() for p in (out / "feeds").glob("*.ics")} == before
    again = solve(m2, time_limit=30).solution
    assert again is not None
    publish(m2, again, tmp_path)  # a fresh folder: another solve of the same input
    assert {p.name: p.read_bytes() for p in (tmp_path / "feeds").glob("*.ics")} == before


def test_a_moved_session_raises_its_sequence_only(
    m2: Faculty, solved: Solution, tmp_path: Path
) -> None:
    publish(m2, solved, tmp_path)
    before = {p.name: p.read_bytes() for p in (tmp_path / "feeds").glob("*.ics")}
    publish(m2, moved(solved, "ue6-oncologie", 7), tmp_path, now=LATER)
    after = {p.name: p.read_bytes() for p in (tmp_path / "feeds").glob("*.ics")}
    changed = {name for name in before if before[name] != after[name]}
    # The feeds holding that session, and only those.
    assert changed == {
        "programme-m2-mp.ics",
        "cohort-m2-mp-2026.ics",
        "instructor-serresse.ics",
        "ue-ue6.ics",
    } | {n for n in changed if n.startswith("room-")}
    calendar = icalendar.Calendar.from_ical(after["instructor-serresse.ics"])
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    oncologie = events[session_uid("m2-mp", "ue6-oncologie")]
    other = events[session_uid("m2-mp", "ue6-neuro-pneumo-geriatrie")]
    assert oncologie["sequence"] == 1 and oncologie.decoded("dtstamp") == LATER
    assert other["sequence"] == 0 and other.decoded("dtstamp") < LATER
    # A removed session leaves every feed.
    fewer = Solution(tuple(s for s in solved.sessions if s.session != "ue6-oncologie"))
    publish(m2, fewer, tmp_path, now=LATER)
    text = (tmp_path / "feeds" / "instructor-serresse.ics").read_text("utf-8")
    assert session_uid("m2-mp", "ue6-oncologie") not in text


def test_a_caldav_server_gets_each_event_once_and_updated_in_place(
    m2: Faculty, solved: Solution, tmp_path: Path, radicale: str
) -> None:
    import caldav

    client = caldav.DAVClient(url=radicale, username="calvel", password="unused")
    calendar = client.principal().make_calendar(name="Laurent Calvel", cal_id="calvel")
    publish(m2, solved, tmp_path)

    def upload() -> dict[str, bytes]:
        resources = caldav_resources((tmp_path / "feeds" / "instructor-calvel.ics").read_bytes())
        for data in resources.values():
            assert b"METHOD" not in data
            calendar.save_event(data.decode("utf-8"), increase_seqno=False)
        return resources

    sent = upload()
    stored = {str(e.icalendar_component["uid"]): e for e in calendar.events()}
    assert stored.keys() == sent.keys()
    for uid, data in sent.items():
        mine = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
        theirs = stored[uid].icalendar_component
        assert theirs.decoded("dtstart") == mine.decoded("dtstart")
        assert str(theirs["summary"]) == str(mine["summary"])
    session = next(s for s in solved.sessions if "calvel" in s.instructors)
    publish(m2, moved(solved, session.session, 7), tmp_path, now=LATER)
    upload()
    stored_after = {str(e.icalendar_component["uid"]): e for e in calendar.events()}
    assert stored_after.keys() == stored.keys()  # updated, not duplicated
    uid = session_uid("m2-mp", session.session)
    start = stored_after[uid].icalendar_component.decoded("dtstart")
    assert start.date() == session.date + dt.timedelta(days=7)
    assert stored_after[uid].icalendar_component["sequence"] == 1


# --- page and DataFrame -----------------------------------------------------------------


def test_the_page_lists_every_feed_with_webcal_links_and_no_network_resource(out: Path) -> None:
    page = (out / "index.html").read_text("utf-8")
    for feed in (out / "feeds").glob("*.ics"):
        assert f"webcal://example.org/m2/feeds/{feed.name}" in page
        assert f"https://example.org/m2/feeds/{feed.name}" in page
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert 'lang="fr"' in page and "S'abonner" in page and "novembre 2026" in page
    # January 2027 has no teaching for the M2: shown empty between December and February.
    assert page.index("décembre 2026") < page.index("janvier 2027") < page.index("février 2027")


def test_without_a_base_url_the_links_are_relative(
    m2: Faculty, solved: Solution, tmp_path: Path
) -> None:
    publish(m2, solved, tmp_path)
    page = (tmp_path / "index.html").read_text("utf-8")
    assert 'href="feeds/cohort-m2-mp-2026.ics"' in page and "webcal://" not in page


def test_the_dataframe_is_tidy_typed_and_saved_as_parquet(
    out: Path, solved: Solution, m2: Faculty
) -> None:
    frame = solved.to_dataframe()
    assert len(frame) == len(solved.sessions)
    assert str(frame["start"].dt.tz) == "Europe/Paris"
    assert isinstance(frame["ue"].dtype, pd.CategoricalDtype)
    assert isinstance(frame["programme"].dtype, pd.CategoricalDtype)
    assert frame["counted_hours"].dtype == "float64"
    row = frame[frame["session_id"] == "ue5-rsca-s1"].iloc[0]
    assert len(row["instructors"]) == 6 and row["start"].hour == 9
    exploded = solved.to_dataframe(explode="instructors")
    assert len(exploded) == sum(len(s.instructors) for s in solved.sessions)
    assert set(exploded["instructors"]) == {
        m2.instructor(i).name for s in solved.sessions for i in s.instructors
    }
    saved = pd.read_parquet(out / "sessions.parquet")
    assert list(saved.columns) == list(frame.columns)
    assert (saved["start"] == frame["start"]).all()
    with pytest.raises(ValueError, match="explode must be one of"):
        solved.to_dataframe(explode="dates")


def test_publish_republishes_a_saved_solution_from_the_command_line(
    out: Path, tmp_path: Path, m2: Faculty
) -> None:
    done = run_cli("publish", str(out / "solution.json"), "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "calendar.xlsx").is_file() and (tmp_path / "index.html").is_file()
    reloaded = load_solution(tmp_path / "solution.json")
    assert reloaded.faculty is not None and verify(reloaded.faculty, reloaded) == []
    bad = tmp_path / "broken.json"
    bad.write_text("{", encoding="utf-8")
    done = run_cli("publish", str(bad), "--out", str(tmp_path / "x"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "broken.json" in done.stderr


def test_published_files_are_complete_and_readable_by_others(out: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.startswith(".")]  # no temporary file left behind
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, path
