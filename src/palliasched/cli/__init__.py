"""The command line: ``commands`` (one function per command), ``options`` shared by several,
``console`` (the two consoles and the programme summary)."""

from palliasched.cli.commands import cli, main

__all__ = ["cli", "main"]
