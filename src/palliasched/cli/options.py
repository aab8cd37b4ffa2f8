"""Options shared by several commands: the search (--time-limit, --seed, --workers),
--out and --base-url."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from palliasched.errors import PublishError, check_base_url

if TYPE_CHECKING:
    pass

_Command = TypeVar("_Command", bound=Callable[..., Any])


def _base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return None if value is None else check_base_url(value)
    except PublishError as exc:
        raise click.BadParameter(str(exc).removeprefix("--base-url: "), ctx, param) from None


base_url_option = click.option(
    "--base-url",
    default=None,
    callback=_base_url,
    help="http(s) URL the folder will be served from, for the feed links of index.html.",
)


def out_option(help: str) -> Callable[[_Command], _Command]:
    """--out: the folder a command publishes into (``out_dir``)."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path, file_okay=False),
        required=True,
        help=help,
    )


def search_options(command: _Command) -> _Command:
    """--time-limit, --seed and --workers: how long and how the search runs."""
    options = (
        click.option(
            "--time-limit",
            type=click.FloatRange(min=0.1),
            default=60.0,
            show_default=True,
            help="Seconds of search before returning the best calendar found.",
        ),
        click.option(
            "--seed", type=int, default=0, show_default=True, help="Random seed of the search."
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=2,
            show_default=True,
            help="Search threads.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command
