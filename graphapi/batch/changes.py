"""`changes` rows: what changed for each client of a list since a date.

The client list is read and resolved like `screen`'s (graphapi/batch/portfolio.py, resolve.py).
The report has one row per change (a client without changes gets one row saying so, a row that
cannot be checked one row with its status and reason), every input column first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphapi.batch.output import CsvRow, Structured
from graphapi.batch.resolve import Resolved, Status
from graphapi.batch.ubo_check import BASE_COLUMNS, base_csv, base_row
from graphapi.services.monitoring import Change, CompanyChanges

COLUMNS = (
    *BASE_COLUMNS,
    "rating_before",
    "rating_after",
    "change_kind",
    "change_date",
    "first_seen",
    "change_summary",
    "about_id",
    "about_name",
    "reason",
)
NO_CHANGES = "no changes"


def _change(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "date": c.date.isoformat() if c.date else None,
        "first_seen": c.first_seen.isoformat() if c.first_seen else None,
        "summary": c.summary,
        "entity": c.entity,
        "entity_name": c.entity_name,
        "before": c.before,
        "after": c.after,
    }


def render_changes(r: Resolved, report: CompanyChanges | None) -> Structured:
    row = base_row(r)
    if report is None:
        return row
    row["name"] = report.name or r.name
    row["rating_before"] = report.rating_before
    row["rating_after"] = report.rating_after
    row["changes"] = [_change(c) for c in report.changes]
    return row


def _text(value: object) -> str:
    return "" if value is None else str(value)


def changes_csv(row: Structured) -> list[CsvRow]:
    out = base_csv(row)
    if "changes" not in row:
        return [out]
    out["rating_before"] = _text(row["rating_before"])
    out["rating_after"] = _text(row["rating_after"])
    if not row["changes"]:
        return [{**out, "change_summary": NO_CHANGES}]
    return [
        {
            **out,
            "change_kind": c["kind"],
            "change_date": _text(c["date"]),
            "first_seen": _text(c["first_seen"]),
            "change_summary": c["summary"],
            "about_id": _text(c["entity"]),
            "about_name": _text(c["entity_name"]),
        }
        for c in row["changes"]
    ]


def text_report(rows: Sequence[Structured]) -> str:
    """The report for a terminal: a block per client, then a count."""
    lines = []
    checked = changed = unchecked = 0
    for row in rows:
        given = row["input_id"] or "(empty)"
        if row["status"] != Status.OK or "changes" not in row:
            unchecked += 1
            lines.append(f"row {row['row']}: {given} not checked: {row['status']}: {row['reason']}")
            continue
        checked += 1
        rating = f"rating {row['rating_before']} -> {row['rating_after']}"
        head = f"row {row['row']}: {given} = {row['company_id']} {row['name'] or ''} ({rating})"
        if row.get("warning"):
            head += f" [{row['warning']}]"
        if not row["changes"]:
            lines.append(f"{head}: {NO_CHANGES}")
            continue
        changed += 1
        lines.append(f"{head}: {len(row['changes'])} change(s)")
        for c in row["changes"]:
            when = f" {c['date']}" if c["date"] else ""
            lines.append(f"  {c['kind']}{when}: {c['summary']}")
    lines.append(
        f"{checked} client(s) checked, {changed} with changes, {unchecked} row(s) not checked"
    )
    return "\n".join(lines)
