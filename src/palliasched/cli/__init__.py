"""The command line: ``commands`` (one function per command; ``score``, ``template`` with
``convert`` in ``workbooks``, ``availability forms`` and ``collect`` in ``availability``),
``options`` shared by several, ``console`` (the two consoles and the programme summary)."""

from palliasched.cli import (  # noqa: F401  (register the commands of these modules)
    availability,
    score,
    workbooks,
)
from palliasched.cli.commands import cli, main

__all__ = ["cli", "main"]
