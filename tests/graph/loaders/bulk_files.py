"""Generated FollowTheMoney JSON Lines files of any size, for load-scale tests.

Each group of five lines is a company (with a registered address), a person born in a given
month, the person's directorship and shareholding, and a holding of the company in the next
group's company; the last group's company owns the first one's, so the file is one long
ownership cycle (the loader must not care). Every line is valid: a load of N lines loads N.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GROUP = 5  # lines per group


def _entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    return {
        "id": entity_id,
        "schema": schema,
        "properties": {k: v if isinstance(v, list) else [v] for k, v in props.items()},
        "last_change": "2025-06-01T00:00:00",
    }


def group_lines(k: int, groups: int) -> list[dict[str, Any]]:
    nxt = (k + 1) % groups
    month = k % 12 + 1
    return [
        _entity(
            f"co-{k}",
            "Company",
            name=f"Bulk Holdings {k} Ltd",
            jurisdiction="gb",
            incorporationDate=f"20{k % 20:02d}-{month:02d}-01",
            address=f"{k} Long Street, London",
            country="gb",
        ),
        _entity(
            f"pe-{k}",
            "Person",
            name=f"Alex Bulk {k}",
            birthDate=f"19{50 + k % 40}-{month:02d}-15",
            nationality="gb",
        ),
        _entity(
            f"di-{k}",
            "Directorship",
            director=f"pe-{k}",
            organization=f"co-{k}",
            role="Director",
            startDate="2015-01-01",
        ),
        _entity(f"ow-{k}", "Ownership", owner=f"pe-{k}", asset=f"co-{k}", percentage="40"),
        _entity(f"oc-{k}", "Ownership", owner=f"co-{k}", asset=f"co-{nxt}", percentage="60"),
    ]


def write_ftm(path: Path, records: int) -> int:
    """Write `records` lines (rounded up to whole groups); returns the number of lines."""
    groups = -(-records // GROUP)
    with path.open("w", encoding="utf-8") as fh:
        for k in range(groups):
            for line in group_lines(k, groups):
                fh.write(json.dumps(line, separators=(",", ":")) + "\n")
    return groups * GROUP


def _bods(record_id: str, kind: str, details: dict[str, Any], status: str = "new") -> str:
    statement = {
        "statementId": f"{record_id}-{status}".ljust(32, "0"),
        "declarationSubject": record_id,
        "statementDate": "2024-01-01" if status == "new" else "2024-06-01",
        "publicationDetails": {
            "publicationDate": "2024-06-02",
            "bodsVersion": "0.4",
            "publisher": {"name": "Bulk"},
        },
        "recordId": record_id,
        "recordType": kind,
        "recordStatus": status,
        "recordDetails": {"isComponent": False, **details},
    }
    return json.dumps(statement, separators=(",", ":"))


def write_bods(path: Path, records: int) -> int:
    """BODS 0.4 JSON Lines: groups of an entity, a person and the person's 30% holding; every
    tenth holding is re-stated later as 40% (an "updated" version of the same record)."""
    groups = -(-records // 3)
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        for k in range(groups):
            entity = {"entityType": {"type": "registeredEntity"}, "name": f"Bulk Entity {k}"}
            person = {
                "personType": "knownPerson",
                "names": [{"type": "individual", "fullName": f"Sam Bulk {k}"}],
                "birthDate": f"19{50 + k % 40}-{k % 12 + 1:02d}",
            }
            fh.write(_bods(f"ent-{k}", "entity", entity) + "\n")
            fh.write(_bods(f"per-{k}", "person", person) + "\n")
            fh.write(_bods(f"rel-{k}", "relationship", _holding(k, 30)) + "\n")
            written += 3
            if k % 10 == 9:
                fh.write(_bods(f"rel-{k - 5}", "relationship", _holding(k - 5, 40), "updated"))
                fh.write("\n")
                written += 1
    return written


def _holding(k: int, share: float) -> dict[str, Any]:
    interest = {"type": "shareholding", "share": {"exact": share}, "startDate": "2020-01-01"}
    return {"subject": f"ent-{k}", "interestedParty": f"per-{k}", "interests": [interest]}
