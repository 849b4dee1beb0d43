"""`duegraph evaluate`: generate a world, load it, scan it, score the detectors."""

from __future__ import annotations

import asyncio
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph_schema.db import open_async_driver
from graph_schema.settings import Neo4jSettings, Settings
from graphapi.cli.load import run_load
from graphapi.neo4j_local import server as neo4j_local
from graphapi.tooling.evaluation.scan import scan_all
from graphapi.tooling.evaluation.scoring import Evaluation, EvaluationError, score
from graphapi.tooling.local_server import free_port
from graphapi.tooling.synthetic import generate
from graphapi.tooling.synthetic.regional import FOLDERS, SCORED, generate_regional
from loaders.formats import registry

console = Console(stderr=True)

# The generator's output folders and the formats that read them, in load order.
WORLD_PARTS = (
    ("ch-api", "companies-house"),
    ("ch-disqualified", "companies-house-disqualified"),
    ("bods", "bods"),
    ("ftm", "ftm"),
    ("ch-accounts", "ch-accounts"),
    ("nbb-accounts", "nbb-accounts"),
)
JURISDICTIONS = ("gb", "be", "fr")


def world_parts(jurisdiction: str) -> tuple[tuple[str, str], ...]:
    return WORLD_PARTS if jurisdiction == "gb" else FOLDERS[jurisdiction]


def load_world(
    settings: Settings, out: Path, quiet: bool = True, jurisdiction: str = "gb"
) -> dict[str, int]:
    """Load a generated world; returns rejected counts per format (0 expected)."""
    formats = registry()
    rejected = {}
    for fmt, folder in world_parts(jurisdiction):
        path = out / folder
        if path.exists():
            report = run_load(settings, formats[fmt], [path], None, settings.batch_size, quiet)
            rejected[fmt] = report.rejected
            if not quiet:
                console.print(report.summary(), highlight=False)
    return rejected


def evaluate_world(settings: Settings, out: Path, as_of: date) -> Evaluation:
    truth = json.loads((out / "ground_truth.json").read_text())

    async def scan() -> tuple[dict[str, dict[str, int]], dict[str, int]]:
        driver = open_async_driver(settings.neo4j)
        try:
            params = settings.signal_params
            return await scan_all(driver, settings.neo4j.database, as_of, params)
        finally:
            await driver.close()

    flagged, ratings = asyncio.run(scan())
    return score(truth, flagged, ratings)


def evaluate_command(
    seed: Annotated[int, typer.Option(help="Generator seed (use seeds never tuned on)")],
    companies: Annotated[int, typer.Option(min=150, help="World size (gb: at least 300)")] = 2000,
    jurisdiction: Annotated[
        str,
        typer.Option(
            help="gb: Companies House, PSC register, BODS, FtM; be: KBO full set and daily "
            "updates, FtM directorships; fr: RNE and BODACC. Only the kinds a jurisdiction's "
            "data supports are scored"
        ),
    ] = "gb",
    out: Annotated[Path | None, typer.Option(help="Keep the generated world here")] = None,
    check: Annotated[
        bool,
        typer.Option(
            help="Exit 1 unless precision >= 0.95, recall >= 0.90, severity agreement >= 0.90 "
            "per kind and clean companies rated >= 3 <= 1 %"
        ),
    ] = False,
    show_errors: Annotated[bool, typer.Option(help="List false positives and misses")] = False,
) -> None:
    """Generate a world with planted cases into a scratch Neo4j, scan every company and print
    precision, recall and severity agreement per signal kind against the generator's plan, and
    the share of clean companies rated >= 3."""
    if jurisdiction not in JURISDICTIONS:
        typer.echo(
            f"unknown jurisdiction {jurisdiction!r}: one of {', '.join(JURISDICTIONS)}", err=True
        )
        raise typer.Exit(code=2)
    with tempfile.TemporaryDirectory(prefix="duegraph-eval-") as tmp:
        world = out or Path(tmp) / "world"
        try:
            as_of = _generate(jurisdiction, companies, seed, world)
        except ValueError as exc:
            typer.echo(f"cannot generate: {exc}", err=True)
            raise typer.Exit(code=2) from None
        port = free_port()
        settings = Settings(
            data_dir=Path(tmp) / "neo4j",
            bolt_port=port,
            neo4j_heap_mb=1024,
            neo4j_pagecache_mb=256,
            neo4j=Neo4jSettings(uri=f"bolt://127.0.0.1:{port}"),
        )
        with console.status("starting a scratch Neo4j for the evaluation…"):
            neo4j_local.start(settings)
        try:
            rejected = load_world(settings, world, quiet=True, jurisdiction=jurisdiction)
            result = evaluate_world(settings, world, as_of)
        except EvaluationError as exc:
            typer.echo(f"cannot evaluate: {exc}", err=True)
            raise typer.Exit(code=1) from None
        finally:
            neo4j_local.stop(settings)
    typer.echo(f"{jurisdiction}: seed {seed}, {companies} companies, as of {as_of}")
    if jurisdiction != "gb":
        typer.echo(f"scored kinds ({jurisdiction} data): {', '.join(SCORED[jurisdiction])}")
    typer.echo(f"rejected while loading: {rejected}")
    typer.echo(result.table())
    if show_errors:
        for k in result.kinds:
            if k.false_positives or k.missed or k.severity_wrong:
                typer.echo(
                    f"{k.kind}: false positives {k.false_positives}, missed {k.missed}, "
                    f"severity (planted -> found) {k.severity_wrong}"
                )
        typer.echo(f"clean rated >= 3: {result.clean_rated_3_plus}")
    if check and not result.meets():
        raise typer.Exit(code=1)


def _generate(jurisdiction: str, companies: int, seed: int, world: Path) -> date:
    """Write the world; returns its as-of date."""
    if jurisdiction == "gb":
        return generate(companies, seed, world).as_of
    summary = generate_regional(jurisdiction, companies, seed, world)
    as_of = summary["as_of"]
    assert isinstance(as_of, date)
    return as_of
