"""The report page and network picture from a hand-built bundle (pure, no database)."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date

from graph_schema.events import EventKind
from graphapi.analytics.assess import assess
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.model import CompanyEvent, CompanyFacts, Holding, Mandate, PersonFacts
from graphapi.report.html import report_html
from graphapi.report.network_svg import network_svg

AS_OF = date(2026, 6, 30)
EVIL = '<b>Evil</b> & "Co"'


def _bundle() -> DueDiligenceInput:
    return DueDiligenceInput(
        target="T",
        companies=(
            CompanyFacts(key="T", name=EVIL, incorporated_on=date(2010, 1, 1)),
            CompanyFacts(key="H", name="Holding SA"),
            CompanyFacts(key="D", name="Dead Ltd"),
        ),
        persons=(PersonFacts(key="person-a", name="Ann O'Neil"),),
        mandates=(
            Mandate(person="person-a", company="T", start=date(2020, 1, 1)),
            Mandate(person="person-a", company="D", start=date(2015, 1, 1), end=date(2024, 1, 1)),
        ),
        holdings=(
            Holding(owner="person-a", owned="H", share_exact=100, start=date(2010, 1, 1)),
            Holding(owner="H", owned="T", share_min=50, share_max=75, share_min_exclusive=True),
        ),
        events=(
            CompanyEvent(company="D", kind=EventKind.COMPULSORY_LIQUIDATION, date=date(2024, 3, 1)),
        ),  # fmt: skip
    )


def test_svg_layers_marks_and_escapes() -> None:
    svg = network_svg(_bundle(), AS_OF)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<b>" not in svg and "&lt;b&gt;Evil&lt;/b&gt; &amp; &quot;Co&quot;" in svg
    assert 'class="node company insolvent" data-key="D"' in svg
    assert 'class="node company target" data-key="T"' in svg
    assert 'class="edge ended"' in svg  # the mandate at Dead Ltd ended in 2024
    assert "(50.00, 75.00] %" in svg
    ys = {k: float(y) for k, y in re.findall(r'data-key="([^"]+)">.*?y="([\d.]+)"', svg)}
    # Owners above the company, its director's other company below it.
    assert ys["person-a"] < ys["H"] < ys["T"] < ys["D"]


def test_report_page_sections_and_escaping() -> None:
    bundle = _bundle()
    a = assess(bundle, AS_OF)
    page = report_html(a, bundle, [("GB-COH", "0001")], dt.datetime(2026, 7, 1, tzinfo=dt.UTC))
    assert "<b>Evil</b>" not in page
    assert "Ann O&#x27;Neil" in page
    for section in ("rating", "identity", "network", "signals", "histories", "ubo", "parameters"):
        assert f'<section id="{section}">' in page
    assert "2026-07-01 00:00:00 UTC" in page and '<strong id="as-of">2026-06-30</strong>' in page
    assert "Dead Ltd" in page.split('<section id="histories">')[1]
    assert f'rating-{a.rating.score}"' in page
