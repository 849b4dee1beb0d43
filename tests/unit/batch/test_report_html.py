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


CO_DIRECTOR = "person-b"


def _co_director_bundle() -> DueDiligenceInput:
    """Ann directs T and, with Ben, directed Dead Ltd until it failed; Ben has no role in T.
    Ann is also the shareholder of H, which owns T, and a past director of T: her link to T
    from two layers up must go round H and T's other nodes, and her ended mandate stays
    dashed beside her current one."""
    b = _bundle()
    return b.model_copy(
        update={
            "persons": (*b.persons, PersonFacts(key=CO_DIRECTOR, name="Ben Codirector")),
            "mandates": (
                *b.mandates,
                Mandate(person=CO_DIRECTOR, company="D", start=date(2016, 1, 1)),
                Mandate(person="person-a", company="T", role="secretary",
                        start=date(2012, 1, 1), end=date(2019, 12, 31)),
                Mandate(person="person-a", company="L", start=date(2027, 1, 1)),
            ),
        }
    )  # fmt: skip


def test_histories_are_those_of_the_company_s_own_people_only() -> None:
    bundle = _co_director_bundle()
    a = assess(bundle, AS_OF)
    assert CO_DIRECTOR in a.histories  # the rules see his history (hidden controllers need it)
    page = report_html(a, bundle)
    histories = page.split('<section id="histories">')[1].split("</section>")[0]
    assert "person-a" in histories and "Ben Codirector" not in histories
    assert CO_DIRECTOR not in histories


def test_officers_table_current_and_past_with_role_dates_and_source() -> None:
    bundle = _co_director_bundle()
    page = report_html(assess(bundle, AS_OF), bundle)
    table = page.split('<section id="officers">')[1].split("</section>")[0]
    rows = re.findall(r"<tr><td>(.*?)</td></tr>", table)
    cells = [r.split("</td><td>") for r in rows]
    assert [(c[2], c[3], c[4], c[5]) for c in cells] == [
        ("director", "2020-01-01", "", "current"),
        ("secretary", "2012-01-01", "2019-12-31", "past"),
    ]
    assert "Ben Codirector" not in table


def test_parameters_and_signal_parameters_read_as_words() -> None:
    bundle = _bundle()
    page = report_html(assess(bundle, AS_OF), bundle)
    params = page.split('<section id="parameters">')[1].split("</section>")[0]
    assert "(&#x27;" not in params and "('" not in params and "Decimal" not in params
    assert "<td>sanction topics</td><td>sanction</td>" in params
    assert "<td>operator</td><td>more than</td>" in params
    assert "<td>mass national p999</td><td>not set</td>" in params


def test_header_says_where_the_as_of_date_comes_from() -> None:
    bundle = _bundle()
    a = assess(bundle, AS_OF)
    page = report_html(a, bundle, as_of_note="the newest registry date in the data loaded")
    assert '<strong id="as-of">2026-06-30</strong> <span id="as-of-note">(the newest' in page


def _segments(svg: str) -> list[tuple[str, str, bool, list[tuple[float, float]]]]:
    out = []
    for m in re.finditer(
        r'<g class="(edge[^"]*)" data-src="([^"]+)" data-dst="([^"]+)"[^>]*>.*?'
        r'<polyline points="([^"]+)"([^>]*)/>',
        svg,
    ):
        pts = [(float(x), float(y)) for x, y in (p.split(",") for p in m.group(4).split())]
        dashed = "stroke-dasharray" in m.group(5)
        assert dashed == ("ended" in m.group(1))
        out.append((m.group(2), m.group(3), dashed, pts))
    return out


def _node_boxes(svg: str) -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for key, x, y, w, h in re.findall(
        r'data-key="([^"]+)"><title>[^<]*</title><rect x="([\d.]+)" y="([\d.]+)" '
        r'width="([\d.]+)" height="([\d.]+)"',
        svg,
    ):
        boxes[key] = (float(x), float(y), float(x) + float(w), float(y) + float(h))
    for key, cx, cy, rx, ry in re.findall(
        r'data-key="([^"]+)"><title>[^<]*</title><ellipse cx="([\d.]+)" cy="([\d.]+)" '
        r'rx="([\d.]+)" ry="([\d.]+)"',
        svg,
    ):
        c, d, r, s = float(cx), float(cy), float(rx), float(ry)
        boxes[key] = (c - r, d - s, c + r, d + s)
    return boxes


def _through(a: tuple[float, float], b: tuple[float, float], box: tuple[float, ...]) -> bool:
    steps = int(max(abs(b[0] - a[0]), abs(b[1] - a[1])) * 2) + 1
    return any(
        box[0] < a[0] + (b[0] - a[0]) * i / steps < box[2]
        and box[1] < a[1] + (b[1] - a[1]) * i / steps < box[3]
        for i in range(steps + 1)
    )


def test_svg_draws_the_as_of_date_dashes_ended_links_and_crosses_no_other_node() -> None:
    svg = network_svg(_co_director_bundle(), AS_OF)
    edges = _segments(svg)
    boxes = _node_boxes(svg)
    assert set(boxes) >= {"T", "H", "D", "person-a"}
    assert "L" not in boxes  # a mandate from 2027 is not in the picture of 2026
    ann_t = [(dashed, pts) for s, d, dashed, pts in edges if (s, d) == ("person-a", "T")]
    assert sorted(dashed for dashed, _ in ann_t) == [False, True]  # current solid, ended dashed
    for src, dst, _, pts in edges:
        others = [b for k, b in boxes.items() if k not in (src, dst)]
        for a, b in zip(pts, pts[1:], strict=False):
            assert not any(_through(a, b, box) for box in others), (src, dst, pts)
    # Ann owns H two layers above T: her arrow to T goes round H rather than through it.
    assert any(len(pts) > 2 for s, d, _, pts in edges if (s, d) == ("person-a", "T"))


def test_long_names_are_wrapped_whole_and_kept_in_full_in_the_title() -> None:
    name = "THE VERY LONG NAMED INTERNATIONAL HOLDING COMPANY OF LONDON LIMITED"
    b = _bundle()
    bundle = b.model_copy(
        update={"companies": (*b.companies[:1], CompanyFacts(key="H", name=name), b.companies[2])}
    )
    svg = network_svg(bundle, AS_OF)
    assert f"<title>{name} (H)</title>" in svg
    node = svg.split('data-key="H">')[1].split("</g>")[0]
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", node)
    assert len(lines) == 2 and lines[0] == "THE VERY LONG NAMED"
