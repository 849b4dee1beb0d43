"""Deterministic keys: the same fact from the same or another file always gets the same key.

Relationship keys are built by each link type (`make_key` in graph_schema/edges.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
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


# An endpoint a file names only by a source id it does not describe (an OpenSanctions delta's
# Ownership of an unchanged company, a BODS 0.4 update of a relationship whose parties came in
# an earlier file): `ref:` + the Identifier key that node got then. The writer resolves it
# against the graph at write time; a reference to nothing anywhere is rejected as dangling.
REFERENCE = "ref:"
# The key of a link with a referenced endpoint cannot be computed before the reference is
# resolved: it travels as `ref-key:` + what relationship_key needs, and is settled then.
_DEFERRED = "ref-key:"


def reference(identifier_key: str) -> str:
    return REFERENCE + identifier_key


def is_reference(key: str) -> bool:
    return key.startswith(REFERENCE)


def referenced_identifier(key: str) -> str:
    return key.removeprefix(REFERENCE)


def relationship_key(rel_type: str, src: str, dst: str, *discriminators: object) -> str:
    """Stable across re-loads: built from endpoints and what distinguishes two such links
    (role, start date, interest) but never from values a newer file may change (end date)."""
    if is_reference(src) or is_reference(dst):
        parts = [None if p is None else str(p) for p in discriminators]
        return _DEFERRED + json.dumps([rel_type, src, dst, *parts], ensure_ascii=False)
    return f"{rel_type.lower()}-{digest(src, dst, *discriminators)}"


def is_deferred_key(key: str) -> bool:
    return key.startswith(_DEFERRED)


def deferred_references(key: str) -> list[str]:
    """The references a deferred key waits for."""
    if not is_deferred_key(key):
        return []
    _, src, dst, *_ = json.loads(key.removeprefix(_DEFERRED))
    return [e for e in (src, dst) if is_reference(e)]


def settle_with(key: str, resolve: Callable[[str], str]) -> str:
    """A deferred key settled with the endpoints it names, resolved by `resolve` (the key of a
    link another record mentions, e.g. the links a new version of a record keeps)."""
    if not is_deferred_key(key):
        return key
    _, src, dst, *_ = json.loads(key.removeprefix(_DEFERRED))
    src, dst = resolve(src), resolve(dst)
    if is_reference(src) or is_reference(dst):
        return key
    return settle_relationship_key(key, src, dst)


def settle_relationship_key(key: str, src: str, dst: str) -> str:
    """The key a deferred link gets once its endpoints are resolved: the one it would have had
    if the file had described them (so a later full load updates the same link)."""
    if not is_deferred_key(key):
        return key
    rel_type, _, _, *parts = json.loads(key.removeprefix(_DEFERRED))
    return relationship_key(rel_type, src, dst, *parts)


def disqualification_key(person: str, start: date | None, reference: str) -> str:
    return f"disq-{digest(person, start, reference)}"
