"""`screen` rows (rating 1-5, label, top 3 signals) and the portfolio summary.

Columns after the input's own: BASE_COLUMNS (row, status, company_id, registry_name, warning),
then the assessment (rating, label, data coverage), then the top signals, then `reason`. A
column the assessment gains goes into ASSESSMENT_COLUMNS and is filled by `screen_csv` from
the row.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from graphapi.analytics.assess import Assessment
from graphapi.analytics.inputs import DueDiligenceInput
from graphapi.analytics.rating import INSUFFICIENT, LABELS
from graphapi.batch.output import CsvRow, Structured, read_rows
from graphapi.batch.resolve import Resolved
from graphapi.batch.ubo_check import BASE_COLUMNS, base_csv, base_row

TOP_SIGNALS = 3
ASSESSMENT_COLUMNS = ("rating", "label", "data_coverage")
COLUMNS = (
    *BASE_COLUMNS,
    *ASSESSMENT_COLUMNS,
    *(
        f"signal_{i}_{field}"
        for i in range(1, TOP_SIGNALS + 1)
        for field in ("kind", "severity", "summary")
    ),
    "reason",
)


def render_screen(
    r: Resolved, a: Assessment | None, bundle: DueDiligenceInput | None
) -> Structured:
    row = base_row(r)
    if a is None or bundle is None:
        return row
    target = next((c for c in bundle.companies if c.key == bundle.target), None)
    row["name"] = (target.name if target else None) or r.name
    row["rating"] = a.rating.score
    row["label"] = a.rating.label
    row["data_coverage"] = a.coverage.describe()
    row["signals"] = [
        {"kind": s.kind.value, "severity": s.severity, "summary": s.summary}
        for s in a.signals[:TOP_SIGNALS]
    ]
    return row


def screen_csv(row: Structured) -> list[CsvRow]:
    out = base_csv(row)
    if "rating" in row:
        out["rating"] = str(row["rating"])
        out["label"] = row["label"]
        out["data_coverage"] = row.get("data_coverage", "")
        for i, s in enumerate(row["signals"], start=1):
            out[f"signal_{i}_kind"] = s["kind"]
            out[f"signal_{i}_severity"] = str(s["severity"])
            out[f"signal_{i}_summary"] = s["summary"]
    return [out]


def portfolio_summary(output: Path) -> dict[str, Any]:
    """Clients per rating and per status, read back from the whole report (resumed runs too)."""
    ratings: Counter[int] = Counter()
    statuses: Counter[str] = Counter()
    insufficient = 0
    for row in read_rows(output):
        statuses[str(row["status"])] += 1
        if row.get("rating") not in (None, ""):
            ratings[int(row["rating"])] += 1
            insufficient += row.get("label") == INSUFFICIENT
    return {
        "clients": sum(statuses.values()),
        "rated": sum(ratings.values()),
        "by_rating": {
            str(score): {"label": LABELS[score], "clients": ratings[score]} for score in range(1, 6)
        },
        "by_status": dict(sorted(statuses.items())),
        "insufficient_data": insufficient,  # rated, but too little known to judge
    }


def summary_path(output: Path) -> Path:
    return output.with_name(output.name + ".summary.json")


def write_summary(output: Path) -> dict[str, Any]:
    summary = portfolio_summary(output)
    summary_path(output).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def summary_table(summary: dict[str, Any]) -> str:
    lines = ["rating  label       clients"]
    for score, entry in summary["by_rating"].items():
        lines.append(f"{score:>6}  {entry['label']:<10}  {entry['clients']:>7}")
    lines.append(
        f"of which insufficient data (too little known to judge): {summary['insufficient_data']}"
    )
    unrated = summary["clients"] - summary["rated"]
    lines.append(f"not rated (not found, malformed, ambiguous, duplicate): {unrated}")
    return "\n".join(lines)
