"""Every person a signal names comes with their own records in its evidence (docs/analytics.md
§Evidence of the persons named).

A rule's evidence shows why it fired (a controller's failed companies, a departure); a reader
also needs the records of each person the sentence names, to check that it is the same person
and what the company's register says about them: birth month and nationality as the register
publishes them, and their own links to the company (appointment and end, shareholding,
control, declaration), each with its source.
"""

from __future__ import annotations

from datetime import date

from graph_schema.labels import RelType
from graphapi.analytics.inputs import Index
from graphapi.analytics.signals.model import EvidenceHop, EvidencePath, Signal

MIN_NAME = 4  # shorter names are not looked for in a summary (too many false matches)


def _begun(start: date | None, as_of: date) -> bool:
    return start is None or start <= as_of


def _links(ix: Index, person: str, as_of: date) -> list[EvidenceHop]:
    """The person's own links to the company up to as_of, oldest first."""
    target = ix.data.target
    hops = [
        ix.mandate_hop(m)
        for m in ix.mandates_in.get(target, [])
        if m.person == person and _begun(m.start, as_of)
    ]
    hops += [
        ix.hop(h.owner, RelType.OWNS, target, h.start, h.end, h.label(), h.ref)
        for h in ix.holdings_into.get(target, [])
        if h.owner == person and _begun(h.start, as_of)
    ]
    hops += [
        ix.hop(c.controller, RelType.CONTROLS, target, c.start, c.end, "control", c.ref)
        for c in ix.controls_into.get(target, [])
        if c.controller == person and _begun(c.start, as_of)
    ]
    hops += [
        ix.hop(d.declared, RelType.DECLARED_BO_OF, target, d.start, d.end, d.declared_by, d.ref)
        for d in ix.data.declarations
        if d.company == target and d.declared == person and _begun(d.start, as_of)
    ]
    return sorted(hops, key=lambda h: (h.start or date.min, h.rel_type.value))


def person_records(ix: Index, person: str, as_of: date) -> EvidencePath | None:
    """The person's register record and links to the company, or None when there is none."""
    facts = ix.persons.get(person)
    hops = _links(ix, person, as_of)
    if facts is None and not hops:
        return None
    bits = []
    if facts is not None:
        born = facts.birth_date or facts.birth_year_month
        bits.append(f"born {born}" if born else "birth date not published")
        if facts.nationality:
            bits.append(f"nationality {facts.nationality}")
        ref = facts.ref
        where = " · ".join(x for x in (ref.source, ref.source_file, ref.record_id) if x)
        if where:
            bits.append(f"record {where}")
    if not hops:
        bits.append("no role in the company")
    return EvidencePath(
        description=f"records of {ix.name(person)}: " + "; ".join(bits), hops=tuple(hops)
    )


def named_persons(ix: Index, signal: Signal) -> list[str]:
    """The persons a signal is about: its person entities, then anyone in the bundle whose
    name its summary spells out, in the order they appear."""
    people = [e for e in signal.entities if e in ix.natural_persons]
    text = signal.summary
    by_place = sorted(
        (text.find(p.name), key)
        for key, p in ix.persons.items()
        if len(p.name) >= MIN_NAME and p.name in text
    )
    people += [key for _, key in by_place]
    return list(dict.fromkeys(people))


def _adds(ix: Index, person: str, found: EvidencePath, shown: set[EvidenceHop]) -> bool:
    """Whether the records add to what the evidence shows: a link not in it yet, or the birth
    date or nationality the register publishes."""
    facts = ix.persons.get(person)
    published = facts is not None and bool(
        facts.birth_date or facts.birth_year_month or facts.nationality
    )
    return published or any(h not in shown for h in found.hops)


def with_person_records(signals: list[Signal], ix: Index, as_of: date) -> list[Signal]:
    out = []
    for s in signals:
        paths = list(s.evidence)
        shown = {h for p in paths for h in p.hops}
        for person in named_persons(ix, s):
            found = person_records(ix, person, as_of)
            if found is not None and found not in paths and _adds(ix, person, found, shown):
                paths.append(found)
        out.append(s.model_copy(update={"evidence": tuple(paths)}))
    return out
