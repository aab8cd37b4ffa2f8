"""Every shell command of the README runs as pasted, and prints the sample output shown after it.

Each block runs on its own, its commands in order, in a scratch folder that sees the
repository's data, source and virtual environment (so `out/` is the scratch folder's).
`make test` is the one command left out: it is what runs this test. A sample output is the
plain fenced block right after a command block; its lines must appear in the output in order
("..." stands for lines left out, and times may differ). Python blocks must compile.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)
SHARED = ("data", "src", "tests", ".venv", "Makefile", "pyproject.toml", "README.md")


def command_blocks() -> list[tuple[list[str], list[str] | None]]:
    """(commands of each ```sh block, the sample output right after it or None)."""
    text = README.read_text(encoding="utf-8")
    fences = list(FENCE.finditer(text))
    blocks = []
    for n, fence in enumerate(fences):
        if fence.group(1) != "sh":
            continue
        commands = [line for line in fence.group(2).splitlines() if line.strip()]
        sample = None
        following = fences[n + 1] if n + 1 < len(fences) else None
        if (
            following
            and not following.group(1)
            and not text[fence.end() : following.start()].strip()
        ):
            sample = following.group(2).splitlines()
        blocks.append((commands, sample))
    return blocks


def normalised(line: str) -> str:
    return re.sub(r"\(\d+(\.\d+)? s\)", "(T s)", line.rstrip())


def assert_shows(output: str, sample: list[str]) -> None:
    lines = [normalised(line) for line in output.splitlines()]
    position = 0
    for expected in sample:
        if expected.strip() in ("...", ""):
            continue
        wanted = normalised(expected)
        try:
            position = lines.index(wanted, position) + 1
        except ValueError:
            pytest.fail(f"the README shows {expected!r}, the command did not print it:\n{output}")


def test_the_readme_shows_commands() -> None:
    blocks = command_blocks()
    assert sum(len(commands) for commands, _ in blocks) >= 12
    assert sum(sample is not None for _, sample in blocks) >= 2


BLOCKS = command_blocks()


def test_the_readme_python_compiles() -> None:
    text = README.read_text(encoding="utf-8")
    snippets = [f.group(2) for f in FENCE.finditer(text) if f.group(1) == "python"]
    assert snippets
    for snippet in snippets:
        compile(snippet, "README.md", "exec")  # a SyntaxError names the line


@pytest.mark.parametrize(
    ("commands", "sample"), BLOCKS, ids=[f"block{n}" for n in range(1, len(BLOCKS) + 1)]
)
def test_every_readme_command_runs_as_pasted(
    tmp_path: Path, commands: list[str], sample: list[str] | None
) -> None:
    """Each block runs on its own, in order, as a reader pastes it into a fresh clone."""
    for name in SHARED:
        (tmp_path / name).symlink_to(ROOT / name)
    output = ""
    for command in commands:
        if command.split("#")[0].split() == ["make", "test"]:
            continue
        if command.startswith("make "):  # never reinstall the shared .venv from here
            command = "make -o .venv/.installed -o .venv/bin/python " + command[5:]
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        # `check` exits 1 when it finds problems, as the README says it does here.
        expected = 1 if " check " in command else 0
        assert done.returncode == expected, f"{command}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr
        output = done.stdout + done.stderr
    if sample is not None:
        assert_shows(output, sample)
