"""Append-only audit log: who (key id, never the key) read which entities, when, and how.

One JSON object per line, written with a single O_APPEND write so lines from several uvicorn
workers never interleave. The log is configured on the server; no request can turn it off.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


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
    }
