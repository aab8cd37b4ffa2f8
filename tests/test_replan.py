"""Re-planning: designed changes on the bundled programmes, checked by the independent checker.

For each change the number of sessions moved to another day is the minimum: a search with one
fewer allowed is proven infeasible. Past sessions never move, and the feeds published into the
same folder update in place (a CalDAV server sees the moved event, not a duplicate).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
from pathlib import Path

import icalendar
import openpyxl
import pytest

from palliasched import Faculty, MoveKind, Result, Solution, load_solution, replan, verify
from palliasched.io.changes_file import read_changes
from palliasched.publish import caldav_resources, publish, session_uid
from palliasched.replan.replanning import make_plan
from palliasched.solver.replan import replan_search
from palliasched.solver.search import Settings

from .conftest import DATA, M2
from .test_solve import run_cli

EXAMPLE = DATA / "changes-example.yaml"
DECEMBER = dt.date(2026, 12, 7)  # mid-year: the first semester's sessions have taken place
LATER = dt.datetime(2027, 1, 10, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def previous(m2_solution: Solution) -> Solution:
    return m2_solution


@pytest.fixture(scope="module")
def published(m2: Faculty, previous: Solution, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("published")
    publish(m2, previous, folder)
    return folder


def changes_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "changes.yaml"
    path.write_text("version: 1\nchanges:\n" + body, encoding="utf-8")
    return path


def placed_on(solution: Solution, session_id: str) -> dt.date:
    return next(s.date for s in solution.sessions if s.session == session_id)


def day_moves(result: Result) -> int:
    return sum(1 for m in result.moves if m.kind is MoveKind.DAY)


def assert_minimal(
    programme: Faculty,
    previous: Solution,
    changes: Path | None,
    today: dt.date,
    moved: int,
    slot_moved: int | None = None,
) -> None:
    """The moved count is the minimum: one fewer day move is proven impossible (and, given
    ``slot_moved``, with as many day moves, one fewer move to another slot)."""
    plan = make_plan(programme, previous, None if changes is None else read_changes(changes), today)
    settings = Settings(30, 0, 2, None, None, time.monotonic())
    fewer = replan_search(plan.frozen, previous, set(plan.past), settings, max_day_moves=moved - 1)
    assert fewer.status.value == "infeasible"
    if slot_moved is not None:
        fewer = replan_search(
            plan.frozen,
            previous,
            set(plan.past),
            settings,
            max_day_moves=moved,
            max_slot_moves=slot_moved - 1,
        )
        assert fewer.status.value == "infeasible"


def assert_sound(result: Result, previous: Solution, today: dt.date | None) -> None:
    """Verified by the checker against the changed programme; nothing before today moved."""
    assert result.solution is not None and result.solution.faculty is not None
    assert result.violations == ()
    assert verify(result.solution.faculty, result.solution) == []
    if today is not None:
        now = {s.session: s for s in result.solution.sessions}
        for before in previous.sessions:
            if before.date < today and before.session in now:
                assert now[before.session] == before, before.session


# --- designed changes on the M2 ------------------------------------------------------------


def test_an_instructor_away_moves_only_her_sessions(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    ue6 = ["ue6-oncologie", "ue6-neuro-pneumo-geriatrie"]
    first = min(placed_on(previous, s) for s in ue6)
    last = max(placed_on(previous, s) for s in ue6)
    path = changes_file(
        tmp_path,
        f"  - instructor: serresse\n    unavailable: [{{start: {first}, end: {last}}}]\n"
        "    reason: congrès\n",
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert result.status.value == "optimal"
    assert_sound(result, previous, DECEMBER)
    assert {m.session for m in result.moves} == set(ue6)
    assert day_moves(result) == 2
    move = next(m for m in result.moves if m.session == "ue6-oncologie")
    assert str(move).startswith("UE 6 : CLINIQUE ONCOLOGIE moves from ")
    assert str(move).endswith("(Laure Serresse unavailable: congrès)")
    assert re.search(r"from \w{3} \d\d/\d\d/2027 to \w{3} \d\d/\d\d/2027", str(move))
    assert_minimal(m2, previous, path, DECEMBER, 2)
    again = replan(m2, previous, path, today=DECEMBER, time_limit=30)  # deterministic
    assert again.solution == result.solution and again.moves == result.moves


def test_a_pool_instructor_away_is_replaced_the_session_stays(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    rsca = next(s for s in previous.sessions if s.session == "ue10-rsca-1")
    away = next(i for i in rsca.instructors if i != "bauthamy")
    path = changes_file(tmp_path, f"  - instructor: {away}\n    unavailable: [{rsca.date}]\n")
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert_sound(result, previous, DECEMBER)
    assert [(m.session, m.kind) for m in result.moves] == [("ue10-rsca-1", MoveKind.INSTRUCTORS)]
    move = result.moves[0]
    assert move.after is not None and move.after.date == rsca.date
    assert away not in move.after.instructors and away in move.instructors  # told too
    name = m2.instructor(away).name
    assert f": {name} replaced by " in str(move)  # only who changed is named
    assert str(move).endswith(f"({name} unavailable)")
    assert_minimal(m2, previous, path, DECEMBER, 0, slot_moved=1)


def test_a_closed_room_changes_rooms_not_days(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    # The first month of 2027 taught in Coc 3024 (Coc 3026, larger, can take its sessions).
    room = "coc-3024"
    month = min(s.date for s in previous.sessions if s.date.year == 2027 and room in s.rooms).month
    first = [s for s in previous.sessions if s.date.year == 2027 and s.date.month == month]
    last_day = 28 if month == 2 else 30
    path = changes_file(
        tmp_path,
        f"  - room: {room}\n    closed: [{{start: 2027-{month:02d}-01, "
        f"end: 2027-{month:02d}-{last_day}}}]\n",
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert_sound(result, previous, DECEMBER)
    hit = {s.session for s in first if room in s.rooms}
    assert {m.session for m in result.moves} == hit
    assert {m.kind for m in result.moves} == {MoveKind.ROOM}


def test_a_moved_window_moves_its_sessions_the_fewest_times(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    path = changes_file(
        tmp_path, "  - unit: ue6\n    window: {start: 2027-06-01, end: 2027-06-30}\n"
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert_sound(result, previous, DECEMBER)
    moved = {m.session for m in result.moves if m.kind is MoveKind.DAY}
    assert {"ue6-oncologie", "ue6-neuro-pneumo-geriatrie"} <= moved
    for session in ("ue6-oncologie", "ue6-neuro-pneumo-geriatrie"):
        assert placed_on(result.solution, session) >= dt.date(2027, 6, 1)  # type: ignore[arg-type]
    assert_minimal(m2, previous, path, DECEMBER, day_moves(result))


def test_hours_gained_add_a_session_and_a_cancelled_one_leaves(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    path = changes_file(
        tmp_path,
        "  - unit: ue8\n    presence_hours: 24\n"
        "  - add_session: {id: ue8-projet-suite, title: Projet (suite), length: apres-midi,"
        " instructors: [triol, calvel]}\n    unit: ue8\n    reason: UE 8 passe à 24 h\n"
        "  - remove_session: ue4-relation-s2\n  - unit: ue4\n    presence_hours: 16\n",
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert_sound(result, previous, DECEMBER)
    kinds = {m.session: m.kind for m in result.moves}
    assert kinds == {"ue8-projet-suite": MoveKind.ADDED, "ue4-relation-s2": MoveKind.REMOVED}
    added = next(m for m in result.moves if m.kind is MoveKind.ADDED)
    assert added.reason == "UE 8 passe à 24 h" and added.after is not None
    assert added.after.date >= DECEMBER


def test_an_added_session_keeps_its_own_clock_times(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    path = changes_file(
        tmp_path,
        "  - unit: ue8\n    presence_hours: 22\n"
        "  - add_session: {id: ue8-bilan-court, title: Bilan, start: '14:00', end: '16:00',"
        " instructors: [triol]}\n    unit: ue8\n",
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert_sound(result, previous, DECEMBER)
    (added,) = [m for m in result.moves if m.kind is MoveKind.ADDED]
    assert added.after is not None and added.after.slots == ("14:00-16:00",)


def test_an_unchanged_year_moves_nothing(m2: Faculty, previous: Solution) -> None:
    result = replan(m2, previous, None, today=DECEMBER, time_limit=30)
    assert_sound(result, previous, DECEMBER)
    assert result.moves == ()
    assert result.solution is not None and result.solution.sessions == previous.sessions


def test_a_change_that_breaks_the_past_is_named_and_nothing_moves(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    past = next(s for s in previous.sessions if s.date < DECEMBER and "mallet" in s.instructors)
    path = changes_file(
        tmp_path,
        "  - room: coc-2010\n    closed: [2027-03-01]\n"
        f"  - instructor: mallet\n    unavailable: [{past.date}]\n",
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert result.status.value == "infeasible" and result.solution is None
    assert "Change #2" in result.conflicts[0] and "Donatien Mallet" in result.conflicts[0]
    assert "Change #1" not in " ".join(result.conflicts)
    assert any("Donatien Mallet" in line for line in result.conflicts[1:])


def test_an_impossible_change_is_explained_by_name(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    path = changes_file(
        tmp_path,
        "  - instructor: serresse\n    unavailable: [{start: 2027-05-01, end: 2027-06-30}]\n",
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert result.status.value == "infeasible"
    assert result.conflicts[0].startswith("Change #1 (")
    assert "Laure Serresse unavailable" in result.conflicts[0]
    assert any("UE 6" in line for line in result.conflicts[1:])


def test_an_added_session_is_blamed_with_the_hours_it_makes(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    """Sarah Dauchy teaches only in November: a UE 2 session for her added in December fails.
    Left out alone, either change leaves UE 2's hours wrong: they are blamed together."""
    path = changes_file(
        tmp_path,
        "  - room: coc-2010\n    closed: [2027-03-01]\n"
        "  - unit: ue2\n    presence_hours: 20\n"
        "  - add_session: {id: ue2-psychiatrie-suite, title: Psychiatrie (suite),"
        " length: apres-midi, instructors: [dauchy]}\n    unit: ue2\n",
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert result.status.value == "infeasible"
    assert result.conflicts[0].startswith(f"Changes #2, #3 ({path}:5, {path}:7), UE 2 now 20 h")
    assert "without them a calendar exists" in result.conflicts[0]
    assert any("Sarah Dauchy" in line for line in result.conflicts[1:])


def test_a_session_pinned_in_the_past_is_refused(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    from palliasched import PalliaschedError

    path = changes_file(
        tmp_path,
        "  - unit: ue8\n    presence_hours: 24\n"
        "  - add_session: {id: ue8-bilan, title: Bilan, length: apres-midi, semester: S1,"
        " date: 2026-11-30, instructors: [triol]}\n    unit: ue8\n",
    )
    with pytest.raises(PalliaschedError, match=r"'ue8-bilan' is pinned to 30/11/2026, before"):
        replan(m2, previous, path, today=DECEMBER)


def test_sessions_never_move_into_the_past(m2: Faculty, previous: Solution, tmp_path: Path) -> None:
    """UE 6 may now take an earlier regroupement, cheaper, but not one before 'today'."""
    ue6 = ["ue6-oncologie", "ue6-neuro-pneumo-geriatrie"]
    first = min(placed_on(previous, s) for s in ue6)
    # Its instructor away from its May days to the end of May: an earlier regroupement it
    # joins costs nothing more, a June one costs a teaching week of its own.
    path = changes_file(
        tmp_path,
        "  - unit: ue6\n    window: {start: 2027-01-04, end: 2027-06-30}\n"
        f"  - instructor: serresse\n    unavailable: [{{start: {first}, end: 2027-05-31}}]\n",
    )
    free = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert free.solution is not None
    assert any(placed_on(free.solution, s) < first for s in ue6)  # earlier is better...
    result = replan(m2, previous, path, today=first, time_limit=30)
    assert_sound(result, previous, first)  # ...but no session moves into the past
    assert result.solution is not None
    for session in ue6:
        assert placed_on(result.solution, session) > first


def test_a_closed_site_moves_that_day_s_sessions_and_says_why(
    m2: Faculty, previous: Solution, tmp_path: Path
) -> None:
    day = placed_on(previous, "ue7-ethique-2")
    path = changes_file(tmp_path, f"  - site: cochin\n    closed: [{day}]\n    reason: grève\n")
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert_sound(result, previous, DECEMBER)
    hit = {s.session for s in previous.sessions if s.date == day}
    direct = [m for m in result.moves if m.reason == "Faculté de Cochin closed: grève"]
    assert {m.session for m in direct} == hit
    assert all(m.kind is MoveKind.DAY for m in direct)
    assert "to another day" in result.summary()
    assert_minimal(m2, previous, path, DECEMBER, day_moves(result))


def test_a_calendar_of_another_programme_is_refused(m2: Faculty, previous: Solution) -> None:
    from dataclasses import replace

    from palliasched import PalliaschedError

    stranger = replace(previous.sessions[0], session="not-a-session")
    with pytest.raises(PalliaschedError, match=r"'not-a-session'.*another programme"):
        replan(m2, Solution((*previous.sessions, stranger)), None, today=DECEMBER)


# --- a second programme: the DIU on two sites ------------------------------------------------


def test_the_diu_replans_an_instructor_away_with_the_fewest_moves(
    tmp_path: Path, diu: Faculty, diu_solution: Solution
) -> None:
    previous = diu_solution
    later = [s for s in previous.sessions if s.instructors]
    target = later[len(later) // 2]
    person = target.instructors[0]
    path = changes_file(tmp_path, f"  - instructor: {person}\n    unavailable: [{target.date}]\n")
    today = min(s.date for s in previous.sessions)
    result = replan(diu, previous, path, today=today, time_limit=30)
    assert_sound(result, previous, today)
    moved = day_moves(result)
    hit = sum(1 for s in previous.sessions if s.date == target.date and person in s.instructors)
    assert moved >= hit >= 1
    assert_minimal(diu, previous, path, today, moved)


def test_the_diu_moves_a_session_to_its_other_site_rather_than_another_day(
    tmp_path: Path, diu: Faculty, diu_solution: Solution
) -> None:
    """The evaluation day may be in Brest or Rennes: Brest closed that day, it goes to Rennes."""
    previous = diu_solution
    day = placed_on(previous, "diu-soutenances")
    site = next(s.site for s in previous.sessions if s.session == "diu-soutenances")
    path = changes_file(tmp_path, f"  - site: {site}\n    closed: [{day}]\n")
    today = min(s.date for s in previous.sessions)
    result = replan(diu, previous, path, today=today, time_limit=30)
    assert_sound(result, previous, today)
    assert [(m.session, m.kind) for m in result.moves] == [("diu-soutenances", MoveKind.SLOT)]
    move = result.moves[0]
    assert move.after is not None and move.after.date == day and move.after.site != site
    assert move.reason.endswith("closed")
    assert re.search(
        r"moves from \w{3} \d\d/\d\d/2027 at .+ to \w{3} \d\d/\d\d/2027 at ", str(move)
    )
    assert_minimal(diu, previous, path, today, 0, slot_moved=1)


# --- publishing the new calendar into the folder of the old one ----------------------------


def test_republishing_keeps_unchanged_events_byte_identical(
    m2: Faculty, previous: Solution, published: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    shutil.copytree(published, folder)
    result = replan(m2, previous, EXAMPLE, today=DECEMBER, time_limit=30)
    assert result.solution is not None and result.solution.faculty is not None
    publish(result.solution.faculty, result.solution, folder, now=LATER, moves=result.moves)
    before, after = _events(published / "feeds"), _events(folder / "feeds")
    moved = {session_uid("m2-mp", m.session) for m in result.moves if m.kind is not MoveKind.ADDED}
    added = {session_uid("m2-mp", m.session) for m in result.moves if m.kind is MoveKind.ADDED}
    assert moved and added
    assert after.keys() == before.keys() | added
    for uid, text in after.items():
        event = icalendar.Event.from_ical(text)
        if uid in moved:
            assert text != before[uid] and event["sequence"] == 1
            assert event.decoded("dtstamp") == LATER
        elif uid in added:
            assert event["sequence"] == 0
        else:
            assert text == before[uid], uid  # byte-identical
    book = openpyxl.load_workbook(folder / "calendar.xlsx")
    assert book.sheetnames[0] == "Changes"
    red = {
        str(cell.comment.text).rsplit(" ", 1)[-1]
        for row in book.worksheets[1].iter_rows()
        for cell in row
        if cell.comment is not None and cell.font.color is not None and cell.font.bold
    }
    assert red == {m.session for m in result.moves if m.after is not None}
    sheet = book["Changes"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Séance", "Changement")
    assert {r[0] for r in rows[1:]} == {m.label for m in result.moves}
    reasons = {r[8] for r in rows[1:]}  # in French, as the rest of the workbook
    assert {"Laure Serresse indisponible : congrès", "salle Coc 3024 fermée : travaux"} <= reasons
    notes = (folder / "changes.txt").read_text("utf-8")
    assert "Whom to notify:" in notes and "  Laure Serresse:" in notes
    reloaded = load_solution(folder / "solution.json")
    assert reloaded.faculty is not None and reloaded.faculty.has("session", "ue8-projet-suite")
    assert verify(reloaded.faculty, reloaded) == []


def test_a_removed_session_leaves_every_feed(
    m2: Faculty, previous: Solution, published: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    shutil.copytree(published, folder)
    path = changes_file(
        tmp_path, "  - remove_session: ue4-relation-s2\n  - unit: ue4\n    presence_hours: 16\n"
    )
    result = replan(m2, previous, path, today=DECEMBER, time_limit=30)
    assert result.solution is not None and result.solution.faculty is not None
    publish(result.solution.faculty, result.solution, folder, now=LATER, moves=result.moves)
    uid = session_uid("m2-mp", "ue4-relation-s2")
    assert uid in _events(published / "feeds")
    assert uid not in _events(folder / "feeds")
    emptied = (folder / "feeds" / "instructor-van-lander.ics").read_bytes()
    assert b"BEGIN:VCALENDAR" in emptied and b"VEVENT" not in emptied  # her calendar clears


def test_replanning_again_from_the_new_grid_changes_nothing(
    m2: Faculty, previous: Solution, published: Path, tmp_path: Path
) -> None:
    """The changes file is the year's log: applied again, on the calendar it produced (read
    from its workbook, which holds the added session and not the removed one), it is a no-op."""
    folder = tmp_path / "site"
    shutil.copytree(published, folder)
    path = changes_file(
        tmp_path,
        (EXAMPLE.read_text("utf-8").split("changes:\n", 1)[1])
        + "  - remove_session: ue4-relation-s2\n  - unit: ue4\n    presence_hours: 16\n",
    )
    first = replan(m2, folder / "calendar.xlsx", path, today=DECEMBER, time_limit=30)
    assert first.solution is not None and first.solution.faculty is not None
    kinds = {m.session: m.kind for m in first.moves}
    assert kinds["ue4-relation-s2"] is MoveKind.REMOVED
    assert kinds["ue8-projet-suite"] is MoveKind.ADDED
    publish(first.solution.faculty, first.solution, folder, now=LATER, moves=first.moves)
    feeds = _events(folder / "feeds")
    again = replan(m2, folder / "calendar.xlsx", path, today=DECEMBER, time_limit=30)
    assert again.moves == ()
    assert again.solution is not None and again.solution.sessions == first.solution.sessions
    assert again.solution.faculty is not None
    publish(again.solution.faculty, again.solution, folder, now=LATER + dt.timedelta(days=1))
    assert _events(folder / "feeds") == feeds


def test_a_caldav_subscriber_sees_the_moved_event_updated_in_place(
    m2: Faculty, previous: Solution, tmp_path: Path, radicale: str
) -> None:
    import caldav

    client = caldav.DAVClient(url=radicale, username="serresse", password="unused")
    calendar = client.principal().make_calendar(name="Laure Serresse", cal_id="serresse-replan")
    folder = tmp_path / "site"
    publish(m2, previous, folder)

    def upload() -> None:
        feed = (folder / "feeds" / "instructor-serresse.ics").read_bytes()
        for data in caldav_resources(feed).values():
            calendar.save_event(data.decode("utf-8"), increase_seqno=False)

    upload()
    stored = {str(e.icalendar_component["uid"]) for e in calendar.events()}
    result = replan(m2, previous, EXAMPLE, today=DECEMBER, time_limit=30)
    assert result.solution is not None and result.solution.faculty is not None
    publish(result.solution.faculty, result.solution, folder, now=LATER, moves=result.moves)
    upload()
    after = {str(e.icalendar_component["uid"]): e.icalendar_component for e in calendar.events()}
    assert after.keys() == stored  # updated in place, not duplicated
    move = next(m for m in result.moves if m.session == "ue6-oncologie")
    assert move.after is not None
    event = after[session_uid("m2-mp", "ue6-oncologie")]
    assert event.decoded("dtstart").date() == move.after.date
    assert event["sequence"] == 1


def _events(feeds: Path) -> dict[str, str]:
    """Every event of every feed by UID (the same text in each feed that holds it)."""
    found: dict[str, set[str]] = {}
    for feed in feeds.glob("*.ics"):
        text = feed.read_bytes().decode("utf-8")  # keep the CRLF line ends
        for event in re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, re.S):
            uid = re.search(r"UID:(\S+)", event)
            assert uid is not None
            found.setdefault(uid.group(1), set()).add(event)
    assert all(len(texts) == 1 for texts in found.values())
    return {uid: texts.pop() for uid, texts in found.items()}


# --- the command line ----------------------------------------------------------------------


def test_the_command_replans_from_a_grid_workbook_and_publishes(
    published: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "site"
    shutil.copytree(published, folder)
    command = ["replan", str(M2), "--from", str(folder / "calendar.xlsx")]
    command += ["--change", str(EXAMPLE), "--out", str(folder), "--today", "2026-12-07"]
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    preview = run_cli(*command, "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "(Laure Serresse unavailable: congrès)" in preview.stdout
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    done = run_cli(*command)
    assert done.returncode == 0, done.stderr
    # Serresse is away 10-14 May: her oncology day moves out of that week.
    assert re.search(r"UE 6 : CLINIQUE ONCOLOGIE moves from \w+ 1[0-4]/05/2027", done.stdout)
    assert "(Laure Serresse unavailable: congrès)" in done.stdout
    assert "Whom to notify:" in done.stdout
    assert "Scorecard:" in done.stdout  # the new calendar, judged as a coordinator does
    assert "Changes" in openpyxl.load_workbook(folder / "calendar.xlsx").sheetnames
    assert "changes.txt" in {p.name for p in folder.iterdir()}


def test_a_bad_changes_file_names_the_entry_and_exits_2(published: Path, tmp_path: Path) -> None:
    path = changes_file(
        tmp_path,
        "  - instructor: serese\n    unavailable: [2027-05-01]\n"
        "  - room: coc-3024\n    closed: [2027-13-05]\n",
    )
    done = run_cli(
        "replan", str(M2), "--from", str(published / "solution.json"), "--change", str(path),
        "--out", str(tmp_path / "out"), "--today", "2026-12-07",
    )  # fmt: skip
    assert done.returncode == 2
    assert f"{path}:6" in done.stderr and "change #2.closed.0" in done.stderr
    assert "YYYY-MM-DD" in done.stderr and "Traceback" not in done.stderr
    path.write_text(path.read_text().replace("2027-13-05", "2027-01-05"), encoding="utf-8")
    done = run_cli(
        "replan", str(M2), "--from", str(published / "solution.json"), "--change", str(path),
        "--out", str(tmp_path / "out"), "--today", "2026-12-07",
    )  # fmt: skip
    assert done.returncode == 2
    assert f"{path}:3" in done.stderr and "did you mean 'serresse'?" in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_previous_calendar_that_is_not_one_exits_2_with_a_hint(tmp_path: Path) -> None:
    done = run_cli("replan", str(M2), "--from", str(EXAMPLE), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "invalid JSON" in done.stderr and "solution.json written by solve" in done.stderr


def test_an_impossible_change_exits_1_with_its_name(published: Path, tmp_path: Path) -> None:
    path = changes_file(
        tmp_path,
        "  - instructor: serresse\n    unavailable: [{start: 2027-05-01, end: 2027-06-30}]\n",
    )
    done = run_cli(
        "replan", str(M2), "--from", str(published / "solution.json"), "--change", str(path),
        "--out", str(tmp_path / "out"), "--today", "2026-12-07",
    )  # fmt: skip
    assert done.returncode == 1
    assert "Change #1" in done.stdout and "Laure Serresse" in done.stdout
    assert not (tmp_path / "out").exists()
