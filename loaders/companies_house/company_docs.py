"""The company profile, its insolvency cases and its filing history (one item at a time)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph_schema.events import EventKind
from graph_schema.keys import event_key
from graph_schema.names import clean_name
from graph_schema.nodes import EventRecord, Record
from graph_schema.provenance import Provenance
from loaders.companies_house import codes
from loaders.companies_house.common import (
    address_records,
    as_list,
    company_stub,
    iso_date,
    text,
    unknown_value,
)
from loaders.companies_house.company_types import COMPANY_TYPES
from loaders.companies_house.insolvency_filings import (
    STATUS_PROCEDURES,
    Episode,
    Family,
    InsolvencyFiling,
    case_families,
)
from loaders.contract import BadRecord

# Filing descriptions that end a company: the gazette notice of its dissolution.
GAZETTE_ENDINGS: dict[str, EventKind] = {
    "gazette-dissolved-compulsory": EventKind.STRIKE_OFF,
    "gazette-dissolved-voluntary": EventKind.VOLUNTARY_DISSOLUTION,
    "gazette-dissolved-liquidation": EventKind.DISSOLUTION,
}


def event(
    ckey: str,
    kind: EventKind,
    on: date | None,
    prov: Provenance,
    reference: str | None = None,
    key: str | None = None,
    **fields: Any,
) -> EventRecord:
    """The event of `kind` on `on`, keyed by company, kind and day unless `key` says otherwise."""
    return EventRecord(
        key=key or event_key(ckey, kind.value, on, reference),
        company=ckey,
        kind=kind,
        date=on,
        reference=reference,
        provenance=prov,
        **fields,
    )


@dataclass(frozen=True)
class FolderFacts:
    """What the company's other documents tell its profile (api_folders reads them)."""

    ending: EventKind | None = None  # how the filing history says it was dissolved
    has_cases: bool = False  # an insolvency document lists a case
    families: frozenset[Family] = frozenset()  # procedures the filing history tells


def profile_records(
    ckey: str,
    doc: dict[str, Any],
    prov: Provenance,
    facts: FolderFacts | None = None,
    warnings: list[str] | None = None,
) -> list[Record]:
    """The company itself; unknown status and type codes are kept as-is (in `warnings`)."""
    facts = facts or FolderFacts()
    status = text(doc.get("company_status"))
    if status is not None and status not in codes.COMPANY_STATUSES:
        unknown_value(warnings, "company_status", status)
    type_code = text(doc.get("type"))
    if type_code is not None and type_code not in COMPANY_TYPES:
        unknown_value(warnings, "type", type_code)
    sic = as_list(doc.get("sic_codes"), "sic_codes")
    former: list[str] = []
    events: list[Record] = []
    for i, prev in enumerate(as_list(doc.get("previous_company_names"), "previous_company_names")):
        if not isinstance(prev, dict):
            raise BadRecord(f"invalid previous_company_names[{i}]: {prev!r}")
        name = clean_name(text(prev.get("name")))
        ceased = iso_date(prev.get("ceased_on"), f"previous_company_names[{i}].ceased_on")
        iso_date(prev.get("effective_from"), f"previous_company_names[{i}].effective_from")
        if name:
            former.append(name)
            if ceased:  # the day the old name ceased is the day of the change
                events.append(
                    event(ckey, EventKind.NAME_CHANGE, ceased, prov, description=f"was {name}")
                )
    events.extend(_last_accounts(ckey, doc.get("accounts"), prov))
    created = iso_date(doc.get("date_of_creation"), "date_of_creation")
    ceased_on = iso_date(doc.get("date_of_cessation"), "date_of_cessation")
    if status == "dissolved" and ceased_on:
        events.append(event(ckey, facts.ending or EventKind.DISSOLUTION, ceased_on, prov))
    events.extend(_status_insolvency(ckey, status, facts, prov))
    company = company_stub(
        ckey,
        prov,
        name=clean_name(text(doc.get("company_name"))),
        former_names=former,
        legal_form=COMPANY_TYPES.get(type_code, type_code) if type_code else None,
        status=status,
        status_detail=text(doc.get("company_status_detail")),
        jurisdiction="GB",
        incorporated_on=created,
        dissolved_on=ceased_on,
        activity_codes=[f"SIC:{text(code)}" for code in sic if text(code)],
        **_next_accounts(doc.get("accounts")),
    )
    return [
        company,
        *events,
        *address_records(
            ckey,
            doc.get("registered_office_address"),
            "registered",
            prov,
            "registered_office_address",
        ),
    ]


def _next_accounts(accounts: Any) -> dict[str, Any]:
    """When the next accounts are due and whether the registry flags them overdue (the
    `next_accounts` object, else the profile's older top-level fields)."""
    if not isinstance(accounts, dict):
        return {}
    nxt = accounts.get("next_accounts")
    nxt = nxt if isinstance(nxt, dict) else {}
    overdue = nxt.get("overdue", accounts.get("overdue"))
    return {
        "accounts_next_due": iso_date(nxt.get("due_on"), "accounts.next_accounts.due_on")
        or iso_date(accounts.get("next_due"), "accounts.next_due"),
        "accounts_next_made_up_to": iso_date(
            nxt.get("period_end_on"), "accounts.next_accounts.period_end_on"
        )
        or iso_date(accounts.get("next_made_up_to"), "accounts.next_made_up_to"),
        "accounts_overdue": overdue if isinstance(overdue, bool) else None,
    }


def _status_insolvency(
    ckey: str, status: str | None, facts: FolderFacts, prov: Provenance
) -> list[Record]:
    """A company whose status says it is in an insolvency procedure that no case and no
    filing read tells: the status is the fact, with its date unknown and said so."""
    if status not in STATUS_PROCEDURES or facts.has_cases:
        return []
    families, kind = STATUS_PROCEDURES[status]
    if families & facts.families:
        return []  # the filing history dates it (filing_records emits that event)
    description = (
        f"company_status {status!r} on the profile; no insolvency case or {status} filing "
        "was read, so its date is unknown"
    )
    if kind is EventKind.WINDING_UP:
        description += " and its kind too (presumed insolvent: IA 1986 s.90)"
    reference = f"{ckey}/company-status/{status}"
    return [event(ckey, kind, None, prov, reference, description=description, basis=STATUS)]


def _last_accounts(ckey: str, accounts: Any, prov: Provenance) -> list[Record]:
    """The profile's latest accounts: the same event as their filing, keyed by period end."""
    last = accounts.get("last_accounts") if isinstance(accounts, dict) else None
    if not isinstance(last, dict):
        return []
    field = "accounts.last_accounts.made_up_to"
    made_up = iso_date(last.get("made_up_to"), field) or iso_date(
        last.get("period_end_on"), "accounts.last_accounts.period_end_on"
    )
    if made_up is None:
        return []
    account_type = text(last.get("type"))
    record = event(
        ckey,
        EventKind.ACCOUNTS_FILED,
        None,
        prov,
        key=accounts_key(ckey, made_up),
        made_up_to=made_up,
        dormant=account_type == "dormant" if account_type else None,
        description=f"{account_type} accounts" if account_type else None,
    )
    return [record]


CASE = "insolvency-case"
FILINGS = "filing-history"
STATUS = "company-status"


def case_records(
    ckey: str,
    case: Any,
    prov: Provenance,
    filings: Sequence[InsolvencyFiling] = (),
    warnings: list[str] | None = None,
) -> list[Record]:
    """One insolvency case -> one event dated by its opening, ended by its conclusion; the
    filings of its procedure (from the filing history) are listed as its provenance. Unknown
    case and date types are kept as-is (in `warnings`)."""
    if not isinstance(case, dict):
        raise BadRecord(f"an insolvency case must be an object, got {type(case).__name__}")
    case_type = text(case.get("type"))
    if case_type is None:
        raise BadRecord("missing key field type")
    kind = codes.INSOLVENCY_CASE_KINDS.get(case_type)
    if kind is None:
        kind = EventKind.INSOLVENCY_PROCEEDINGS
        unknown_value(warnings, "insolvency case type", case_type)
    dates: dict[str, date] = {}
    unknown_dates: list[str] = []
    for entry in as_list(case.get("dates"), "dates"):
        if not isinstance(entry, dict):
            raise BadRecord(f"invalid insolvency date entry {entry!r}")
        date_type = text(entry.get("type"))
        on = iso_date(entry.get("date"), f"dates {date_type}")
        if date_type not in codes.CASE_DATE_TYPES:
            unknown_value(warnings, "insolvency date type", str(date_type))
            unknown_dates.append(f"{date_type} {on}" if on else str(date_type))
        elif on is not None:
            dates[date_type] = on
    opened = next((dates[t] for t in codes.CASE_OPENING_DATES if t in dates), None)
    ended = next((dates[t] for t in codes.CASE_ENDING_DATES if t in dates), None)
    if opened and ended and ended < opened:
        raise BadRecord(f"insolvency case ends ({ended}) before it opens ({opened})")
    number = text(case.get("number"))
    practitioners = [
        clean_name(text(p.get("name")))
        for p in as_list(case.get("practitioners"), "practitioners")
        if isinstance(p, dict) and text(p.get("name"))
    ]
    # The raw code, as published: an unknown one shows as itself.
    unknown = kind is EventKind.INSOLVENCY_PROCEEDINGS
    description = case_type if unknown else case_type.replace("-", " ")
    if practitioners:
        description += "; practitioners: " + ", ".join(p for p in practitioners if p)
    if unknown_dates:
        description += "; dates of unknown type: " + ", ".join(unknown_dates)
    families = case_families(case_type)
    supporting = [f.label for f in filings if f.sign.family in families]
    reference = f"{ckey}/insolvency/{number}" if number else None
    return [
        company_stub(ckey, prov),
        event(
            ckey,
            kind,
            opened,
            prov,
            reference,
            end_date=ended,
            description=description,
            basis=CASE,
            filings=list(dict.fromkeys(supporting)),
        ),
    ]


def episode_event(ckey: str, episode: Episode, prov: Provenance) -> EventRecord:
    """The insolvency event a filing-history episode tells (no insolvency case was read)."""
    reference = None if episode.opened else f"{ckey}/filing-history/{episode.family.name.lower()}"
    return event(
        ckey,
        episode.kind,
        episode.opened,
        prov,
        reference,
        end_date=episode.ended,
        description=episode.description(),
        basis=FILINGS,
        filings=episode.labels,
    )


def accounts_key(ckey: str, made_up_to: date) -> str:
    return event_key(ckey, EventKind.ACCOUNTS_FILED.value, None, f"made-up-to:{made_up_to}")


def filing_kind(item: dict[str, Any]) -> EventKind:
    category = text(item.get("category")) or ""
    description = text(item.get("description")) or ""
    ftype = text(item.get("type")) or ""
    if description in GAZETTE_ENDINGS:
        return GAZETTE_ENDINGS[description]
    if category == "accounts":
        return EventKind.ACCOUNTS_FILED
    if category == "change-of-name" or description.startswith("change-of-name"):
        return EventKind.NAME_CHANGE
    if ftype == "AD01" or description.startswith("change-registered-office-address"):
        return EventKind.ADDRESS_CHANGE
    if ftype == "NEWINC":
        return EventKind.INCORPORATION
    return EventKind.FILING


def filing_records(ckey: str, item: Any, prov: Provenance) -> list[Record]:
    if not isinstance(item, dict):
        raise BadRecord(f"a filing item must be an object, got {type(item).__name__}")
    on = iso_date(item.get("date"), "date")
    if on is None:
        raise BadRecord("missing key field date")
    kind = filing_kind(item)
    description = text(item.get("description"))
    values = item.get("description_values")
    values = values if isinstance(values, dict) else {}
    made_up_to = None
    dormant = None
    if kind is EventKind.ACCOUNTS_FILED:
        made_up_to = iso_date(values.get("made_up_date"), "description_values.made_up_date")
        dormant = "dormant" in (description or "").lower()
    label = " ".join(p for p in (text(item.get("type")), description) if p) or None
    transaction = text(item.get("transaction_id"))
    key = None
    if kind is EventKind.ACCOUNTS_FILED and made_up_to:
        # Accounts are identified by the period they cover (two may be filed on one day when
        # a company catches up); BasicCompanyData keys them the same way.
        key = accounts_key(ckey, made_up_to)
    elif kind is EventKind.FILING and transaction:
        # Routine filings are many a day (AP01 and TM01 together) and no other source reports
        # them: one event per transaction, not one per day that later filings overwrite.
        key = event_key(ckey, kind.value, None, transaction)
    record = event(
        ckey,
        kind,
        on,
        prov,
        transaction,
        key,
        description=label,
        made_up_to=made_up_to,
        dormant=dormant,
    )
    return [company_stub(ckey, prov), record]
