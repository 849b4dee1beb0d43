"""Belgian KBO/BCE open data (the monthly "full" CSV set) -> companies, addresses, events.

PATH is the KBO zip as downloaded, the unzipped folder (meta.csv, code.csv, enterprise.csv,
denomination.csv, address.csv, activity.csv, establishment.csv, branch.csv, contact.csv), or
one of its files (meta.csv and code.csv next to it are then read for context).
One source record = one CSV row.

Choices (see also codes.py):
- An enterprise (natural person or legal person) is a Company keyed BE-BCE_KBO-<10 digits>; a
  sole trader is a registered enterprise that can go bankrupt, so it is kept as a Company whose
  legal_form says "natural person". Establishment units, branches and contact data are read and
  validated but not modelled (their rows load with no records).
- legal_form is "<Dutch description> (<code>)" from code.csv, French when there is no Dutch.
- The open data gives NO date for a juridical situation. Its event is dated with the snapshot
  date of meta.csv, which only says "observed in this snapshot", and the description says so.
  The event key does not contain that date, so monthly snapshots update one event instead of
  adding one per month; the date moves to the newest snapshot that still shows the situation.
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
from collections.abc import Callable, Iterator
from pathlib import Path

from graph_schema.errors import InvalidInput
from graph_schema.nodes import Record
from loaders.contract import Format, Parsed, ParseResult, files_under
from loaders.kbo.codes import is_establishment_number, parse_kbo_date
from loaders.kbo.rows import (
    Context,
    activity_group,
    address_group,
    denomination_group,
    enterprise_key,
    enterprise_row,
)
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, iter_csv

# code.csv and meta.csv first: every other file needs them.
FILE_ORDER = (
    "meta.csv",
    "code.csv",
    "enterprise.csv",
    "establishment.csv",
    "branch.csv",
    "denomination.csv",
    "address.csv",
    "activity.csv",
    "contact.csv",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "meta.csv": ("Variable", "Value"),
    "code.csv": ("Category", "Code", "Language", "Description"),
    "enterprise.csv": (
        "EnterpriseNumber",
        "Status",
        "JuridicalSituation",
        "TypeOfEnterprise",
        "JuridicalForm",
        "StartDate",
    ),
    "establishment.csv": ("EstablishmentNumber", "StartDate", "EnterpriseNumber"),
    "branch.csv": ("Id", "StartDate", "EnterpriseNumber"),
    "denomination.csv": ("EntityNumber", "Language", "TypeOfDenomination", "Denomination"),
    "address.csv": ("EntityNumber", "TypeOfAddress", "Zipcode", "DateStrikingOff"),
    "activity.csv": ("EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"),
    "contact.csv": ("EntityNumber", "ContactType", "Value"),
}
GROUPED = {"denomination.csv", "address.csv", "activity.csv"}

Row = tuple[Location, dict[str, str]]


def parse(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    if path.is_file() and path.suffix.lower() == ".zip":
        yield from _parse_zip(path, counter)
        return
    files = {p.name.lower(): p for p in files_under(path, (".csv", ".csv.gz"))}
    ctx = Context()
    if path.is_file():  # one file of a set: read its siblings' codes and snapshot date quietly
        for name in ("meta.csv", "code.csv"):
            sibling = path.parent / name
            if sibling.is_file() and sibling != path:
                for _ in _read_file(name, sibling, ByteCounter(), ctx):
                    pass
    for name in FILE_ORDER:
        if name in files:
            yield from _read_file(name, files.pop(name), counter, ctx)
    for name in sorted(files):
        yield Rejection(
            Location(name),
            f"not a KBO open-data file: {name!r} is not one of " + ", ".join(FILE_ORDER),
        )


def _parse_zip(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    """The zip as downloaded: each member is unpacked to a temporary file just before it is
    read and deleted after, so the disk holds one member at a time (enterprise.csv is ~1 GB)."""
    ctx = Context()
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as tmp:
        members = {Path(i.filename).name.lower(): i for i in archive.infolist() if not i.is_dir()}
        for name in FILE_ORDER:
            info = members.pop(name, None)
            if info is None:
                continue
            target = Path(tmp) / name
            with archive.open(info) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            yield from _read_file(name, target, ByteCounter(), ctx)
            target.unlink()
            counter.done += info.compress_size  # progress in bytes of the zip itself
        for name in sorted(n for n in members if n.endswith(".csv")):
            yield Rejection(Location(name), f"not a KBO open-data file: {name!r}")


def _read_file(name: str, path: Path, counter: ByteCounter, ctx: Context) -> Iterator[ParseResult]:
    ctx.source_file = path.name
    items = iter_csv(path, counter=counter)
    if name in GROUPED:
        handler = {
            "denomination.csv": denomination_group,
            "address.csv": address_group,
            "activity.csv": activity_group,
        }[name]
        for group in _groups(items, COLUMNS[name]):
            if isinstance(group, Rejection):
                yield group
            else:
                yield from _group_results(group, ctx, handler)
        return
    row_handler = _ROW_HANDLERS[name]
    for item in items:
        if isinstance(item, Rejection):
            yield item
            continue
        location, row = item
        missing = _missing(row, COLUMNS[name])
        if missing:
            yield Rejection(location, missing, raw=row)
            continue
        try:
            records = row_handler(row, ctx)
        except (ValueError, InvalidInput) as exc:
            yield Rejection(location, str(exc), raw=row)
            continue
        yield Parsed(location, records)


def _missing(row: dict[str, str], columns: tuple[str, ...]) -> str | None:
    absent = [c for c in columns if c not in row]
    return f"missing key field(s) {', '.join(absent)}" if absent else None


def _groups(
    items: Iterator[Row | Rejection], columns: tuple[str, ...]
) -> Iterator[list[Row] | Rejection]:
    """Runs of consecutive rows of one entity (rows with missing columns become rejections)."""
    group: list[Row] = []
    current: str | None = None
    for item in items:
        if isinstance(item, Rejection):
            yield item
            continue
        location, row = item
        missing = _missing(row, columns)
        if missing:
            yield Rejection(location, missing, raw=row)
            continue
        entity = row["EntityNumber"].strip()
        if group and entity != current:
            yield group
            group = []
        current = entity
        group.append(item)
    if group:
        yield group


GroupHandler = Callable[[list[Row], Context], tuple[list[Record], list[Rejection]]]


def _group_results(group: list[Row], ctx: Context, handler: GroupHandler) -> Iterator[ParseResult]:
    """One result per row: rejected rows alone, the group's records on its last good row."""
    number = group[0][1]["EntityNumber"].strip()
    if is_establishment_number(number):  # establishment units are not modelled
        for location, _ in group:
            yield Parsed(location, [])
        return
    try:
        enterprise_key(number)
    except InvalidInput as exc:
        for location, row in group:
            yield Rejection(location, f"{exc.message} in EntityNumber", raw=row)
        return
    records, rejections = handler(group, ctx)
    rejected = {r.location for r in rejections}
    good = [location for location, _ in group if location not in rejected]
    yield from rejections
    for location in good:
        yield Parsed(location, records if location == good[-1] else [])


def _meta_row(row: dict[str, str], ctx: Context) -> list[Record]:
    if row["Variable"].strip() == "SnapshotDate":
        ctx.snapshot = parse_kbo_date(row["Value"], "SnapshotDate")
    return []


def _code_row(row: dict[str, str], ctx: Context) -> list[Record]:
    if not row["Category"].strip() or not row["Code"].strip():
        raise ValueError("missing key field Category or Code")
    ctx.codes.add(row["Category"].strip(), row["Code"].strip(), row["Language"], row["Description"])
    return []


def _establishment_row(row: dict[str, str], ctx: Context) -> list[Record]:
    """Validated, not modelled: an establishment unit is a place of business, not an entity."""
    if not is_establishment_number(row["EstablishmentNumber"]):
        raise ValueError(f"invalid establishment number {row['EstablishmentNumber']!r}")
    enterprise_key(row["EnterpriseNumber"])
    parse_kbo_date(row["StartDate"], "StartDate")
    return []


def _branch_row(row: dict[str, str], ctx: Context) -> list[Record]:
    """Validated, not modelled: a Belgian branch of a foreign entity."""
    enterprise_key(row["EnterpriseNumber"])
    parse_kbo_date(row["StartDate"], "StartDate")
    return []


def _contact_row(row: dict[str, str], ctx: Context) -> list[Record]:
    """Validated, not modelled: phone numbers, e-mail and web addresses."""
    number = row["EntityNumber"]
    if not is_establishment_number(number):
        enterprise_key(number)
    return []


_ROW_HANDLERS: dict[str, Callable[[dict[str, str], Context], list[Record]]] = {
    "meta.csv": _meta_row,
    "code.csv": _code_row,
    "enterprise.csv": lambda row, ctx: enterprise_row(row, ctx),
    "establishment.csv": _establishment_row,
    "branch.csv": _branch_row,
    "contact.csv": _contact_row,
}

FORMAT = Format(
    "kbo",
    "Belgian KBO/BCE open data CSV set (folder): enterprises, names, addresses, NACE, situations",
    parse,
)
