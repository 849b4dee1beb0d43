"""Persons with significant control: one PSC item (API list item or bulk snapshot `data`)."""

from __future__ import annotations

import re
from typing import Any

from graph_schema.edges import DeclaredOwnership
from graph_schema.keys import person_key
from graph_schema.names import clean_name
from graph_schema.nodes import Record
from graph_schema.provenance import Provenance
from loaders.companies_house import codes
from loaders.companies_house.common import (
    SOURCE,
    address_records,
    as_list,
    birth_year_month,
    ch_company_key,
    company_stub,
    iso_date,
    person_of,
    self_id,
    text,
    unknown_value,
)
from loaders.companies_house.registration import registration
from loaders.contract import BadRecord

_BAND = re.compile(r"-(\d+)-to-(\d+)-percent")
_MORE_THAN = re.compile(r"-more-than-(\d+)-percent")
_SHARE_PREFIXES = ("ownership-of-shares", "right-to-share-surplus-assets", "part-right-to-share")
_CONTROL_PREFIXES = ("right-to-appoint-and-remove", "significant-influence-or-control")

Band = tuple[float, float]


def nature_band(nature: str) -> Band | None:
    """'…-25-to-50-percent' -> (25, 50) meaning more than 25% and at most 50%."""
    if match := _BAND.search(nature):
        return float(match.group(1)), float(match.group(2))
    if match := _MORE_THAN.search(nature):
        return float(match.group(1)), 100.0
    return None


def _highest(bands: list[Band]) -> Band | None:
    # Several share natures (held directly and as trustee, say) each state a band; the declared
    # interest is at least the highest one, and adding bands would double count.
    return max(bands) if bands else None


def natures_summary(natures: list[str]) -> tuple[Band | None, Band | None, bool]:
    """(share band, votes band, control) for a list of natures of control."""
    shares: list[Band] = []
    votes: list[Band] = []
    control = False
    for nature in natures:
        band = nature_band(nature)
        if nature.startswith(_SHARE_PREFIXES) and band:
            shares.append(band)
        elif nature.startswith("voting-rights") and band:
            votes.append(band)
        if nature.startswith(_CONTROL_PREFIXES):
            control = True
    return _highest(shares), _highest(votes), control


def _natures(item: dict[str, Any], warnings: list[str] | None) -> list[str]:
    raw = as_list(item.get("natures_of_control"), "natures_of_control")
    if not all(isinstance(n, str) for n in raw):
        raise BadRecord(f"invalid natures_of_control {raw!r}: expected a list of codes")
    for nature in raw:
        if nature not in codes.PSC_NATURES:
            # Kept in `interests` as published; its band is still read when it names one.
            unknown_value(warnings, "nature of control", nature)
    return list(raw)


def _person_name(item: dict[str, Any]) -> str | None:
    elements = item.get("name_elements")
    if isinstance(elements, dict):
        # Surname in capitals, as the officer lists write it ("SMITH, John"), so that one
        # person's name reads the same whichever register was loaded last.
        surname = text(elements.get("surname"))
        parts = [text(elements.get("forename")), text(elements.get("middle_name"))]
        parts.append(surname.upper() if surname else None)
        joined = clean_name(" ".join(p for p in parts if p))
        if joined:
            return joined
    return clean_name(text(item.get("name")))


def psc_records(
    company_number: Any, item: Any, prov: Provenance, warnings: list[str] | None = None
) -> list[Record]:
    """Canonical records for one PSC item of `company_number` (raises BadRecord); unknown
    natures of control and statements are kept as-is and named in `warnings`."""
    if not isinstance(item, dict):
        raise BadRecord(f"a PSC item must be an object, got {type(item).__name__}")
    kind = text(item.get("kind"))
    if kind == codes.PSC_TOTALS_KIND:
        return []
    known = (
        codes.PSC_PERSON_KINDS
        | codes.PSC_ENTITY_KINDS
        | codes.PSC_SUPER_SECURE_KINDS
        | {codes.PSC_STATEMENT_KIND, codes.PSC_EXEMPTIONS_KIND}
    )
    if kind not in known:
        raise BadRecord(f"unknown PSC kind {kind!r}" if kind else "missing key field kind")
    ckey = ch_company_key(company_number)
    if kind == codes.PSC_STATEMENT_KIND:
        return [_statement(ckey, item, prov, warnings)]
    if kind == codes.PSC_EXEMPTIONS_KIND:
        return [_exemptions(ckey, item, prov)]
    if kind in codes.PSC_SUPER_SECURE_KINDS:
        # No identity is published: record why the register names no owner, link nobody.
        return [company_stub(ckey, prov, no_beneficial_owner_reason=kind)]
    return _owner(ckey, kind, item, prov, warnings)


def _statement(
    ckey: str, item: dict[str, Any], prov: Provenance, warnings: list[str] | None
) -> Record:
    statement = text(item.get("statement"))
    if statement is None:
        raise BadRecord("missing key field statement")
    if statement not in codes.PSC_STATEMENTS:
        unknown_value(warnings, "PSC statement", statement)
    iso_date(item.get("notified_on"), "notified_on")
    if iso_date(item.get("ceased_on"), "ceased_on") is not None:
        return company_stub(ckey, prov)  # withdrawn: no longer a reason
    return company_stub(ckey, prov, no_beneficial_owner_reason=statement)


def _exemptions(ckey: str, item: dict[str, Any], prov: Provenance) -> Record:
    exemptions = item.get("exemptions")
    types = sorted(
        str(v.get("exemption_type"))
        for v in (exemptions.values() if isinstance(exemptions, dict) else [])
        if isinstance(v, dict) and v.get("exemption_type")
    )
    listed = True if any("admitted-on-market" in t for t in types) else None
    reason = ", ".join(types) or "exempt from PSC register"
    return company_stub(ckey, prov, no_beneficial_owner_reason=reason, listed=listed)


def _owner(
    ckey: str, kind: str, item: dict[str, Any], prov: Provenance, warnings: list[str] | None
) -> list[Record]:
    natures = _natures(item, warnings)
    start = iso_date(item.get("notified_on"), "notified_on")
    end = iso_date(item.get("ceased_on"), "ceased_on")
    psc_id = self_id(item)
    records: list[Record] = [company_stub(ckey, prov)]
    if kind in codes.PSC_PERSON_KINDS:
        name = _person_name(item)
        if not name:
            raise BadRecord("missing key field name")
        ym = birth_year_month(item.get("date_of_birth"))
        src, basis = person_key(
            name, ym, source=SOURCE, source_person_id=f"{ckey}/psc/{psc_id or name}"
        )
        records.append(person_of(item, src, name, ym, basis, prov))
    else:
        name = clean_name(text(item.get("name")))
        if not name:
            raise BadRecord("missing key field name")
        ident = item.get("identification")
        found = registration(ident, psc_id, f"corporate PSC {name!r}")
        src = found.key
        # A UK company's own profile states its legal form; the PSC's free text would only
        # overwrite it with another spelling.
        legal_form = (
            text(ident.get("legal_form")) if isinstance(ident, dict) and not found.uk else None
        )
        records.append(
            company_stub(
                src, prov, name=name, legal_form=legal_form, jurisdiction=found.jurisdiction
            )
        )
    # A person's published address is a service address; a body's is its registered office.
    kind_of_address = "service" if kind in codes.PSC_PERSON_KINDS else "registered"
    records.extend(address_records(src, item.get("address"), kind_of_address, prov))
    shares, votes, control = natures_summary(natures)
    try:
        records.append(
            DeclaredOwnership(
                key=DeclaredOwnership.make_key(src, ckey, "psc", start),
                src=src,
                dst=ckey,
                start=start,
                end=end,
                interests=natures,
                share_min=shares[0] if shares else None,
                share_max=shares[1] if shares else None,
                share_min_exclusive=shares is not None,
                votes_min=votes[0] if votes else None,
                votes_max=votes[1] if votes else None,
                control=control,
                declared_by="psc",
                psc_kind=kind,
                provenance=prov,
            )
        )
    except ValueError as exc:  # pydantic: ceased before notified, …
        raise BadRecord(f"inconsistent PSC: {_first_error(exc)}") from None
    return records


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            return str(found[0].get("msg", exc))
    return str(exc)
