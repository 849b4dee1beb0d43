"""`ubo-check` rows: beneficial owners, declared owners, discrepancies, senior managing officials.

The report has one row per owner (OWNER_COLUMNS: each beneficial owner, legal-entity owner,
declared owner and, when no beneficial owner is found, senior managing official, with name,
id, share, basis and status) and, beside it, one row per client (COLUMNS, the `.companies`
table). Names and field meanings follow the GraphQL UboCheck type
(graphapi/schema/analytics_types.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from graphapi.analytics.assess import Assessment, UboAssessment
from graphapi.analytics.inputs import DueDiligenceInput, Index
from graphapi.analytics.ubo.discrepancies import declared_at
from graphapi.batch.output import CsvRow, Structured
from graphapi.batch.resolve import Resolved
from graphapi.batch.runner import Companion

# The columns of every batch output after the input's own (`base_csv`), then the job's own
# before "reason".
BASE_COLUMNS = ("row", "status", "company_id", "registry_name", "warning")
OWNER_COLUMNS = (
    *BASE_COLUMNS,
    "owner_role",
    "owner_name",
    "owner_id",
    "share",
    "control",
    "basis",
    "owner_status",
    "reason",
)
BENEFICIAL, LEGAL_ENTITY, DECLARED, SMO = (
    "beneficial owner",
    "legal entity owner",
    "declared owner",
    "senior managing official",
)
COLUMNS = (
    *BASE_COLUMNS,
    "owners",
    "legal_entity_owners",
    "ownership_basis",
    "declared_owners",
    "discrepancies",
    "no_ubo_found",
    "senior_managing_officials",
    "reason",
)


def base_row(r: Resolved) -> Structured:
    return {
        "row": r.client.row,
        "input_id": r.client.input_id,
        "status": r.status.value,
        "company_id": r.company,
        "name": r.name,
        "reason": r.reason,
        "warning": r.warning,
        "candidates": [{"id": c.key, "name": c.name} for c in r.candidates],
        "input": r.client.record,
    }


def _declared(bundle: DueDiligenceInput, ix: Index, as_of: date) -> list[dict[str, Any]]:
    out = [
        {
            "id": d.declared,
            "name": ix.name(d.declared),
            "share": None if bound is None else bound.label,
            "control": d.control,
            "declared_by": d.declared_by,
        }
        for d, bound in declared_at(bundle.declarations, bundle.target, as_of)
    ]
    return sorted(out, key=lambda x: (x["name"], x["id"]))


def render_ubo(
    r: Resolved, a: UboAssessment | Assessment | None, bundle: DueDiligenceInput | None
) -> Structured:
    row = base_row(r)
    if a is None or bundle is None:
        return row
    ix = Index.build(bundle)
    row["name"] = ix.target.name or r.name
    row["owners"] = [
        {
            "id": o.person,
            "name": ix.name(o.person),
            "effective": o.effective.label,
            "effective_min": o.effective.lo,
            "effective_max": o.effective.hi,
            "control": o.control,
            "status": o.status,
            "basis": list(o.basis),
        }
        for o in a.ubo.beneficial_owners
    ]
    row["legal_entity_owners"] = [
        {
            "id": e.entity,
            "name": ix.name(e.entity),
            "effective": e.effective.label,
            "control": e.control,
            "status": e.status,
            "reason": e.reason,
            "declared_by": e.declared_by,
        }
        for e in a.ubo.legal_entity_owners
        if e.status != "not"
    ]
    row["ownership_basis"] = a.ubo.ownership_basis
    row["sources"] = list(a.ubo.sources)
    row["declared_owners"] = _declared(bundle, ix, a.as_of)
    # The analytics name the entity by its id; an analyst reads its name.
    row["discrepancies"] = [
        {
            "kind": d.kind.value,
            "entity": d.entity,
            "detail": d.detail.replace(d.entity, ix.name(d.entity)) if d.entity else d.detail,
        }
        for d in a.discrepancies
    ]
    row["no_ubo_found"] = a.ubo.no_ubo_found
    row["senior_managing_officials"] = [
        {"id": p, "name": ix.name(p)} for p in a.ubo.senior_managing_officials
    ]
    row["rule_set"] = a.ubo.rules.describe()
    return row


def _owner(o: dict[str, Any]) -> str:
    control = ", control" if o["control"] else ""
    return f"{o['name']} {o['effective']} ({o['status']}{control})"


def _entity(e: dict[str, Any]) -> str:
    control = ", control" if e["control"] else ""
    return f"{e['name']} {e['effective']} ({e['reason']}, {e['status']}{control})"


def _declared_text(d: dict[str, Any]) -> str:
    share = d["share"] or ("control" if d["control"] else "no share stated")
    return f"{d['name']} {share} ({d['declared_by']})"


def base_csv(row: Structured) -> CsvRow:
    return {
        "row": str(row["row"]),
        "status": row["status"],
        "company_id": row.get("company_id") or "",
        "registry_name": row.get("name") or "",
        "warning": row.get("warning") or "",
        "reason": row.get("reason") or "",
    }


def ubo_summary_csv(row: Structured) -> list[CsvRow]:
    """The per-client row of the `.companies` table."""
    out = base_csv(row)
    if "owners" not in row:
        return [out]
    out["owners"] = "; ".join(_owner(o) for o in row["owners"])
    out["legal_entity_owners"] = "; ".join(_entity(e) for e in row["legal_entity_owners"])
    out["ownership_basis"] = row["ownership_basis"]
    out["declared_owners"] = "; ".join(_declared_text(d) for d in row["declared_owners"])
    out["discrepancies"] = "; ".join(f"{d['kind']}: {d['detail']}" for d in row["discrepancies"])
    out["no_ubo_found"] = "yes" if row["no_ubo_found"] else "no"
    out["senior_managing_officials"] = "; ".join(
        p["name"] for p in row["senior_managing_officials"]
    )
    return [out]


def _owner_lines(row: Structured) -> list[dict[str, str]]:
    lines = [
        {
            "owner_role": BENEFICIAL, "owner_name": o["name"], "owner_id": o["id"],
            "share": o["effective"], "control": "yes" if o["control"] else "no",
            "basis": ", ".join(o["basis"]), "owner_status": o["status"],
        }
        for o in row["owners"]
    ]  # fmt: skip
    lines += [
        {
            "owner_role": LEGAL_ENTITY, "owner_name": e["name"], "owner_id": e["id"],
            "share": e["effective"], "control": "yes" if e["control"] else "no",
            "basis": e["reason"], "owner_status": e["status"],
        }
        for e in row["legal_entity_owners"]
    ]  # fmt: skip
    lines += [
        {
            "owner_role": DECLARED, "owner_name": d["name"], "owner_id": d["id"],
            "share": d["share"] or "", "control": "yes" if d["control"] else "no",
            "basis": f"declared ({d['declared_by']})", "owner_status": "declared",
        }
        for d in row["declared_owners"]
    ]  # fmt: skip
    if row["no_ubo_found"]:
        lines += [
            {
                "owner_role": SMO, "owner_name": p["name"], "owner_id": p["id"], "share": "",
                "control": "", "basis": "no beneficial owner found", "owner_status": "",
            }
            for p in row["senior_managing_officials"]
        ]  # fmt: skip
    return lines


def ubo_csv(row: Structured) -> list[CsvRow]:
    """One row per owner of the client (one row with the status alone when none is known)."""
    out = base_csv(row)
    if "owners" not in row:
        return [out]
    lines = _owner_lines(row)
    if not lines:
        return [{**out, "reason": out["reason"] or "no owner, declared owner or officer known"}]
    return [{**out, **line} for line in lines]


# ubo-check writes OWNER_COLUMNS rows to its output and this per-client table beside it.
COMPANIES = Companion("companies", COLUMNS, ubo_summary_csv)
