"""A published folder changes as a whole: readers and subscribers see the old calendar or the
new one, never a mix, whatever the moment a publish is killed.

``--out DIR`` is a symbolic link to a version folder kept beside it, in ``.DIR.palliasched/``.
A publish writes a new version there (starting from a copy of the current feeds, so that their
state carries over), then swaps the link with one atomic rename. Older versions and what a
killed publish left behind are removed by the next publish. Publishes into one folder are
serialised by a lock (``filelock``); a second one waits for the first.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from palliasched.errors import PublishError

LOCK_SECONDS = 600  # a publish takes seconds; past this, something is stuck
STORE_SUFFIX = ".palliasched"
VERSION_PREFIX = "v-"


def store_of(folder: Path) -> Path:
    """Where the versions of ``folder`` live: a hidden folder beside it."""
    return folder.parent / f".{folder.name}{STORE_SUFFIX}"


@contextmanager
def _locked(folder: Path) -> Iterator[Path]:
    store = store_of(folder)
    store.mkdir(parents=True, exist_ok=True)
    lock = FileLock(store / "lock", timeout=LOCK_SECONDS)
    try:
        with lock:
            yield store
    except Timeout:
        raise PublishError(
            f"{folder}: another publish has held the folder for {LOCK_SECONDS} s "
            f"(hint: if none is running, remove {store / 'lock'})"
        ) from None


def publish_folder(folder: Path, write: Callable[[Path], list[str]]) -> list[Path]:
    """Write a new version of ``folder`` with ``write`` (given the new version's folder, it
    returns the relative paths it wrote) and switch ``folder`` to it in one step.

    ``write`` finds the current version's ``feeds/`` already copied into its folder. Nothing
    ``folder`` shows changes when ``write`` raises.
    """
    given, folder = folder, Path(os.path.abspath(folder))
    _check_target(folder)
    fresh = not folder.exists() and not store_of(folder).exists()
    try:
        with _locked(folder) as store:
            _remove_leftovers(folder, store)
            version = Path(tempfile.mkdtemp(prefix=VERSION_PREFIX, dir=store))
            os.chmod(version, _folder_mode())  # mkdtemp's folder is private; a calendar is not
            try:
                current = folder.resolve() if folder.exists() else None
                if current is not None and (current / "feeds").is_dir():
                    shutil.copytree(current / "feeds", version / "feeds")
                written = write(version)
                _sync(version)
                _switch(folder, version, store)
            except BaseException:
                shutil.rmtree(version, ignore_errors=True)
                raise
            _remove_leftovers(folder, store)
    except BaseException:
        if fresh:  # a first publish that failed leaves nothing behind
            shutil.rmtree(store_of(folder), ignore_errors=True)
        raise
    return [given / name for name in written]  # as the caller wrote the folder


def _check_target(folder: Path) -> None:
    if folder.is_symlink() and folder.resolve().parent == store_of(folder).resolve():
        return
    if folder.exists() and not folder.is_dir():
        raise PublishError(f"{folder}: exists and is not a folder (hint: choose another --out)")
    if folder.is_dir() and not folder.is_symlink():
        names = {p.name for p in folder.iterdir()}
        if names and "solution.json" not in names:
            raise PublishError(
                f"{folder}: the folder holds files palliasched did not publish "
                "(hint: publish into a new or empty folder)"
            )


def _switch(folder: Path, version: Path, store: Path) -> None:
    """Point ``folder`` at ``version`` with one rename. A real folder published by an older
    palliasched is moved into the store first (then it is an old version)."""
    if folder.is_dir() and not folder.is_symlink():
        if any(folder.iterdir()):
            folder.rename(Path(tempfile.mkdtemp(prefix=VERSION_PREFIX, dir=store)) / "old")
        else:
            folder.rmdir()
    link = store / f"link-{version.name}"
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, folder.parent), link)
    os.replace(link, folder)
    _fsync_dir(folder.parent)


def _remove_leftovers(folder: Path, store: Path) -> None:
    """Every version but the current one, and links a killed publish left."""
    current = folder.resolve() if folder.is_symlink() else None
    for entry in store.iterdir():
        if entry.name == "lock" or entry == current:
            continue
        if entry.is_symlink() or entry.is_file():
            entry.unlink(missing_ok=True)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _sync(version: Path) -> None:
    """Flush every file of ``version`` to disk before it becomes the current one."""
    for path in sorted(version.rglob("*")):
        if path.is_file():
            with path.open("rb") as stream:
                os.fsync(stream.fileno())
    for path in [version, *(p for p in version.rglob("*") if p.is_dir())]:
        _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _folder_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask
