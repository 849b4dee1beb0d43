"""Deterministic keys: the same fact from the same or another file always gets the same key.

Relationship keys are built by each link type (`make_key` in graph_schema/edges.py).
"""

from __future__ import annotations

import hashlib
from datetime import date

from graph_schema.identifiers import identifier_key
from graph_schema.names import address_fingerprint, person_fingerprint


def digest(*parts: object) -> str:
    """A short stable hash of the parts (None counts as an empty part)."""
    text = "\x1f".join(["" if p is None else str(p) for p in parts])  # a list joins faster
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def company_key(scheme: str, number: str) -> str:
    """`BE-BCE_KBO-0812345678`: the registry identifier, normalised (raises InvalidInput)."""
    return identifier_key(scheme, number)


def person_key(
    name: str,
    birth_year_month: str | None,
    *,
    source: str,
    source_person_id: str,
) -> tuple[str, str]:
    """Return (key, match_basis).

    Persons merge across sources only on the same normalised name *and* birth year-month;
    without a birth date a person stays tied to its source record: never merge on name alone.
    """
    fingerprint = person_fingerprint(name)
    if birth_year_month and fingerprint:
        return f"person-{digest(fingerprint, birth_year_month)}", "name+birth_year_month"
    return f"person-{digest(source, source_person_id)}", "source_record"


def address_key(text: str, country: str | None) -> str:
    return f"address-{digest(address_fingerprint(text), (country or '').upper())}"


def event_key(company: str, kind: str, on: date | None, reference: str | None = None) -> str:
    """One event per company, kind and date, whichever source reports it."""
    return f"event-{digest(company, kind, on, None if on else reference)}"


def disqualification_key(person: str, start: date | None, reference: str) -> str:
    return f"disq-{digest(person, start, reference)}"
