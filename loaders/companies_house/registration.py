"""Where a corporate officer or PSC is registered, from the API's `identification` object.

Companies House publishes, for a body corporate, `identification_type` (constants.yml:
uk-limited-company, eea, non-eea, other-corporate-body-or-firm, …), `registration_number`,
`place_registered` ("Companies House", "Delaware Secretary Of State"), `legal_authority`
("Limited Company, England And Wales", "Companies Act 2006") and `country_registered`. A UK
body becomes the `GB-COH` company of its number, so the group is not cut; an overseas body is
keyed by its register and number (its national register's scheme when we have one), else by
the Companies House record that names it.

UK detection is strict on purpose: a false "UK" would link the body to whichever UK company
happens to hold the same number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rigour.territories import lookup_territory

from graph_schema.errors import InvalidInput
from graph_schema.identifiers import identifier_key
from graph_schema.nodes import Identifier
from loaders.companies_house.common import CH_SCHEME, text
from loaders.contract import BadRecord

FALLBACK_SCHEME = "XI-CH"  # the Companies House id of the officer/PSC record itself
REGISTER_SCHEME = "XI-REGISTER"  # a register (territory) and number we have no scheme for

UK_IDENTIFICATION_TYPES = frozenset({"uk-limited-company"})
# rigour territory codes of the United Kingdom and its jurisdictions.
_UK_TERRITORIES = frozenset({"gb", "gb-eng", "gb-wls", "gb-sct", "gb-nir"})
# National registers whose numbers we normalise (graph_schema.identifiers), by country code.
_NATIONAL_SCHEMES = {
    "be": "BE-BCE_KBO",
    "fr": "FR-SIREN",
    "nl": "NL-KVK",
    "dk": "DK-CVR",
    "no": "NO-BRC",
}
_UK_REGISTRAR = re.compile(
    r"\bcompanies house\b|regist(?:rar|er|ry) of companies (?:for|of|in) "
    r"(?:england|wales|scotland|northern ireland)"
)
# The UK Companies Acts by year (Ireland's are 1963 and 2014, New Zealand's 1993…), and UK law
# named as such; filers put either in legal_authority or legal_form.
_UK_LAW = re.compile(
    r"\bcompanies acts? (?:1862|1908|1929|1948|1985|2006)\b|\benglish law\b|\bscots law\b"
    r"|\blaws? of (?:england|scotland|northern ireland)\b"
)
_PARTS = re.compile(r"[,;()/]|\s-\s")


@dataclass(frozen=True)
class Registration:
    """A body's key, its identifier (None for a Companies House record id) and jurisdiction."""

    key: str
    identifier: Identifier
    uk: bool  # registered in the UK (whether or not we could read a UK number)
    jurisdiction: str | None  # ISO country code, upper case


def registration(identification: Any, own_id: str | None, what: str) -> Registration:
    """Key of a corporate officer/PSC (raises BadRecord when it has no usable id at all)."""
    ident = identification if isinstance(identification, dict) else {}
    number = _text(ident.get("registration_number"))
    uk = is_uk_registration(ident)
    territory = None if uk else _territory(ident)
    jurisdiction = "GB" if uk else (_country(territory) if territory else None)
    if number:
        found = _numbered(number, uk, territory, ident)
        if found is not None:
            return Registration(found[0], found[1], uk, jurisdiction)
    if own_id:
        key = identifier_key(FALLBACK_SCHEME, own_id)
        return Registration(key, _identifier(key, FALLBACK_SCHEME), uk, jurisdiction)
    raise BadRecord(f"{what} has neither a registration number nor a Companies House id")


def is_uk_registration(ident: dict[str, Any]) -> bool:
    if _text(ident.get("identification_type")) in UK_IDENTIFICATION_TYPES:
        return True
    place = (_text(ident.get("place_registered")) or "").lower()
    if _UK_REGISTRAR.search(place):
        return True
    found = [
        _territories(value)
        for value in (
            _text(ident.get("country_registered")),
            _text(ident.get("legal_authority")),
            _text(ident.get("place_registered")),
        )
        if value
    ]
    named = {code for codes in found for code in codes}
    if named:
        return named <= _UK_TERRITORIES  # only UK jurisdictions are named
    law = " ".join(_text(ident.get(f)) or "" for f in ("legal_authority", "legal_form"))
    return bool(_UK_LAW.search(law.lower()))


def _numbered(
    number: str, uk: bool, territory: str | None, ident: dict[str, Any]
) -> tuple[str, Identifier] | None:
    if uk:
        return _try(CH_SCHEME, number)
    country = territory.split("-")[0] if territory else None
    scheme = _NATIONAL_SCHEMES.get(country) if country else None
    if scheme is not None and (found := _try(scheme, number)) is not None:
        return found
    register = territory.upper() if territory else _register_name(ident)
    if register is None:
        return None  # a number without any register is no key: the record id is
    return _try(REGISTER_SCHEME, f"{register}:{number}")


def _try(scheme: str, value: str) -> tuple[str, Identifier] | None:
    try:
        key = identifier_key(scheme, value)
    except InvalidInput:
        return None  # malformed for its register: the record id keys it instead
    return key, _identifier(key, scheme)


def _identifier(key: str, scheme: str) -> Identifier:
    return Identifier(scheme=scheme, value=key[len(scheme) + 1 :])


def _register_name(ident: dict[str, Any]) -> str | None:
    """The register as the source spells it, compacted ("DELAWARE-SECRETARY-OF-STATE")."""
    for field in ("place_registered", "country_registered", "legal_authority"):
        value = _text(ident.get(field))
        if value:
            words = re.findall(r"[0-9A-Za-z]+", value.upper())
            if words:
                return "-".join(words)
    return None


def _territory(ident: dict[str, Any]) -> str | None:
    for field in ("country_registered", "place_registered", "legal_authority"):
        value = _text(ident.get(field))
        codes = _territories(value) if value else ()
        if codes:
            return codes[0]
    return None


@lru_cache(maxsize=4096)
def _territories(value: str) -> tuple[str, ...]:
    """rigour territory codes named by a free-text field: the whole text, else its parts
    ("Limited Company, England And Wales" -> the part "England And Wales")."""
    whole = lookup_territory(value)
    if whole is not None:
        return (whole.code,)
    codes: list[str] = []
    # "Laws Of Gibraltar": the place follows "of"; "Delaware Secretary Of State": it leads.
    tail = re.split(r"\s(?:of|in)\s", value, flags=re.IGNORECASE)[-1]
    words = value.split()
    heads = [" ".join(words[:n]) for n in (3, 2, 1) if len(words) > n]
    for part in [*_PARTS.split(value), tail, *heads]:
        part = part.strip()
        if len(part) < 4:  # "Usa" is found whole; short fragments ("And", "De") are not places
            continue
        found = lookup_territory(part)
        if found is not None and found.code not in codes:
            codes.append(found.code)
    return tuple(codes)


def _country(territory: str) -> str:
    return territory.split("-")[0].upper()


def _text(value: Any) -> str | None:
    try:
        return text(value)
    except BadRecord:
        return None  # an object where text belongs: treated as absent
