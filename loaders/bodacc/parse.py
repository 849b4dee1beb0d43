"""French BODACC announcements -> insolvency events, strike-offs, accounts and director bans.

Input: the official open-data export of dataset "annonces-commerciales" (opendatasoft: a JSON
array, JSON Lines, or an API page {"results": […]} / {"records": [{"fields": …}]}), or the
reshaped sample with flat keys and the original `jugement` JSON string in `contenu`.
The raw DILA bulk XML of BODACC A immatriculations (RCS-A_BXA*.xml) is read by dila_xml.py.
One source record = one announcement.

Choices:
- Procédures collectives: the judgment (`jugement.nature`, else the start of
  `complementJugement`) -> one Event on the company FR-SIREN-<siren> (rules.py), dated
  with the judgment date; court = tribunal, reference = the announcement id.
- Personal sanctions (interdiction de gérer, faillite personnelle): a Disqualification on the
  person named in `complementJugement`, from the judgment date for N years. The person has no
  birth date, so he stays tied to this announcement (never merged on name). The company gets
  no event for it: the sanction is the person's; the company's own judgments are other notices.
- An announcement without an RCS number (a sole trader or unregistered person) cannot be
  keyed to a company: it is rejected with "no SIREN: not a registered company", except a
  personal sanction, which is kept (it needs no company).
- Radiations -> DISSOLUTION (STRIKE_OFF when "d'office"); dépôts des comptes ->
  ACCOUNTS_FILED; other families (créations, modifications, ventes) -> the company and its name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import ijson

from graph_schema.errors import InvalidInput
from graph_schema.events import EventKind
from graph_schema.keys import company_key, disqualification_key, event_key, person_key
from graph_schema.names import clean_name
from graph_schema.nodes import (
    CompanyRecord,
    DisqualificationRecord,
    EventRecord,
    Identifier,
    PersonRecord,
    Record,
)
from graph_schema.provenance import Provenance
from loaders.bodacc.dila_xml import parse_xml
from loaders.bodacc.rules import (
    add_years,
    is_sanction,
    judgment_kind,
    parse_french_date,
    sanctioned_person,
)
from loaders.contract import BadRecord, Format, Parsed, ParseResult, files_under
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, iter_json, open_bytes

SOURCE = "bodacc"
NO_SIREN = "no SIREN: not a registered company (sole trader or unregistered person)"
_WRAPPED = re.compile(rb'^\s*\{[^\[]*?"(records|results)"\s*:\s*\[', re.S)


def parse(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    suffixes = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".xml", ".xml.gz")
    for file in files_under(path, suffixes):
        if file.name.lower().endswith((".xml", ".xml.gz")):
            yield from parse_xml(file, counter)  # raw DILA bulk XML
            continue
        for item in _announcements(file, counter):
            if isinstance(item, Rejection):
                yield item
                continue
            location, data = item
            try:
                yield Parsed(location, announcement_records(data, file.name))
            except (ValueError, InvalidInput) as exc:
                reason = exc.message if isinstance(exc, InvalidInput) else str(exc)
                yield Rejection(location, reason, raw=data)


def _announcements(file: Path, counter: ByteCounter) -> Iterator[tuple[Location, Any] | Rejection]:
    """Stream announcements; an API page or the reshaped sample wraps them in a list."""
    with open_bytes(file) as raw:
        head = raw.read(1 << 14)
    wrapped = _WRAPPED.match(head.lstrip(b"\xef\xbb\xbf"))
    if not wrapped:
        yield from iter_json(file, counter)
        return
    prefix = wrapped.group(1).decode() + ".item"
    index = -1
    with open_bytes(file, counter) as stream:
        try:
            for index, item in enumerate(ijson.items(stream, prefix, use_float=True)):
                yield Location(file.name, record=f"[{index}]"), item
        except (ijson.JSONError, UnicodeDecodeError, ValueError) as exc:
            yield Rejection(
                Location(file.name, record=f"[{index + 1}]"),
                f"invalid JSON after item {index + 1}; the rest of the file is unreadable: {exc}",
            )


def _flat(data: Any) -> dict[str, Any]:
    """API v1 {"fields": …} and v2.0 {"record": {"fields": …}} -> the fields themselves."""
    if not isinstance(data, dict):
        raise ValueError(f"an announcement must be a JSON object, not {type(data).__name__}")
    if isinstance(data.get("record"), dict):
        data = data["record"]
    fields = data.get("fields")
    if isinstance(fields, dict):
        return {**fields, "id": data.get("id") or fields.get("id")}
    return dict(data)


def _text(data: dict[str, Any], *names: str) -> str | None:
    """A field's text; numbers are taken as written (the export gives `numero_annonce` as
    one)."""
    for name in names:
        value = data.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return None


def _name_text(data: dict[str, Any], *names: str) -> str | None:
    """A name field: only a JSON string is a name (a number there is a broken record)."""
    for name in names:
        value = data.get(name)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            raise BadRecord(f"{name} must be a string, got {type(value).__name__} {value!r}"[:200])
        return value.strip()
    return None


def _json_field(data: dict[str, Any], *names: str) -> dict[str, Any] | None:
    """`jugement`, `radiationaurcs`, `depot`… are JSON strings in the export (dicts elsewhere)."""
    for name in names:
        value = data.get(name)
        if value in (None, ""):
            continue
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(f"invalid JSON in {name}: {exc.msg}") from None
            except RecursionError:  # found by fuzzing: 5,000 nested arrays crashed the load
                raise ValueError(f"invalid JSON in {name}: nested too deeply") from None
        if not isinstance(value, dict):
            raise ValueError(f"{name} must be a JSON object, not {type(value).__name__}")
        return value
    return None


def _siren(data: dict[str, Any]) -> str | None:
    registre = data.get("registre")
    values = registre if isinstance(registre, list) else str(registre or "").split(",")
    numbers = [str(v).strip() for v in values if str(v).strip()]
    if not numbers:
        return None
    return company_key("FR-SIREN", numbers[0])  # raises InvalidInput for a bad check digit


def announcement_records(raw: Any, source_file: str) -> list[Record]:
    data = _flat(raw)
    published_text = _text(data, "dateparution", "date_parution")
    if published_text is None:
        raise ValueError("missing key field dateparution")
    published = parse_french_date(published_text, "dateparution")
    number = _text(data, "numeroannonce", "numero_annonce")
    record_id = _text(data, "id") or f"{published.isoformat()}-{number or '?'}"
    prov = Provenance(
        source=SOURCE, record_id=record_id, source_file=source_file, seen_at=published
    )
    ckey = _siren(data)
    name = clean_name(_name_text(data, "commercant", "nom_entreprise", "denomination"))
    records: list[Record] = []
    if ckey is not None:
        records.append(
            CompanyRecord(
                key=ckey,
                identifiers=[Identifier(scheme="FR-SIREN", value=ckey.removeprefix("FR-SIREN-"))],
                name=name,
                jurisdiction="FR",
                provenance=prov,
            )
        )
    family = _fold(_text(data, "familleavis", "familleavis_lib", "famille") or "")
    jugement = _json_field(data, "jugement", "contenu")
    court = _text(data, "tribunal")
    if jugement is not None or "collective" in family:
        records += _judgment(jugement or {}, ckey, name, court, record_id, prov)
    elif ckey is None:
        raise ValueError(NO_SIREN)
    elif "radiation" in family:
        records.append(_radiation(data, ckey, published, court, record_id, prov))
    elif family == "dpc" or family.startswith("depot"):  # "Dépôts des comptes"
        records.append(_accounts(data, ckey, published, record_id, prov))
    return records


def _fold(text: str) -> str:
    return text.strip().lower().replace("é", "e").replace("ô", "o")


def _judgment(
    jugement: dict[str, Any],
    ckey: str | None,
    company_name: str | None,
    court: str | None,
    record_id: str,
    prov: Provenance,
) -> list[Record]:
    nature = str(jugement.get("nature") or "").strip()
    complement = str(jugement.get("complementJugement") or "").strip()
    if not nature:
        raise ValueError("missing key field jugement.nature")
    date_text = str(jugement.get("date") or "").strip()
    on = parse_french_date(date_text, "jugement.date") if date_text else None
    if is_sanction(nature, complement):
        return _sanction(nature, complement, on, ckey, company_name, court, record_id, prov)
    if ckey is None:
        raise ValueError(NO_SIREN)
    kind = judgment_kind(nature, complement)
    assert kind is not None  # only sanctions have no kind, handled above
    description = nature if not complement else f"{nature}: {complement}"
    return [
        EventRecord(
            key=event_key(ckey, kind.value, on, record_id),
            company=ckey,
            kind=kind,
            date=on,
            description=description[:2000],
            court=court,
            reference=record_id,
            provenance=prov,
        )
    ]


def _sanction(
    nature: str,
    complement: str,
    on: date | None,
    ckey: str | None,
    company_name: str | None,
    court: str | None,
    record_id: str,
    prov: Provenance,
) -> list[Record]:
    found = sanctioned_person(complement)
    if found is None:
        raise ValueError(f"cannot find the sanctioned person in complementJugement of {nature!r}")
    pkey, basis = person_key(
        found.name, None, source=SOURCE, source_person_id=f"{record_id}:{found.name}"
    )
    company = (
        f" ({company_name or 'company'}, SIREN {ckey.removeprefix('FR-SIREN-')})" if ckey else ""
    )
    return [
        PersonRecord(key=pkey, name=found.name, match_basis=basis, provenance=prov),
        DisqualificationRecord(
            key=disqualification_key(pkey, on, record_id),
            person=pkey,
            start=on,
            end=add_years(on, found.years) if on else None,
            authority=court,
            reason=f"{nature}, {found.years} years{company}",
            reference=record_id,
            provenance=prov,
        ),
    ]


def _radiation(
    data: dict[str, Any],
    ckey: str,
    published: date,
    court: str | None,
    record_id: str,
    prov: Provenance,
) -> EventRecord:
    details = _json_field(data, "radiationaurcs") or {}
    text = json.dumps(details, ensure_ascii=False)
    ended = next(
        (str(v) for k, v in details.items() if k.lower().startswith("datecessation") and v), None
    )
    on = parse_french_date(ended, "radiationaurcs date") if ended else published
    kind = EventKind.STRIKE_OFF if "d'office" in text.lower() else EventKind.DISSOLUTION
    return EventRecord(
        key=event_key(ckey, kind.value, on, record_id),
        company=ckey,
        kind=kind,
        date=on,
        description=f"Radiation du RCS {text}"[:2000],
        court=court,
        reference=record_id,
        provenance=prov,
    )


def _accounts(
    data: dict[str, Any], ckey: str, published: date, record_id: str, prov: Provenance
) -> EventRecord:
    depot = _json_field(data, "depot") or {}
    closing = str(depot.get("dateCloture") or "").strip()
    made_up_to = parse_french_date(closing, "depot.dateCloture") if closing else None
    return EventRecord(
        key=event_key(ckey, EventKind.ACCOUNTS_FILED.value, published, record_id),
        company=ckey,
        kind=EventKind.ACCOUNTS_FILED,
        date=published,
        made_up_to=made_up_to,
        description=str(depot.get("typeDepot") or "Dépôt des comptes"),
        reference=record_id,
        provenance=prov,
    )


FORMAT = Format(
    "bodacc",
    "French BODACC announcements (open-data JSON): insolvency judgments, bans, strike-offs",
    parse,
)
