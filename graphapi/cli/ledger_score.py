"""`duegraph ledger score` and `duegraph ledger profile`: the internal client rating under a
scoring profile (docs/credit.md), stored on each client; the profile shown or checked."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from neo4j import AsyncDriver
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from rich.console import Console

from graph_schema.db import open_async_driver, unavailable_message
from graph_schema.errors import DuegraphError
from graph_schema.ledger import DEFAULT_LEDGER, check_ledger_name
from graph_schema.scoring_profile import DEFAULT_PROFILE, FamilyName, ScoringProfile, load_profile
from graph_schema.settings import Settings
from graphapi.analytics.scoring import ClientScore
from graphapi.cli.batch import AsOfOpt, QuietOpt, _as_of, _run, _settings
from graphapi.graph import Graph
from graphapi.services.scoring import ScoreRun, rescore_ledger, score_clients

console = Console(stderr=True)
GRAPH_TIMEOUT_S = 4 * 3600.0  # one run over every client of a large ledger

ProfileOpt = Annotated[
    Path | None,
    typer.Option("--profile", help="Scoring profile (YAML) [the default: duegraph ledger profile]"),
]
CSV_HEADER = [
    "client_id", "name", "company", "rating", "label", "points",
    *(f"{f.value}_points" for f in FamilyName), *(f"{f.value}_score" for f in FamilyName),
    "moved_by", "missing", "terms_days", "agreed_terms_days", "credit_limit", "current_limit",
    "currency", "review_months", "next_review_on", "profile", "profile_digest", "as_of",
    "explanation",
]  # fmt: skip


def _profile(path: Path | None) -> ScoringProfile:
    try:
        return load_profile(path)
    except DuegraphError as exc:
        console.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        raise typer.Exit(code=2) from None


def _row(s: ClientScore) -> list[object]:
    p = s.policy
    return [
        s.client_id, s.name or "", s.company or "", s.rating, s.label, f"{s.points:.2f}",
        *(f"{f.points:.2f}" for f in s.families),
        *("" if f.score is None else f.score for f in s.families),
        "" if s.moved_by is None else s.moved_by.value,
        " ".join(f.value for f in s.missing), p.terms_days,
        "" if p.agreed_terms_days is None else p.agreed_terms_days,
        "" if p.credit_limit is None else p.credit_limit,
        "" if p.current_limit is None else p.current_limit, p.currency or "",
        p.review_months, p.next_review_on, s.profile, s.profile_digest, s.as_of,
        " | ".join(s.explanation()),
    ]  # fmt: skip


def write_csv(path: Path, scores: Sequence[ClientScore]) -> None:
    """One row per client: rating, each family's points and score, policy, explanation."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(CSV_HEADER)
        w.writerows(_row(s) for s in scores)


def run_score(
    settings: Settings, ledger: str, as_of: date, profile: ScoringProfile | None = None
) -> ScoreRun:
    """Score and store every current client of `ledger` (also used by `duegraph demo`).

    Raises DuegraphError when Neo4j cannot be reached."""
    chosen = profile or load_profile()

    async def work() -> ScoreRun:
        driver = open_async_driver(settings.neo4j, pool_size=4)
        try:
            try:
                await driver.verify_connectivity()
            except (ServiceUnavailable, SessionExpired, AuthError, OSError) as exc:
                raise DuegraphError(unavailable_message(settings.neo4j, exc)) from None
            graph = Graph(driver, settings.neo4j.database, timeout_s=GRAPH_TIMEOUT_S)
            return await rescore_ledger(graph, ledger, as_of, chosen, settings.signal_params)
        finally:
            await driver.close()

    return asyncio.run(work())


def score_command(
    ledger: Annotated[str, typer.Option(help="Name of the ledger")] = DEFAULT_LEDGER,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write every score to this CSV")
    ] = None,
    store: Annotated[
        bool, typer.Option(help="Store the ratings on the clients (--no-store: only report)")
    ] = True,
    explain: Annotated[
        list[str] | None,
        typer.Option(help="Print the explanation of this client id (repeatable)"),
    ] = None,
    quiet: QuietOpt = False,
) -> None:
    """Rate every current client of the ledger 1-5 under the scoring profile, store the
    rating, each family's contribution, the policy and the profile's digest on the client."""
    settings = _settings()
    chosen = _profile(profile)
    when = _as_of(as_of)
    try:
        check_ledger_name(ledger)
    except ValueError as exc:
        console.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(code=2) from None

    def progress(done: int, total: int) -> None:
        if not quiet:
            console.print(f"scored {done:,} of {total:,} clients", highlight=False)

    async def work(driver: AsyncDriver, database: str) -> ScoreRun:
        graph = Graph(driver, database, timeout_s=GRAPH_TIMEOUT_S)
        params = settings.signal_params
        if store:
            return await rescore_ledger(graph, ledger, when, chosen, params, progress=progress)
        scores = await score_clients(graph, when, chosen, params, ledger=ledger, progress=progress)
        return ScoreRun(ledger, when, chosen.name, chosen.digest, scores, 0)

    run = _run(settings, work)
    if not run.scores:
        console.print(f"[bold red]error:[/] ledger {ledger!r} has no current client (import it "
                      "with `duegraph ledger import`)", highlight=False)  # fmt: skip
        raise typer.Exit(code=1)
    if output is not None:
        write_csv(output, run.scores)
    by_id = {s.client_id: s for s in run.scores}
    for client_id in explain or []:
        found = by_id.get(client_id)
        if found is None:
            console.print(f"[yellow]no client {client_id!r} in ledger {ledger}[/]")
            continue
        typer.echo(f"{found.client_id} {found.name or ''}".rstrip())
        for line in found.explanation():
            typer.echo(f"  {line}")
    typer.echo(run.line())


def profile_command(
    check: Annotated[
        Path | None, typer.Option(help="Check this profile and print its digest")
    ] = None,
) -> None:
    """Print the default scoring profile (to copy and tune), or check one."""
    if check is None:
        typer.echo(DEFAULT_PROFILE.read_text(encoding="utf-8"), nl=False)
        return
    chosen = _profile(check)
    typer.echo(f"profile {chosen.name} ({check}): valid, digest {chosen.digest}")
