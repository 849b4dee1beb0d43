"""Reading a client list: one client per CSV row, by registry number or by name + country.

A number may come in any common spelling: with a `scheme` column ("BE-BCE_KBO", "KBO",
"SIREN"), as an org-id key ("GB-COH-01234567"), with a country prefix ("BE0403170701",
"FR 552 100 554"), bare with a `country` column, or bare alone (every scheme it is valid
in is tried). Rows are never dropped: each becomes a ClientRow whose `error` says why it
cannot be looked up; blank lines are counted, not reported.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph_schema.errors import InvalidInput
from graph_schema.identifiers import SCHEMES, canonical_scheme, guess_identifiers
from graph_schema.identifiers import normalise_identifier as normalise

ID_COLUMNS = ("id", "identifier", "company_id", "company_number", "registry_number", "number")
KNOWN_COLUMNS = {*ID_COLUMNS, "scheme", "name", "country", "company_name"}

# National register per country (ISO code, and the spellings clients lists use).
COUNTRY_SCHEME = {
    "GB": "GB-COH",
    "BE": "BE-BCE_KBO",
    "FR": "FR-SIREN",
    "NL": "NL-KVK",
    "DK": "DK-CVR",
    "NO": "NO-BRC",
}
COUNTRY_ALIASES = {
    "UK": "GB",
    "UNITED KINGDOM": "GB",
    "GREAT BRITAIN": "GB",
    "ENGLAND": "GB",
    "BELGIUM": "BE",
    "BELGIQUE": "BE",
    "BELGIE": "BE",
    "BELGIË": "BE",
    "FRANCE": "FR",
    "NETHERLANDS": "NL",
    "NEDERLAND": "NL",
    "DENMARK": "DK",
    "NORWAY": "NO",
}
_PREFIX = re.compile(r"^\s*([A-Za-z]{2})[\s.\-:]*([0-9].*)$")


class InputError(Exception):
    """The input file cannot be read at all (fatal, unlike a bad row)."""


@dataclass
class ClientRow:
    row: int  # line number in the input file (the header is line 1)
    input_id: str  # what the user wrote: the number, or "name (country)"
    keys: list[str] = field(default_factory=list)  # identifier keys to try
    name: str | None = None
    country: str | None = None
    error: str | None = None  # why the identifier is malformed


def country_code(text: str) -> str | None:
    t = text.strip().upper()
    if not t:
        return None
    t = COUNTRY_ALIASES.get(t, t)
    return t if len(t) == 2 and t.isalpha() else None


def _key(scheme: str, value: str) -> str:
    code, number = normalise(scheme, value)
    return f"{code}-{number}"


def _org_id(value: str) -> tuple[str, str] | None:
    """'GB-COH-01234567' -> ('GB-COH', '01234567') for any known scheme code."""
    upper = value.strip().upper()
    for code in sorted(SCHEMES, key=len, reverse=True):
        if upper.startswith(code + "-") and len(upper) > len(code) + 1:
            return code, value.strip()[len(code) + 1 :]
    return None


def identifier_keys(value: str, scheme: str | None, country: str | None) -> list[str]:
    """Identifier keys to look up for one client, best first; InvalidInput says why none."""
    if scheme:
        try:
            code = canonical_scheme(scheme)
        except InvalidInput as exc:
            raise InvalidInput(str(exc), "scheme") from None
        return [_key(code, value)]
    org = _org_id(value)
    if org is not None:
        return [_key(*org)]
    prefixed = _PREFIX.match(value)
    if prefixed and prefixed.group(1).upper() in COUNTRY_SCHEME:
        code = COUNTRY_SCHEME[prefixed.group(1).upper()]
        try:
            return [_key(code, prefixed.group(2))]
        except InvalidInput:
            # Some schemes read their own prefixed forms better (e.g. a French VAT number).
            try:
                return [_key(code, value)]
            except InvalidInput:
                pass
            raise
    if country and country in COUNTRY_SCHEME:
        return [_key(COUNTRY_SCHEME[country], value)]
    guesses = [f"{code}-{number}" for code, number in guess_identifiers(value)]
    if not guesses:
        raise InvalidInput(
            f"{value!r} is not a valid registry number in any known scheme "
            "(add a scheme or country column, or a prefix such as BE, FR, GB)",
            "id",
        )
    return guesses


def _cell(record: dict[str, str], *names: str) -> str:
    for n in names:
        value = record.get(n)
        if value and value.strip():
            return value.strip()
    return ""


def parse_record(row: int, record: dict[str, str]) -> ClientRow:
    number = _cell(record, *ID_COLUMNS)
    name = _cell(record, "name", "company_name")
    raw_country = _cell(record, "country")
    country = country_code(raw_country) if raw_country else None
    scheme = _cell(record, "scheme") or None
    if number:
        client = ClientRow(row=row, input_id=number, country=country)
        try:
            client.keys = identifier_keys(number, scheme, country)
        except InvalidInput as exc:
            client.error = str(exc)
        return client
    label = f"{name} ({raw_country})" if raw_country else name
    client = ClientRow(row=row, input_id=label, name=name, country=country)
    if not name:
        client.error = "no registry number and no name"
    elif raw_country and country is None:
        client.error = f"unknown country {raw_country!r}: use an ISO code such as BE, FR, GB"
    return client


@dataclass
class Portfolio:
    clients: list[ClientRow]
    empty_lines: int


def read_portfolio(path: Path) -> Portfolio:
    """Every non-blank row of a CSV client list, in file order.

    With a header naming known columns (id/identifier/number, scheme, name, country) those
    are used; without one, the first column of every line is taken as the registry number."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    reader = csv.reader(text.splitlines())
    clients: list[ClientRow] = []
    empty = 0
    header: list[str] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            empty += 1
            continue
        if not header:
            names = [c.strip().lower() for c in cells]
            if KNOWN_COLUMNS & set(names):
                header = names
                continue
            header = ["id"]
        record = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)}
        clients.append(parse_record(line, record))
    return Portfolio(clients=clients, empty_lines=empty)
