"""`duegraph generate`: write a seeded synthetic registry with planted risk cases."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graphapi.tooling.synthetic import generate
from graphapi.tooling.synthetic.factory import HISTORY_YEARS
from graphapi.tooling.synthetic.regional import generate_regional

console = Console(stderr=True)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def generate_command(
    companies: Annotated[int, typer.Option("--companies", min=1, help="Number of companies")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same files")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the registry into")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Reference date YYYY-MM-DD [2026-06-30]")
    ] = None,
    version: Annotated[
        int,
        typer.Option(
            "--version",
            min=1,
            max=2,
            help="2: the same world after a planted insolvency and a director change",
        ),
    ] = 1,
    history_years: Annotated[
        int,
        typer.Option(
            "--history-years",
            min=1,
            help="Years of yearly filings (accounts, confirmation statements) kept for "
            f"background companies; planted cases keep theirs [{HISTORY_YEARS}: all since "
            "incorporation]",
        ),
    ] = HISTORY_YEARS,
    jurisdiction: Annotated[
        str,
        typer.Option(
            "--jurisdiction",
            help="gb (default); be: the KBO open data and FtM directorships; fr: the RNE and "
            "BODACC (docs/analytics.md, 'Belgian- and French-shaped worlds')",
        ),
    ] = "gb",
) -> None:
    """Generate a synthetic UK-shaped registry (Companies House API documents, BODS and FtM
    JSON Lines) with planted risk cases and their plan as ground truth (ground_truth.json)."""
    when = _parse_date(as_of)
    if jurisdiction != "gb":
        _regional(jurisdiction, companies, seed, out, when, version)
        return
    try:
        summary = generate(companies, seed, out, when, version, history_years)
    except ValueError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    console.print(
        f"wrote {summary.companies} companies ({summary.planted} planted, "
        f"{summary.background} background) as of {summary.as_of} to {summary.out}: "
        f"{summary.ch_files} Companies House documents, {summary.bods_lines} BODS lines, "
        f"{summary.ftm_lines} FtM lines, "
        f"{summary.disqualified} disqualified officers",
        highlight=False,
    )
    for kind, count in summary.positives.items():
        typer.echo(f"{kind}\t{count}")


def _regional(
    jurisdiction: str, companies: int, seed: int, out: Path, when: date | None, version: int
) -> None:
    if version != 1:
        console.print("[bold red]error:[/] --version 2 is for the UK world only", highlight=False)
        raise typer.Exit(code=1)
    try:
        summary = generate_regional(jurisdiction, companies, seed, out, when)
    except ValueError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    files = ", ".join(f"{n} {what}" for what, n in summary["files"].items())
    console.print(
        f"wrote a {jurisdiction} world of {companies} companies ({summary['planted']} planted) "
        f"as of {summary['as_of']} to {out}: {files}",
        highlight=False,
    )
    for kind, count in summary["positives"].items():
        typer.echo(f"{kind}\t{count}")
