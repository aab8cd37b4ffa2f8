"""The command line: summaries, located errors, exit codes, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import DATA, M2


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "palliasched", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_validate_prints_the_summary_of_the_bundled_m2() -> None:
    result = run("validate", M2)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "MASTER 2 MEDECINE PALLIATIVE" in out
    assert "11 UE, 31 séances" in out
    assert "UE 6" in out and "UE 8" in out
    assert "20 intervenants" in out and "5 salles" in out
    assert "valid (1 warning)" in out
    assert "warning: unit 'ue9'.total_hours" in result.stderr


def test_validate_the_whole_faculty() -> None:
    result = run("validate", DATA / "faculty-2026-2027.yaml")
    assert result.returncode == 0, result.stderr
    assert "4 programmes" in result.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [
        pytest.param("", ["the file is empty"], id="empty"),
        pytest.param(None, ["YAML syntax error"], id="truncated"),
        pytest.param(
            "calendar: {academic_year: [2026-09-01\nx: 1\n",
            ["YAML syntax error"],
            id="broken syntax",
        ),
        pytest.param(
            "unknown-instructor",
            ["unknown instructor 'malet'", "did you mean 'mallet'"],
            id="unknown instructor",
        ),
    ],
)
def test_bad_files_exit_2_with_a_located_message(
    write: Callable[..., Path], content: str | None, words: list[str]
) -> None:
    text = M2.read_text(encoding="utf-8")
    if content is None:
        content = text[: text.index("{", len(text) // 3) + 1]  # cut inside a flow mapping
    elif content == "unknown-instructor":
        content = text.replace("instructors: [mallet]}", "instructors: [malet]}")
    path = write(content)
    result = run("validate", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    for word in words:
        assert word in result.stderr
    assert f"{path}:" in result.stderr  # file:line[:column]


def test_missing_file_exits_2() -> None:
    result = run("validate", "does-not-exist.yaml")
    assert result.returncode == 2
    assert "file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_directory_is_not_a_programme(tmp_path: Path) -> None:
    result = run("validate", tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_binary_file_exits_2(write: Callable[..., Path], tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    result = run("validate", path)
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    assert run("frobnicate").returncode == 2


def test_schema_prints_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "calendar" in schema["required"]


@pytest.mark.parametrize("command", [["validate", str(M2)], ["schema"]])
def test_validate_and_schema_do_not_load_the_solver(command: list[str]) -> None:
    """Checking a file or printing its schema starts fast: OR-Tools is never imported."""
    code = (
        "import sys\n"
        "from palliasched.cli import main\n"
        f"sys.argv = ['palliasched', *{command!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'ortools' not in sys.modules, 'ortools was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr


def test_score_prints_the_scorecard_of_a_saved_calendar_and_of_a_grid(tmp_path: Path) -> None:
    """``score`` measures any calendar: the published grid (a workbook) and a solution.json,
    whose cohort weeks are read from its own dates."""
    published = json.loads((DATA / "published-2026-2027.json").read_text(encoding="utf-8"))
    saved = tmp_path / "solution.json"
    published["programme"] = {"file": str(M2)}
    saved.write_text(json.dumps(published), encoding="utf-8")
    from_json = run("score", M2, saved)
    assert from_json.returncode == 0, from_json.stderr
    lines = from_json.stdout.splitlines()
    assert "  Promotion 2026-2027:" in lines
    assert "    teaching weeks: 8" in lines
    assert "    weeks of a single half-day: 1 (20/09/2027)" in lines
    assert "    hours scheduled vs declared: UE 10 4 h / 24 h" in lines
    assert "  Hard-rule violations: 6" in lines
    from_grid = run("score", M2, DATA / "published-2026-2027.xlsx")
    assert from_grid.returncode == 0, from_grid.stderr
    assert "    teaching weeks: 8" in from_grid.stdout.splitlines()


def test_score_of_something_that_is_no_calendar_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "solution.json"
    broken.write_text("{not json", encoding="utf-8")
    result = run("score", M2, broken)
    assert result.returncode == 2
    assert "solution.json:1:2: invalid JSON" in result.stderr and "Traceback" not in result.stderr
