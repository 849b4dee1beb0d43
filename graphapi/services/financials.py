"""One company's financial analysis (ratios, peers, trends) straight from the graph: for the
report and the commands. The API reads the same queries through its key-batched loaders
(graphapi/schema/financials.py); both run the same pure analysis."""

from __future__ import annotations

from datetime import date

import anyio

from graphapi.analytics.financials.analysis import (
    FinancialAnalysis,
    analyse,
    peer_groups,
    series,
)
from graphapi.graph import Graph
from graphapi.queries.financials import accounts_of, peers_of

YEARS = 5  # the years a report charts


async def analyse_company(
    graph: Graph, key: str, as_of: date, consolidated: bool = False, years: int = YEARS
) -> FinancialAnalysis | None:
    """Two round trips (the accounts, the peer groups); None for an unknown company."""
    [accounts] = await accounts_of(graph, [key])
    if accounts is None:
        return None
    yearly = series(accounts.statements, as_of, consolidated)[-years:]
    groups = peer_groups(accounts.sector_class, accounts.sector_division, yearly)
    found = await peers_of(graph, groups) if groups else []
    peers = dict(zip(groups, found, strict=True))

    def run() -> FinancialAnalysis:
        return analyse(
            key,
            accounts.sector_class,
            accounts.sector_division,
            yearly,
            as_of,
            peers,
            consolidated,
        )

    result: FinancialAnalysis = await anyio.to_thread.run_sync(run)
    return result
