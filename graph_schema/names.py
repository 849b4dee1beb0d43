"""Name normalisation for matching and search (rigour/normality do the linguistics)."""

from __future__ import annotations

import re
from functools import lru_cache

from normality import normalize
from rigour.names import remove_org_types, remove_person_prefixes
from rigour.text.normalize import Normalize

_SPACES = re.compile(r"\s+")
# A name or address is normalised for its key, then again for its graph properties, and comes
# back in other records (officer lists, PSC, appointments): pure functions, so memoised.
_MEMO = 1 << 16


def clean_name(name: str | None) -> str | None:
    """Display form: collapse whitespace; None for empty names."""
    if name is None:
        return None
    cleaned = _SPACES.sub(" ", name).strip()
    return cleaned or None


def _ascii_tokens(text: str) -> list[str]:
    norm = normalize(text, lowercase=True, ascii=True)
    return norm.split() if norm else []


@lru_cache(maxsize=_MEMO)
def company_search_name(name: str) -> str:
    """Case-, accent- and legal-form-insensitive: 'Vlaamse Bouwgroep NV' -> 'vlaamse bouwgroep'."""
    tokens = _ascii_tokens(name)
    # Legal forms are matched on the raw text first ("S.A.", "B.V."), then on the ASCII form.
    stripped = remove_org_types(remove_org_types(name), normalize_flags=Normalize.CASEFOLD)
    result = " ".join(_ascii_tokens(remove_org_types(" ".join(_ascii_tokens(stripped)))))
    # A name that is only a legal form ("NV") keeps its tokens rather than becoming empty.
    return result or " ".join(tokens)


@lru_cache(maxsize=_MEMO)
def person_search_name(name: str) -> str:
    """Lower-case ASCII tokens without titles: 'Mr. Émile DUPONT' -> 'emile dupont'."""
    return " ".join(_ascii_tokens(remove_person_prefixes(name)))


@lru_cache(maxsize=_MEMO)
def person_fingerprint(name: str) -> str:
    """Order-insensitive fingerprint: 'SMITH, John' and 'John Smith' both give 'john smith'."""
    return " ".join(sorted(person_search_name(name.replace(",", " ")).split()))


def surname_tokens(name: str) -> set[str]:
    """Tokens that may be a surname (all but a lone first token); used for relative hints."""
    tokens = person_search_name(name.replace(",", " ")).split()
    if "," in name:  # 'SMITH, John': the part before the comma is the surname
        return set(person_search_name(name.split(",", 1)[0]).split())
    return set(tokens[1:]) if len(tokens) > 1 else set(tokens)


@lru_cache(maxsize=_MEMO)
def address_fingerprint(text: str) -> str:
    """Normalised address text for keys: accents, case, punctuation and spacing ignored."""
    return " ".join(_ascii_tokens(text))
