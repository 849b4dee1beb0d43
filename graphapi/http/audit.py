"""Append-only audit log: who (key id, never the key) read which entities, when, and how.

One JSON object per line, written with a single O_APPEND write so lines from several uvicorn
workers never interleave. The log is configured on the server; no request can turn it off.
The API, the workspace endpoints and the CLI's batch commands and `report` all write it.

Arguments are recorded in full, lists included, so the trail says which companies a batch asked
for. Only what could swell a line is summarised: a list of more than `MAX_LISTED` items or a
text of more than `MAX_TEXT` characters becomes its size and SHA-256 digest (the digest lets an
auditor check a request they hold against the line).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

MAX_LISTED = 100  # uboChecks takes at most 100 ids: a batch's ids are always listed in full
MAX_TEXT = 1_000


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)

    def write(self, entry: dict[str, Any]) -> None:
        line = json.dumps(entry, sort_keys=True, default=str) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def audit_value(value: Any) -> Any:
    """An argument as plain JSON for the trail: enums by value, dates ISO, big values summarised."""
    if isinstance(value, Enum):
        return audit_value(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return {"length": len(value), "digest": _digest(value)}
        return value
    if isinstance(value, Mapping):
        return {str(k): audit_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [audit_value(v) for v in value]
        if len(items) > MAX_LISTED:
            return {"count": len(items), "digest": _digest(items)}
        return items
    if value is None or isinstance(value, bool | int | float):
        return value
    return audit_value(str(value))


def outcome_of(errors: list[str]) -> str:
    """ok, refused (FORBIDDEN or UNAUTHENTICATED: a refusal is recorded too) or error."""
    if not errors:
        return "ok"
    if any(code in ("FORBIDDEN", "UNAUTHENTICATED") for code in errors):
        return "refused"
    return "error"


def audit_entry(
    *,
    caller: str,
    role: str,
    operation: str | None,
    root_fields: dict[str, dict[str, Any]],
    entity_ids: set[str],
    errors: list[str],
) -> dict[str, Any]:
    return {
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "caller": caller,
        "role": role,
        "operation": operation,
        "fields": root_fields,
        "entity_ids": sorted(entity_ids),
        "errors": errors,
        "outcome": outcome_of(errors),
    }
