"""PHOENIX_SUCCESSOR (docs/analytics.md §PHOENIX_SUCCESSOR): a company founded around the
insolvency of another that shares its people, address, activity or name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from graph_schema.names import company_search_name
from graph_schema.signal_params import SignalParams
from graphapi.analytics.dates import add_months
from graphapi.analytics.inputs import Index
from graphapi.analytics.model import CompanyEvent, CompanyFacts
from graphapi.analytics.signals.front import is_mass_address
from graphapi.analytics.signals.model import EvidencePath, Signal, SignalKind, decay

_DIGITS = re.compile(r"\D")


def name_similarity(a: str, b: str) -> tuple[float, bool]:
    """(token Jaccard, containment) of the legal-form-free search names.

    Containment is by whole words ("Peeters" in "Peeters Dakwerken"), never by characters:
    "Arc" is not contained in "March Supplies"."""
    na, nb = company_search_name(a), company_search_name(b)
    ta, tb = set(na.split()), set(nb.split())
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    wa, wb = f" {' '.join(na.split())} ", f" {' '.join(nb.split())} "
    contained = bool(ta and tb) and (wa in wb or wb in wa)
    return jaccard, contained


def activity4(code: str) -> str | None:
    """'NACE:43.91' -> 'NACE:4391', 'SIC:41201' -> 'SIC:4120' (same scheme, 4 digits)."""
    scheme, _, value = code.rpartition(":")
    digits = _DIGITS.sub("", value)
    return f"{scheme.upper()}:{digits[:4]}" if len(digits) >= 4 else None


@dataclass
class PhoenixPair:
    failed: str
    successor: str
    t: date
    event: CompanyEvent
    features: dict[str, str] = field(default_factory=dict)  # code -> description
    relative_only: bool = False
    notes: list[str] = field(default_factory=list)
    paths: list[EvidencePath] = field(default_factory=list)


def _people(ix: Index, company: str, since: date | None, until: date) -> set[str]:
    """Directors (not practitioners) and controllers of `company` during [since, until]."""
    out = {
        m.person
        for m in ix.mandates_in.get(company, [])
        if not m.is_practitioner
        and (m.start is None or m.start <= until)
        and (since is None or m.end is None or m.end >= since)
    }
    out |= {
        h.owner
        for h in ix.holdings_into.get(company, [])
        # a controller, not any shareholder: a majority stake or control rights
        if (h.bounds()[0] > 0.5 or h.control_interests)
        and (h.start is None or h.start <= until)
        and (since is None or h.end is None or h.end >= since)
    }
    out |= {
        c.controller
        for c in ix.controls_into.get(company, [])
        if c.start is None or c.start <= until
    }
    return out


def phoenix_pairs(ix: Index, as_of: date, params: SignalParams) -> list[PhoenixPair]:
    pairs = []
    w = params.phoenix_window_months
    for x in sorted(ix.insolvencies):
        e = ix.insolvency_at(x, as_of)
        if e is None or e.date is None:
            continue
        t = e.date
        for y in ix.companies.values():
            inc = y.incorporated_on
            # Y that existed and traded >= 12 months before t is the s.216 exception.
            if y.key == x or inc is None or inc > as_of:
                continue
            if not add_months(t, -params.phoenix_prior_trading_months) < inc <= add_months(t, w):
                continue
            pair = _features(ix, ix.companies.get(x) or CompanyFacts(key=x), y, t, e, as_of, params)
            if len(pair.features) >= 2:
                pairs.append(pair)
    return pairs


def _features(
    ix: Index,
    x: CompanyFacts,
    y: CompanyFacts,
    t: date,
    e: CompanyEvent,
    as_of: date,
    params: SignalParams,
) -> PhoenixPair:
    pair = PhoenixPair(failed=x.key, successor=y.key, t=t, event=e)
    before = _people(ix, x.key, add_months(t, -params.phoenix_window_months), t)
    after = _people(ix, y.key, None, as_of)
    shared = sorted(before & after)
    kin = sorted(b for b in before for a in after if a != b and ix.is_related(a, b))
    if shared or kin:
        who = shared or kin
        pair.features["a"] = (
            "same director or controller " if shared else "a relative of "
        ) + ", ".join(ix.name(p) for p in who)
        pair.relative_only = not shared
        pair.paths += [
            EvidencePath(
                description="shared person",
                hops=tuple(
                    ix.mandate_hop(m)
                    for m in ix.mandates_of.get(p, [])
                    if m.company in (x.key, y.key)
                ),
            )
            for p in who
        ]
    common = sorted(set(x.address_keys) & set(y.address_keys))
    plain = [a for a in common if not is_mass_address(ix, a, params)]
    if plain:
        pair.features["b"] = "same address " + (
            ix.addresses[plain[0]].text if plain[0] in ix.addresses else plain[0]
        )
        pair.paths.append(
            EvidencePath(
                description="shared address",
                hops=(ix.address_hop(x.key, plain[0]), ix.address_hop(y.key, plain[0])),
            )
        )
    elif common:
        pair.notes.append("shared address is a mass-registration address (not counted)")
    codes = {activity4(c) for c in x.activity_codes} & {activity4(c) for c in y.activity_codes}
    codes.discard(None)
    if codes:
        pair.features["c"] = "same activity " + ", ".join(sorted(c for c in codes if c))
    if x.name and y.name:
        jaccard, contained = name_similarity(x.name, y.name)
        if jaccard >= params.phoenix_name_jaccard or contained:
            pair.features["d"] = f"similar name (token Jaccard {jaccard:.2f})"
    contacts = sorted(set(x.contacts) & set(y.contacts))
    if contacts:
        pair.features["e"] = "same contact " + ", ".join(contacts)
    return pair


def _severity(pair: PhoenixPair, chain: bool) -> int:
    f = set(pair.features)
    severity = 3
    if "a" in f:
        severity = 5 if "d" in f else 4
    if chain:
        severity = 5
    if pair.relative_only:
        severity -= 1
    if pair.event.approved_transfer_to == pair.successor:
        severity -= 1  # pre-pack / curator-approved sale
    return max(1, severity)


def phoenix_successor(ix: Index, as_of: date, params: SignalParams) -> list[Signal]:
    pairs = phoenix_pairs(ix, as_of, params)
    failed_with_successor = {p.failed for p in pairs}
    out = []
    for pair in pairs:
        if ix.data.target not in (pair.failed, pair.successor):
            continue
        chain = pair.successor in failed_with_successor or any(
            p.successor == pair.failed for p in pairs
        )
        severity = decay(_severity(pair, chain), pair.t, as_of, params.horizon_months)
        y, x = ix.companies[pair.successor], ix.name(pair.failed)
        features = "; ".join(pair.features[c] for c in sorted(pair.features))
        extra = "".join(f"; {n}" for n in pair.notes) + ("; part of a chain" if chain else "")
        out.append(
            Signal(
                kind=SignalKind.PHOENIX_SUCCESSOR,
                severity=severity,
                date=pair.t,
                summary=f"{y.display} was incorporated on {y.incorporated_on}, around the "
                f"insolvency of {x} on {pair.t}; shares {len(pair.features)} features: "
                f"{features}{extra}.",
                entities=(pair.successor, pair.failed),
                evidence=(
                    EvidencePath(
                        description="insolvency of the predecessor",
                        hops=(ix.event_hop(pair.event),),
                    ),
                    *pair.paths,
                ),
                params={
                    "window_months": params.phoenix_window_months,
                    "name_jaccard": params.phoenix_name_jaccard,
                    "features": ",".join(sorted(pair.features)),
                    "chain": chain,
                },
            )
        )
    return out
