"""Reading a client list: one client per row, by registry number or by name (+ country).

The one reader of `screen`, `ubo-check`, `changes` and the workspace's screening upload. The
file is read by `tables.read_table` the way Excel writes it (`,` `;` or tab; UTF-8 with or
without BOM, or cp1252; or an .xlsx workbook); header names are matched case- and
accent-insensitively through the synonyms below, in English, Dutch and French. Every input
column is kept on each row (`ClientRow.record`) so outputs can give them back.

A number may come in any common spelling: with a `scheme` column ("BE-BCE_KBO", "KBO",
"SIREN"), under a header that names its register ("KBO", "SIREN", "KvK"), as an org-id key
("GB-COH-01234567"), with a country prefix ("BE0403170701", "FR 552 100 554"), bare with a
`country` column, or bare alone (every scheme it is valid in is tried). Rows are never dropped:
each becomes a ClientRow whose `error` says why it cannot be looked up; blank lines are counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from graph_schema.errors import InvalidInput
from graph_schema.identifiers import lookup_keys
from graphapi.batch.tables import Column, Table, TableError, header_key, read_table

# The columns a client list may have, and the header spellings that mean each of them.
NUMBER = Column(
    "number",
    (
        "id", "identifier", "company id", "company_id", "company number", "company_number",
        "company registration number", "registration number", "registry number", "crn",
        "enterprise number", "kbo", "bce", "kbo nummer", "ondernemingsnummer",
        "numéro d'entreprise", "n° d'entreprise", "numéro bce", "n° bce", "siren", "siret",
        "numéro siren", "vat", "vat number", "btw", "btw nummer", "btw-nummer", "tva",
        "numéro de tva", "n° tva", "kvk", "kvk nummer", "kvk-nummer", "cvr", "lei", "org id",
        "nummer", "numéro",
    ),
)  # fmt: skip
SCHEME = Column("scheme", ("register", "registry", "identifier scheme", "register code"))
NAME = Column(
    "name",
    (
        "company name", "company_name", "company", "client name", "customer name", "naam",
        "bedrijfsnaam", "firmanaam", "naam onderneming", "nom", "raison sociale",
        "dénomination", "denomination", "nom de l'entreprise", "société", "societe",
    ),
)  # fmt: skip
COUNTRY = Column("country", ("country code", "land", "landcode", "pays", "jurisdiction"))
REFERENCE = Column(
    "reference",
    (
        "ref", "client id", "client ref", "client reference", "client number", "customer id",
        "customer number", "customer reference", "your reference", "account", "account number",
        "klantnummer", "klant id", "referentie", "référence", "référence client", "n° client",
        "numéro client",
    ),
)  # fmt: skip
CLIENT_COLUMNS = (NUMBER, SCHEME, NAME, COUNTRY, REFERENCE)

# A number column whose header names its register: the number is read in that register.
IMPLIED_SCHEME = {
    header_key(h): scheme
    for scheme, headers in (
        ("BE-BCE_KBO", ("kbo", "bce", "kbo nummer", "ondernemingsnummer", "numéro d'entreprise",
                        "n° d'entreprise", "numéro bce", "n° bce", "enterprise number")),
        ("FR-SIREN", ("siren", "siret", "numéro siren")),
        ("NL-KVK", ("kvk", "kvk nummer", "kvk-nummer")),
        ("DK-CVR", ("cvr",)),
        ("XI-LEI", ("lei",)),
    )
    for h in headers
}  # fmt: skip

# Country spellings client lists use, beside ISO codes (compared through header_key).
COUNTRY_ALIASES = {
    header_key(k): v
    for k, v in {
        "UK": "GB", "United Kingdom": "GB", "Great Britain": "GB", "England": "GB",
        "Verenigd Koninkrijk": "GB", "Royaume-Uni": "GB",
        "Belgium": "BE", "Belgique": "BE", "België": "BE", "Belgien": "BE",
        "France": "FR", "Frankrijk": "FR", "Frankreich": "FR",
        "Netherlands": "NL", "The Netherlands": "NL", "Nederland": "NL", "Pays-Bas": "NL",
        "Denmark": "DK", "Danmark": "DK", "Denemarken": "DK", "Danemark": "DK",
        "Norway": "NO", "Norge": "NO", "Noorwegen": "NO", "Norvège": "NO",
    }.items()
}  # fmt: skip
_NUMBER_LIKE = re.compile(r"[0-9]")


class InputError(Exception):
    """The input file cannot be read at all (fatal, unlike a bad row)."""


@dataclass
class ClientRow:
    row: int  # line number in the input file (the header is line 1), or sheet row
    input_id: str  # what the user wrote: the number, or "name (country)"
    keys: list[str] = field(default_factory=list)  # identifier keys to try
    name: str | None = None  # the name given (with a number: checked against the registry's)
    country: str | None = None
    error: str | None = None  # why the row cannot be looked up
    record: dict[str, str] = field(default_factory=dict)  # every input column, as written


@dataclass
class Portfolio:
    clients: list[ClientRow]
    empty_lines: int
    header: tuple[str, ...] = ()  # the input columns, as written (made unique)
    delimiter: str | None = None  # the input's delimiter; None for a workbook


def country_code(text: str) -> str | None:
    t = text.strip()
    if not t:
        return None
    alias = COUNTRY_ALIASES.get(header_key(t))
    if alias is not None:
        return alias
    return t.upper() if len(t) == 2 and t.isalpha() else None


def identifier_keys(value: str, scheme: str | None, country: str | None) -> list[str]:
    """Identifier keys to look up for one client, best first; InvalidInput says why none."""
    return lookup_keys(value, scheme, country)


def _looks_like_data(first: tuple[str, ...]) -> bool:
    """A first line without a header: its first cell is a registry number."""
    cell = first[0] if first else ""
    if not _NUMBER_LIKE.search(cell):
        return False
    try:
        lookup_keys(cell)
    except InvalidInput:
        return sum(c.isdigit() for c in cell) >= 6
    return True


def _unique(header: tuple[str, ...]) -> tuple[str, ...]:
    """Header cells as written, an empty one named by position, a repeated one numbered."""
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(header):
        name = h or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return tuple(out)


def parse_row(
    table: Table, line: int, values: tuple[str, ...], record: dict[str, str]
) -> ClientRow:
    def cell(column: str) -> str:
        index = table.columns.get(column)
        return values[index].strip() if index is not None and index < len(values) else ""

    number, name, raw_country, scheme = (
        cell("number"),
        cell("name"),
        cell("country"),
        cell("scheme"),
    )
    country = country_code(raw_country) if raw_country else None
    if not scheme and not country and "number" in table.columns and table.has_header:
        # A header naming a register ("KBO", "SIREN") says the scheme, unless a country does.
        scheme = IMPLIED_SCHEME.get(header_key(table.header[table.columns["number"]]), "")
    if number:
        client = ClientRow(row=line, input_id=number, name=name or None, country=country)
        try:
            client.keys = identifier_keys(number, scheme or None, country)
        except InvalidInput as exc:
            client.error = exc.message
    else:
        label = f"{name} ({raw_country})" if raw_country else name
        client = ClientRow(row=line, input_id=label, name=name or None, country=country)
        if not name:
            client.error = "no registry number and no name"
        elif raw_country and country is None:
            client.error = f"unknown country {raw_country!r}: use an ISO code such as BE, FR, GB"
    client.record = record
    return client


def read_portfolio(path: Path, sheet: str | None = None) -> Portfolio:
    """Every non-blank row of a client list (CSV, TXT or XLSX), in file order.

    With a header naming a known column (number, name, country, scheme, reference, in any of
    their spellings) those are used. A file whose first line is already a registry number is
    read without a header (numbers in the first column); any other first line is an error that
    lists the column names understood."""
    try:
        table = read_table(
            path,
            CLIENT_COLUMNS,
            headerless=_looks_like_data,
            headerless_columns=("number",),
            sheet=sheet,
        )
    except TableError as exc:
        raise InputError(str(exc)) from None
    if table.has_header and not ({"number", "name"} & set(table.columns)):
        found = ", ".join(f"{c} ({table.header[i]!r})" for c, i in table.columns.items())
        raise InputError(
            f"{path}: the header names no registry number or company name column "
            f"(found {found}); name one e.g. 'number', 'KBO', 'SIREN', 'VAT', 'company number' "
            "or 'name'"
        )
    header = _unique(table.header)
    clients = []
    for row in table.rows:
        record = {h: row.get(i) for i, h in enumerate(header)}
        clients.append(parse_row(table, row.line, row.values, record))
    return Portfolio(
        clients=clients, empty_lines=table.blank_lines, header=header, delimiter=table.delimiter
    )
