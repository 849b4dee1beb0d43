"""assess(): every analysis for one company from one fetched bundle, in one call."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from graph_schema.signal_params import SignalParams
from graphapi.analytics.coverage import Coverage, coverage
from graphapi.analytics.dates import valid_at
from graphapi.analytics.history import BankruptcyHistory, bankruptcy_history
from graphapi.analytics.inputs import DueDiligenceInput, Index
from graphapi.analytics.rating import Rating, rate
from graphapi.analytics.signals.compliance import pep, sanctioned
from graphapi.analytics.signals.dormant import dormant_reactivation
from graphapi.analytics.signals.financial import financial_signals
from graphapi.analytics.signals.front import front_person
from graphapi.analytics.signals.history import (
    company_insolvent,
    director_past_bankruptcies,
    disqualified_director,
    hidden_controller,
    late_director_change,
)
from graphapi.analytics.signals.model import Signal
from graphapi.analytics.signals.payment import payment_behaviour
from graphapi.analytics.signals.records import with_person_records
from graphapi.analytics.signals.structure import (
    circular_ownership,
    mass_registration_address,
    no_ubo_found,
    ubo_discrepancy,
    ubo_register_statement,
)
from graphapi.analytics.signals.succession import phoenix_successor
from graphapi.analytics.ubo.discrepancies import Discrepancy, compare_declarations
from graphapi.analytics.ubo.owners import UboResult, compute_ubo
from graphapi.analytics.ubo.sources import OwnershipView, describe_sources, ownership_view


class Assessment(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    company: str
    as_of: date
    params: SignalParams
    signals: tuple[Signal, ...]  # strongest first
    rating: Rating
    ubo: UboResult
    discrepancies: tuple[Discrepancy, ...]
    histories: dict[str, BankruptcyHistory]  # per person with a mandate in the bundle
    coverage: Coverage  # which sources know the company and whether that is enough to judge


class UboAssessment(BaseModel):
    """The UBO part of an assessment: what `uboCheck(s)` and `ubo-check` report."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    company: str
    as_of: date
    ubo: UboResult
    discrepancies: tuple[Discrepancy, ...]


def _ubo(
    ix: Index, view: OwnershipView, as_of: date, params: SignalParams
) -> tuple[UboResult, list[Discrepancy]]:
    """Beneficial owners from the target's own source, and the register compared with them
    only where both sources exist (ubo/sources.py)."""
    data = ix.data
    target = data.target
    persons = ix.natural_persons
    listed = {c.key for c in data.companies if c.listed}
    ubo = compute_ubo(
        target, data.holdings, data.controls, persons, as_of, params.ubo, data.mandates, listed
    )
    basis = view.basis(target)
    held = [h for h in ix.holdings_into.get(target, []) if valid_at(h.start, h.end, as_of)]
    controls = [c for c in ix.controls_into.get(target, []) if valid_at(c.start, c.end, as_of)]
    ubo = ubo.model_copy(
        update={"ownership_basis": basis, "sources": describe_sources([*held, *controls], [])}
    )
    if basis != "computed":
        return ubo, []  # one source only: nothing to compare it with
    declared = [d for d in data.declarations if d.company == target]
    current = [d for d in declared if valid_at(d.start, d.end, as_of)]
    register = describe_sources([], current or declared)
    reason = ix.target.no_beneficial_owner_reason
    if not register and reason:
        register = (f"register statement '{reason}'",)
    compared = (register, ubo.sources)
    sides = tuple(" and ".join(side) for side in compared if side)
    found = compare_declarations(
        ubo, data.declarations, persons, ix.companies, as_of, sources=sides
    )
    return ubo, found


def assess_ubo(
    data: DueDiligenceInput, as_of: date, params: SignalParams | None = None
) -> UboAssessment:
    """Beneficial owners and declaration discrepancies only. Works on the full bundle and on
    the smaller one of queries.ubo_inputs (the ownership subgraph, declarations, directors)."""
    view = ownership_view(data, as_of)
    ubo, found = _ubo(Index.build(view.data), view, as_of, params or SignalParams())
    return UboAssessment(company=data.target, as_of=as_of, ubo=ubo, discrepancies=tuple(found))


def assess(data: DueDiligenceInput, as_of: date, params: SignalParams | None = None) -> Assessment:
    params = params or SignalParams()
    view = ownership_view(data, as_of)
    ix = Index.build(view.data)
    target = data.target
    persons = ix.natural_persons
    ubo, found = _ubo(ix, view, as_of, params)
    histories = {
        p: bankruptcy_history(
            p,
            ix.mandates_of.get(p, []),
            data.events,
            ix.companies,
            params.window_months,
            as_of,
            exclude_company=target,
            shortly_months=params.left_shortly_months,
        )
        for p in sorted(persons)
    }
    hidden = hidden_controller(ix, as_of, params, ubo, histories)
    fronts = front_person(ix, as_of, params, ubo, histories, hidden)
    signals = [
        *company_insolvent(ix, as_of),
        *director_past_bankruptcies(ix, as_of, params, histories),
        *disqualified_director(ix, as_of, params, ubo),
        *hidden,
        *late_director_change(ix, as_of, params),
        *fronts,
        *phoenix_successor(ix, as_of, params),
        *dormant_reactivation(ix, as_of, params, {s.entities[0] for s in fronts}),
        *circular_ownership(ix, ubo, params),
        *ubo_discrepancy(ix, as_of, params, found, histories),
        *no_ubo_found(ix, as_of, ubo, params),
        *ubo_register_statement(ix, as_of, ubo),
        *mass_registration_address(ix, params),
        *sanctioned(ix, as_of, params),
        *pep(ix, as_of, ubo, params),
        *financial_signals(ix, as_of, params),
        *payment_behaviour(data, as_of, params),
    ]
    signals = with_person_records(signals, ix, as_of)
    known = coverage(ix, as_of)
    signals.sort(key=lambda s: (-s.severity, -(s.date or date.min).toordinal(), s.kind.value))
    return Assessment(
        company=target,
        as_of=as_of,
        params=params,
        signals=tuple(signals),
        rating=rate(signals, ix.target, as_of, params, known),
        ubo=ubo,
        discrepancies=tuple(found),
        histories={p: h for p, h in histories.items() if h.cases},
        coverage=known,
    )
