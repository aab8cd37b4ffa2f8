"""The grid prints as coordinators print it: rendered by LibreOffice on A4 landscape, its text
is at least 8 pt and no week block is split across pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from palliasched import Faculty, Solution
from palliasched.publish.workbook import calendar_workbook

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')
# A word's box is about 1.15 times its font size: 8 pt text is 9.2 pt high.
MIN_WORD_HEIGHT = 9.2
LABELS_LEFT_OF = 100  # points: the block labels of column A


def rendered_pages(workbook: bytes, folder: Path) -> list[list[tuple[float, float, str]]]:
    """Each page of the workbook printed by LibreOffice: its words (x, height, text)."""
    tools = ("soffice", "pdftotext")
    if any(shutil.which(tool) is None for tool in tools):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and poppler-utils are missing: .ci/run installs them")
        pytest.skip(
            "needs LibreOffice (soffice) and poppler-utils (apt-get install "
            "libreoffice-calc-nogui poppler-utils)"
        )
    source = folder / "calendar.xlsx"
    source.write_bytes(workbook)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    subprocess.run(
        ["pdftotext", "-bbox", str(folder / "calendar.pdf"), str(folder / "words.html")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    text = (folder / "words.html").read_text(encoding="utf-8")
    return [
        [(float(x), float(y1) - float(y0), word) for x, y0, y1, word in WORD.findall(page)]
        for page in text.split("<page ")[1:]
    ]


def test_the_printed_grid_is_readable_and_keeps_weeks_whole(
    m2: Faculty, m2_solution: Solution, tmp_path: Path
) -> None:
    pages = rendered_pages(calendar_workbook(m2, m2_solution), tmp_path)
    grid_pages = [
        words
        for words in pages
        if any(x < LABELS_LEFT_OF and w in ("Semaine", "Journée") for x, _, w in words)
    ]
    assert len(grid_pages) >= 3
    blocks = 0
    for number, words in enumerate(grid_pages, start=1):
        smallest = min(height for _, height, _ in words)
        assert smallest >= MIN_WORD_HEIGHT, f"page {number}: text {smallest:.1f} pt high"
        starts = sum(x < LABELS_LEFT_OF and w in ("Semaine", "Journée") for x, _, w in words)
        ends = sum(x < LABELS_LEFT_OF and w == "14h-18h" for x, _, w in words)
        assert starts == ends, f"page {number}: a week block is split across pages"
        blocks += starts
    weeks = {placed.date.isocalendar()[:2] for placed in m2_solution.sessions}
    assert blocks == len(weeks)  # every teaching week printed, each whole on one page
