from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from palliasched import Faculty, Result, Solution, load_programme, solve

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
M2 = DATA / "m2-medecine-palliative-2026-2027.yaml"
# The programme files of data/ (the changes files beside them are another format).
PROGRAMME_FILES = sorted(p for p in DATA.glob("*.yaml") if not p.name.startswith("changes"))


@pytest.fixture(scope="session")
def m2() -> Faculty:
    return load_programme(M2)


@pytest.fixture(scope="session")
def diu() -> Faculty:
    return load_programme(DATA / "diu-partenariat-2026-2027.yaml")


@pytest.fixture(scope="session")
def diu_result(diu: Faculty) -> Result:
    """The bundled DIU solved once per test process (proven optimal in about 5 s)."""
    return solve(diu, time_limit=30)


@pytest.fixture(scope="session")
def diu_solution(diu_result: Result) -> Solution:
    """A DIU calendar to re-plan."""
    assert diu_result.solution is not None
    return diu_result.solution


@pytest.fixture(scope="session")
def m2_result(m2: Faculty) -> Result:
    """The bundled M2 solved once per test process (immutable: tests share it)."""
    return solve(m2, time_limit=30)


@pytest.fixture(scope="session")
def m2_solution(m2_result: Result) -> Solution:
    """The bundled M2's optimal calendar."""
    assert m2_result.solution is not None
    return m2_result.solution


@pytest.fixture
def minimal_text() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a programme file into the test's folder and return its path."""

    def _write(text: str, name: str = "programme.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale CalDAV server on 127.0.0.1 (any user name, no password check), stopped after."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    storage = tmp_path_factory.mktemp("radicale")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(storage),
            "--auth-type",
            "none",
            "--logging-level",
            "error",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the Radicale server did not start")
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)
