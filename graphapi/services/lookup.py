"""A company as users name it: its id, an org-id, or a registry number in any common format.

Every lookup of one company (GraphQL `company`, `report`, `addToWatchlist`, the batch client
lists) reads the text the same way: the graph key itself first (`GB-COH-15656800`), else the
identifier keys `graph_schema.identifiers.lookup_keys` reads it as (`15656800`,
`BE 0403.170.701`, `FR40552100554`…), matched to companies through their identifiers.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph_schema.errors import InvalidInput
from graph_schema.identifiers import lookup_keys
from graphapi.graph import Graph
from graphapi.queries.entities import company_keys_by_identifier


def candidate_keys(text: str) -> list[str]:
    """The keys `text` may stand for, best first: itself, then the identifiers it reads as."""
    wanted = text.strip()
    try:
        read = lookup_keys(wanted)
    except InvalidInput:
        read = []
    return list(dict.fromkeys([wanted, *read])) if wanted else []


async def company_matches(graph: Graph, texts: Sequence[str]) -> dict[str, list[str]]:
    """Each text -> the distinct company keys it names (none, one, or several for a bare
    number valid in more than one register); one round trip for all texts."""
    per_text = {t: candidate_keys(t) for t in texts}
    keys = sorted({k for ks in per_text.values() for k in ks})
    found = dict(zip(keys, await company_keys_by_identifier(graph, keys), strict=True))
    out: dict[str, list[str]] = {}
    for text, ks in per_text.items():
        direct = found.get(ks[0]) if ks else None
        if direct is not None:  # the text is a company's key or identifier as written
            out[text] = [direct]
            continue
        out[text] = list(dict.fromkeys(c for k in ks if (c := found.get(k)) is not None))
    return out


def one_company(text: str, matches: Sequence[str]) -> str | None:
    """The single company a text names; InvalidInput when it names several (say which)."""
    if len(matches) > 1:
        raise InvalidInput(
            f"{text!r} is a registry number of several companies ({', '.join(matches)}); "
            "give the id or a scheme prefix such as GB-COH-",
            "id",
        )
    return matches[0] if matches else None


async def company_key(graph: Graph, text: str) -> str | None:
    """The key of the company `text` names, None when none (InvalidInput when several)."""
    return one_company(text, (await company_matches(graph, [text]))[text])
