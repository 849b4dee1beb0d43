"""BODS 0.2–0.4 statements: a version-neutral header plus checked field readers.

BODS 0.4 wraps the facts in `recordDetails` and names a stable `recordId`; 0.2/0.3 put them at
the top level and chain versions with `replacesStatements`. `read_statement` hides that
difference; the readers below check only the fields we use (and a few cheap required ones), so
every failure is a specific reason instead of a full JSON-schema run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from loaders.contract import BadRecord

Kind = Literal["entity", "person", "relationship"]

# 0.2/0.3 statementType -> 0.4 recordType.
_STATEMENT_TYPES: dict[str, Kind] = {
    "entityStatement": "entity",
    "personStatement": "person",
    "ownershipOrControlStatement": "relationship",
}
_RECORD_TYPES: tuple[Kind, ...] = ("entity", "person", "relationship")
RECORD_STATUSES = ("new", "updated", "closed")

_DATE_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_VERSION = re.compile(r"^\d+\.\d+$")
_KEBAB = re.compile(r"-([a-z])")


def camel(code: str) -> str:
    """Old codelists spelled codes in kebab-case ('voting-rights'); 0.2+ uses camelCase."""
    return _KEBAB.sub(lambda m: m.group(1).upper(), code.strip())


@dataclass(frozen=True)
class Statement:
    kind: Kind
    statement_id: str
    record_id: str  # 0.4 recordId; 0.2/0.3 the statementID (each version is its own record)
    status: str | None  # 0.4 recordStatus: new | updated | closed
    date: date | None  # statementDate, else publicationDetails.publicationDate
    replaces: tuple[str, ...]  # 0.2/0.3 replacesStatements
    details: dict[str, Any]  # recordDetails (0.4) or the statement itself (0.2/0.3)
    version: str  # "0.4" or "0.2" (0.2 and 0.3 share the statement shape)
    # source.type codes (officialRegister, selfDeclaration, thirdParty, primaryResearch,
    # verified): an officialRegister statement publishes what a register declares.
    source_types: tuple[str, ...] = ()

    @property
    def from_register(self) -> bool:
        return "officialRegister" in self.source_types


def read_statement(data: object) -> Statement:
    if not isinstance(data, dict):
        raise BadRecord(f"a statement must be a JSON object, got {type(data).__name__}")
    if "recordType" in data or "recordDetails" in data or "statementId" in data:
        return _read_04(data)
    if "statementType" in data or "statementID" in data:
        return _read_02(data)
    raise BadRecord("not a BODS statement: no recordType (0.4) or statementType (0.2/0.3)")


def _read_04(data: dict[str, Any]) -> Statement:
    statement_id = req_str(data, "statementId")
    if not 32 <= len(statement_id) <= 64:
        raise BadRecord(f"statementId must be 32 to 64 characters, got {len(statement_id)}")
    record_id = req_str(data, "recordId")
    kind = data.get("recordType")
    if kind is None:
        raise BadRecord("missing key field recordType")
    if kind not in _RECORD_TYPES:
        raise BadRecord(f"unknown recordType {kind!r} (entity, person or relationship)")
    status = data.get("recordStatus")
    if status is not None and status not in RECORD_STATUSES:
        raise BadRecord(f"unknown recordStatus {status!r} (new, updated or closed)")
    req_str(data, "declarationSubject")
    if data.get("statementDate") is None:
        raise BadRecord("missing key field statementDate")
    details = data.get("recordDetails")
    if details is None:
        raise BadRecord("missing key field recordDetails")
    if not isinstance(details, dict):
        raise BadRecord(f"recordDetails must be an object, got {type(details).__name__}")
    if opt_bool(details, "isComponent", "recordDetails.isComponent") is None:
        raise BadRecord("missing key field recordDetails.isComponent")
    return Statement(
        kind,
        statement_id,
        record_id,
        status,
        _statement_date(data, True),
        (),
        details,
        "0.4",
        _source_types(data),
    )


def _read_02(data: dict[str, Any]) -> Statement:
    statement_id = req_str(data, "statementID")
    kind_code = data.get("statementType")
    if kind_code is None:
        raise BadRecord("missing key field statementType")
    if kind_code not in _STATEMENT_TYPES:
        raise BadRecord(
            f"unknown statementType {kind_code!r} "
            "(entityStatement, personStatement or ownershipOrControlStatement)"
        )
    replaces = str_list(data, "replacesStatements")
    opt_bool(data, "isComponent")
    return Statement(
        _STATEMENT_TYPES[kind_code],
        statement_id,
        statement_id,
        None,
        _statement_date(data, False),
        tuple(replaces),
        data,
        "0.2",
        _source_types(data),
    )


def _source_types(data: dict[str, Any]) -> tuple[str, ...]:
    """The statement's `source.type` codes (a list; a lone string in some exports). A
    malformed source only loses this hint: the statement's facts do not depend on it."""
    source = data.get("source")
    value = source.get("type") if isinstance(source, dict) else None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(camel(v) for v in value if isinstance(v, str))


def _statement_date(data: dict[str, Any], strict: bool) -> date | None:
    """statementDate, else the publication date. `strict` (0.4) also requires the publication
    metadata the schema requires; 0.2 exports from registers sometimes omit it (bodsdata)."""
    on = date_time(data, "statementDate")
    publication = data.get("publicationDetails")
    if publication is None:
        return on
    if not isinstance(publication, dict):
        raise BadRecord("publicationDetails must be an object")
    published = date_time(publication, "publicationDate", "publicationDetails.publicationDate")
    version = opt_str(publication, "bodsVersion", "publicationDetails.bodsVersion")
    if version is not None and not _VERSION.match(version):
        raise BadRecord(f"publicationDetails.bodsVersion {version!r} is not a version like 0.4")
    opt_str(publication, "license", "publicationDetails.license")
    publisher = opt_obj(publication, "publisher", "publicationDetails.publisher")
    name = url = None
    if publisher is not None:
        name = opt_str(publisher, "name", "publicationDetails.publisher.name")
        url = opt_str(publisher, "url", "publicationDetails.publisher.url")
    if strict:
        if published is None:
            raise BadRecord("missing key field publicationDetails.publicationDate")
        if version is None:
            raise BadRecord("missing key field publicationDetails.bodsVersion")
        if name is None and url is None:
            raise BadRecord("publicationDetails.publisher has neither name nor url")
    return on or published


# --- field readers: each returns the value or raises BadRecord naming the field -------------


def _type_name(value: object) -> str:
    return "null" if value is None else type(value).__name__


def req_str(data: dict[str, Any], field: str, label: str | None = None) -> str:
    value = data.get(field)
    if value is None:
        raise BadRecord(f"missing key field {label or field}")
    if not isinstance(value, str) or not value.strip():
        raise BadRecord(f"{label or field} must be a non-empty string, got {value!r}")
    return value.strip()


def opt_str(data: dict[str, Any], field: str, label: str | None = None) -> str | None:
    value = data.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRecord(f"{label or field} must be a string, got {_type_name(value)} {value!r}")
    return value.strip() or None


def opt_bool(data: dict[str, Any], field: str, label: str | None = None) -> bool | None:
    value = data.get(field)
    if value is not None and not isinstance(value, bool):
        raise BadRecord(f"{label or field} must be true or false, got {value!r}")
    return value


def opt_obj(data: dict[str, Any], field: str, label: str | None = None) -> dict[str, Any] | None:
    value = data.get(field)
    if value is not None and not isinstance(value, dict):
        raise BadRecord(f"{label or field} must be an object, got {_type_name(value)}")
    return value


def obj_list(data: dict[str, Any], field: str, label: str | None = None) -> list[dict[str, Any]]:
    value = data.get(field)
    if value is None:
        return []
    name = label or field
    if not isinstance(value, list):
        raise BadRecord(f"{name} must be an array, got {_type_name(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise BadRecord(f"{name}[{index}] must be an object, got {_type_name(item)}")
    return value


def str_list(data: dict[str, Any], field: str, label: str | None = None) -> list[str]:
    value = data.get(field)
    if value is None:
        return []
    name = label or field
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadRecord(f"{name} must be an array of strings, got {value!r}")
    return [v.strip() for v in value if v.strip()]


def enum(data: dict[str, Any], field: str, allowed: tuple[str, ...], label: str) -> str | None:
    value = opt_str(data, field, label)
    if value is not None and value not in allowed:
        raise BadRecord(f"unknown {label} {value!r}")
    return value


def _date_text(data: dict[str, Any], field: str, name: str) -> str | None:
    value = data.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRecord(f"{name} must be a date string, got {_type_name(value)} {value!r}")
    return value.strip() or None  # registers export unknown dates as ""


def full_date(data: dict[str, Any], field: str, label: str | None = None) -> date | None:
    """A calendar date 'YYYY-MM-DD'; a date-time keeps its date part (GLEIF-derived 0.2 data
    writes founding and start dates as '2005-03-22T08:00:00+01:00')."""
    name = label or field
    text = _date_text(data, field, name)
    if text is None:
        return None
    match = _DATE_TIME.match(text)
    if not match:
        raise BadRecord(f"invalid date {text!r} in {name}: YYYY-MM-DD expected")
    return _calendar(match.group(1), name)


date_time = full_date  # statementDate, publicationDate: date or date-time alike


def partial_date(data: dict[str, Any], field: str) -> tuple[date | None, str | None, str]:
    """Birth/death dates may be 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'.

    Returns (full date or None, 'YYYY-MM' or None, the text)."""
    value = _date_text(data, field, field)
    if value is None:
        return None, None, ""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise BadRecord(f"invalid date {value!r} in {field}: YYYY, YYYY-MM or YYYY-MM-DD expected")
    year, month, day = match.groups()
    if month is None:
        return None, None, value
    if not 1 <= int(month) <= 12:
        raise BadRecord(f"invalid date {value!r} in {field}: month {month}")
    if day is None:
        return None, f"{year}-{month}", value
    return _calendar(value, field), f"{year}-{month}", value


def _calendar(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadRecord(f"invalid date {text!r} in {field}: {exc}") from None
