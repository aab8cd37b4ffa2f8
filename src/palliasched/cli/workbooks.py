"""``palliasched template`` and ``palliasched convert``: the programme as a workbook."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from palliasched.cli.commands import cli
from palliasched.cli.console import err
from palliasched.cli.steps import EXIT_BAD_INPUT, load_checked
from palliasched.files import write_atomically
from palliasched.io.convert import (
    as_workbook,
    as_yaml,
    read_source,
    template_workbook,
    yaml_comments,
)
from palliasched.io.workbook_read import is_workbook
from palliasched.io.yaml_source import YamlSyntaxError


@cli.command()
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("programme.xlsx"),
    show_default=True,
    help="The workbook to write.",
)
def template(out_file: Path) -> None:
    """Write an empty, documented programme workbook in French: one sheet per part of the
    format, a note on each column, drop-down lists for the references, an example row.

    Every command that takes a programme file takes this workbook as well."""
    if out_file.suffix.lower() != ".xlsx":
        err.print(f"[red]{escape(str(out_file))}: a workbook ends in .xlsx[/red]")
        raise SystemExit(EXIT_BAD_INPUT)
    write_atomically(out_file, template_workbook())
    click.echo(f"wrote {out_file}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--to", "form", type=click.Choice(["xlsx", "yaml"]), required=True)
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The file to write (default: FILE with the new suffix, in the same folder).",
)
def convert(file: Path, form: str, out_file: Path | None) -> None:
    """Turn a programme FILE into a workbook (--to xlsx) or a YAML file (--to yaml).

    FILE must be valid (as `validate` says); every value is kept. YAML comments have no place
    in a workbook: the lines holding one are listed. Exit 0, or 2 on bad input."""
    load_checked(file)
    target = out_file or file.with_suffix(".xlsx" if form == "xlsx" else ".yaml")
    if target.resolve() == file.resolve():
        err.print(f"[red]{escape(str(target))}: the file to convert; give another --out[/red]")
        raise SystemExit(EXIT_BAD_INPUT)
    try:
        source = read_source(file)
    except YamlSyntaxError as exc:  # validated above: only a file changed meanwhile
        err.print(f"[red]{escape(str(exc.problem))}[/red]")
        raise SystemExit(EXIT_BAD_INPUT) from None
    if form == "xlsx":
        write_atomically(target, as_workbook(source.data))
        if not is_workbook(file):
            lines = yaml_comments(file.read_text(encoding="utf-8"))
            if lines:
                shown = ", ".join(str(n) for n in lines[:12]) + (", ..." if len(lines) > 12 else "")
                err.print(
                    f"[yellow]{escape(str(file))}: {len(lines)} comment lines are not kept in "
                    f"the workbook (lines {shown})[/yellow]"
                )
    else:
        write_atomically(target, as_yaml(source.data))
    click.echo(f"wrote {target}")
