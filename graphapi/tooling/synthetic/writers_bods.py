"""BODS 0.4 JSON Lines for the non-UK companies of the world: their beneficial-owner register
as a register publishing in BODS would (statement `source.type` officialRegister, interests
with `beneficialOwnershipOrControl: true`): an entity record per company, a person record per
beneficial owner and a relationship record per owner above 25 %.

The Belgian UBO register and the French RBE are consulted by obliged entities; BODS is how
such a register's statements reach duegraph (as the Open Ownership Register published the
Danish and Slovak registers). UK companies get no BODS: their ownership information is the
PSC register (Companies House documents)."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date
from typing import IO, Any

from graphapi.tooling.synthetic.world import Company, Holding, Person

PUBLISHER = {"name": "duegraph synthetic registry"}
COUNTRIES = {
    "GB-COH": ("United Kingdom", "GB"),
    "BE-BCE_KBO": ("Belgium", "BE"),
    "FR-SIREN": ("France", "FR"),
}
REGISTERS = {
    "BE-BCE_KBO": "UBO register (Belgium, FPS Finance)",
    "FR-SIREN": "Registre des bénéficiaires effectifs (France)",
}
UBO_THRESHOLD = 25.0


def entity_id(c: Company) -> str:
    return f"{c.scheme}-{c.number}".lower()


def person_id(p: Person) -> str:
    return f"person-{p.pid}"


def _statement_id(record_id: str, when: str) -> str:
    digest = hashlib.sha1(f"{record_id}|{when}".encode()).digest()[:16]
    return str(uuid.UUID(bytes=digest))


class BodsWriter:
    """Writes each record once, in the order first needed (entities before relationships)."""

    def __init__(self, out: IO[str], published: date) -> None:
        self.out = out
        self.published = published.isoformat()
        self._seen: set[str] = set()
        self.lines = 0

    def _emit(
        self,
        record_id: str,
        record_type: str,
        subject: str,
        when: date,
        details: dict[str, Any],
        register: str | None = None,
    ) -> None:
        stamp = when.isoformat()
        statement: dict[str, Any] = {
            "statementId": _statement_id(record_id, stamp),
            "declarationSubject": subject,
            "statementDate": stamp,
            "publicationDetails": {
                "publicationDate": self.published,
                "bodsVersion": "0.4",
                "publisher": PUBLISHER,
            },
            "recordId": record_id,
            "recordStatus": "new",
            "recordType": record_type,
            "recordDetails": details,
        }
        if register:
            statement["source"] = {"type": ["officialRegister"], "description": register}
        self.out.write(json.dumps(statement, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.lines += 1

    def entity(self, c: Company) -> str:
        rid = entity_id(c)
        if rid in self._seen:
            return rid
        self._seen.add(rid)
        country, code = COUNTRIES[c.scheme]
        details: dict[str, Any] = {
            "isComponent": False,
            "entityType": {"type": "registeredEntity"},
            "name": c.name,
            "foundingDate": c.created.isoformat(),
        }
        if c.ceased:
            details["dissolutionDate"] = c.ceased.isoformat()
        details["identifiers"] = [{"scheme": c.scheme, "id": c.number}]
        details["jurisdiction"] = {"name": country, "code": code}
        details["addresses"] = [
            {
                "type": "registered",
                "address": f"{c.address.line1}, {c.address.locality}",
                "postCode": c.address.postal_code,
                "country": {"name": country, "code": code},
            }
        ]
        self._emit(rid, "entity", rid, c.created, details)
        return rid

    def person(self, p: Person, subject: str, when: date) -> str:
        rid = person_id(p)
        if rid in self._seen:
            return rid
        self._seen.add(rid)
        details = {
            "isComponent": False,
            "personType": "knownPerson",
            "names": [
                {
                    "type": "legal",
                    "fullName": p.full_name,
                    "givenName": p.forenames,
                    "familyName": p.surname,
                }
            ],
            "birthDate": p.birth_year_month,
            "nationalities": [{"name": _country_name(p), "code": p.country_code}],
        }
        self._emit(rid, "person", subject, when, details)
        return rid

    def company(self, c: Company) -> None:
        """A non-UK company and its register's beneficial owners (holders above 25 %)."""
        subject = self.entity(c)
        for n, h in enumerate(c.holdings):
            if isinstance(h.holder, Person) and h.share.low() > UBO_THRESHOLD:
                self.relationship(c, subject, h, n)

    def relationship(self, c: Company, subject: str, h: Holding, n: int) -> None:
        holder = h.holder
        if isinstance(holder, Person):
            party = self.person(holder, subject, h.start)
        else:
            party = self.entity(holder)
        share: dict[str, float] = {}
        s = h.share
        if s.exact is not None:
            share["exact"] = s.exact
        else:
            if s.minimum is not None:
                share["minimum"] = s.minimum
            if s.maximum is not None:
                share["maximum"] = s.maximum
            if s.exclusive_minimum and s.minimum is not None:
                share["exclusiveMinimum"] = share.pop("minimum")
            if s.exclusive_maximum and s.maximum is not None:
                share["exclusiveMaximum"] = share.pop("maximum")
        interest: dict[str, Any] = {
            "type": "shareholding",
            "directOrIndirect": "direct",
            "beneficialOwnershipOrControl": True,
            "share": share,
            "startDate": h.start.isoformat(),
        }
        if h.end:
            interest["endDate"] = h.end.isoformat()
        rid = f"rel-{subject}-{party.removeprefix('person-')}-{n}"
        self._emit(
            rid,
            "relationship",
            subject,
            h.start,
            {
                "isComponent": False,
                "subject": subject,
                "interestedParty": party,
                "interests": [interest],
            },
            REGISTERS.get(c.scheme),
        )


_COUNTRY_NAMES = {
    "GB": "United Kingdom",
    "IE": "Ireland",
    "BE": "Belgium",
    "FR": "France",
    "PL": "Poland",
    "IN": "India",
    "NG": "Nigeria",
    "CN": "China",
    "IT": "Italy",
    "RO": "Romania",
}


def _country_name(p: Person) -> str:
    return _COUNTRY_NAMES.get(p.country_code, p.country_code)
