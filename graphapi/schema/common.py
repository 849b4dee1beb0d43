"""Small shared GraphQL types: kinds, provenance, shares, identifiers, events."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

import strawberry

from graphapi.queries.rows import EventRow, IdentifierRow, ProvenanceRow, ShareRow

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def described(description: str) -> Callable[[F], F]:
    """`@strawberry.field(description=…)` that keeps the resolver's type for mypy."""
    decorator: Callable[[F], F] = strawberry.field(description=description)
    return decorator


def from_attrs(cls: type[T], source: object, **given: Any) -> T:
    """A `cls` whose fields are those `given`, the others the like-named attributes of `source`:
    for the GraphQL types that mirror a row or a model field by field."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = [f.name for f in fields if f.init and f.name not in given]
    return cls(**{name: getattr(source, name) for name in names}, **given)


@strawberry.enum
class EntityKind(Enum):
    COMPANY = "Company"
    PERSON = "Person"
    ADDRESS = "Address"


@strawberry.type(description="Where a fact came from.")
class Provenance:
    source: str | None = strawberry.field(description="Registry or format, e.g. companies-house.")
    record_id: str | None = strawberry.field(description="The source's own id for the record.")
    source_file: str | None
    seen_at: dt.date | None = strawberry.field(description="Statement or publication date.")
    sources: list[str] = strawberry.field(description="Every source that reported the fact.")

    @staticmethod
    def from_row(row: ProvenanceRow) -> Provenance:
        return from_attrs(
            Provenance, row, sources=list(row.sources) or ([row.source] if row.source else [])
        )


@strawberry.type(description="A share in percent: exact, or a range whose bounds may be open.")
class Share:
    exact: float | None
    min: float | None
    max: float | None
    min_exclusive: bool
    max_exclusive: bool

    @described("Human-readable form, e.g. '30%' or '25% < x <= 50%'.")
    def text(self) -> str | None:
        if self.exact is not None:
            return f"{self.exact:g}%"
        if self.min is None and self.max is None:
            return None
        low = "" if self.min is None else f"{self.min:g}% {'<' if self.min_exclusive else '<='} "
        high = "" if self.max is None else f" {'<' if self.max_exclusive else '<='} {self.max:g}%"
        return f"{low}x{high}"

    @staticmethod
    def from_row(row: ShareRow) -> Share:
        return Share(
            exact=row.share_exact,
            min=row.share_min,
            max=row.share_max,
            min_exclusive=row.share_min_exclusive,
            max_exclusive=row.share_max_exclusive,
        )


@strawberry.type(description="A registry identifier: org-id scheme and normalised value.")
class Identifier:
    scheme: str = strawberry.field(description="org-id code, e.g. GB-COH, BE-BCE_KBO.")
    value: str
    validated: bool = strawberry.field(
        default=True,
        description="False: the number fails its scheme's check (kept as the source wrote it, "
        "never used as the company's id).",
    )

    @described("scheme-value, as used for company ids.")
    def key(self) -> str:
        return f"{self.scheme}-{self.value}"

    @staticmethod
    def from_row(row: IdentifierRow) -> Identifier:
        return Identifier(scheme=row.scheme, value=row.value, validated=row.validated is not False)


@strawberry.type(description="Something that happened to a company (insolvency, dissolution…).")
class Event:
    id: strawberry.ID
    kind: str = strawberry.field(description="graph_schema EventKind, e.g. BANKRUPTCY.")
    date: dt.date | None
    end_date: dt.date | None
    insolvency: bool = strawberry.field(description="A bankruptcy-like failure, not a solvent end.")
    description: str | None
    court: str | None
    reference: str | None
    made_up_to: dt.date | None
    dormant: bool | None
    provenance: Provenance

    @staticmethod
    def from_row(row: EventRow) -> Event:
        return from_attrs(
            Event, row, id=strawberry.ID(row.key), provenance=Provenance.from_row(row.provenance)
        )
