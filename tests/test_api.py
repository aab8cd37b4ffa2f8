"""The Python API as a notebook user calls it: paths as plain strings, warnings as log lines,
messages in words ("2 sessions", never "session(s)")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import palliasched
from palliasched import Faculty, Solution
from palliasched.grids import check_grid, read_grid
from palliasched.io.changes_file import read_changes
from palliasched.publish import publish

from .conftest import DATA, M2, ROOT

GRID = str(DATA / "published-2026-2027.xlsx")


def test_every_public_function_taking_a_path_takes_a_string(
    m2: Faculty, m2_solution: Solution, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    relative = "data/m2-medecine-palliative-2026-2027.yaml"
    assert palliasched.load_programme(relative).programmes
    assert palliasched.check_programme(relative).ok
    assert read_grid(m2, GRID).solution.sessions
    assert check_grid(m2, GRID)[1]  # the published grid's findings
    assert read_changes("data/changes-example.yaml").entries
    out = str(tmp_path / "out")
    publish(m2, m2_solution, out)
    m2_solution.with_faculty(m2).save(str(tmp_path / "solution.json"))
    loaded = palliasched.load_solution(str(tmp_path / "solution.json"))
    assert loaded.sessions == m2_solution.sessions
    again = palliasched.load_solution(f"{out}/solution.json", relative)
    assert again.sessions == m2_solution.sessions


def test_a_programme_warning_is_one_located_log_line(caplog: pytest.LogCaptureFixture) -> None:
    palliasched.load_programme(M2)
    (record,) = caplog.records
    assert record.name == "palliasched" and record.levelname == "WARNING"
    assert re.fullmatch(r".*\.yaml:\d+:\d+: warning: unit 'ue9'.*", record.getMessage())


def test_no_message_counts_with_a_parenthesised_plural() -> None:
    """Counted words agree with their number (``palliasched.words``): no "{n} day(s)"."""
    counted = re.compile(r"\{[^{}]*\} (?:[a-zé]+ )?[a-zé]+\(s\)")
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if counted.search(line)
    ]
    assert not found, "\n".join(found)
