"""FollowTheMoney JSON Lines: the shareholder lists of the few companies whose shareholders
reach a second, independent source (`Company.shareholders_published`).

Companies House publishes no shareholder list; datasets in FtM such as those Aleph and
OpenSanctions publish do carry `Ownership` entities (shareholders with their percentage),
e.g. from leaked or parsed share registers. Such a list next to the PSC register is what a
UBO_DISCREPANCY can be measured on: two sources about the same company.
"""

from __future__ import annotations

import json
from typing import IO, Any

from graphapi.tooling.synthetic.world import Company, Holding, Person

DATASET = "duegraph-synthetic-shareholders"


def company_id(c: Company) -> str:
    return f"{c.scheme}-{c.number}".lower()


def person_id(p: Person) -> str:
    return f"person-{p.pid}"


class FtmWriter:
    """Writes each entity once, before the Ownership entities that reference it."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self._seen: set[str] = set()
        self.lines = 0

    def _emit(self, entity_id: str, schema: str, props: dict[str, list[str]]) -> None:
        entity: dict[str, Any] = {
            "id": entity_id,
            "schema": schema,
            "properties": props,
            "datasets": [DATASET],
        }
        self.out.write(json.dumps(entity, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.lines += 1

    def company(self, c: Company) -> str:
        eid = company_id(c)
        if eid not in self._seen:
            self._seen.add(eid)
            country = "gb" if c.scheme == "GB-COH" else c.jurisdiction[:2]
            self._emit(
                eid,
                "Company",
                {
                    "name": [c.name],
                    "jurisdiction": [country],
                    "registrationNumber": [c.number],
                    "incorporationDate": [c.created.isoformat()],
                },
            )
        return eid

    def person(self, p: Person) -> str:
        eid = person_id(p)
        if eid not in self._seen:
            self._seen.add(eid)
            self._emit(
                eid,
                "Person",
                {
                    "name": [p.full_name],
                    "firstName": [p.forenames],
                    "lastName": [p.surname],
                    "birthDate": [p.birth_year_month],
                    "nationality": [p.country_code.lower()],
                },
            )
        return eid

    def shareholders(self, c: Company) -> None:
        subject = self.company(c)
        for n, h in enumerate(c.holdings):
            self._ownership(c, subject, h, n)

    def _ownership(self, c: Company, subject: str, h: Holding, n: int) -> None:
        holder = h.holder
        owner = self.person(holder) if isinstance(holder, Person) else self.company(holder)
        share = h.share
        assert share.exact is not None, "a shareholder list states exact percentages"
        props = {
            "owner": [owner],
            "asset": [subject],
            "percentage": [f"{share.exact:g}"],
            "ownershipType": ["shares"],
            "startDate": [h.start.isoformat()],
        }
        if h.end:
            props["endDate"] = [h.end.isoformat()]
        self._emit(f"ownership-{subject}-{owner}-{n}", "Ownership", props)
