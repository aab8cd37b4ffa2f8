"""A digest of every output of the bundled M2, to show a refactoring changed none of them.

Usage: .venv/bin/python benchmarks/outputs.py [REPOSITORY]

Solves the bundled M2 of REPOSITORY (default: this one) with seed 0 and publishes it with a
fixed date into a scratch folder, from a copy of data/ with fixed file times, so that two
checkouts give the same bytes when their code does. Prints one line per output file (its
SHA-256) and a digest of them all; solution.json's "file" line (a relative path) is left out.
Run it on the commit before and after a change and compare the last line.
"""

import datetime as dt
import hashlib
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from palliasched import load_programme, solve
from palliasched.publish import publish

FIXED = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
logging.getLogger("palliasched").setLevel(logging.ERROR)  # the ECTS note
scratch = Path(tempfile.mkdtemp())
data = scratch / "data"
shutil.copytree(root / "data", data)
for path in data.rglob("*"):
    os.utime(path, (FIXED.timestamp(), FIXED.timestamp()))
faculty = load_programme(data / "m2-medecine-palliative-2026-2027.yaml")
result = solve(faculty, time_limit=60, seed=0)
assert result.solution is not None, result.summary()
out = scratch / "out"
publish(faculty, result.solution, out, now=FIXED)
whole = hashlib.sha256()
for path in sorted(p for p in out.resolve().rglob("*") if p.is_file()):
    content = path.read_bytes()
    if path.name == "solution.json":
        content = b"\n".join(line for line in content.split(b"\n") if b'"file"' not in line)
    digest = hashlib.sha256(content).hexdigest()
    whole.update(digest.encode())
    print(f"{digest[:16]}  {path.relative_to(out.resolve())}")
print(f"{result.status} {result.objective}: all outputs {whole.hexdigest()[:16]}")
shutil.rmtree(scratch)
