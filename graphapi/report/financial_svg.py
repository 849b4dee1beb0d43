"""The report's financial section: key figures by year, each ratio with its peers, and a small
inline SVG chart per ratio of the company's values over the years against its peers' median.

Charts are plain SVG (no script, no external asset) drawn in black and grey so that they read
the same on paper: the company as a solid line with dots, the peers' median dashed. A year
where the ratio cannot be computed leaves a gap; every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from graphapi.analytics.financials.analysis import FinancialAnalysis, RatioAnalysis, RatioPoint

WIDTH, HEIGHT = 260, 130
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 46, 18, 18, 24
LABELS = {
    "gearing": "Gearing",
    "general_solvency": "General solvency",
    "current_ratio": "Current ratio",
    "quick_ratio": "Quick ratio",
    "dso": "DSO (days)",
    "dpo": "DPO (days)",
}
FIGURES = ("turnover", "net_result", "equity", "total_assets", "employees")


def esc(value: object) -> str:
    return "" if value is None else escape(str(value), quote=True)


def _num(value: Decimal | None) -> str:
    if value is None:
        return "—"
    if value == value.to_integral_value() and abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,}"


def _segments(coords: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive points: a year without a value breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for c in coords:
        if c is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(c)
    return [r for r in runs if r]


def _path(runs: list[list[tuple[float, float]]]) -> str:
    return " ".join(
        "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in run) for run in runs if len(run) > 1
    )


def ratio_chart(name: str, points: Sequence[RatioPoint]) -> str:
    """One ratio over the years (oldest left): company solid, peers' median dashed."""
    label = LABELS.get(name, name)
    values = [float(v) for p in points for v in (p.value, p.peer_median) if v is not None]
    if not points or not values:
        return (
            f'<svg class="ratio-chart" role="img" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" data-ratio="{esc(name)}"><title>{esc(label)}: '
            f'no value</title><text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" '
            f'font-size="11" fill="#555">{esc(label)}: not computable</text></svg>'
        )
    low, high = min(values + [0.0]), max(values)
    if high == low:
        high = low + 1
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / max(1, len(points) - 1)

    def xy(i: int, v: Decimal | None) -> tuple[float, float] | None:
        if v is None:
            return None
        x = PAD_LEFT + (i * step if len(points) > 1 else plot_w / 2)
        y = PAD_TOP + plot_h * (1 - (float(v) - low) / (high - low))
        return x, y

    own = [xy(i, p.value) for i, p in enumerate(points)]
    median = [xy(i, p.peer_median) for i, p in enumerate(points)]
    parts = [
        f'<svg class="ratio-chart" role="img" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" data-ratio="{esc(name)}">',
        f"<title>{esc(label)}: company (solid) and peers' median (dashed) by year</title>",
        f'<text x="{PAD_LEFT}" y="12" font-size="11" font-weight="600">{esc(label)}</text>',
        f'<line x1="{PAD_LEFT}" y1="{PAD_TOP}" x2="{PAD_LEFT}" y2="{HEIGHT - PAD_BOTTOM}" '
        'stroke="#999"/>',
        f'<line x1="{PAD_LEFT}" y1="{HEIGHT - PAD_BOTTOM}" x2="{WIDTH - PAD_RIGHT}" '
        f'y2="{HEIGHT - PAD_BOTTOM}" stroke="#999"/>',
        f'<text x="{PAD_LEFT - 4}" y="{PAD_TOP + 4}" font-size="9" text-anchor="end">'
        f"{esc(f'{high:.4g}')}</text>",
        f'<text x="{PAD_LEFT - 4}" y="{HEIGHT - PAD_BOTTOM}" font-size="9" text-anchor="end">'
        f"{esc(f'{low:.4g}')}</text>",
    ]
    if low < 0 < high:
        zero = PAD_TOP + plot_h * (1 - (0 - low) / (high - low))
        parts.append(
            f'<line x1="{PAD_LEFT}" y1="{zero:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{zero:.1f}" '
            'stroke="#ccc" stroke-width="0.5"/>'
        )
    for i, p in enumerate(points):
        x = PAD_LEFT + (i * step if len(points) > 1 else plot_w / 2)
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 8}" font-size="9" text-anchor="middle">'
            f"{esc(p.period_end.year)}</text>"
        )
    if path := _path(_segments(median)):
        parts.append(
            f'<path class="median" d="{path}" fill="none" stroke="#777" stroke-width="1.5" '
            'stroke-dasharray="4 3"/>'
        )
    for c in median:
        if c is not None:
            parts.append(
                f'<circle class="median" cx="{c[0]:.1f}" cy="{c[1]:.1f}" r="2" fill="#777"/>'
            )
    if path := _path(_segments(own)):
        parts.append(
            f'<path class="company" d="{path}" fill="none" stroke="#111" stroke-width="2"/>'
        )
    for c, p in zip(own, points, strict=True):
        if c is not None:
            parts.append(
                f'<circle class="company" cx="{c[0]:.1f}" cy="{c[1]:.1f}" r="3" fill="#111">'
                f"<title>{esc(p.period_end)}: {esc(p.value)}"
                f"{esc(f' (peers median {p.peer_median})') if p.peer_median is not None else ''}"
                "</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _ratio_row(r: RatioAnalysis) -> str:
    pos = r.position
    peers = (
        f"{esc(_num(pos.median))} ({esc(pos.peers)} peers, {esc(pos.group)}"
        f"{', division' if pos.fallback else ''})"
        if pos.median is not None
        else esc(pos.reason)
    )
    inputs = "; ".join(f"{i.figure} {_num(i.value)}" for i in r.ratio.inputs)
    return (
        f"<tr><td>{esc(LABELS.get(r.ratio.name, r.ratio.name))}</td>"
        f"<td>{esc(_num(r.ratio.value))}</td><td><code>{esc(r.ratio.formula)}</code>"
        f"<br><small>{esc(inputs)}</small></td><td>{peers}</td>"
        f"<td>{esc(pos.percentile)}</td><td>{esc(r.trend.direction)}</td>"
        f"<td>{esc(r.ratio.reason)}</td></tr>"
    )


def financial_section(a: FinancialAnalysis | None) -> str:
    """The `financials` section of the report (pure)."""
    head = '<section id="financials"><h2>Financial health</h2>'
    if a is None or a.statement is None:
        reason = a.reason if a is not None else "no filed accounts in the graph"
        return f'{head}<p class="none">{esc(reason)}.</p></section>'
    s = a.statement
    prov = " · ".join(
        x for x in (s.provenance.source, s.provenance.source_file, s.provenance.record_id) if x
    )
    intro = (
        f"<p>Latest accounts: period {esc(s.period_start)} to <strong>{esc(s.period_end)}"
        f"</strong>, {esc(s.accounts_type.value)} accounts in {esc(s.currency)}"
        f"{' (comparative of a later filing)' if s.comparative else ''}; size class "
        f"{esc(a.size_class or 'unknown')}; peers from {esc(a.sector or 'no activity code')}. "
        f"Source: {esc(prov)}.</p>"
    )
    years = [p.period_end for p in a.ratios[0].points] if a.ratios else []
    trends = {t.name: {p.period_end: p.value for p in t.points} for t in a.figure_trends}
    figure_rows = "".join(
        f"<tr><th>{esc(name.replace('_', ' '))}</th>"
        + "".join(f"<td>{esc(_num(trends.get(name, {}).get(y.isoformat())))}</td>" for y in years)
        + "</tr>"
        for name in FIGURES
    )
    figures = (
        '<table class="figures"><thead><tr><th>Figure</th>'
        + "".join(f"<th>{esc(y)}</th>" for y in years)
        + f"</tr></thead><tbody>{figure_rows}</tbody></table>"
    )
    ratios = (
        '<table class="ratios"><thead><tr><th>Ratio</th><th>Value</th><th>Formula and inputs</th>'
        "<th>Peers' median</th><th>Percentile</th><th>Trend</th><th>Note</th></tr></thead>"
        f"<tbody>{''.join(_ratio_row(r) for r in a.ratios)}</tbody></table>"
    )
    charts = "".join(ratio_chart(r.ratio.name, r.points) for r in a.ratios)
    legend = (
        '<p class="legend">Charts: the company (solid line) and the median of its peers '
        "(dashed: same activity class, or division when the class is small, same size class, "
        "same year).</p>"
    )
    return (
        f"{head}{intro}<h3>Key figures</h3>{figures}<h3>Ratios</h3>{ratios}{legend}"
        f'<div class="charts">{charts}</div></section>'
    )
