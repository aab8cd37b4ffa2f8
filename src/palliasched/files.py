"""Files read and written safely: text read within a limit, with a located refusal; writes
atomic, so that a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from palliasched.errors import Problem

if TYPE_CHECKING:  # openpyxl loads when a workbook is written, not with every command
    from openpyxl import Workbook


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(raw)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, _file_mode(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """The mode the file had, else what the umask gives a new file (0644 usually): a
    temporary file is private (0600), a published calendar must stay readable."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


class UnreadableFile(Exception):
    """A file that cannot be read as what it should be; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_text_file(path: Path, name: str, limit: int, kind: str) -> str:
    """The UTF-8 text of ``path``, refused (a located :class:`Problem`) when it is missing, not
    a file, larger than ``limit`` bytes, not text, or holds a NUL byte."""
    try:
        with path.open("rb") as stream:  # read at most limit + 1 bytes: /dev/zero ends too
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise UnreadableFile(
            Problem("file not found", file=name, hint="check the path and the file name")
        ) from None
    except IsADirectoryError:
        raise UnreadableFile(Problem(f"is a directory, not a {kind}", file=name)) from None
    except OSError as exc:
        raise UnreadableFile(Problem(f"cannot be read: {exc.strerror}", file=name)) from None
    if len(data) > limit:
        raise UnreadableFile(
            Problem(
                f"larger than {limit // 1_000_000} MB: not a {kind}",
                file=name,
                hint="split it with include:, or check that this is the right file",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFile(
            Problem(
                f"not UTF-8 text (byte {exc.start})",
                file=name,
                line=line,
                hint="save the file as UTF-8 text from your editor",
            )
        ) from None
    if "\x00" in text:
        position = text.index("\x00")
        raise UnreadableFile(
            Problem(
                "holds a NUL byte: not a text file",
                file=name,
                line=text.count("\n", 0, position) + 1,
                hint="save the file as UTF-8 text from your editor",
            )
        )
    return text.removeprefix("\ufeff")


XLSX_STAMP = dt.datetime(2000, 1, 1)


def reproducible_xlsx(workbook: Workbook) -> bytes:
    """``workbook`` saved with fixed dates (its properties, each zip entry): the same content
    gives the same bytes."""
    workbook.properties.created = XLSX_STAMP
    workbook.properties.modified = XLSX_STAMP
    workbook.properties.creator = "palliasched"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_dates(buffer.getvalue(), XLSX_STAMP)


def _fixed_dates(xlsx: bytes, stamp: dt.datetime) -> bytes:
    """``xlsx`` with the save time openpyxl writes (in each zip entry and as the document's
    modification date) replaced by ``stamp``: the same calendar gives the same bytes."""
    modified = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    written = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = modified.sub(rb"\g<1>" + written + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, data)
    return out.getvalue()
