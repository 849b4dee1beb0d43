"""Comparing a company name a client list gives with the names the registry holds.

Names are compared in the form `search_names` are stored in (graph_schema.names: rigour's
normalisation, accents and case folded, legal-form words such as Ltd, NV, SARL removed), then
scored with rapidfuzz, so "Nova Bouw Limited" is "NOVA BOUW LTD" and "Solo Widgts" is one typo
away from "Solo Widgets".
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from graph_schema.names import company_search_name

# A name-only row resolves to a company whose name is this close (0-100, rapidfuzz ratio):
# one or two typos in a name of ten letters or more, not another word.
SIMILAR_NAME = 88.0
# A number given with a name: below this token-set score the names are not the same company's
# (token_set_ratio, so a shortened name — "Nova" for "Nova Bouw" — still resembles).
RESEMBLES = 70.0


def normalised(name: str) -> str:
    return company_search_name(name)


def similarity(given: str, registry_names: Iterable[str]) -> float:
    """The best rapidfuzz ratio of the given name against any registry name (normalised)."""
    wanted = normalised(given)
    scores = [fuzz.ratio(wanted, normalised(n)) for n in registry_names if n]
    return max(scores, default=0.0)


def resembles(given: str, registry_names: Iterable[str]) -> bool:
    """Whether the given name could be one of the registry's names for the company."""
    wanted = normalised(given)
    if not wanted:
        return True  # only legal-form words given: nothing to compare
    names = [normalised(n) for n in registry_names if n]
    return any(fuzz.token_set_ratio(wanted, n) >= RESEMBLES for n in names if n)
