"""KBO/BCE rows -> canonical records (pure): enterprises, legal names, addresses, activities."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph_schema.edges import AddressLink
from graph_schema.errors import InvalidInput
from graph_schema.events import EventKind
from graph_schema.keys import address_key, company_key, event_key
from graph_schema.names import clean_name
from graph_schema.nodes import AddressRecord, CompanyRecord, EventRecord, Identifier, Record
from graph_schema.provenance import Provenance
from loaders.kbo.codes import (
    CLASSIFICATION_ORDER,
    DENOMINATION_LANGUAGE_PREFERENCE,
    LEGAL_NAME,
    NACE_VERSION_ORDER,
    NATURAL_PERSON,
    REGISTERED_OFFICE,
    STATUS,
    CodeTable,
    nace_code,
    parse_kbo_date,
    situation_kind,
)
from loaders.rejects import Location, Rejection

SOURCE = "kbo"
SCHEME = "BE-BCE_KBO"
DENOMINATION_TYPES = {"001", "002", "003"}
ADDRESS_TYPES = {"REGO", "BAET", "ABBR", "OBAD"}

Row = tuple[Location, dict[str, str]]


@dataclass
class Context:
    """What every row needs: the code table, the snapshot date, the file being read."""

    codes: CodeTable = field(default_factory=CodeTable)
    snapshot: date | None = None
    source_file: str = ""
    extract_type: str | None = None  # meta.csv ExtractType: "full" | "update"
    extract_number: int | None = None  # meta.csv ExtractNumber

    @property
    def update(self) -> bool:
        return self.extract_type == "update"

    def observed(self) -> str:
        """Where a fact was seen, for event descriptions."""
        when = self.snapshot.isoformat() if self.snapshot else "(no snapshot date)"
        if self.update:
            return f"KBO update extract {self.extract_number} (snapshot {when})"
        return f"KBO snapshot {when}"

    def provenance(self, record_id: str) -> Provenance:
        return Provenance(
            source=SOURCE, record_id=record_id, source_file=self.source_file, seen_at=self.snapshot
        )


def enterprise_key(number: str) -> tuple[str, Identifier]:
    """Key and identifier for an enterprise number; raises InvalidInput (bad check digits…)."""
    key = company_key(SCHEME, number)
    return key, Identifier(scheme=SCHEME, value=key[len(SCHEME) + 1 :])


def _coded(ctx: Context, category: str, code: str, known: set[str] | None = None) -> str:
    """The description of a code; a code neither in code.csv nor known raises ValueError."""
    description = ctx.codes.describe(category, code)
    if description is None and not (known and code in known):
        raise ValueError(f"unknown {category} code {code!r}")
    return description or code


def enterprise_row(row: dict[str, str], ctx: Context) -> list[Record]:
    number = row["EnterpriseNumber"].strip()
    try:
        key, ident = enterprise_key(number)
    except InvalidInput as exc:
        raise ValueError(f"{exc.message} in EnterpriseNumber") from None
    prov = ctx.provenance(number)
    status_code = row["Status"].strip()
    status = STATUS.get(status_code) or _coded(ctx, "Status", status_code).lower()
    kind_code = row["TypeOfEnterprise"].strip()
    _coded(ctx, "TypeOfEnterprise", kind_code, {"1", "2"})
    form_code = row["JuridicalForm"].strip()
    if form_code:
        legal_form: str | None = f"{_coded(ctx, 'JuridicalForm', form_code)} ({form_code})"
    elif kind_code == NATURAL_PERSON:
        legal_form = "natural person"
    else:
        legal_form = None
    situation = row["JuridicalSituation"].strip()
    situation_text = _coded(ctx, "JuridicalSituation", situation, {"000"})
    started = parse_kbo_date(row["StartDate"], "StartDate")
    records: list[Record] = [
        CompanyRecord(
            key=key,
            identifiers=[ident],
            legal_form=legal_form,
            status=status,
            status_detail=f"{situation_text} ({situation})",
            jurisdiction="BE",
            incorporated_on=started,
            provenance=prov,
        )
    ]
    kind = situation_kind(situation, ctx.codes.all_texts("JuridicalSituation", situation))
    if kind is not None:
        if ctx.update:
            how = (
                f"situation in {ctx.observed()}, which lists the enterprises that changed: "
                "it changed on or before that date, the event date"
            )
        else:
            how = (
                f"situation observed in {ctx.observed()}; the open data gives no date for it, "
                "the event date is the observation date"
            )
        records.append(
            EventRecord(
                # No date in the key: the next snapshot updates this event, never duplicates it.
                key=event_key(key, kind.value, None, f"KBO-JuridicalSituation-{situation}"),
                company=key,
                kind=kind,
                date=ctx.snapshot,
                description=f"{situation_text} (KBO juridical situation {situation}): {how}",
                reference=f"KBO JuridicalSituation {situation}",
                provenance=prov,
            )
        )
    if ctx.update and status_code != "AC":
        records.append(status_event(key, f"status {status} ({status_code})", ctx, prov))
    return records


def status_event(key: str, what: str, ctx: Context, prov: Provenance) -> EventRecord:
    """A status that changed in an update extract, dated with its snapshot date."""
    return EventRecord(
        key=event_key(key, EventKind.STATUS_CHANGE.value, ctx.snapshot, f"KBO-{what}"),
        company=key,
        kind=EventKind.STATUS_CHANGE,
        date=ctx.snapshot,
        description=f"{what} in {ctx.observed()}: changed on or before that date",
        reference=f"KBO update extract {ctx.extract_number}",
        provenance=prov,
    )


def removed_enterprise(number: str, ctx: Context) -> list[Record]:
    """An enterprise an update deletes and does not insert again has left the open data, which
    lists active enterprises only: it stopped (ceased, struck off, merged) by that snapshot."""
    key, ident = enterprise_key(number)
    prov = ctx.provenance(number)
    what = "no longer in the KBO open data, which lists active enterprises only"
    return [
        CompanyRecord(
            key=key,
            identifiers=[ident],
            status=STATUS["ST"],
            status_detail=f"{what} ({ctx.observed()})",
            jurisdiction="BE",
            provenance=prov,
        ),
        status_event(key, what, ctx, prov),
    ]


def _company(number: str, ctx: Context, **fields: object) -> CompanyRecord:
    key, ident = enterprise_key(number)
    return CompanyRecord(
        key=key,
        identifiers=[ident],
        jurisdiction="BE",
        provenance=ctx.provenance(number),
        **fields,
    )


def denomination_group(group: list[Row], ctx: Context) -> tuple[list[Record], list[Rejection]]:
    """The legal name (type 001) in the preferred language; other names are not stored."""
    names: dict[str, str] = {}
    rejections: list[Rejection] = []
    for location, row in group:
        kind = row["TypeOfDenomination"].strip()
        language = row["Language"].strip()
        name = clean_name(row["Denomination"])
        if kind not in DENOMINATION_TYPES and not ctx.codes.has("TypeOfDenomination", kind):
            rejections.append(Rejection(location, f"unknown TypeOfDenomination {kind!r}", row))
        elif language not in DENOMINATION_LANGUAGE_PREFERENCE:
            rejections.append(Rejection(location, f"unknown Language {language!r}", row))
        elif name is None:
            rejections.append(Rejection(location, "missing key field Denomination", row))
        elif kind == LEGAL_NAME:
            names.setdefault(language, name)
    best = next((names[lang] for lang in DENOMINATION_LANGUAGE_PREFERENCE if lang in names), None)
    return [_company(group[0][1]["EntityNumber"].strip(), ctx, name=best)], rejections


def _address_text(row: dict[str, str]) -> tuple[str, str | None, str | None, str | None, str]:
    """(text, street line, postcode, city, country) preferring Dutch, then French, spellings."""

    def pick(column: str) -> str:
        return (row.get(f"{column}NL") or row.get(f"{column}FR") or "").strip()

    street = " ".join(p for p in (pick("Street"), (row.get("HouseNumber") or "").strip()) if p)
    box = (row.get("Box") or "").strip()
    if box:
        street = f"{street} bus {box}"
    postcode = row["Zipcode"].strip() or None
    city = pick("Municipality") or None
    foreign = pick("Country")
    country = "BE" if not foreign else None  # foreign countries come as names, not ISO codes
    parts = [street, " ".join(p for p in (postcode, city) if p), foreign or "België"]
    return ", ".join(p for p in parts if p), street or None, postcode, city, country or ""


def address_group(group: list[Row], ctx: Context) -> tuple[list[Record], list[Rejection]]:
    """The registered office (REGO) -> Address + REGISTERED_AT; other address types are skipped."""
    number = group[0][1]["EntityNumber"].strip()
    company = _company(number, ctx)
    records: list[Record] = [company]
    rejections: list[Rejection] = []
    for location, row in group:
        kind = row["TypeOfAddress"].strip()
        if kind not in ADDRESS_TYPES and not ctx.codes.has("TypeOfAddress", kind):
            rejections.append(Rejection(location, f"unknown TypeOfAddress {kind!r}", row))
            continue
        try:
            struck_off = parse_kbo_date(row["DateStrikingOff"], "DateStrikingOff")
        except ValueError as exc:
            rejections.append(Rejection(location, str(exc), row))
            continue
        if kind != REGISTERED_OFFICE:
            continue
        text, street, postcode, city, country = _address_text(row)
        prov = ctx.provenance(number)
        akey = address_key(text, country or None)
        records.append(
            AddressRecord(
                key=akey,
                text=text,
                street=street,
                postcode=postcode,
                city=city,
                country=country or None,
                provenance=prov,
            )
        )
        records.append(AddressLink.of(company.key, akey, "registered", prov, end=struck_off))
    return records, rejections


def activity_group(group: list[Row], ctx: Context) -> tuple[list[Record], list[Rejection]]:
    """All NACE codes of an entity, main activity first, as one list (a list is written whole)."""
    found: list[tuple[int, int, int, str]] = []
    rejections: list[Rejection] = []
    for index, (location, row) in enumerate(group):
        classification = row["Classification"].strip()
        if classification not in CLASSIFICATION_ORDER:
            rejections.append(
                Rejection(location, f"unknown Classification {classification!r}", row)
            )
            continue
        try:
            code = nace_code(row["NaceVersion"], row["NaceCode"])
        except ValueError as exc:
            rejections.append(Rejection(location, str(exc), row))
            continue
        version = NACE_VERSION_ORDER.get(row["NaceVersion"].strip(), 9)
        found.append((CLASSIFICATION_ORDER[classification], version, index, code))
    codes = list(dict.fromkeys(code for *_, code in sorted(found)))
    number = group[0][1]["EntityNumber"].strip()
    return [_company(number, ctx, activity_codes=codes)], rejections
