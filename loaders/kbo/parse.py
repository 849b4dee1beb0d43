"""Belgian KBO/BCE open data -> companies, addresses, activities and events.

PATH is an extract as downloaded (the zip) or unzipped (a folder with meta.csv, code.csv and the
tables), one file of a full set (meta.csv and code.csv next to it are then read for context), or
a folder of extracts (folders or zips), which are applied in ExtractNumber order.

Two kinds of extract (meta.csv `ExtractType`): the monthly full set (`<table>.csv`: every
active enterprise), and since October 2025 the daily update (`<table>_delete.csv` then
`<table>_insert.csv` per table, see tables.py). Extracts are numbered (`ExtractNumber`): an
update must follow the last extract applied to the graph (the graph keeps that number); an older
one, or one after a gap, is refused with a message naming both numbers. A full set is always
accepted and sets the number.
One source record = one CSV row.

Choices (see also codes.py and rows.py):
- An enterprise (natural person or legal person) is a Company keyed BE-BCE_KBO-<10 digits>; a
  sole trader is a registered enterprise that can go bankrupt, so it is kept as a Company whose
  legal_form says "natural person". Establishment units, branches and contact data are read and
  validated but not modelled (their rows load with no records).
- legal_form is "<Dutch description> (<code>)" from code.csv, French when there is no Dutch.
- The open data gives NO date for a juridical situation. Its event is dated with the snapshot
  date of meta.csv: "observed in this snapshot" for a full set, "changed on or before" for an
  update (which lists only what changed). The event key does not contain that date, so
  extracts update one event instead of adding one each.
- Only the legal name (denomination type 001) becomes `name`; abbreviations (002) and commercial
  names (003) are not former names and are not stored.
- denomination/address/activity rows are grouped per entity (the files are sorted by entity
  number) so that an enterprise's activity list is written whole; the records of a group are
  attached to its last row. Rows for an enterprise missing from enterprise.csv still produce a
  minimal Company (key + identifier), so nothing they carry dangles.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from graph_schema.changes import ExtractApplied, ExtractCheck
from graph_schema.provenance import Provenance
from loaders.contract import Format, Parsed, ParseResult, files_under
from loaders.kbo.rows import SOURCE, Context
from loaders.kbo.tables import TABLES, insert_keys, read_deletes, read_table
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter

FULL_FILES = tuple(f"{t}.csv" for t in TABLES)
UPDATE_FILES = tuple(f"{t}_{op}.csv" for t in TABLES for op in ("delete", "insert"))
KNOWN = ("meta.csv", "code.csv", *FULL_FILES, *UPDATE_FILES)
_E = TypeVar("_E", ExtractCheck, ExtractApplied)
_WHOLE = (
    "an update extract is applied whole: load its folder or zip (a table's deletes and inserts "
    "go together, in ExtractNumber order)"
)


class _Members:
    """The CSV files of one extract, in a folder or a zip (a zip member is unpacked to a
    temporary file just before it is read and deleted after: enterprise.csv is ~1 GB)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            self.files = {p.name.lower(): p for p in files_under(path, (".csv", ".csv.gz"))}
            self.names = set(self.files)
        else:
            with zipfile.ZipFile(path) as archive:
                self.infos = {
                    Path(i.filename).name.lower(): i for i in archive.infolist() if not i.is_dir()
                }
            self.names = {n for n in self.infos if n.endswith(".csv")}

    @contextmanager
    def open(self, name: str, counter: ByteCounter) -> Iterator[tuple[Path, ByteCounter]]:
        if self.path.is_dir():
            yield self.files[name], counter
            return
        info = self.infos[name]
        with zipfile.ZipFile(self.path) as archive, tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / name
            with archive.open(info) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            yield target, ByteCounter()
        counter.done += info.compress_size  # progress in bytes of the zip itself

    def extract_number(self) -> int | None:
        if "meta.csv" not in self.names:
            return None
        ctx = Context()
        with self.open("meta.csv", ByteCounter()) as (path, quiet):
            list(read_table("meta", path, quiet, ctx))
        return ctx.extract_number


def parse(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    if path.is_file() and path.suffix.lower() != ".zip":
        yield from _one_file(path, counter)
        return
    for extract in _extracts(path):
        yield from _extract(extract, counter)


def _extracts(path: Path) -> list[_Members]:
    """The extract at `path`, or the extracts in it (folders or zips), oldest first."""
    if path.is_file() or any(
        p.is_file() and p.name.lower().endswith(".csv") for p in path.iterdir()
    ):
        return [_Members(path)]
    found = [
        _Members(p) for p in sorted(path.iterdir()) if p.is_dir() or p.suffix.lower() == ".zip"
    ]
    return sorted(found, key=lambda m: (m.extract_number() is None, m.extract_number() or 0))


def _extract(members: _Members, counter: ByteCounter) -> Iterator[ParseResult]:
    """One extract: meta and codes first, then each table; the graph learns the extract's
    number with its last record, and refuses it first when it is out of order."""
    ctx = Context()
    pending: Parsed | None = None
    for item in _extract_rows(members, counter, ctx):
        if isinstance(item, Parsed):
            if pending is not None:
                yield pending
            pending = item
        else:
            yield item
    if pending is not None and ctx.extract_number is not None:
        applied = _extract_fact(ExtractApplied, ctx, ctx.extract_number)
        pending = Parsed(
            pending.location,
            [*pending.records, applied],
            pending.warnings,
            change=pending.change,
        )
    if pending is not None:
        yield pending


def _extract_rows(members: _Members, counter: ByteCounter, ctx: Context) -> Iterator[ParseResult]:
    names = set(members.names)
    if "meta.csv" in names:
        names.discard("meta.csv")
        yield from _meta(members, counter, ctx)
    if "code.csv" in names:
        names.discard("code.csv")
        with members.open("code.csv", counter) as (path, count):
            yield from read_table("code", path, count, ctx)
    for table in TABLES:
        full, delete, insert = f"{table}.csv", f"{table}_delete.csv", f"{table}_insert.csv"
        if full in names:
            names.discard(full)
            with members.open(full, counter) as (path, count):
                yield from read_table(table, path, count, ctx)
        if delete in names or insert in names:
            names -= {delete, insert}
            if ctx.extract_number is None:
                for name in sorted(n for n in (delete, insert) if n in members.names):
                    yield Rejection(
                        Location(name),
                        "a KBO update without meta.csv and its ExtractNumber: the order of "
                        "updates cannot be checked",
                    )
                continue
            yield from _update_table(table, members, counter, ctx)
    for name in sorted(names):
        yield Rejection(
            Location(name),
            f"not a KBO open-data file: {name!r} is not one of " + ", ".join(KNOWN),
        )


def _meta(members: _Members, counter: ByteCounter, ctx: Context) -> Iterator[ParseResult]:
    """meta.csv; its last row carries the extract's order check (applied before anything else
    of the extract is written)."""
    with members.open("meta.csv", counter) as (path, count):
        results = list(read_table("meta", path, count, ctx))
    last = max((i for i, r in enumerate(results) if isinstance(r, Parsed)), default=None)
    if last is not None and ctx.extract_number is not None:
        check = _extract_fact(ExtractCheck, ctx, ctx.extract_number)
        item = results[last]
        assert isinstance(item, Parsed)
        results[last] = Parsed(item.location, [*item.records, check])
    yield from results


def _extract_fact(kind: type[_E], ctx: Context, number: int) -> _E:
    """The extract's order check or its applied mark, from what its meta.csv says (number,
    type, snapshot date), with meta.csv as its provenance."""
    return kind(
        source=SOURCE,
        number=number,
        kind=ctx.extract_type or "full",
        snapshot=ctx.snapshot,
        provenance=Provenance(
            source=SOURCE,
            record_id=f"extract {number}",
            source_file="meta.csv",
            seen_at=ctx.snapshot,
        ),
    )


def _update_table(
    table: str, members: _Members, counter: ByteCounter, ctx: Context
) -> Iterator[ParseResult]:
    delete, insert = f"{table}_delete.csv", f"{table}_insert.csv"
    inserted: set[str] = set()
    if insert in members.names:
        with members.open(insert, ByteCounter()) as (path, _):
            inserted = insert_keys(table, path)
    deleted: set[str] = set()
    if delete in members.names:
        with members.open(delete, counter) as (path, count):
            results, deleted = read_deletes(table, path, count, ctx, inserted)
        yield from results
    if insert in members.names:
        with members.open(insert, counter) as (path, count):
            yield from read_table(table, path, count, ctx, deleted)


def _one_file(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    """One file of a full set: its siblings' codes and snapshot date are read quietly."""
    name = path.name.lower()
    table = name.removesuffix(".gz").removesuffix(".csv")
    if name in UPDATE_FILES or table not in (*TABLES, "meta", "code"):
        reason = _WHOLE if name in UPDATE_FILES else f"not a KBO open-data file: {name!r}"
        yield Rejection(Location(path.name), reason)
        return
    ctx = Context()
    for sibling in ("meta", "code"):
        other = path.parent / f"{sibling}.csv"
        if other.is_file() and other != path:
            list(read_table(sibling, other, ByteCounter(), ctx))
    yield from read_table(table, path, counter, ctx)


FORMAT = Format(
    "kbo",
    "Belgian KBO/BCE open data (a full set or a daily update; folder or zip; folders of extracts "
    "in ExtractNumber order): enterprises, names, addresses, NACE, situations",
    parse,
)
