"""Where a fact came from: attached to every node and relationship we write."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict


class Provenance(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str  # registry / format, e.g. "companies-house", "bods", "kbo"
    record_id: str  # the source's own id for the record, or file:line when it has none
    source_file: str | None = None  # file name (not the full path: paths differ between machines)
    seen_at: date | None = None  # statement, publication or retrieval date the source gives

    def props(self) -> dict[str, object]:
        return {
            "source": self.source,
            "record_id": self.record_id,
            "source_file": self.source_file,
            "seen_at": self.seen_at,
        }
