"""`duegraph export-schema`: write the GraphQL SDL to graphapi/schema.graphql (committed).

`--check` exits 1 when the committed file differs from the code, for CI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graphapi.schema import export_sdl

SDL_PATH = Path(__file__).resolve().parents[1] / "schema.graphql"


def export_schema_command(
    output: Annotated[Path, typer.Option(help="Where to write the SDL")] = SDL_PATH,
    check: Annotated[
        bool, typer.Option(help="Do not write; exit 1 if the file is out of date")
    ] = False,
) -> None:
    """Export the GraphQL schema as SDL (review schema changes in diffs)."""
    sdl = export_sdl()
    current = output.read_text(encoding="utf-8") if output.exists() else None
    if check:
        if current != sdl:
            typer.echo(f"{output} is out of date: run `duegraph export-schema`", err=True)
            raise typer.Exit(code=1)
        typer.echo(f"{output} is up to date")
        return
    output.write_text(sdl, encoding="utf-8")
    typer.echo(f"wrote {output}" if current != sdl else f"{output} unchanged")


if __name__ == "__main__":
    typer.run(export_schema_command)
