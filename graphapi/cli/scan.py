"""`duegraph scan --kinds … --output scan.csv`: the population signal scan, every page, to CSV.

The same walk as the API's `signals` query (services/scan.py), page after page until the last
company, one CSV row per signal; progress goes to stderr.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from neo4j import AsyncDriver

from graphapi.analytics.signals.model import SignalKind
from graphapi.cli.batch import AsOfOpt, _as_of, _run, _settings, console
from graphapi.graph import Graph
from graphapi.services.scan import Position, scan_page

COLUMNS = ("company_id", "company_name", "kind", "severity", "date", "summary", "entities")
PAGE_SIGNALS = 1000  # signals per page of the walk
PAGE_BUDGET_S = 60.0  # assessing time per page; each page is its own deadline


def _kinds(values: list[str] | None) -> set[str] | None:
    if not values:
        return None
    names = {k.strip().upper() for v in values for k in v.split(",") if k.strip()}
    unknown = sorted(names - {k.value for k in SignalKind})
    if unknown:
        console.print(
            f"[bold red]error:[/] unknown signal kind(s) {', '.join(unknown)}; known: "
            + ", ".join(k.value for k in SignalKind),
            highlight=False,
        )
        raise typer.Exit(code=2)
    return names


def scan_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV file to write")],
    kinds: Annotated[
        list[str] | None,
        typer.Option(help="Signal kinds, repeated or comma-separated (e.g. FRONT_PERSON) [all]"),
    ] = None,
    min_severity: Annotated[int, typer.Option(min=1, max=5, help="Lowest severity kept")] = 1,
    as_of: AsOfOpt = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing output")] = False,
) -> None:
    """Population scan: every company's signals of the given kinds and minimum severity, in
    company-id order, written as CSV (one row per signal)."""
    wanted = _kinds(kinds)
    if output.exists() and not force:
        console.print(f"[bold red]error:[/] {output} exists (--force overwrites it)")
        raise typer.Exit(code=2)
    when = _as_of(as_of)
    settings = _settings()

    async def work(driver: AsyncDriver, database: str) -> tuple[int, int]:
        rows, scanned = 0, 0
        pos = Position()
        # Excel opens a UTF-8 file with a BOM with its accents intact.
        with output.open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(COLUMNS)
            while True:
                graph = Graph(driver, database, timeout_s=PAGE_BUDGET_S * 2)
                page = await scan_page(
                    graph, pos, PAGE_SIGNALS, wanted, min_severity, when,
                    settings.signal_params, PAGE_BUDGET_S,
                )  # fmt: skip
                for f in page.found:
                    s = f.signal
                    out.writerow(
                        (
                            f.company,
                            f.company_name or "",
                            s.kind.value,
                            s.severity,
                            s.date or "",
                            s.summary,
                            " ".join(s.entities),
                        )  # fmt: skip
                    )
                rows += len(page.found)
                scanned += page.scanned
                console.print(
                    f"{page.scanned_so_far}/{page.total} companies, {rows} signals", highlight=False
                )
                if not page.has_next:
                    return rows, scanned
                pos = page.end

    rows, scanned = _run(settings, work)
    typer.echo(
        f'{{"companies": {scanned}, "signals": {rows}, "as_of": "{when}", '
        f'"output": "{output}", "generated": "{dt.datetime.now(dt.UTC).isoformat()}"}}'
    )
