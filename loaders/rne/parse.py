"""The French RNE (Registre national des entreprises, kept by INPI since 2023) -> the graph.

Input: the RNE's open data as INPI publishes it, company by company: the JSON of the API
(`GET /api/companies/{siren}`: one object; `GET /api/companies?…`: an array) and of the
open-data files (arrays of the same objects), or JSON Lines of them; a file or a folder.
Each object is one company's current formality: `{siren, updatedAt, formality: {siren,
typePersonne, content: {natureCreation, personneMorale | personnePhysique | exploitation,
natureCessationEntreprise}}}`, as INPI documents it ("Documentation technique API RNE",
"Dictionnaire de données du RNE") and its public clients read it (data.gouv.fr's
annuaire-entreprises pipeline models it field by field). No real sample is available: tests are
built from that documentation.
One source record = one company object.

Mapping:
- The company is keyed by its SIREN (FR-SIREN, validated with python-stdnum); a company object
  whose SIREN fails its check is rejected with the reason.
- Name: the denomination (personne morale), else the entrepreneur's name (a sole trader is a
  registered enterprise that can fail, kept as a Company); legal form: the INSEE catégorie
  juridique; activity: the APE code (NAF rév. 2, whose first four digits are the NACE class);
  registered office: `adresseEntreprise.adresse`.
- Dirigeants: each `composition.pouvoirs[]` becomes a DIRECTOR_OF with the role of its
  `roleEntreprise` code (codes.py: gérant, président, directeur général -> managing_director;
  administrateur -> board_member…) and its dates; auditors and court-appointed agents are not
  directors. A person (`typeDePersonne` INDIVIDU) is keyed by name and birth year-month (the
  open data publishes the month and year of birth only); a company (ENTREPRISE) by its SIREN,
  else `XI-RNE-<siren>-<n>`, with its permanent representative as a director too. A power no
  longer `actif` without a `dateFin` ends on the record's update date: when it ended is not
  published.
- Declared beneficial owners (`beneficiairesEffectifs`, when the record holds them): one
  DECLARED_BO_OF each, "more than 25 %" of capital or votes as ranges.
- Cessation: a radiation (`dateRadiation`) is the company's DISSOLUTION on that date (the
  radiation is its removal from the register; insolvency judgments come from BODACC); a total
  cessation of activity and a mise en sommeil are STATUS_CHANGE events.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph_schema.edges import AddressLink, DeclaredOwnership, Directorship
from graph_schema.errors import InvalidInput
from graph_schema.events import EventKind
from graph_schema.identifiers import identifier_key
from graph_schema.keys import address_key, event_key, person_key
from graph_schema.names import clean_name
from graph_schema.nodes import (
    AddressRecord,
    CompanyRecord,
    EventRecord,
    Identifier,
    PersonRecord,
    Record,
)
from graph_schema.provenance import Provenance
from loaders.contract import (
    BadRecord,
    Format,
    Parsed,
    ParseResult,
    parse_documents,
    validation_reason,
)
from loaders.rejects import Location, Rejection
from loaders.rne.codes import NOT_DIRECTORS, legal_form, role, role_label
from loaders.source import ByteCounter

SOURCE = "rne"
SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz")
_CONTENT = ("personneMorale", "personnePhysique", "exploitation")


def parse(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    return parse_documents(path, counter, SUFFIXES, _company)


def _company(file: Path, location: Location, data: Any) -> ParseResult:
    try:
        return Parsed(location, company_records(data, file.name))
    except BadRecord as exc:
        return Rejection(location, str(exc), raw=data)
    except ValidationError as exc:
        return Rejection(location, validation_reason(exc), raw=data)


def _obj(data: Any, *path: str) -> dict[str, Any]:
    """The object at `path` ({} when absent); anything else there is a BadRecord."""
    node = data
    for name in path:
        if node is None:
            return {}
        if not isinstance(node, dict):
            raise BadRecord(f"{'.'.join(path)} must be an object")
        node = node.get(name)
    if node is None:
        return {}
    if not isinstance(node, dict):
        raise BadRecord(f"{'.'.join(path)} must be an object, got {type(node).__name__}")
    return node


def _list(data: dict[str, Any], name: str, where: str) -> list[dict[str, Any]]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise BadRecord(f"{where}.{name} must be an array of objects")
    return value


def _text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):  # a number is not a name: never coerced
        raise BadRecord(f"{name} must be a string, got {type(value).__name__} {value!r}"[:200])
    return clean_name(value)


def _day(data: dict[str, Any], name: str) -> date | None:
    """RNE dates: 'YYYY-MM-DD', sometimes with a time ('2023-05-12T08:00:00+02:00')."""
    text = _text(data, name)
    if text is None:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise BadRecord(f"invalid date {text!r} in {name}") from None


def _siren_key(value: str | None, where: str) -> str:
    if not value:
        raise BadRecord(f"missing key field {where}")
    try:
        return identifier_key("FR-SIREN", value)
    except InvalidInput as exc:
        raise BadRecord(f"{exc.message} in {where}") from None


def company_records(data: Any, source_file: str) -> list[Record]:
    if not isinstance(data, dict):
        raise BadRecord(f"an RNE company must be a JSON object, got {type(data).__name__}")
    formality = _obj(data, "formality")
    siren = _text(data, "siren") or _text(formality, "siren")
    key = _siren_key(siren, "siren")
    content = _obj(formality, "content")
    kind = next((k for k in _CONTENT if content.get(k) is not None), None)
    if kind is None:
        raise BadRecord(
            "formality.content holds no personneMorale, personnePhysique or exploitation"
        )
    body = _obj(content, kind)
    updated = _day(data, "updatedAt") or _day(formality, "updated")
    prov = Provenance(
        source=SOURCE,
        record_id=key.removeprefix("FR-SIREN-"),
        source_file=source_file,
        seen_at=updated,
    )
    identite = _obj(body, "identite")
    entreprise = _obj(identite, "entreprise")
    creation = _obj(content, "natureCreation")
    name = _text(entreprise, "denomination") or _entrepreneur_name(identite)
    ape = _text(entreprise, "codeApe") or _text(formality, "codeAPE")
    cessation = {
        **_obj(content, "natureCessationEntreprise"),
        **_obj(body, "detailCessationEntreprise"),
    }
    radiation = _day(cessation, "dateRadiation")
    company = CompanyRecord(
        key=key,
        identifiers=[Identifier(scheme="FR-SIREN", value=key.removeprefix("FR-SIREN-"))],
        name=name,
        legal_form=legal_form(
            _text(entreprise, "formeJuridique")
            or _text(creation, "formeJuridique")
            or _text(formality, "formeJuridique")
        ),
        status="radiée"
        if radiation
        else ("ceased" if cessation.get("etatAdministratifInsee") == "C" else "active"),
        status_detail=_text(cessation, "motifCessation"),
        jurisdiction="FR",
        incorporated_on=_day(creation, "dateCreation") or _day(entreprise, "dateImmat"),
        dissolved_on=radiation,
        activity_codes=_nace(ape),
        provenance=prov,
    )
    records: list[Record] = [company]
    records += _registered_office(key, _obj(body, "adresseEntreprise", "adresse"), prov)
    records += _events(key, cessation, radiation, prov)
    for index, power in enumerate(_list(_obj(body, "composition"), "pouvoirs", "composition")):
        records += _power(key, power, index, updated, prov)
    for index, owner in enumerate(_list(body, "beneficiairesEffectifs", "content")):
        records += _beneficial_owner(key, owner, index, prov)
    return records


def _nace(ape: str | None) -> list[str]:
    """'62.01Z' (NAF rév. 2) -> ['NACE:62.01']: the NACE class is its first four digits."""
    if not ape:
        return []
    digits = "".join(c for c in ape if c.isdigit())
    if len(digits) < 4:
        raise BadRecord(f"invalid codeApe {ape!r}")
    return [f"NACE:{digits[:2]}.{digits[2:4]}"]


def _person_name(person: dict[str, Any]) -> str | None:
    given = person.get("prenoms")
    if given is not None and not (
        isinstance(given, list) and all(isinstance(g, str) for g in given)
    ):
        raise BadRecord("descriptionPersonne.prenoms must be an array of strings")
    family = _text(person, "nomUsage") or _text(person, "nom")
    return clean_name(" ".join([*(given or [])[:1], family or ""]))


def _entrepreneur_name(identite: dict[str, Any]) -> str | None:
    return _person_name(_obj(identite, "entrepreneur", "descriptionPersonne"))


def _birth_year_month(person: dict[str, Any]) -> str | None:
    """The open data gives the month and year of birth ('1970-05'); a full date is cut."""
    text = _text(person, "dateDeNaissance")
    if text is None:
        return None
    ym = text[:7]
    if len(ym) != 7 or ym[4] != "-" or not (ym[:4].isdigit() and ym[5:].isdigit()):
        raise BadRecord(f"invalid dateDeNaissance {text!r}: YYYY-MM expected")
    if not 1 <= int(ym[5:]) <= 12:
        raise BadRecord(f"invalid dateDeNaissance {text!r}: month {ym[5:]}")
    return ym


def _address_text(address: dict[str, Any]) -> tuple[str, str | None, str | None, str | None]:
    street = " ".join(
        p
        for p in (
            _text(address, "numVoie"),
            _text(address, "indiceRepetition"),
            _text(address, "typeVoie"),
            _text(address, "voie"),
        )
        if p
    )
    postcode, city = _text(address, "codePostal"), _text(address, "commune")
    country = _text(address, "pays") or "France"
    place = " ".join(p for p in (postcode, city) if p)
    parts = [street, _text(address, "complementLocalisation"), place, country]
    return ", ".join(p for p in parts if p), street or None, postcode, city


def _registered_office(key: str, address: dict[str, Any], prov: Provenance) -> list[Record]:
    if not address:
        return []
    text, street, postcode, city = _address_text(address)
    if not (street or city):
        return []
    code = (_text(address, "codePays") or "FR").upper()
    country = code if len(code) == 2 else "FR"
    akey = address_key(text, country)
    return [
        AddressRecord(
            key=akey,
            text=text,
            street=street,
            postcode=postcode,
            city=city,
            country=country,
            provenance=prov,
        ),
        AddressLink.of(key, akey, "registered", prov),
    ]


def _events(
    key: str, cessation: dict[str, Any], radiation: date | None, prov: Provenance
) -> list[Record]:
    found: list[tuple[EventKind, date, str]] = []
    if radiation is not None:
        found.append((EventKind.DISSOLUTION, radiation, "radiation du registre (RNE)"))
    stopped = _day(cessation, "dateCessationTotaleActivite")
    if stopped is not None:
        found.append((EventKind.STATUS_CHANGE, stopped, "cessation totale d'activité (RNE)"))
    dormant = _day(cessation, "dateMiseEnSommeil")
    if dormant is not None:
        found.append((EventKind.STATUS_CHANGE, dormant, "mise en sommeil (RNE)"))
    motive = _text(cessation, "motifCessation")
    return [
        EventRecord(
            key=event_key(key, kind.value, on),
            company=key,
            kind=kind,
            date=on,
            description=f"{what}; motif {motive}" if motive else what,
            provenance=prov,
        )
        for kind, on, what in found
    ]


def _power(
    company: str, power: dict[str, Any], index: int, updated: date | None, prov: Provenance
) -> list[Record]:
    code = _text(power, "roleEntreprise") or _text(_obj(power, "entreprise"), "roleEntreprise")
    if not code:
        raise BadRecord(f"composition.pouvoirs[{index}] has no roleEntreprise")
    if code in NOT_DIRECTORS:
        return []
    start, end = _day(power, "dateDebut"), _day(power, "dateFin")
    active = power.get("actif")
    if active is False and end is None:
        end = updated  # no longer active; when it ended is not published
    kind = (_text(power, "typeDePersonne") or "").upper()
    label = role_label(code)
    records: list[Record] = []
    if kind == "ENTREPRISE" or (kind != "INDIVIDU" and power.get("entreprise")):
        body = _obj(power, "entreprise")
        holder, node = _corporate_officer(body, company, index, prov)
        records.append(node)
        representative = _obj(body, "individuRepresentant")
        if representative:
            person = _person(representative, company, f"{index}r", prov)
            records.append(person)
            records.append(
                Directorship.dated(
                    person.key,
                    company,
                    "permanent_representative",
                    f"représentant permanent de {node.name or holder}",
                    start,
                    prov,
                    end,
                )
            )
    else:
        person = _person(_obj(power, "individu"), company, str(index), prov)
        records.append(person)
        holder = person.key
    records.append(Directorship.dated(holder, company, role(code), label, start, prov, end))
    return records


def _person(individual: dict[str, Any], company: str, slot: str, prov: Provenance) -> PersonRecord:
    description = _obj(individual, "descriptionPersonne")
    name = _person_name(description)
    if not name:
        raise BadRecord("a dirigeant without a name (descriptionPersonne.nom)")
    year_month = _birth_year_month(description)
    key, basis = person_key(name, year_month, source=SOURCE, source_person_id=f"{company}:{slot}")
    nationality = _text(description, "nationalite")
    return PersonRecord(
        key=key,
        name=name,
        birth_year_month=year_month,
        nationality=nationality.upper() if nationality and len(nationality) == 2 else None,
        match_basis=basis,
        provenance=prov,
    )


def _corporate_officer(
    body: dict[str, Any], company: str, index: int, prov: Provenance
) -> tuple[str, CompanyRecord]:
    siren = _text(body, "siren")
    if siren:
        key = _siren_key(siren, f"composition.pouvoirs[{index}].entreprise.siren")
        ident = Identifier(scheme="FR-SIREN", value=key.removeprefix("FR-SIREN-"))
    else:  # a foreign company: no number we can key it by across records
        value = f"{company.removeprefix('FR-SIREN-')}-{index}"
        key, ident = f"XI-RNE-{value}", Identifier(scheme="XI-RNE", value=value)
    country = (_text(body, "pays") or "").upper()
    return key, CompanyRecord(
        key=key,
        identifiers=[ident],
        name=_text(body, "denomination"),
        legal_form=legal_form(_text(body, "formeJuridique")),
        jurisdiction=country if len(country) == 2 else ("FR" if siren else None),
        provenance=prov,
    )


def _beneficial_owner(
    company: str, owner: dict[str, Any], index: int, prov: Provenance
) -> list[Record]:
    """A declared beneficial owner: compared with computed ownership, never added to it."""
    person = _person(_obj(owner, "beneficiaire"), company, f"bo{index}", prov)
    modality = _obj(owner, "modalite")
    capital = modality.get("detention25pCapital") is True
    votes = modality.get("detention25pDroitVote") is True
    controls = modality.get("modalitesDeControle")
    if controls is not None and not isinstance(controls, list):
        raise BadRecord(
            f"beneficiairesEffectifs[{index}].modalite.modalitesDeControle must be an array"
        )
    direct = modality.get("detentionPartDirecte")
    interests = [i for i, held in (("shareholding", capital), ("votingRights", votes)) if held]
    start = _day(modality, "dateEffet")
    how = None if direct is None else ("direct" if direct else "indirect")
    link = DeclaredOwnership(
        key=DeclaredOwnership.make_key(person.key, company, "rne", start, how),
        src=person.key,
        dst=company,
        interests=[*interests, *(str(c) for c in controls or [])],
        start=start,
        share_min=25.0 if capital else None,
        share_max=100.0 if capital else None,
        share_min_exclusive=capital,
        votes_min=25.0 if votes else None,
        votes_max=100.0 if votes else None,
        control=bool(controls),
        direct_or_indirect=how,
        declared_by="ubo-register",
        provenance=prov,
    )
    return [person, link]


FORMAT = Format(
    "fr-rne",
    "French RNE (INPI Registre national des entreprises) company JSON: companies by SIREN, "
    "dirigeants with roles, dates and birth month, addresses, cessations",
    parse,
)
