"""The command line: ``commands`` (one function per command; ``score`` in its own module),
``options`` shared by several, ``console`` (the two consoles and the programme summary)."""

from palliasched.cli import score  # noqa: F401  (registers ``score``)
from palliasched.cli.commands import cli, main

__all__ = ["cli", "main"]
