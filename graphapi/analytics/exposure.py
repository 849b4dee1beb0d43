"""Exposure through the graph, pure: the links between the firm's clients found in the
registers (graphapi/queries/exposure.py) joined with what each client owes at a date
(graphapi/analytics/payment.py), summed per link and explained in one sentence.

A link is an entity two or more clients' companies share: the top of their group, a director,
a beneficial owner, a registered address. The same person as director and owner of the same
clients is one link of two kinds. For a person, the companies they directed that became
insolvent are counted as DIRECTOR_PAST_BANKRUPTCIES counts them (in office, or left at most
`window_months` before, and the insolvency within `horizon_months` of the date asked), so
"three of your clients share a director who left two bankrupt companies; together they owe
84,000" is one answer with its evidence. Amounts of different currencies are never added:
totals are per currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from graph_schema.ledger import Account
from graphapi.analytics.dates import add_months
from graphapi.analytics.history import classify
from graphapi.analytics.payment import Exposure, exposure

ZERO = Decimal(0)
KIND_ORDER = ("group", "director", "owner", "address")


class Hop(BaseModel):
    """One parent link on the way from a group's top to a client's company."""

    model_config = ConfigDict(frozen=True)
    src: str
    src_name: str | None = None
    type: str
    dst: str
    dst_name: str | None = None
    share_exact: float | None = None
    share_min: float | None = None
    share_max: float | None = None
    control: bool | None = None
    source_file: str | None = None
    record_id: str | None = None


class Anchor(BaseModel):
    """How one client's company reaches the shared entity."""

    model_config = ConfigDict(frozen=True)
    kind: str
    key: str
    name: str | None = None
    detail: str | None = None  # director: the role; owner: the relationship type
    since: date | None = None  # director: in office since
    through: str | None = None  # owner: the group company the person holds (None: directly)
    through_name: str | None = None
    hops: tuple[Hop, ...] = ()  # group: top -> ... -> the client's company


class Member(BaseModel):
    model_config = ConfigDict(frozen=True)
    client: str
    company: str
    company_name: str | None = None
    anchor: Anchor


class Failure(BaseModel):
    """A company a linking person directed that became insolvent (raw: the analytics decide
    what counts)."""

    model_config = ConfigDict(frozen=True)
    company: str
    name: str | None = None
    role: str | None = None
    start: date | None = None
    end: date | None = None
    kind: str
    date: date


class LinkRow(BaseModel):
    """One entity (a group top, a person, an address) shared by two or more clients."""

    model_config = ConfigDict(frozen=True)
    kind: str  # group | director | owner | address
    key: str
    name: str | None = None
    members: tuple[Member, ...]
    failures: tuple[Failure, ...] = ()
    companies_there: int = 0  # address: companies registered there at as_of


class LinkedClients(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    links: tuple[LinkRow, ...]
    accounts: tuple[Account, ...]


def money(amount: Decimal, currency: str | None) -> str:
    return f"{amount:,.2f} {currency}" if currency else f"{amount:,.2f}"


@dataclass(frozen=True)
class CountedFailure:
    """A company the linking person directed that became insolvent, as counted."""

    company: str
    name: str | None
    role: str | None
    start: date | None
    end: date | None  # None: in office at the insolvency
    kind: str
    insolvency_date: date
    months_after_leaving: int | None

    def text(self) -> str:
        what = self.kind.replace("_", " ").lower()
        if self.end is None or self.months_after_leaving is None:
            return f"{self.name or self.company} ({what} {self.insolvency_date}, in office)"
        return (
            f"{self.name or self.company} (left {self.end}, {what} {self.insolvency_date}, "
            f"{self.months_after_leaving} months later)"
        )


def counted_failures(
    failures: Sequence[Failure], as_of: date, window_months: int, horizon_months: int
) -> list[CountedFailure]:
    """The failures DIRECTOR_PAST_BANKRUPTCIES would count, one per company (its first
    insolvency), newest first."""
    since = add_months(as_of, -horizon_months)
    out: dict[str, CountedFailure] = {}
    for f in sorted(failures, key=lambda f: (f.date, f.company)):
        if f.company in out or not since <= f.date <= as_of:
            continue
        found = classify(f.start, f.end, f.date, window_months)
        if found is None or found[1] == "outsideWindow":
            continue
        months, _ = found
        out[f.company] = CountedFailure(
            f.company, f.name, f.role, f.start, f.end if months is not None else None,
            f.kind, f.date, months,
        )  # fmt: skip
    return sorted(out.values(), key=lambda c: (c.insolvency_date, c.company), reverse=True)


@dataclass(frozen=True)
class LinkedMember:
    """One client of a link: how its company reaches the shared entity, and what it owes."""

    client: str
    company: str
    company_name: str | None
    anchors: tuple[Anchor, ...]  # one per kind of the link
    exposure: Exposure | None  # None: the client's documents were not read

    def how(self) -> str:
        """How the company reaches the shared entity, in words (the evidence)."""
        parts = []
        for a in self.anchors:
            if a.kind == "group":
                chain = " -> ".join([h.src_name or h.src for h in a.hops][:1] + [
                    h.dst_name or h.dst for h in a.hops
                ])  # fmt: skip
                parts.append(f"group: {chain}" if a.hops else "group: the top itself")
            elif a.kind == "director":
                since = f" since {a.since}" if a.since else ""
                parts.append(f"{a.detail or 'director'}{since}")
            elif a.kind == "owner":
                via = f" of {a.through_name or a.through}" if a.through else ""
                parts.append(f"beneficial owner ({a.detail}){via}")
            else:
                parts.append("registered address")
        return "; ".join(parts)


@dataclass(frozen=True)
class Total:
    currency: str | None
    open: Decimal
    overdue: Decimal
    limits: Decimal  # sum of the credit limits set
    without_limit: int  # clients with no limit set

    @property
    def over_limits(self) -> Decimal:
        """How far the combined open balance exceeds the sum of the limits set (0 within)."""
        return max(ZERO, self.open - self.limits)


@dataclass(frozen=True)
class LinkedExposure:
    """Two or more clients linked by one entity, with what they owe together."""

    kinds: tuple[str, ...]  # group | director | owner | address (a person may be two)
    key: str  # the shared entity: the group's top company, a person, an address
    name: str | None
    members: tuple[LinkedMember, ...]
    totals: tuple[Total, ...]  # per currency, the largest open first
    failures: tuple[CountedFailure, ...] = ()  # persons: insolvent companies they directed
    companies_there: int = 0  # address: companies registered there
    mass_address: bool = False
    as_of: date | None = None

    @property
    def clients(self) -> tuple[str, ...]:
        return tuple(m.client for m in self.members)

    @property
    def main(self) -> Total:
        return self.totals[0]

    def summary(self) -> str:
        n = len(self.members)
        who = self.name or self.key
        t = self.main
        owe = f"together they owe {money(t.open, t.currency)}"
        if t.overdue > 0:
            owe += f" ({money(t.overdue, t.currency)} overdue)"
        if "group" in self.kinds:
            text = f"{n} of your clients are in the group of {who}; {owe}"
            if t.limits > 0 or t.without_limit:
                text += f" against {money(t.limits, t.currency)} of credit limits"
                if t.without_limit:
                    text += f" ({t.without_limit} without a limit)"
                if t.over_limits > 0:
                    text += f": {money(t.over_limits, t.currency)} over the sum of their limits"
        elif self.kinds[0] in ("director", "owner"):
            role = " and ".join(
                {"director": "director", "owner": "beneficial owner"}[k] for k in self.kinds
            )
            text = f"{n} of your clients share a {role}, {who}"
            if self.failures:
                left = sum(1 for f in self.failures if f.end is not None)
                verb = "left" if left == len(self.failures) else "directed"
                names = ", ".join(f.text() for f in self.failures)
                text += (
                    f", who {verb} {len(self.failures)} "
                    f"compan{'y' if len(self.failures) == 1 else 'ies'} that became insolvent: "
                    f"{names}"
                )
            text += f"; {owe}"
        else:
            mass = (
                f", a mass-registration address ({self.companies_there} companies)"
                if self.mass_address
                else f" ({self.companies_there} companies registered there)"
            )
            text = f"{n} of your clients are registered at {who}{mass}; {owe}"
        others = [x for x in self.totals[1:]]
        if others:
            text += "; also " + ", ".join(money(x.open, x.currency) for x in others)
        return text + "."


def _totals(exposures: Sequence[Exposure]) -> tuple[Total, ...]:
    by: dict[str | None, list[Exposure]] = {}
    for e in exposures:
        by.setdefault(e.currency, []).append(e)
    totals = [
        Total(
            currency=cur,
            open=sum((e.open for e in es), ZERO),
            overdue=sum((e.overdue for e in es), ZERO),
            limits=sum((e.credit_limit for e in es if e.credit_limit is not None), ZERO),
            without_limit=sum(1 for e in es if e.credit_limit is None),
        )
        for cur, es in by.items()
    ]
    return tuple(sorted(totals, key=lambda t: (-t.open, t.currency or "")))


def _merge_people(links: Sequence[LinkRow]) -> list[list[LinkRow]]:
    """Links of the same entity joining the same clients (a person both director and owner)
    as one; the rest alone."""
    merged: dict[tuple[str, frozenset[str]], list[LinkRow]] = {}
    for link in links:
        ident = (link.key, frozenset(m.client for m in link.members))
        merged.setdefault(ident, []).append(link)
    return [sorted(group, key=lambda x: KIND_ORDER.index(x.kind)) for group in merged.values()]


def linked_exposures(
    found: LinkedClients,
    as_of: date,
    *,
    window_months: int = 36,
    horizon_months: int = 60,
    mass_min: int = 20,
) -> list[LinkedExposure]:
    """Each link with its members' exposures at `as_of` and their totals, the largest
    combined open balance first."""
    accounts: dict[str, Account] = {a.client.key: a for a in found.accounts}
    exposures = {key: exposure(a.client, a.invoices, as_of) for key, a in accounts.items()}
    out = []
    for group in _merge_people(found.links):
        first = group[0]
        members = []
        for m in first.members:
            anchors = tuple(
                next(x.anchor for x in link.members if x.client == m.client) for link in group
            )
            members.append(
                LinkedMember(m.client, m.company, m.company_name, anchors, exposures.get(m.client))
            )
        known = [m.exposure for m in members if m.exposure is not None]
        failures = counted_failures(
            [f for link in group for f in link.failures], as_of, window_months, horizon_months
        )
        out.append(
            LinkedExposure(
                kinds=tuple(link.kind for link in group),
                key=first.key,
                name=first.name,
                members=tuple(members),
                totals=_totals(known) or (Total(None, ZERO, ZERO, ZERO, 0),),
                failures=tuple(failures),
                companies_there=first.companies_there,
                mass_address=first.kind == "address" and first.companies_there >= mass_min,
                as_of=as_of,
            )
        )
    return sorted(out, key=lambda x: (-x.main.open, KIND_ORDER.index(x.kinds[0]), x.key))
