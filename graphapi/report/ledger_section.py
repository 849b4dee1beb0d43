"""The report's ledger section: for a company that is one of the firm's clients, what it owes,
how it pays, and the other clients linked to it in the registers (pure HTML; the caller
decides whether the reader may see the firm's figures at all, docs/security.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from graph_schema.ledger import Account
from graphapi.analytics.exposure import LinkedExposure, money
from graphapi.analytics.payment import BUCKETS, behaviour, exposure


def _esc(value: object) -> str:
    return escape("" if value is None else str(value))


def _row(cells: Sequence[object]) -> str:
    return "<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in cells) + "</tr>"


def ledger_section(
    accounts: Sequence[Account], as_of: dt.date, links: Sequence[LinkedExposure] = ()
) -> str:
    """The section, or "" when the company is not a client."""
    if not accounts:
        return ""
    parts = ['<section id="ledger"><h2>The firm\'s ledger (confidential)</h2>']
    for account in accounts:
        c = account.client
        e = exposure(c, account.invoices, as_of)
        b = behaviour(c, account.invoices, as_of)
        cur = e.currency
        limit = money(e.credit_limit, cur) if e.credit_limit is not None else "none set"
        dbt = "not enough payments" if b.days_beyond_terms is None else f"{b.days_beyond_terms:g}"
        rows = [
            ("Client", f"{c.client_id} (ledger {c.ledger})"),
            ("Segment / sales owner", f"{c.segment or '-'} / {c.sales_owner or '-'}"),
            ("Payment terms", f"{c.payment_terms_days} days" if c.payment_terms_days else "-"),
            ("Open balance", money(e.open, cur)),
            ("Overdue", money(e.overdue, cur)),
            ("Credit limit", limit),
            ("Days beyond terms (weighted by amount)", dbt),
            ("DSO towards us", "-" if b.dso is None else f"{b.dso:g} days"),
        ]
        body = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in rows)
        parts.append(f'<table class="kv ledger-client">{body}</table>')
        aged = _row([money(b.aged.buckets[k], cur) for k in BUCKETS])
        heads = "".join(f"<th>{_esc(k.replace('_', ' '))}</th>" for k in BUCKETS)
        parts.append(f"<table><caption>Open balance by age</caption><tr>{heads}</tr>{aged}</table>")
    if links:
        parts.append('<h3>Exposure through the graph</h3><ul class="links">')
        for link in links:
            members = "".join(
                f"<li>{_esc(m.company_name or m.company)} (client {_esc(m.client)}): "
                f"{_esc(m.how())}"
                + (
                    f"; owes {_esc(money(m.exposure.open, m.exposure.currency))}"
                    if m.exposure
                    else ""
                )
                + "</li>"
                for m in link.members
            )
            parts.append(f"<li><p>{_esc(link.summary())}</p><ul>{members}</ul></li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "".join(parts)
