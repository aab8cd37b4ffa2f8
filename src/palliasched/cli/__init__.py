"""The command line: ``commands`` (one function per command; ``score``, and ``template`` with
``convert`` in ``workbooks``), ``options`` shared by several, ``console`` (the two consoles
and the programme summary)."""

from palliasched.cli import score, workbooks  # noqa: F401  (register ``score``, ``template``)
from palliasched.cli.commands import cli, main

__all__ = ["cli", "main"]
