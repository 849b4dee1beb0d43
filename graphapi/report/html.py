"""A self-contained due-diligence report page (no scripts, no external assets).

Built with string templates: every value from the graph goes through `esc` (html.escape with
quotes), so names such as "<script>" or "O'Brien & Sons" show as text. `report_html` is pure
(the API can serve it); `company_report` fetches what it needs in a fixed number of round trips.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from html import escape

from graph_schema.errors import NotFound
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import Assessment
from graphapi.analytics.dates import valid_at
from graphapi.analytics.financials.analysis import FinancialAnalysis
from graphapi.analytics.inputs import DueDiligenceInput, Index
from graphapi.analytics.model import Mandate, SourceRef
from graphapi.analytics.signals.model import Signal
from graphapi.batch.portfolio import ClientRow
from graphapi.batch.resolve import Resolved, Status
from graphapi.batch.ubo_check import render_ubo
from graphapi.graph import Graph
from graphapi.queries.entities import identifiers_of
from graphapi.queries.events import newest_data_date
from graphapi.report.financial_svg import financial_section
from graphapi.report.network_svg import network_svg
from graphapi.report.style import CSS
from graphapi.services.assessment import assess_companies
from graphapi.services.financials import analyse_company


class ReportNotFound(NotFound):
    """No company with the id the report was asked for."""


def esc(value: object) -> str:
    return "" if value is None else escape(str(value), quote=True)


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], cls: str = "") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    if not body:
        body = f'<tr><td colspan="{len(headers)}" class="none">none</td></tr>'
    return f'<table class="{esc(cls)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def words(value: object) -> str:
    """A parameter value as a reader writes it: lists joined, yes/no, "not set"."""
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple | list | set | frozenset):
        return ", ".join(words(v) for v in value) or "none"
    if isinstance(value, float | Decimal):
        return f"{value:g}" if isinstance(value, float) else f"{value.normalize():f}"
    return {">": "more than", ">=": "at least"}.get(str(value), str(value))


def _name_of(param: str) -> str:
    return param.replace("_", " ")


def _prov(ref: SourceRef) -> str:
    bits = [
        ref.source,
        ref.source_file,
        ref.record_id,
        f"seen {ref.seen_at}" if ref.seen_at else None,
    ]
    return esc(" · ".join(b for b in bits if b))


def _identity(ix: Index, identifiers: Sequence[tuple[str, str]]) -> str:
    t = ix.target
    addresses = [ix.addresses[a].text for a in t.address_keys if a in ix.addresses]
    rows = [
        ("Name", esc(t.name)),
        ("Company id", f"<code>{esc(t.key)}</code>"),
        ("Identifiers", "<br>".join(f"{esc(s)}: <code>{esc(v)}</code>" for s, v in identifiers)),
        ("Status", esc(t.status)),
        ("Legal form", esc(t.legal_form)),
        ("Jurisdiction", esc(t.jurisdiction)),
        ("Incorporated", esc(t.incorporated_on)),
        ("Dissolved", esc(t.dissolved_on)),
        ("Registered address", "<br>".join(esc(a) for a in addresses)),
        ("Activity", esc(", ".join(t.activity_codes))),
        ("Source", _prov(t.ref)),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<section id="identity"><h2>Identity</h2><table class="kv">{body}</table></section>'


def _rating(a: Assessment) -> str:
    r = a.rating
    reasons = "".join(f"<li>{esc(x)}</li>" for x in r.reasons) or "<li>No adverse signal.</li>"
    cls = "insufficient" if r.insufficient_data else str(r.score)
    return (
        f'<section id="rating"><h2>Rating</h2><p class="rating rating-{cls}">'
        f'<span class="score">{r.score}</span> / 5 <span class="label">{esc(r.label)}</span></p>'
        f'<ul class="reasons">{reasons}</ul></section>'
    )


def _coverage(a: Assessment) -> str:
    """Which sources know the company and what each said; the verdict on whether that is
    enough to judge (docs/analytics.md, Data coverage)."""
    c = a.coverage
    rows = (
        (
            esc(x.source),
            "yes" if x.status else "no",
            esc(x.officers),
            esc(x.ownership),
            esc(x.accounts),
        )  # fmt: skip
        for x in c.sources
    )
    table = _table(
        ("Source", "Status", "Officer appointments", "Ownership and control facts", "Accounts"),
        rows,
        "coverage",
    )
    verdict = "Enough to judge" if c.sufficient else "Insufficient data to judge"
    missing = f": no {', no '.join(esc(m) for m in c.missing)}" if c.missing else ""
    return (
        f'<section id="coverage"><h2>Data coverage</h2><p id="coverage-verdict"><strong>'
        f"{verdict}</strong>{missing}.</p>{table}</section>"
    )


def _signal(s: Signal) -> str:
    paths = []
    for p in s.evidence:
        hops = _table(
            ("From", "Link", "To", "Start", "End", "Detail", "Provenance"),
            (
                (
                    esc(h.src_name or h.src),
                    f"<code>{esc(h.rel_type)}</code>",
                    esc(h.dst_name or h.dst),
                    esc(h.start),
                    esc(h.end),
                    esc(h.detail),
                    _prov(h.ref),
                )  # fmt: skip
                for h in p.hops
            ),
            "evidence",
        )
        paths.append(f'<div class="path"><p>{esc(p.description)}</p>{hops}</div>')
    params = "; ".join(
        f"{_name_of(k)}: {words(v)}" for k, v in sorted(s.params.items()) if v is not None
    )
    return (
        f'<div class="signal severity-{s.severity}"><h3>{esc(s.kind.value)} '
        f'<span class="sev">severity {s.severity}</span>'
        f"{f' <span class=date>{esc(s.date)}</span>' if s.date else ''}</h3>"
        f'<p>{esc(s.summary)}</p><p class="params">{esc(params)}</p>{"".join(paths)}</div>'
    )


def _signals(a: Assessment) -> str:
    body = "".join(_signal(s) for s in a.signals) or "<p>No signals.</p>"
    return f'<section id="signals"><h2>Signals and evidence</h2>{body}</section>'


def own_people(a: Assessment, ix: Index) -> set[str]:
    """The company's own directors and controllers up to the as-of date: every officer
    (current or past), direct shareholder, controller and declared owner of the company, and
    every computed beneficial owner. A co-director of one of their other companies is not."""
    target, as_of = ix.data.target, a.as_of

    def begun(start: dt.date | None) -> bool:
        return start is None or start <= as_of

    people = {m.person for m in ix.mandates_in.get(target, []) if begun(m.start)}
    people |= {h.owner for h in ix.holdings_into.get(target, []) if begun(h.start)}
    people |= {c.controller for c in ix.controls_into.get(target, []) if begun(c.start)}
    people |= {d.declared for d in ix.data.declarations if d.company == target and begun(d.start)}
    people |= {o.person for o in a.ubo.owners}
    return people & ix.natural_persons


def _histories(a: Assessment, ix: Index) -> str:
    parts = []
    own = own_people(a, ix)
    mine = ((p, h) for p, h in a.histories.items() if p in own)
    for person, h in sorted(mine, key=lambda kv: ix.name(kv[0])):
        rows = (
            (
                esc(c.company_name or c.company),
                esc(c.role),
                esc(c.start),
                esc(c.end),
                esc(c.kind.value),
                esc(c.insolvency_date),
                esc("in office" if c.months_after_leaving is None else c.months_after_leaving),
                esc(c.tier),
                "yes" if c.within_window else "no",
                _prov(c.event_ref),
            )  # fmt: skip
            for c in h.cases
        )
        parts.append(
            f"<h3>{esc(ix.name(person))} <code>{esc(person)}</code>: "
            f"{h.count_within_window} within {h.window_months} months</h3>"
            + _table(
                (
                    "Company",
                    "Role",
                    "From",
                    "To",
                    "Insolvency",
                    "On",
                    "Months after leaving",
                    "Tier",
                    "In window",
                    "Provenance",
                ),
                rows,
                "history",
            )  # fmt: skip
        )
    body = "".join(parts) or "<p>No director or controller has a bankruptcy history.</p>"
    return (
        '<section id="histories"><h2>Bankruptcy histories of the company\'s directors and '
        'controllers</h2><p class="legend">Its officers (current and past), shareholders, '
        "controllers and declared or computed beneficial owners; other companies' officers are "
        f"not listed.</p>{body}</section>"
    )


def _officers(ix: Index, as_of: dt.date) -> str:
    """Every officer of the company up to the as-of date, current ones first."""
    target = ix.data.target
    held = [m for m in ix.mandates_in.get(target, []) if m.start is None or m.start <= as_of]

    def current(m: Mandate) -> bool:
        return valid_at(m.start, m.end, as_of)

    held.sort(key=lambda m: (not current(m), -(m.start or dt.date.min).toordinal(), m.person))
    rows = []
    for m in held:
        person = ix.persons.get(m.person)
        born = person.birth_year_month or person.birth_date if person else None
        rows.append(
            (
                esc(ix.name(m.person)),
                f"<code>{esc(m.person)}</code>",
                esc(m.role),
                esc(m.start),
                esc(m.end),
                "current" if current(m) else "past",
                esc(born),
                _prov(m.ref),
            )  # fmt: skip
        )
    table = _table(
        ("Officer", "Id", "Role", "From", "To", "At the as-of date", "Born", "Source"),
        rows,
        "officers",
    )
    return f'<section id="officers"><h2>Officers, current and past</h2>{table}</section>'


_BASIS = {
    "computed": "computed from the shareholdings and compared with the register",
    "declared": "as the register declares them (no shareholder list published)",
    "none": "unknown: no ownership information in the data",
}
_END_REASONS = {
    "registrable": "a register names it as a registrable legal entity; its owners are not "
    "in the data",
    "listed": "listed: not looked through",
    "owners_unknown": "its owners are unknown",
}


def _ubo(a: Assessment, bundle: DueDiligenceInput, ix: Index) -> str:
    client = ClientRow(row=0, input_id=a.company)
    row = render_ubo(Resolved(client, Status.OK, company=a.company), a, bundle)
    owners = _table(
        ("Person", "Id", "Effective ownership", "Control", "Status", "Basis"),
        (
            (
                esc(o["name"]),
                f"<code>{esc(o['id'])}</code>",
                esc(o["effective"]),
                "yes" if o["control"] else "no",
                esc(o["status"]),
                esc(", ".join(o["basis"])),
            )
            for o in row["owners"]
        ),  # fmt: skip
        "ubo",
    )
    declared = _table(
        ("Declared owner", "Id", "Share", "Control", "Declared by"),
        (
            (
                esc(d["name"]),
                f"<code>{esc(d['id'])}</code>",
                esc(d["share"]),
                "yes" if d["control"] else "no",
                esc(d["declared_by"]),
            )
            for d in row["declared_owners"]
        ),  # fmt: skip
        "declared",
    )
    disc = _table(
        ("Discrepancy", "Entity", "Detail"),
        (
            (esc(d["kind"]), esc(ix.name(d["entity"])), esc(d["detail"]))
            for d in row["discrepancies"]
        ),
        "discrepancies",
    )
    entities = (
        _table(
            ("Legal entity owner", "Id", "Effective ownership", "Control", "Why the chain ends"),
            (
                (
                    esc(e["name"]),
                    f"<code>{esc(e['id'])}</code>",
                    esc(e["effective"]),
                    "yes" if e["control"] else "no",
                    esc(_END_REASONS.get(e["reason"], e["reason"])),
                )
                for e in row["legal_entity_owners"]
            ),  # fmt: skip
            "entity-owners",
        )
        if row["legal_entity_owners"]
        else ""
    )
    smo = ", ".join(esc(p["name"]) for p in row["senior_managing_officials"]) or "none"
    sources = ", ".join(esc(x) for x in row["sources"]) or "none"
    return (
        f'<section id="ubo"><h2>Beneficial owners ({esc(a.ubo.rules.describe())})</h2>'
        f"<p>Owners {esc(_BASIS.get(row['ownership_basis'], row['ownership_basis']))}; "
        f"sources: {sources}.</p>{owners}{entities}"
        f"<p>No UBO found: <strong>{'yes' if a.ubo.no_ubo_found else 'no'}</strong>; "
        f"unattributed: {esc(a.ubo.unattributed.label)}; senior managing officials: {smo}</p>"
        f"<h3>Declared owners</h3>{declared}<h3>Discrepancies</h3>{disc}</section>"
    )


_GROUPS = {"ubo": "Beneficial owners", "financial": "Filed accounts"}


def _params(params: SignalParams) -> str:
    """Every detector parameter with its value in words, grouped as docs/analytics.md is."""
    rows: list[tuple[str, str, str]] = []
    for name, value in params.model_dump().items():
        if isinstance(value, dict):
            group = _GROUPS.get(name, name)
            rows += [(group, _name_of(k), words(v)) for k, v in value.items()]
        else:
            rows.append(("Signals", _name_of(name), words(value)))
    table = _table(("Group", "Parameter", "Value"), ((esc(g), esc(n), esc(v)) for g, n, v in rows))
    return (
        '<section id="parameters"><h2>Parameters</h2><p class="legend">The thresholds the '
        "signals and the beneficial-owner check were computed with (docs/analytics.md, "
        f"Parameters and defaults).</p>{table}</section>"
    )


def report_html(
    assessment: Assessment,
    bundle: DueDiligenceInput,
    identifiers: Sequence[tuple[str, str]] = (),
    generated_at: dt.datetime | None = None,
    financials: FinancialAnalysis | None = None,
    as_of_note: str | None = None,
) -> str:
    """The full report page for one assessed company (pure: no database access).
    `as_of_note` says where the as-of date comes from (shown beside it in the header)."""
    ix = Index.build(bundle)
    name = ix.target.display
    when = (generated_at or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M:%S %Z")
    svg = network_svg(bundle, assessment.as_of)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Due diligence: {esc(name)}</title><style>{CSS}</style></head><body>"
        f'<header><h1 id="company-name">{esc(name)}</h1><p class="meta">Due-diligence report '
        f"· company <code>{esc(ix.target.key)}</code> · data as of "
        f'<strong id="as-of">{esc(assessment.as_of)}</strong>'
        + (f' <span id="as-of-note">({esc(as_of_note)})</span>' if as_of_note else "")
        + " · generated "
        f'<span id="generated">{esc(when)}</span></p></header>'
        + _rating(assessment)
        + _identity(ix, identifiers)
        + _coverage(assessment)
        + _officers(ix, assessment.as_of)
        + f'<section id="network"><h2>Network</h2><p class="legend">Boxes: companies (red and '
        "marked INSOLVENT: insolvent at the as-of date); ovals: people; arrows: ownership, "
        "control, declared beneficial owners (declared BO) and directorships, as at the as-of date "
        "(dashed: ended by then); a link that would cross another node goes around it; "
        "hover a node or a link for its full name."
        f"</p>{svg}</section>"
        + _signals(assessment)
        + financial_section(financials)
        + _histories(assessment, ix)
        + _ubo(assessment, bundle, ix)
        + _params(assessment.params)
        + "<footer>duegraph · figures are computed from public registers loaded in the graph; "
        "verify against the source records cited before relying on them.</footer></body></html>"
    )


async def company_report(
    graph: Graph,
    company_id: str,
    as_of: dt.date | None,
    params: SignalParams,
    named: set[str] | None = None,
) -> tuple[str, dt.date]:
    """Fetch, assess and render one company's report; ReportNotFound for an unknown id.
    Without an as-of date the report is of the newest registry date loaded, and says so.
    `named` receives the id of every company and person the report shows (the audit trail)."""
    note = None
    if as_of is None:
        today = dt.date.today()
        newest = await newest_data_date(graph, today)
        as_of = newest or today
        note = (
            "the newest registry date in the data loaded; pass an as-of date to choose"
            if newest
            else "today: no dated registry record loaded"
        )
    found = await assess_companies(graph, [company_id], as_of, params)
    if company_id not in found:
        raise ReportNotFound(f"no company with id {company_id!r}")
    ids = (await identifiers_of(graph, [company_id]))[0]
    assessed = found[company_id]
    if named is not None:
        named.update(c.key for c in assessed.bundle.companies)
        named.update(p.key for p in assessed.bundle.persons)
    financials = await analyse_company(graph, company_id, as_of)
    page = report_html(
        assessed.result,
        assessed.bundle,
        [(i.scheme, i.value) for i in ids],
        financials=financials,
        as_of_note=note,
    )
    return page, as_of
