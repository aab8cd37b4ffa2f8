"""The workbook prints as coordinators print it: rendered by LibreOffice on A4 landscape, every
page's text is at least 8 pt, no word overlaps another, no week block of a grid is split across
pages, and every word of the summary sheets is printed (none cut off by a narrow column)."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from palliasched import Faculty, Solution
from palliasched.publish.summaries import SUMMARY_SHEETS
from palliasched.publish.workbook import calendar_workbook

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<')
# A word's box is about 1.15 times its font size: 8 pt text is 9.2 pt high.
MIN_WORD_HEIGHT = 9.2
LABELS_LEFT_OF = 100  # points: the block labels of column A


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points


def rendered_pages(workbook: bytes, folder: Path) -> list[list[tuple[Box, str]]]:
    """Each page of the workbook printed by LibreOffice: its words (box, text)."""
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
        [
            ((float(x0), float(y0), float(x1), float(y1)), html.unescape(word))
            for x0, y0, x1, y1, word in WORD.findall(page)
        ]
        for page in text.split("<page ")[1:]
    ]


@pytest.fixture(scope="module")
def printed(
    m2: Faculty, m2_solution: Solution, tmp_path_factory: pytest.TempPathFactory
) -> tuple[bytes, list[list[tuple[Box, str]]]]:
    workbook = calendar_workbook(m2, m2_solution)
    return workbook, rendered_pages(workbook, tmp_path_factory.mktemp("print"))


def overlaps(one: Box, other: Box) -> bool:
    """Two words printed over each other: side by side in x and sharing over half their height
    (the boxes of two lines of text touch; text drawn over text shares most of it)."""
    width = min(one[2], other[2]) - max(one[0], other[0])
    height = min(one[3], other[3]) - max(one[1], other[1])
    return width > 1.0 and height > 0.5 * min(one[3] - one[1], other[3] - other[1])


def test_every_page_prints_at_8_pt_or_more_without_overlapping_words(
    printed: tuple[bytes, list[list[tuple[Box, str]]]],
) -> None:
    _, pages = printed
    assert len(pages) >= 7  # the grid's pages and the four summary sheets
    for number, words in enumerate(pages, start=1):
        smallest = min(box[3] - box[1] for box, _ in words)
        assert smallest >= MIN_WORD_HEIGHT, f"page {number}: text {smallest:.1f} pt high"
        for n, (box, word) in enumerate(words):
            for other, word2 in words[n + 1 :]:
                assert not overlaps(box, other), f"page {number}: {word!r} overlaps {word2!r}"


def test_the_printed_grid_keeps_weeks_whole(
    m2_solution: Solution, printed: tuple[bytes, list[list[tuple[Box, str]]]]
) -> None:
    _, pages = printed
    grid_pages = [
        words
        for words in pages
        if any(box[0] < LABELS_LEFT_OF and w in ("Semaine", "Journée") for box, w in words)
    ]
    assert len(grid_pages) >= 3
    blocks = 0
    for number, words in enumerate(grid_pages, start=1):
        labels = [w for box, w in words if box[0] < LABELS_LEFT_OF]
        starts = sum(w in ("Semaine", "Journée") for w in labels)
        ends = labels.count("14h-18h")
        assert starts == ends, f"page {number}: a week block is split across pages"
        blocks += starts
    weeks = {placed.date.isocalendar()[:2] for placed in m2_solution.sessions}
    assert blocks == len(weeks)  # every teaching week printed, each whole on one page


def test_every_word_of_the_summary_sheets_is_printed(
    printed: tuple[bytes, list[list[tuple[Box, str]]]],
) -> None:
    workbook, pages = printed
    printed_words = Counter(word for words in pages for _, word in words)
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    for name in SUMMARY_SHEETS:
        if name not in book.sheetnames:
            continue
        wanted: Counter[str] = Counter()
        for row in book[name].iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    wanted.update(str(value).split())
        missing = wanted - printed_words
        assert not missing, f"{name}: not printed (cut off?): {sorted(missing)[:10]}"
