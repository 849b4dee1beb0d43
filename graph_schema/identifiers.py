"""Registry identifiers: org-id schemes, validation and normalisation (python-stdnum per scheme).

A company's graph key is built from its normalised registry number, so the same enterprise typed
as `0812.345.678`, `BE0812345678` or `0812345678` is one node whatever the source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from stdnum import lei as stdnum_lei
from stdnum.be import vat as be_vat
from stdnum.dk import cvr as dk_cvr
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as fr_siren
from stdnum.no import orgnr as no_orgnr

from graph_schema.errors import InvalidInput

_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
_CH_NUMBER = re.compile(r"^(?:[0-9]{1,8}|[A-Z]{2}[0-9]{1,6}|R[0-9]{7})$")
_DIGITS = re.compile(r"^[0-9]+$")


def _compact(value: str) -> str:
    return _NON_ALNUM.sub("", value).upper()


def _gb_coh(value: str) -> str:
    """Companies House numbers: 8 characters, digits or a 2-letter prefix (SC, NI, OC…) + digits."""
    v = _compact(value)
    if v.startswith("GB") and len(v) > 8:
        v = v[2:]
    if not _CH_NUMBER.match(v):
        raise ValueError(f"not a Companies House company number: {value!r}")
    if v.isdigit():
        return v.zfill(8)
    return v[:2] + v[2:].zfill(6)


def _be_kbo(value: str) -> str:
    """KBO/BCE enterprise numbers are the Belgian VAT number: 10 digits with a mod-97 check."""
    v = _compact(value)
    if v.startswith("BE"):
        v = v[2:]
    if len(v) == 9 and v.isdigit():  # old 9-digit numbers get a leading 0
        v = "0" + v
    try:
        return str(be_vat.validate(v))
    except ValidationError as exc:
        raise ValueError(f"invalid Belgian enterprise number {value!r}: {exc}") from None


def _fr_siren(value: str) -> str:
    v = _compact(value)
    if v.startswith("FR") and len(v) == 13:  # FR VAT: FR + 2 key digits + SIREN
        v = v[4:]
    if len(v) == 14 and v.isdigit():  # a SIRET: SIREN + 5-digit establishment number
        v = v[:9]
    try:
        return str(fr_siren.validate(v))
    except ValidationError as exc:
        raise ValueError(f"invalid SIREN {value!r}: {exc}") from None


def _lei(value: str) -> str:
    try:
        return str(stdnum_lei.validate(_compact(value)))
    except ValidationError as exc:
        raise ValueError(f"invalid LEI {value!r}: {exc}") from None


def _nl_kvk(value: str) -> str:
    v = _compact(value)
    if v.startswith("NL"):
        v = v[2:]
    if not (_DIGITS.match(v) and len(v) == 8):
        raise ValueError(f"invalid KvK number {value!r}: 8 digits expected")
    return v


def _stdnum(module: object, label: str) -> Callable[[str], str]:
    def normalise(value: str) -> str:
        try:
            return str(module.validate(_compact(value)))  # type: ignore[attr-defined]
        except ValidationError as exc:
            raise ValueError(f"invalid {label} {value!r}: {exc}") from None

    return normalise


def _register(value: str) -> str:
    """`<register>:<number>`: a register we have no scheme for (a territory code such as
    US-DE, or its name as a source spells it) and the number it gave, compacted."""
    register, colon, number = value.partition(":")
    register = "-".join(re.findall(r"[0-9A-Za-z]+", register.upper()))
    number = _compact(number)
    if not (colon and register and number):
        raise ValueError(f"not a register:number pair: {value!r}")
    return f"{register}:{number}"


def _opaque(value: str) -> str:
    """Schemes without a published check: keep the registry's own spelling, trimmed."""
    v = value.strip()
    if not v:
        raise ValueError("empty identifier")
    return v


@dataclass(frozen=True)
class Scheme:
    code: str  # org-id.guide code, as BODS `scheme` uses it
    label: str
    country: str | None
    normalise: Callable[[str], str]
    national: bool  # a national company register: preferred as the company's key
    # What publishers write instead of the code: register names (BODS `schemeName`, e.g.
    # "Companies House"), other org-id style codes, and GLEIF Registration Authority codes.
    names: tuple[str, ...] = ()
    gleif_ras: tuple[str, ...] = ()


# The one table every loader reads a scheme from. GLEIF RA codes from GLEIF's Registration
# Authorities List (gleif.org, "GLEIF Registration Authorities List"): Companies House is three
# RAs (RA000585 England and Wales, RA000586 Northern Ireland, RA000587 Scotland), the French
# SIREN is held by SIRENE/INSEE (RA000189) and the RCS (RA000192); RA000190 is not a company
# register (AMF fund codes) and is deliberately absent.
SCHEMES: dict[str, Scheme] = {
    s.code: s
    for s in (
        Scheme(
            "GB-COH",
            "UK Companies House number",
            "GB",
            _gb_coh,
            True,
            names=("Companies House", "UK Companies House", "Registrar of Companies"),
            gleif_ras=("RA000585", "RA000586", "RA000587"),
        ),
        Scheme(
            "BE-BCE_KBO",
            "Belgian enterprise number (KBO/BCE)",
            "BE",
            _be_kbo,
            True,
            names=(
                "BE-KBO",
                "BE-BCE",
                "KBO",
                "BCE",
                "Kruispuntbank van Ondernemingen",
                "Banque-Carrefour des Entreprises",
                "Crossroads Bank for Enterprises",
                "Zentrale Datenbank der Unternehmen",
            ),
            gleif_ras=("RA000025",),
        ),
        Scheme(
            "FR-SIREN",
            "French SIREN",
            "FR",
            _fr_siren,
            True,
            names=(
                "FR-RCS",
                "FR-SIRENE",
                "FR-SIRET",
                "FR-INSEE",
                "SIREN",
                "SIRENE",
                "Répertoire SIRENE",
                "Registre du commerce et des sociétés",
                "Registre national des entreprises",
                "RNE",
            ),
            gleif_ras=("RA000189", "RA000192"),
        ),
        Scheme(
            "NL-KVK",
            "Dutch KvK number",
            "NL",
            _nl_kvk,
            True,
            names=("KVK", "Kamer van Koophandel", "Netherlands Chamber of Commerce"),
            gleif_ras=("RA000463",),
        ),
        Scheme(
            "DK-CVR",
            "Danish CVR number",
            "DK",
            _stdnum(dk_cvr, "CVR number"),
            True,
            names=(
                "CVR",
                "Det Centrale Virksomhedsregister",
                "DK Centrale Virksomhedsregister",
                "Central Business Register",
            ),
            gleif_ras=("RA000170",),
        ),
        Scheme(
            "NO-BRC",
            "Norwegian organisation number",
            "NO",
            _stdnum(no_orgnr, "org. no."),
            True,
            names=("Brønnøysundregistrene", "Enhetsregisteret", "Brønnøysund Register Centre"),
            gleif_ras=("RA000472",),
        ),
        Scheme(
            "XI-LEI",
            "Legal Entity Identifier",
            None,
            _lei,
            False,
            names=("LEI", "Global Legal Entity Identifier Index"),
        ),
        Scheme(
            "XI-OPENSANCTIONS",
            "OpenSanctions / FtM entity id",
            None,
            _opaque,
            False,
            names=("FTM", "OpenSanctions"),
        ),
        Scheme("XI-BODS", "BODS record id", None, _opaque, False),
        Scheme(
            "XI-CH",
            "Companies House officer/PSC id of a body without a UK number",
            None,
            _opaque,
            False,
        ),
        Scheme(
            "XI-RNE",
            "French RNE officer of a body without a SIREN (a foreign company)",
            None,
            _opaque,
            False,
        ),
        Scheme(
            "XI-REGISTER",
            "Register and number of a body whose register has no scheme here (US-DE:5001234)",
            None,
            _register,
            False,
        ),
    )
}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


# Every spelling above -> its code, compared case- and space-insensitively.
_BY_NAME: dict[str, str] = {
    _fold(spelling): s.code
    for s in SCHEMES.values()
    for spelling in (s.code, *s.names, *s.gleif_ras)
}


def scheme_for_gleif_ra(ra_code: str | None) -> str | None:
    """The scheme a GLEIF Registration Authority code stands for, or None when we key by no
    number of that register (RA999999 "not available", foreign registers)."""
    code = (ra_code or "").strip().upper()
    return next((s.code for s in SCHEMES.values() if code in s.gleif_ras), None)


def canonical_scheme(scheme: str) -> str:
    """Return the canonical org-id code for a scheme code, name or GLEIF RA code, or raise
    InvalidInput."""
    code = _BY_NAME.get(_fold(scheme))
    if code is None:
        known = ", ".join(sorted(SCHEMES))
        raise InvalidInput(
            f"unknown identifier scheme {scheme!r}; known schemes: {known}", "scheme"
        )
    return code


def normalise_identifier(scheme: str, value: str) -> tuple[str, str]:
    """Validate and normalise (scheme, value); raise InvalidInput with the reason when invalid.

    A value written as the org-id key itself (`GB-COH-15656800` under scheme GB-COH) is read
    without its prefix: it is the form the tool shows users."""
    code = canonical_scheme(scheme)
    text = value.strip()
    if text.upper().startswith(code + "-") and len(text) > len(code) + 1:
        text = text[len(code) + 1 :]
    try:
        return code, SCHEMES[code].normalise(text)
    except ValueError as exc:
        raise InvalidInput(str(exc), "value") from None


@dataclass(frozen=True)
class ReadIdentifier:
    """A registry number as a source gave it: normalised when it validates for its scheme, else
    kept as written (trimmed) with the reason, so that nothing a source says is dropped."""

    scheme: str
    value: str
    problem: str | None = None  # why it failed validation; None when validated

    @property
    def validated(self) -> bool:
        return self.problem is None


def read_identifier(scheme: str, value: str) -> ReadIdentifier:
    """(scheme, value) from a source; raises InvalidInput only for an unknown scheme or an empty
    value: a number that fails its scheme's check comes back unvalidated, with the reason."""
    code = canonical_scheme(scheme)
    text = value.strip()
    if not text:
        raise InvalidInput(f"empty {code} identifier", "value")
    try:
        return ReadIdentifier(code, SCHEMES[code].normalise(text))
    except ValueError as exc:
        return ReadIdentifier(code, text, str(exc))


def identifier_key(scheme: str, value: str) -> str:
    """`GB-COH-01234567`: the org-id style string used as a company key and Identifier key."""
    code, number = normalise_identifier(scheme, value)
    return f"{code}-{number}"


def guess_identifiers(text: str) -> list[tuple[str, str]]:
    """Every (scheme, normalised value) that `text` is a valid identifier of, best first.

    Used by search so that a number typed in any common format finds its company first.
    """
    found: list[tuple[str, str]] = []
    compact = _compact(text)
    if not compact or len(compact) < 6 or len(compact) > 20:
        return found
    for code in ("BE-BCE_KBO", "FR-SIREN", "XI-LEI", "GB-COH", "NL-KVK", "DK-CVR", "NO-BRC"):
        scheme = SCHEMES[code]
        try:
            found.append((code, scheme.normalise(text)))
        except ValueError:
            continue
    return found


# The national register of each country, by ISO code (GB -> GB-COH, BE -> BE-BCE_KBO…).
NATIONAL_SCHEMES: dict[str, str] = {
    s.country: s.code for s in SCHEMES.values() if s.national and s.country is not None
}
_COUNTRY_PREFIX = re.compile(r"^\s*([A-Za-z]{2})[\s.\-:]*([0-9].*)$")


def split_org_id(value: str) -> tuple[str, str] | None:
    """'GB-COH-01234567' -> ('GB-COH', '01234567') for any known scheme code, any case."""
    text = value.strip()
    upper = text.upper()
    for code in sorted(SCHEMES, key=len, reverse=True):
        if upper.startswith(code + "-") and len(upper) > len(code) + 1:
            return code, text[len(code) + 1 :]
    return None


def _key(scheme: str, value: str) -> str:
    code, number = normalise_identifier(scheme, value)
    return f"{code}-{number}"


def lookup_keys(value: str, scheme: str | None = None, country: str | None = None) -> list[str]:
    """Identifier keys a user's text may stand for, best first; InvalidInput says why none.

    Read in this order: with an explicit scheme (a code, a register name or a GLEIF RA code);
    as an org-id key (`GB-COH-01234567`, the tool's own ids); with a country prefix
    (`BE0403170701`, `FR 552 100 554`); in the national register of `country` (an ISO code);
    else every scheme the number is valid in (`guess_identifiers`)."""
    if scheme:
        return [_key(scheme, value)]
    org = split_org_id(value)
    if org is not None:
        return [_key(*org)]
    prefixed = _COUNTRY_PREFIX.match(value)
    if prefixed and prefixed.group(1).upper() in NATIONAL_SCHEMES:
        code = NATIONAL_SCHEMES[prefixed.group(1).upper()]
        try:
            return [_key(code, prefixed.group(2))]
        except InvalidInput:
            # Some schemes read their own prefixed forms better (a French VAT number).
            try:
                return [_key(code, value)]
            except InvalidInput:
                pass
            raise
    if country and country.upper() in NATIONAL_SCHEMES:
        return [_key(NATIONAL_SCHEMES[country.upper()], value)]
    guesses = [f"{code}-{number}" for code, number in guess_identifiers(value)]
    if not guesses:
        raise InvalidInput(
            f"{value!r} is not a valid registry number in any known scheme "
            "(add a scheme or country column, or a prefix such as BE, FR, GB)",
            "id",
        )
    return guesses
