"""BODACC A raw DILA XML (RCS-A_BXA*.xml, "immatriculations"): creations with their officers.

One source record = one <avis>. The company (SIREN from numeroIdentification) gets its name,
legal form, registered address and — for a creation — incorporated_on = dateImmatriculation.
Officers come from the free-text <administration> ("Gérant : Laminette, Jérémie David Frédéric,
Directeur général : …"): one Directorship per "role : name" pair, starting on the registration
date of a creation (unknown for a transfer or a sale). Persons have no birth date here, so each
stays tied to its notice. Auditors (commissaire aux comptes) and partners who are not managers
(associé …) are not officers and are skipped, and so are officers that are companies (no
SIREN given for them, so they cannot be keyed); a sole trader (personnePhysique) is kept as the
company only (his name is the business name).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rigour.names import remove_org_types

from graph_schema.edges import AddressLink, Directorship
from graph_schema.errors import InvalidInput
from graph_schema.keys import address_key, company_key, person_key
from graph_schema.names import clean_name
from graph_schema.nodes import AddressRecord, CompanyRecord, Identifier, PersonRecord, Record
from graph_schema.provenance import Provenance
from loaders.bodacc.rules import parse_french_date
from loaders.contract import Parsed, ParseResult
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter, open_bytes

SOURCE = "bodacc"
_ROLE = re.compile(
    r"(?:^|[,.;]\s*)(?P<role>(?:co-?)?g[ée]rant[^:]*|pr[ée]sident[^:]*|directeur g[ée]n[ée]ral[^:]*"
    r"|administrateur[^:]*|associ[ée][^:]*|commissaire aux comptes[^:]*|membre du[^:]*"
    r"|responsable[^:]*)\s*:\s*",
    re.IGNORECASE,
)
_USAGE = re.compile(r"[\s,]*nom d'usage\s*:.*$", re.IGNORECASE | re.S)
_BORN = re.compile(r"\s+né\(e\)\s+.*$", re.S)  # "… né(e) DUHAMEL": the birth name
# "DUMON Marie-Christine": an upper-case surname, then at least one capitalised forename.
_FORENAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:[-'][A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ]+)*"
_SURNAME_FIRST = re.compile(rf"^[A-ZÀ-Ý' -]{{2,}}(?:\s+{_FORENAME})+$")
# "Plard Jean-Yves": a mixed-case surname is only trusted with a compound forename.
_COMPOUND_FORENAME = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ]+\s+[A-ZÀ-Ý][a-zà-ÿ]+-[A-ZÀ-Ý][a-zà-ÿ]+$")


def role_of(label: str) -> str | None:
    """French officer label -> normalised role; None for labels that are not officers."""
    text = label.lower()
    if text.startswith("commissaire") or text.startswith("associ"):
        return None
    if "gérant" in text or "gerant" in text:
        return "manager"
    if "directeur général" in text or "directeur general" in text:
        return "managing_director"
    if "conseil" in text and text.startswith("pr"):
        return "chair"
    if text.startswith("pr"):  # président of an SAS: its legal representative
        return "director"
    if text.startswith("administrateur"):
        return "director"
    if text.startswith("membre du"):
        return "board_member"
    if text.startswith("responsable"):  # representative of a foreign company's branch
        return "managing_director"
    return None


@dataclass(frozen=True)
class Officer:
    label: str  # the notice's wording: "Gérant", "Président", …
    name: str  # without the "nom d'usage" part
    natural_person: bool


def officers(text: str) -> list[Officer]:
    """'Gérant : Dupont, Jean, Président : ACME SAS' -> Gérant Dupont, Jean; Président ACME SAS."""
    matches = list(_ROLE.finditer(text))
    found: list[Officer] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        segment = text[match.end() : end]
        name = _BORN.sub("", _USAGE.sub("", segment)).strip().strip(" ,.;").strip()
        if name:
            label = match.group("role").strip(" ,")
            found.append(Officer(label, name, _natural_person(name, segment)))
    return found


def _natural_person(name: str, segment: str) -> bool:
    """Persons are written "Surname, Forenames" or "SURNAME Forenames [nom d'usage : …]"; a
    company officer is a bare company name ("FINANC'ILE", "AVIATION SCHOOL SPRL")."""
    if _USAGE.search(segment) or _BORN.search(segment) or "," in name:
        return True
    if remove_org_types(name) != name:
        return False
    return bool(_SURNAME_FIRST.match(name) or _COMPOUND_FORENAME.match(name))


def parse_xml(file: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    parution = ""
    published: date | None = None
    index = 0
    with open_bytes(file, counter) as stream:
        try:
            for _, element in ET.iterparse(stream, events=("end",)):
                if element.tag == "parution":
                    parution = (element.text or "").strip()
                elif element.tag == "dateParution" and published is None:
                    published = parse_french_date(element.text or "", "dateParution")
                elif element.tag == "avis":
                    index += 1
                    yield _avis(element, file.name, parution, published, index)
                    element.clear()  # stream: keep memory flat on a 100 MB issue
        except (ET.ParseError, ValueError) as exc:
            yield Rejection(
                Location(file.name, record=f"avis {index + 1}"),
                f"invalid XML after avis {index}; the rest of the file is unreadable: {exc}",
            )


def _avis(
    avis: ET.Element, file_name: str, parution: str, published: date | None, index: int
) -> ParseResult:
    number = (avis.findtext("numeroAnnonce") or "").strip()
    location = Location(file_name, record=number or f"avis {index}")
    record_id = f"A{parution}{number}" if number else f"{file_name}:avis {index}"
    prov = Provenance(source=SOURCE, record_id=record_id, source_file=file_name, seen_at=published)
    person = avis.find("personnes/personne")
    siren = person.findtext(".//numeroIdentification") if person is not None else None
    if person is None or not siren:
        return Rejection(location, "no SIREN: missing numeroIdentification", raw=record_id)
    try:
        ckey = company_key("FR-SIREN", siren)
        return Parsed(location, _records(avis, person, ckey, prov))
    except InvalidInput as exc:
        return Rejection(location, exc.message, raw=record_id)
    except ValueError as exc:  # a bad date; pydantic's ValidationError is a ValueError too
        return Rejection(location, str(exc), raw=record_id)


def _records(avis: ET.Element, person: ET.Element, ckey: str, prov: Provenance) -> list[Record]:
    moral = person.find("personneMorale")
    created = avis.findtext("acte/creation/dateImmatriculation")
    registered_on = parse_french_date(created, "dateImmatriculation") if created else None
    if moral is not None:
        name = clean_name(moral.findtext("denomination"))
        legal_form = clean_name(moral.findtext("formeJuridique"))
    else:
        trader = " ".join(p for p in (person.findtext(".//prenom"), person.findtext(".//nom")) if p)
        name = clean_name(person.findtext(".//nomCommercial") or trader)
        legal_form = "entrepreneur individuel"
    records: list[Record] = [
        CompanyRecord(
            key=ckey,
            identifiers=[Identifier(scheme="FR-SIREN", value=ckey.removeprefix("FR-SIREN-"))],
            name=name,
            legal_form=legal_form,
            jurisdiction="FR",
            incorporated_on=registered_on,
            provenance=prov,
        )
    ]
    records += _address(person.find("adresse/france"), ckey, prov)
    text = moral.findtext("administration") if moral is not None else None
    for officer in officers(text or ""):
        role = role_of(officer.label)
        if role is None or not officer.natural_person:
            continue  # a company officer has no SIREN here: it cannot be keyed
        label = officer.label
        pkey, basis = person_key(
            officer.name, None, source=SOURCE, source_person_id=f"{prov.record_id}:{officer.name}"
        )
        records.append(
            PersonRecord(key=pkey, name=officer.name, match_basis=basis, provenance=prov)
        )
        records.append(Directorship.dated(pkey, ckey, role, label, registered_on, prov))
    return records


def _address(france: ET.Element | None, ckey: str, prov: Provenance) -> list[Record]:
    if france is None:
        return []
    street = " ".join(
        (france.findtext(tag) or "").strip() for tag in ("numeroVoie", "typeVoie", "nomVoie")
    ).strip()
    postcode = (france.findtext("codePostal") or "").strip() or None
    city = (france.findtext("ville") or "").strip() or None
    text = ", ".join(p for p in (street, " ".join(p for p in (postcode, city) if p)) if p)
    if not text:
        return []
    akey = address_key(text, "FR")
    return [
        AddressRecord(
            key=akey,
            text=text,
            street=street or None,
            postcode=postcode,
            city=city,
            country="FR",
            provenance=prov,
        ),
        AddressLink.of(ckey, akey, "registered", prov),
    ]
