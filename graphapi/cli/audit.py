"""The audit trail of the CLI's data commands: `screen`, `ubo-check`, `changes` and `report`.

They read the same personal data as the API, so they write the same audit log
(`DUEGRAPH_API_AUDIT_LOG`), in the same JSON Lines shape: the caller is the local user
(`local-cli:<login>`, role `local-cli`), the operation is the command, the arguments include
the client file (absolute path, size, SHA-256 digest and, once read, its row count), and each
line lists the entity ids read and the outcome. No trail, no data, as for the API: a command
first writes a `started` line and stops before reading anything if it cannot; the rows of each
chunk are written to the output only after the chunk's line is written.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from graph_schema.errors import DuegraphError
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.graph import Graph
from graphapi.http.audit import AuditLog, audit_entry, audit_value
from graphapi.services.assessment import Assessed, Assessor

CLI_ROLE = "local-cli"
A = TypeVar("A")


class AuditUnwritable(DuegraphError):
    """The audit log cannot be written: the command outputs nothing more."""


def cli_caller() -> str:
    try:
        return f"{CLI_ROLE}:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return CLI_ROLE


def client_file(path: Path, rows: int | None = None) -> dict[str, Any]:
    """What the trail records of a client file: where, how big, its digest and row count."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    facts: dict[str, Any] = {
        "path": str(path.resolve()),
        "bytes": path.stat().st_size,
        "digest": "sha256:" + digest.hexdigest(),
    }
    if rows is not None:
        facts["rows"] = rows
    return facts


@dataclass
class CliAudit:
    """One command run's lines in the audit log (all with the same operation and arguments)."""

    settings: Settings
    operation: str
    args: dict[str, Any]
    caller: str = field(default_factory=cli_caller)

    def write(
        self,
        entity_ids: Iterable[str] = (),
        errors: Sequence[str] = (),
        outcome: str | None = None,
        **more: Any,
    ) -> None:
        """Append one line; AuditUnwritable (nothing more may be output) when it cannot."""
        entry = audit_entry(
            caller=self.caller,
            role=CLI_ROLE,
            operation=self.operation,
            root_fields={
                self.operation: {
                    "field": self.operation,
                    "args": audit_value({**self.args, **more}),
                }
            },
            entity_ids=set(entity_ids),
            errors=list(errors),
        )
        if outcome is not None:
            entry["outcome"] = outcome
        path = self.settings.api_audit_log
        try:
            AuditLog(path).write(entry)
        except OSError as exc:
            raise AuditUnwritable(
                f"cannot write the audit log {path} ({exc.strerror or exc}); "
                "nothing more is output without a trail (set DUEGRAPH_API_AUDIT_LOG)"
            ) from None

    def started(self) -> None:
        self.write(outcome="started")

    def assessor(self, assess: Assessor[A]) -> Assessor[A]:
        """`assess`, writing one line per chunk (its companies) before the chunk is output."""

        async def audited(
            graph: Graph, keys: Sequence[str], as_of: date, params: SignalParams
        ) -> dict[str, Assessed[A]]:
            found = await assess(graph, keys, as_of, params)
            self.write(found.keys(), outcome="ok")
            return found

        return audited
