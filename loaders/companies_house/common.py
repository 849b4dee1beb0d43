"""Helpers shared by the Companies House parsers: dates, addresses, company refs, names."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import ijson
import orjson
from rigour.territories import lookup_territory

from graph_schema.edges import AddressLink
from graph_schema.errors import InvalidInput
from graph_schema.identifiers import SCHEMES
from graph_schema.keys import address_key, company_key
from graph_schema.names import clean_name
from graph_schema.nodes import AddressRecord, CompanyRecord, Identifier, PersonRecord, Record
from graph_schema.provenance import Provenance
from loaders import contract
from loaders.contract import BadRecord, ParseResult
from loaders.rejects import Location, Rejection
from loaders.source import GZIP_MAGIC, UTF8_BOM, ByteCounter, iter_json, open_bytes

SOURCE = "companies-house"
CH_SCHEME = "GB-COH"

# How the API and the bulk files name the United Kingdom and its jurisdictions.
UK_NAMES = frozenset(
    {
        "united kingdom",
        "uk",
        "u.k.",
        "gb",
        "great britain",
        "england",
        "wales",
        "scotland",
        "northern ireland",
        "england and wales",
        "england & wales",
        "england/wales",
        "england-wales",
        "united-kingdom",
    }
)
_ADDRESS_PARTS = (
    "care_of",
    "po_box",
    "premises",
    "address_line_1",
    "address_line_2",
    "locality",
    "region",
    "postal_code",
    "country",
)
_LAST_SEGMENT = re.compile(r"/([^/]+)/?$")
_HOUSE_NUMBER = re.compile(r"^\d+[A-Za-z]?(?:\s*-\s*\d+[A-Za-z]?)?$")


MAX_DOCUMENT_BYTES = 8 << 20  # an API response page is kilobytes; bigger files are streamed


def text(value: Any) -> str | None:
    """A trimmed string, or None for missing/blank values (the API omits or nulls fields).
    Anything but a JSON string is an invalid record: a number where a name belongs is a broken
    file, not the person "12345"."""
    if value is None:
        return None
    if type(value) is str:  # nearly always: straight to the strip
        return value.strip() or None
    if isinstance(value, str):
        return value.strip() or None
    raise BadRecord(f"expected text, got {_json_type(value)} {value!r}"[:200])


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def as_list(value: Any, field: str) -> list[Any]:
    """A list field: missing/null is empty, anything else is an invalid record."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRecord(f"invalid {field}: expected a list, got {value!r}"[:200])
    return value


def iso_date(value: Any, field: str) -> date | None:
    """API dates are ISO `YYYY-MM-DD`; anything else is an invalid record, not a guess."""
    raw = text(value)
    if raw is None:
        return None
    try:
        # "2020-01-31", or a timestamp "2020-01-31T00:00:00" of which the day is what counts
        if len(raw) > 10 and raw[10] == "T":
            raw = raw[:10]
        return date.fromisoformat(raw) if len(raw) == 10 else _invalid()
    except ValueError:
        raise BadRecord(f"invalid date {raw!r} in {field}") from None


def _invalid() -> date:
    raise ValueError("not an ISO date")


def uk_date(value: Any, field: str) -> date | None:
    """Bulk-file dates are `dd/mm/yyyy`."""
    raw = text(value)
    if raw is None:
        return None
    try:
        return datetime.strptime(raw, "%d/%m/%Y").date()
    except ValueError:
        raise BadRecord(f"invalid date {raw!r} in {field} (dd/mm/yyyy expected)") from None


def birth_year_month(value: Any, field: str = "date_of_birth") -> str | None:
    """`{"month": 5, "year": 1970}` -> "1970-05" (the API never publishes the day)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadRecord(f"invalid {field}: expected {{month, year}}, got {value!r}")
    month, year = value.get("month"), value.get("year")
    if month is None or year is None:
        return None
    try:
        m, y = int(month), int(year)
    except (TypeError, ValueError):
        raise BadRecord(f"invalid {field} {value!r}") from None
    if not (1 <= m <= 12 and 1800 <= y <= 2100):
        raise BadRecord(f"invalid {field} {value!r}")
    return f"{y:04d}-{m:02d}"


def ch_company_key(number: Any, field: str = "company_number") -> str:
    if type(number) is str:  # each document and item of a folder names its company again
        return _ch_company_key(number, field)
    return _ch_company_key_uncached(number, field)


@lru_cache(maxsize=4096)
def _ch_company_key(number: str, field: str) -> str:
    return _ch_company_key_uncached(number, field)


def _ch_company_key_uncached(number: Any, field: str) -> str:
    raw = text(number)
    if raw is None:
        raise BadRecord(f"missing key field {field}")
    try:
        return company_key(CH_SCHEME, raw)
    except InvalidInput as exc:
        raise BadRecord(f"invalid {field}: {exc.message}") from None


def company_stub(key: str, prov: Provenance, **fields: Any) -> CompanyRecord:
    """A company record carrying at least its key and identifier (sparse: erases nothing)."""
    return CompanyRecord(key=key, identifiers=[identifier_of(key)], provenance=prov, **fields)


def person_of(
    item: dict[str, Any], key: str, name: str, ym: str | None, basis: str, prov: Provenance
) -> PersonRecord:
    """The person an officer or PSC item describes (nationality and residence as given)."""
    return PersonRecord(
        key=key,
        name=name,
        birth_year_month=ym,
        nationality=text(item.get("nationality")),
        country_of_residence=text(item.get("country_of_residence")),
        match_basis=basis,
        provenance=prov,
    )


@lru_cache(maxsize=4096)  # the company of a folder comes back in each of its items
def identifier_of(key: str) -> Identifier:
    """The identifier a company key is made of (`GB-COH-01234567` -> GB-COH, 01234567)."""
    if key.startswith("GB-COH-"):  # nearly every key here
        return Identifier(scheme=CH_SCHEME, value=key[7:])
    for scheme in _SCHEMES_LONGEST_FIRST:
        if key.startswith(scheme + "-"):
            return Identifier(scheme=scheme, value=key[len(scheme) + 1 :])
    raise ValueError(f"not a company key of a known scheme: {key}")


_SCHEMES_LONGEST_FIRST = sorted(SCHEMES, key=len, reverse=True)


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """ISO code of a country as Companies House spells it ("England", "Minnesota, Usa")."""
    if is_uk(name):
        return "GB"
    territory = lookup_territory(name)
    code = getattr(territory, "ftm_country", None) if territory is not None else None
    return str(code).upper() if code else None


def is_uk(*names: Any) -> bool:
    return any(isinstance(n, str) and n.strip().lower() in UK_NAMES for n in names)


def self_id(item: dict[str, Any]) -> str | None:
    """The record's own id: the last segment of its links.self."""
    links = item.get("links")
    return last_segment(links.get("self")) if isinstance(links, dict) else None


def last_segment(link: Any) -> str | None:
    """`/officers/abc123/appointments` -> use `officer_id`; `/company/1/psc/individual/X` -> X."""
    raw = text(link)
    if raw is None:
        return None
    raw = raw.removesuffix("/appointments")
    match = _LAST_SEGMENT.search(raw)
    return match.group(1) if match else None


def address_records(
    entity_key: str, address: Any, kind: str, prov: Provenance, field: str = "address"
) -> list[Record]:
    """An AddressRecord plus the REGISTERED_AT link to it; nothing when the address is empty."""
    if address is None:
        return []
    if not isinstance(address, dict):
        raise BadRecord(f"invalid {field}: expected an object, got {address!r}")
    values = {k: text(address.get(k)) for k in _ADDRESS_PARTS}
    premises, line_1 = values.pop("premises"), values.pop("address_line_1")
    # "38" + "Green Lane" reads "38 Green Lane", as a registered office writes it in one line;
    # a named building stays its own part ("Summit House, 10 Waterside Court").
    if premises and line_1:
        glue = " " if _HOUSE_NUMBER.match(premises) else ", "
        street: str | None = f"{premises}{glue}{line_1}"
    else:
        street = premises or line_1
    parts = [p for p in (values["care_of"], values["po_box"], street) if p]
    parts += [p for k, p in values.items() if p and k not in ("care_of", "po_box")]
    if not parts:
        return []
    country = values["country"]
    code = "GB" if country is None else country_code(country)
    line = ", ".join(parts)
    # Keyed without the country's spelling ("England", "United Kingdom", none): its code says it.
    akey = address_key(", ".join(p for p in parts if p != country), code)
    return [
        AddressRecord(
            key=akey,
            text=line,
            street=street,
            postcode=text(address.get("postal_code")),
            city=text(address.get("locality")),
            country=code,
            provenance=prov,
        ),
        AddressLink.of(entity_key, akey, kind, prov),
    ]


UNKNOWN_VALUE = "unknown value kept as-is"


def unknown_value(warnings: list[str] | None, field: str, value: str) -> None:
    """Note a code that is not in Companies House's enumerations (yet): the record loads with
    the raw code, and the warning goes to the rejects file without rejecting it."""
    if warnings is not None:
        warnings.append(f"{UNKNOWN_VALUE}: {field} {value!r}")


def looks_like_organisation(name: str) -> bool:
    """A name ending in a legal form ("FORM 10 DIRECTORS FD LTD", "ACME LLP", "SMITH & CO").
    Two-letter forms (SA, AG, NV) are left out: they are also surnames."""
    return bool(_LEGAL_FORM_END.search(name.strip()))


_LEGAL_FORM_END = re.compile(
    r"(?:\b(?:limited|ltd|llp|plc|inc|incorporated|llc|l\.l\.c|corp|corporation|gmbh|"
    r"s\.a\.r\.l|sarl|b\.v|n\.v|l\.p|company|unlimited|cic|cio)|&\s*co)\.?\)?$",
    re.IGNORECASE,
)


def display_name(name: str) -> str:
    """Officer lists write "SMITH, John Paul"; show it as "John Paul SMITH"."""
    surname, comma, forenames = name.partition(",")
    if comma and forenames.strip():
        return clean_name(f"{forenames} {surname}") or name
    return clean_name(name) or name


def iter_documents(
    file: Path, counter: ByteCounter | None = None
) -> Iterator[tuple[Location, Any] | Rejection]:
    """The JSON document(s) of a file: one (pretty-printed) API response, an array of them, or
    JSON Lines. A small file is parsed whole, so that a pretty-printed response is never
    mistaken for JSON Lines; JSON Lines and big files stream through `iter_json`."""
    size = file.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        yield from iter_json(file, counter)
        return
    data = read_small(file)
    if counter is not None:
        counter.done += size
    yield from decode_documents(data, file)


def parse_documents(
    path: Path,
    counter: ByteCounter,
    suffixes: tuple[str, ...],
    parse_one: Callable[[Path, Location, Any], ParseResult],
) -> Iterator[ParseResult]:
    """`parse_one` of each document (`iter_documents`) of the files under `path`."""
    return contract.parse_documents(path, counter, suffixes, parse_one, read=iter_documents)


def read_small(file: Path) -> bytes:
    """A small file's bytes, gunzipped."""
    with open(file, "rb") as fh:
        data = fh.read()
    if data[:2] == GZIP_MAGIC:
        with open_bytes(file) as raw:
            data = raw.read()
    return data


# orjson turns an integer beyond 64 bits into a float where the json module keeps an int: a
# document holding one (19 digits or more in a row) takes the json module's path.
_LONG_DIGITS = re.compile(rb"\d{19}")


def decode_documents(data: bytes, file: Path) -> list[tuple[Location, Any] | Rejection]:
    """`iter_documents` of a small file's bytes. orjson decodes a well-formed document (most
    of them) at a fraction of the json module's cost; anything it refuses (invalid JSON, JSON
    Lines, lone surrogates, deep nesting) goes through the json module, whose results and
    messages are the reference."""
    data = data.removeprefix(UTF8_BOM)
    try:
        if _LONG_DIGITS.search(data):
            raise ValueError("long integer")
        doc = orjson.loads(data)
    except ValueError:  # orjson.JSONDecodeError is one
        return list(_decode_with_json(data, file))
    return _items(doc, file.name)


def _items(doc: Any, name: str) -> list[tuple[Location, Any] | Rejection]:
    if isinstance(doc, list):
        return [(Location(name, record=f"[{index}]"), item) for index, item in enumerate(doc)]
    return [(Location(name), doc)]


def _decode_with_json(data: bytes, file: Path) -> Iterator[tuple[Location, Any] | Rejection]:
    location = Location(file.name)
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if _json_lines(data):
            yield from iter_json(file)
        else:
            yield Rejection(location, f"not UTF-8: byte {exc.start} cannot be decoded", raw=data)
        return
    except json.JSONDecodeError as exc:
        if _json_lines(data):
            yield from iter_json(file)
            return
        reason = f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        salvaged = complete_part(data)
        if salvaged is None:
            yield Rejection(location, reason, raw=data)
            return
        # A document cut short (a download that stopped): what came complete loads, item by
        # item, and the rest is reported from where it breaks.
        doc, cut = salvaged
        yield location, doc
        yield Rejection(
            Location(file.name, record=cut), f"{reason}: the file is cut short at {cut}", raw=None
        )
        return
    except RecursionError:
        yield Rejection(location, "invalid JSON: nested too deeply", raw=data[:1000])
        return
    yield from _items(doc, file.name)


# How ijson's backends say the data ended before the document did (yajl: "premature EOF";
# the Python backend: "Incomplete JSON data", "Incomplete string lexeme").
_EOF = re.compile(r"premature EOF|Incomplete (JSON|string)", re.IGNORECASE)


def complete_part(data: bytes) -> tuple[dict[str, Any], str] | None:
    """The complete part of a JSON object cut short, and where it breaks: its members that
    were read whole and, when the API's `items` list was cut, the items read whole (any other
    member that was cut is left out, never loaded half-read). None when nothing came
    through, or when the document is broken in the middle rather than cut short."""
    read = _read_until_cut(data)
    if read is None:
        return None
    root, stack = read
    cut = "the end"
    if len(stack) > 1:
        child, name = stack[1]
        if isinstance(child, list) and name == "items":
            if len(stack) > 2:
                child.pop()  # the item being read when the file stops
            cut = f"{name}[{len(child)}]"
        else:
            root.pop(name or "", None)
            cut = f"{name}"
    if not root or root.get("items") == []:
        return None  # nothing whole to load: the file is one rejection, as before
    return root, cut


_Open = list[tuple[dict[str, Any] | list[Any], str | None]]


def _read_until_cut(data: bytes) -> tuple[dict[str, Any], _Open] | None:
    """The object as far as it goes, with the containers still open where the data ends."""
    stack: _Open = []
    root: dict[str, Any] | None = None
    key: str | None = None
    try:
        for event, value in ijson.basic_parse(io.BytesIO(data), use_float=True):
            if event in ("start_map", "start_array"):
                new: dict[str, Any] | list[Any] = {} if event == "start_map" else []
                if stack:
                    _add(stack[-1][0], key, new)
                elif isinstance(new, dict):
                    root = new
                else:
                    return None  # an array of documents is streamed elsewhere
                stack.append((new, key))
            elif event in ("end_map", "end_array"):
                stack.pop()
            elif event == "map_key":
                key = value
            elif stack:
                _add(stack[-1][0], key, value)
        return None  # it parses: nothing was cut
    except ijson.IncompleteJSONError as exc:
        if not _EOF.search(str(exc)):
            return None
    except (ijson.JSONError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    return (root, stack) if root is not None and stack else None


def _add(container: dict[str, Any] | list[Any], key: str | None, value: Any) -> None:
    if isinstance(container, dict):
        container[key or ""] = value
    else:
        container.append(value)


def _json_lines(data: bytes) -> bool:
    """JSON Lines: one bad line is one rejection while the others still load."""
    first = next((line for line in data.splitlines() if line.strip()), b"")
    return _parses(first) and len(data.strip().splitlines()) > 1


def _parses(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, deep nesting
        return False
    return True
