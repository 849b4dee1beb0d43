"""Statement id -> Party for one BODS package, in bounded memory.

Relationships reference entity and person statements by id, so the parser must remember every
party it has seen until the package ends. A national file holds millions, too many for a dict
in memory, so past `limit` entries the map moves to a SQLite file in the temporary directory
and keeps only the latest writes in memory (references mostly follow the statements they name
closely).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from loaders.bods.parties import Party

LIMIT = 200_000  # entries held in memory (about 60 MB) before the map spills to disk
_SCHEMA = (
    "CREATE TABLE party (id TEXT PRIMARY KEY, kind TEXT, key TEXT, basis TEXT, unspecified TEXT) "
    "WITHOUT ROWID"
)


class PartyMap:
    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit or LIMIT  # read when built, so a test can lower it
        self._recent: dict[str, Party] = {}
        self._db: sqlite3.Connection | None = None
        self._path: Path | None = None

    @property
    def spill_file(self) -> Path | None:
        """The SQLite file once the map has spilled, else None."""
        return self._path

    def get(self, statement_id: str) -> Party | None:
        party = self._recent.get(statement_id)
        if party is not None or self._db is None:
            return party
        row = self._db.execute(
            "SELECT kind, key, basis, unspecified FROM party WHERE id = ?", (statement_id,)
        ).fetchone()
        return None if row is None else Party(row[0], row[1], row[2], row[3])

    def __setitem__(self, statement_id: str, party: Party) -> None:
        self._recent[statement_id] = party
        if len(self._recent) >= self.limit:
            self._spill()

    def _spill(self) -> None:
        if self._db is None:
            handle, name = tempfile.mkstemp(prefix="duegraph-bods-", suffix=".sqlite")
            os.close(handle)
            self._path = Path(name)
            self._db = sqlite3.connect(name)
            self._db.executescript(
                # 32 MB of page cache: inserts land at random places of a table of millions.
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768;"
                + _SCHEMA
            )
        self._db.executemany(
            "INSERT OR REPLACE INTO party VALUES (?, ?, ?, ?, ?)",
            # In key order: each batch then fills the table's pages in one sweep.
            (
                (i, p.kind, p.key, p.match_basis, p.unspecified)
                for i, p in sorted(self._recent.items())
            ),
        )
        self._db.commit()
        self._recent.clear()

    def close(self) -> None:
        """Drop the spill file (the map is empty afterwards)."""
        self._recent.clear()
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._path is not None:
            self._path.unlink(missing_ok=True)
            self._path = None
