"""KBO/BCE tables, row by row: the full set's `<table>.csv` and an update's `<table>_delete.csv`
and `<table>_insert.csv`.

An update applies per table, deletes first: every row whose key is in `<table>_delete.csv` goes
(for the enterprise-level tables the key is the entity number, so all rows of that entity go),
then the rows of `<table>_insert.csv` come in with the full set's columns (KBO Open Data
Cookbook, "Het update bestand"). In the graph: an entity whose rows are deleted and inserted
again gets the inserted version (its activity list whole, its registered address ending when it
moved); one that is only deleted loses what the table gave it (an enterprise has left the open
data, which lists active enterprises only; its address links end; its activities go).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from graph_schema.changes import LinksEnded
from graph_schema.edges import AddressLink
from graph_schema.errors import InvalidInput
from graph_schema.labels import RelType
from graph_schema.nodes import CompanyRecord, Record
from loaders.contract import ADDED, DELETED, MODIFIED, Parsed, ParseResult
from loaders.kbo.codes import is_establishment_number, parse_kbo_date
from loaders.kbo.rows import (
    Context,
    activity_group,
    address_group,
    denomination_group,
    enterprise_key,
    enterprise_row,
    removed_enterprise,
)
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, iter_csv

TABLES = (
    "enterprise",
    "establishment",
    "branch",
    "denomination",
    "address",
    "activity",
    "contact",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("Variable", "Value"),
    "code": ("Category", "Code", "Language", "Description"),
    "enterprise": (
        "EnterpriseNumber",
        "Status",
        "JuridicalSituation",
        "TypeOfEnterprise",
        "JuridicalForm",
        "StartDate",
    ),
    "establishment": ("EstablishmentNumber", "StartDate", "EnterpriseNumber"),
    "branch": ("Id", "StartDate", "EnterpriseNumber"),
    "denomination": ("EntityNumber", "Language", "TypeOfDenomination", "Denomination"),
    "address": ("EntityNumber", "TypeOfAddress", "Zipcode", "DateStrikingOff"),
    "activity": ("EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"),
    "contact": ("EntityNumber", "ContactType", "Value"),
}
# The key of each table's rows, as `<table>_delete.csv` lists it.
KEY_COLUMN = {
    "enterprise": "EnterpriseNumber",
    "establishment": "EstablishmentNumber",
    "branch": "Id",
    "denomination": "EntityNumber",
    "address": "EntityNumber",
    "activity": "EntityNumber",
    "contact": "EntityNumber",
}
GROUPED = ("denomination", "address", "activity")

Row = tuple[Location, dict[str, str]]
GroupHandler = Callable[[list[Row], Context], tuple[list[Record], list[Rejection]]]
_GROUP_HANDLERS: dict[str, GroupHandler] = {
    "denomination": denomination_group,
    "address": address_group,
    "activity": activity_group,
}


def read_table(
    table: str, path: Path, counter: ByteCounter, ctx: Context, inserted: set[str] | None = None
) -> Iterator[ParseResult]:
    """The rows of a full-set file, or of an update's insert file (`inserted`: the keys its
    delete file listed, whose rows these replace)."""
    ctx.source_file = path.name
    items = iter_csv(path, counter=counter)
    if table in GROUPED:
        for group in _groups(items, COLUMNS[table]):
            if isinstance(group, Rejection):
                yield group
            else:
                yield from _group_results(table, group, ctx, inserted)
        return
    handler = _ROW_HANDLERS[table]
    for item in items:
        if isinstance(item, Rejection):
            yield item
            continue
        location, row = item
        missing = _missing(row, COLUMNS[table])
        if missing:
            yield Rejection(location, missing, raw=row)
            continue
        try:
            records = handler(row, ctx)
        except (ValueError, InvalidInput) as exc:
            yield Rejection(location, str(exc), raw=row)
            continue
        yield Parsed(location, records, change=_insert_change(row[KEY_COLUMN[table]], inserted))


def _insert_change(key: str, replaced: set[str] | None) -> str | None:
    if replaced is None:
        return None  # a full set: a state, not a change
    return MODIFIED if key.strip() in replaced else ADDED


def read_deletes(
    table: str, path: Path, counter: ByteCounter, ctx: Context, inserted: set[str]
) -> tuple[list[ParseResult], set[str]]:
    """The delete file's rows (keys checked) and the keys it lists. A key the insert file does
    not list again is deleted for good: what the table gave its entity is withdrawn."""
    ctx.source_file = path.name
    column = KEY_COLUMN[table]
    results: list[ParseResult] = []
    keys: set[str] = set()
    for item in iter_csv(path, counter=counter):
        if isinstance(item, Rejection):
            results.append(item)
            continue
        location, row = item
        key = (row.get(column) or "").strip()
        if not key:
            results.append(Rejection(location, f"missing key field {column}", raw=row))
            continue
        try:
            records = [] if key in keys or key in inserted else _withdrawn(table, key, ctx)
        except (ValueError, InvalidInput) as exc:
            reason = exc.message if isinstance(exc, InvalidInput) else str(exc)
            results.append(Rejection(location, f"{reason} in {column}", raw=row))
            continue
        change = None if key in inserted or key in keys else DELETED
        keys.add(key)
        results.append(Parsed(location, records, change=change))
    return results, keys


def _withdrawn(table: str, key: str, ctx: Context) -> list[Record]:
    """What deleting an entity's rows of `table` for good withdraws from the graph."""
    if table == "establishment" and not is_establishment_number(key):
        raise ValueError(f"invalid establishment number {key!r}")
    if table == "branch" or is_establishment_number(key):
        return []  # branches and establishment units are not modelled
    company, ident = enterprise_key(key)
    if table == "enterprise":
        return removed_enterprise(key, ctx)
    if table == "address" and ctx.snapshot is not None:
        return [_addresses_end(company, [], ctx, key)]
    if table == "activity":
        return [
            CompanyRecord(
                key=company,
                identifiers=[ident],
                jurisdiction="BE",
                activity_codes=[],
                complete=("activity_codes",),
                provenance=ctx.provenance(key),
            )
        ]
    return []  # denominations: a deleted name stays the last name known; contacts: not kept


def _addresses_end(company: str, keep: list[str], ctx: Context, number: str) -> LinksEnded:
    assert ctx.snapshot is not None
    return LinksEnded(
        src=company,
        rel_types=[RelType.REGISTERED_AT],
        source="kbo",
        keep=keep,
        on=ctx.snapshot,
        provenance=ctx.provenance(number),
    )


def insert_keys(table: str, path: Path) -> set[str]:
    """The keys an insert file lists (a quick first pass: update files are small)."""
    column = KEY_COLUMN[table]
    return {
        item[1].get(column, "").strip()
        for item in iter_csv(path)
        if not isinstance(item, Rejection)
    }


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


def _group_results(
    table: str, group: list[Row], ctx: Context, inserted: set[str] | None
) -> Iterator[ParseResult]:
    """One result per row: rejected rows alone, the group's records on its last good row."""
    number = group[0][1]["EntityNumber"].strip()
    change = _insert_change(number, inserted)
    if is_establishment_number(number):  # establishment units are not modelled
        for location, _ in group:
            yield Parsed(location, [], change=change)
        return
    try:
        company, _ = enterprise_key(number)
    except InvalidInput as exc:
        for location, row in group:
            yield Rejection(location, f"{exc.message} in EntityNumber", raw=row)
        return
    records, rejections = _GROUP_HANDLERS[table](group, ctx)
    if inserted is not None:
        records = _as_update(table, records, company, ctx, number, number in inserted)
    rejected = {r.location for r in rejections}
    good = [location for location, _ in group if location not in rejected]
    yield from rejections
    for location in good:
        yield Parsed(location, records if location == good[-1] else [], change=change)


def _as_update(
    table: str, records: list[Record], company: str, ctx: Context, number: str, replaces: bool
) -> list[Record]:
    """An inserted group replaces the entity's deleted rows: its activity list is the whole
    list, and a registered address it no longer gives ends."""
    if table == "activity":
        return [
            r.model_copy(update={"complete": ("activity_codes",)})
            if isinstance(r, CompanyRecord)
            else r
            for r in records
        ]
    if table == "address" and replaces and ctx.snapshot is not None:
        keep = [r.key for r in records if isinstance(r, AddressLink)]
        return [*records, _addresses_end(company, keep, ctx, number)]
    return records


def _meta_row(row: dict[str, str], ctx: Context) -> list[Record]:
    variable, value = row["Variable"].strip(), row["Value"].strip()
    if variable == "SnapshotDate":
        ctx.snapshot = parse_kbo_date(value, "SnapshotDate")
    elif variable == "ExtractType":
        if value.lower() not in ("full", "update"):
            raise ValueError(f"unknown ExtractType {value!r} (full or update)")
        ctx.extract_type = value.lower()
    elif variable == "ExtractNumber":
        if not value.isdigit():
            raise ValueError(f"invalid ExtractNumber {value!r}")
        ctx.extract_number = int(value)
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
    "meta": _meta_row,
    "code": _code_row,
    "enterprise": lambda row, ctx: enterprise_row(row, ctx),
    "establishment": _establishment_row,
    "branch": _branch_row,
    "contact": _contact_row,
}
KEY_COLUMN.update({"meta": "Variable", "code": "Code"})
