"""A published folder changes as a whole: killed at any moment, a publish leaves the old
calendar or the new one, never a mix; SEQUENCE never goes back; concurrent publishes wait."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest

from palliasched import Faculty, Solution, load_programme
from palliasched.publish import publish
from palliasched.publish.folder import store_of

from .fuzz_corpus import MINIMAL, minimal_solution

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
KILLS = 32


@pytest.fixture
def calendars(tmp_path: Path) -> tuple[Faculty, Solution, Solution]:
    programme = tmp_path / "programme.yaml"
    shutil.copy(MINIMAL, programme)
    faculty = load_programme(programme)
    first = Solution.from_json(json.dumps(minimal_solution()))
    moved = tuple(
        replace(s, date=s.date + dt.timedelta(days=1)) if s.session.startswith("ue6") else s
        for s in first.sessions
    )
    return faculty, first, Solution(moved)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def sequences(folder: Path) -> dict[str, int]:
    state = json.loads((folder / "feeds" / "state.json").read_text(encoding="utf-8"))
    return {uid: entry["sequence"] for uid, entry in state["events"].items()}


def copy_published(source: Path, target: Path) -> None:
    """Copy a published folder (its link and its store) to ``target``."""
    shutil.rmtree(store_of(target), ignore_errors=True)
    if target.is_symlink():
        target.unlink()
    shutil.copytree(store_of(source), store_of(target), symlinks=True)
    os.symlink(os.readlink(source), target)


def publish_in_child(faculty: Faculty, solution: Solution, folder: Path) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            publish(faculty, solution, folder, now=NOW)
        finally:
            os._exit(0)
    return pid


def test_a_killed_publish_leaves_the_old_calendar_or_the_new(
    calendars: tuple[Faculty, Solution, Solution], tmp_path: Path
) -> None:
    faculty, first, moved = calendars
    old = tmp_path / "old"
    publish(faculty, first, old, now=NOW)
    new = tmp_path / "new"
    copy_published(old, new)
    publish(faculty, moved, new, now=NOW)
    before, after = snapshot(old), snapshot(new)

    def timed() -> float:
        """How long a forked publish takes here and now (the machine's load varies)."""
        copy_published(old, tmp_path / "timed")
        started = time.monotonic()
        os.waitpid(publish_in_child(faculty, moved, tmp_path / "timed"), 0)
        return time.monotonic() - started

    assert before != after
    assert all(sequences(new)[uid] >= n for uid, n in sequences(old).items())
    outcomes = {"old": 0, "new": 0}
    rng = random.Random(12)
    folder = tmp_path / "out"
    for kill in range(KILLS):
        if kill % 8 == 0:
            duration = timed()
        copy_published(old, folder)
        pid = publish_in_child(faculty, moved, folder)
        # Random moments over the whole publish, the last few past its end.
        time.sleep(duration * 1.3 * (kill + rng.random()) / KILLS)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        seen = snapshot(folder)
        assert seen in (before, after), "a killed publish left a mixed folder"
        outcomes["old" if seen == before else "new"] += 1
    # What a killed publish left behind goes with the next publish; SEQUENCE never went back.
    publish(faculty, moved, folder, now=NOW)
    assert snapshot(folder) == after
    assert sorted(p.name for p in store_of(folder).iterdir() if p.name != "lock") == [
        Path(os.readlink(folder)).name
    ]
    assert outcomes["old"] and outcomes["new"], outcomes  # kills fell on both sides


def test_concurrent_publishes_into_one_folder_wait_for_each_other(
    calendars: tuple[Faculty, Solution, Solution], tmp_path: Path
) -> None:
    faculty, first, moved = calendars
    folder = tmp_path / "out"
    publish(faculty, first, folder, now=NOW)
    for _ in range(3):
        pids = [publish_in_child(faculty, s, folder) for s in (moved, first)]
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            assert status == 0
        saved = Solution.from_json((folder / "solution.json").read_text(encoding="utf-8"))
        assert saved.sessions in (first.sessions, moved.sessions)
        # The feeds and their state come from the same publish as solution.json.
        feed = (folder / "feeds" / "programme-m2.ics").read_text(encoding="utf-8")
        for placed in saved.sessions:
            assert f"DTSTART;TZID=Europe/Paris:{placed.date:%Y%m%d}" in feed
        for uid, sequence in sequences(folder).items():
            assert f"SEQUENCE:{sequence}" in feed or f"UID:{uid}" not in feed


def test_a_failed_publish_writes_nothing(
    calendars: tuple[Faculty, Solution, Solution], tmp_path: Path
) -> None:
    faculty, first, _ = calendars
    folder = tmp_path / "out"
    with pytest.raises(ValueError):
        publish(faculty, Solution(()), folder)
    with pytest.raises(ValueError):
        publish(faculty, first, folder, base_url="javascript:alert(1)//")
    assert not folder.exists() and not store_of(folder).exists()
