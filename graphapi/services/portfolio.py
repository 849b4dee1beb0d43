"""The firm's portfolio as the API, the CLI and the report ask for it: exposure through the
graph (graphapi/queries/exposure.py, one round trip) and the portfolio views
(graphapi/analytics/portfolio.py) over every current client of a ledger.

Ratings are the internal ones of the scoring profile (graphapi/services/scoring.py): what the
last scoring run stored on each client; a client never scored is scored for the view with
the profile given (not stored), and the view says so. Every client whose figures are read is
noted with `seen` (the API's audit trail), with its company.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from graph_schema.ledger import Account, Client, Invoice
from graph_schema.scoring_profile import ScoringProfile
from graph_schema.signal_params import SignalParams
from graphapi.analytics.exposure import LinkedExposure, linked_exposures
from graphapi.analytics.payment import Exposure, behaviour, exposure
from graphapi.analytics.portfolio import ClientRating, PortfolioLine
from graphapi.graph import Graph
from graphapi.queries.exposure import linked_clients
from graphapi.queries.ledger import clients_by_key, invoices_of_clients
from graphapi.queries.scoring import StoredScore
from graphapi.services.ledger import ledger_accounts
from graphapi.services.scoring import ClientScore, score_clients, stored_scores

Seen = Callable[[str], None]


def _noop(_: str) -> None:
    return None


def note_client(seen: Seen, client: Client) -> None:
    """The audit trail of a client's figures: its key and the company it is."""
    seen(client.key)
    if client.company:
        seen(client.company)


async def ledger_links(
    graph: Graph,
    ledger: str,
    as_of: date,
    params: SignalParams,
    *,
    client: str | None = None,
    seen: Seen = _noop,
) -> list[LinkedExposure]:
    """Every link between clients of `ledger` (those of `client` only, when given), with what
    the linked clients owe at `as_of`, the largest combined balance first."""
    found = await linked_clients(graph, ledger, as_of, client=client)
    for account in found.accounts:
        note_client(seen, account.client)
    return linked_exposures(
        found,
        as_of,
        window_months=params.window_months,
        horizon_months=params.horizon_months,
        mass_min=max(params.mass_min_active, params.mass_national_p999 or 0),
    )


@dataclass(frozen=True)
class ClientView:
    """One client: its own exposure, and the links through which others add to it."""

    account: Account
    exposure: Exposure
    links: list[LinkedExposure]

    @property
    def linked_clients(self) -> tuple[str, ...]:
        """Every other client linked to this one, each once."""
        keys = {m.client for link in self.links for m in link.members}
        keys.discard(self.account.client.key)
        return tuple(sorted(keys))


async def client_view(
    graph: Graph, client_key: str, as_of: date, params: SignalParams, seen: Seen = _noop
) -> ClientView | None:
    """A client's exposure with every link to other clients of its ledger (None: no client)."""
    clients = await clients_by_key(graph, [client_key])
    client = clients.get(client_key)
    if client is None:
        return None
    docs = (await invoices_of_clients(graph, [client_key]))[client_key]
    note_client(seen, client)
    links = await ledger_links(graph, client.ledger, as_of, params, client=client_key, seen=seen)
    return ClientView(
        Account(client=client, invoices=tuple(docs)), exposure(client, docs, as_of), links
    )


def rating_of_stored(s: StoredScore) -> ClientRating:
    return ClientRating(
        rating=s.rating,
        label=s.label,
        as_of=s.as_of,
        stored=True,
        profile=s.profile,
        moved_by=s.moved_by,
        explanation=s.explanation,
        review_months=s.review_months,
        next_review_on=s.next_review_on,
    )


def rating_of_score(s: ClientScore) -> ClientRating:
    return ClientRating(
        rating=s.rating,
        label=s.label,
        as_of=s.as_of,
        stored=False,
        profile=s.profile,
        moved_by=None if s.moved_by is None else s.moved_by.value,
        explanation=tuple(s.explanation()),
        review_months=s.policy.review_months,
        next_review_on=s.policy.next_review_on,
    )


async def client_ratings(
    graph: Graph,
    keys: Sequence[str],
    as_of: date,
    profile: ScoringProfile,
    params: SignalParams,
) -> dict[str, ClientRating]:
    """Each client's stored rating, or one computed now for those never scored."""
    stored = await stored_scores(graph, keys)
    out = {k: rating_of_stored(s) for k, s in stored.items()}
    missing = [k for k in keys if k not in out]
    if missing:
        scores = await score_clients(graph, as_of, profile, params, client_keys=missing)
        out.update({s.client: rating_of_score(s) for s in scores})
    return out


def _groups(links: Sequence[LinkedExposure]) -> dict[str, tuple[str, str | None]]:
    """Client key -> (top company, its name) for every client in a group with another."""
    out: dict[str, tuple[str, str | None]] = {}
    for link in links:
        if "group" in link.kinds:
            for m in link.members:
                out.setdefault(m.client, (link.key, link.name))
    return out


def _line(
    client: Client,
    docs: Sequence[Invoice],
    as_of: date,
    params: SignalParams,
    rating: ClientRating | None,
    group: tuple[str, str | None] | None,
) -> PortfolioLine:
    own = (client.company or client.key, client.name)
    top, top_name = group or own
    return PortfolioLine(
        client=client,
        exposure=exposure(client, docs, as_of),
        behaviour=behaviour(client, docs, as_of, window_days=params.payment.window_days),
        rating=rating,
        group=top,
        group_name=top_name,
        invoices=tuple(docs),
    )


@dataclass(frozen=True)
class Portfolio:
    ledger: str
    as_of: date
    lines: list[PortfolioLine]
    links: list[LinkedExposure]


async def portfolio(
    graph: Graph,
    ledger: str,
    as_of: date,
    params: SignalParams,
    profile: ScoringProfile,
    seen: Seen = _noop,
) -> Portfolio:
    """Every current client of `ledger` at `as_of` with its exposure, behaviour, rating and
    group, and the links between clients."""
    accounts = await ledger_accounts(graph, ledger)
    links = await ledger_links(graph, ledger, as_of, params)
    ratings = await client_ratings(graph, [c.key for c, _ in accounts], as_of, profile, params)
    groups = _groups(links)
    lines = []
    for client, docs in accounts:
        note_client(seen, client)
        lines.append(
            _line(client, docs, as_of, params, ratings.get(client.key), groups.get(client.key))
        )
    return Portfolio(ledger, as_of, lines, links)
