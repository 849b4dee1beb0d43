"""Running one `duegraph` command function the way the CLI runs it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.testing import CliRunner, Result


def invoke(command: Callable[..., Any], *args: str) -> Result:
    """`command` (a typer command function) run with `args`; the result holds its exit code
    and output."""
    app = typer.Typer()
    app.command()(command)
    return CliRunner().invoke(app, list(args))
