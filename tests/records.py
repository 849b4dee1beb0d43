"""Builders of the canonical records that the hand-made test worlds write: one provenance per
world, keys built the way the loaders build them (`make_key`, `event_key`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from graph_schema.edges import DeclaredOwnership, Directorship, LinkRecord, Shareholding
from graph_schema.events import EventKind
from graph_schema.keys import event_key
from graph_schema.nodes import CompanyRecord, EventRecord, Identifier, PersonRecord
from graph_schema.provenance import Provenance

L = TypeVar("L", bound=LinkRecord)


@dataclass(frozen=True)
class Records:
    prov: Provenance

    def company(self, key: str, name: str, **fields: Any) -> CompanyRecord:
        """Identified by its register number: the key's last part, under the key's scheme."""
        scheme, _, number = key.rpartition("-")
        ids = [Identifier(scheme=scheme, value=number), *fields.pop("identifiers", [])]
        return CompanyRecord(key=key, name=name, identifiers=ids, provenance=self.prov, **fields)

    def person(self, key: str, name: str, birth: str, **fields: Any) -> PersonRecord:
        return PersonRecord(
            key=key, name=name, birth_year_month=birth, provenance=self.prov, **fields
        )

    def link(self, cls: type[L], src: str, dst: str, key: tuple[Any, ...], **fields: Any) -> L:
        """A `cls` relationship from `src` to `dst`, its key made of the parts `key`."""
        fields.setdefault("provenance", self.prov)
        return cls(key=cls.make_key(src, dst, *key), src=src, dst=dst, **fields)

    def director(
        self, person: str, company: str, start: date, end: date | None = None, **fields: Any
    ) -> Directorship:
        """An office from `start`: a director's unless `role` says otherwise."""
        fields.setdefault("role", "director")
        key = (fields["role"], start)
        return self.link(Directorship, person, company, key, start=start, end=end, **fields)

    def owns(
        self, owner: str, company: str, share: float, start: date, **fields: Any
    ) -> Shareholding:
        """A holding on a shareholder list, from `start`."""
        key = ("shareholding", start)
        return self.link(
            Shareholding, owner, company, key, share_exact=share, start=start, **fields
        )

    def psc(
        self, owner: str, company: str, band: tuple[int, int], start: date
    ) -> DeclaredOwnership:
        """A PSC register's declaration of ownership in the band (low, high] percent."""
        low, high = band
        return self.link(
            DeclaredOwnership,
            owner,
            company,
            ("psc", start),
            share_min=low,
            share_max=high,
            share_min_exclusive=True,
            interests=[f"ownership-of-shares-{low}-to-{high}-percent"],
            declared_by="psc",
            start=start,
        )

    def event(self, company: str, kind: EventKind, on: date, **fields: Any) -> EventRecord:
        return EventRecord(
            key=event_key(company, kind.value, on),
            company=company,
            kind=kind,
            date=on,
            provenance=self.prov,
            **fields,
        )
