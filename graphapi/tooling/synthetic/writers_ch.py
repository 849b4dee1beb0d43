"""Companies House public API response documents: what the registry publishes, no more.

One folder per company (profile, officers list, PSC list and PSC statements, filing history,
the insolvency document when the fetch got it, the exemptions document), and one
`officers/<officer_id>/appointments.json` per officer beside them (every appointment of that
officer, as /officers/{officer_id}/appointments lists it). Shapes follow the documented API
and the real responses in the team's samples; enumerated values come from
companieshouse/api-enumerations. Companies House publishes no shareholder list: the PSC
register is its ownership information.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from graphapi.tooling.synthetic.world import (
    Address,
    Body,
    Company,
    CorporateOfficer,
    Disqualification,
    Mandate,
    Person,
    Psc,
)


def _etag(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()


def _tid(*parts: object) -> str:
    digest = hashlib.sha1("|".join(str(p) for p in parts).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:24]


def dump(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")


def ro_address(a: Address) -> dict[str, str]:
    return {
        "address_line_1": a.line1,
        "locality": a.locality,
        "postal_code": a.postal_code,
        "country": a.country,
    }


def person_address(a: Address) -> dict[str, str]:
    return {
        "premises": a.premises,
        "address_line_1": a.street,
        "locality": a.locality,
        "postal_code": a.postal_code,
        "country": a.country,
    }


def profile(c: Company) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "company_name": c.name,
        "company_number": c.number,
        "company_status": c.status,
        "type": c.ctype,
        "jurisdiction": c.jurisdiction,
        "date_of_creation": c.created.isoformat(),
    }
    if c.ceased:
        doc["date_of_cessation"] = c.ceased.isoformat()
    doc["sic_codes"] = list(c.sic)
    doc["registered_office_address"] = ro_address(c.address)
    if c.previous_names:
        doc["previous_company_names"] = [
            {"name": n, "effective_from": s.isoformat(), "ceased_on": e.isoformat()}
            for n, s, e in reversed(c.previous_names)
        ]
    accounts = [f for f in c.filings if f.category == "accounts"]
    if accounts:
        last = max(accounts, key=lambda f: (f.values["made_up_date"], f.date))
        kind = last.description.removeprefix("accounts-with-accounts-type-")
        doc["accounts"] = {
            "last_accounts": {"made_up_to": last.values["made_up_date"], "type": kind}
        }
    doc["has_insolvency_history"] = bool(c.insolvency)
    doc["has_been_liquidated"] = any("liquidation" in i.case_type for i in c.insolvency)
    doc["undeliverable_registered_office_address"] = False
    doc["can_file"] = c.status == "active"
    if c.super_secure:
        doc["has_super_secure_pscs"] = True
    doc["etag"] = _etag("profile", c.number)
    base = f"/company/{c.number}"
    links = {
        "self": base,
        "filing_history": f"{base}/filing-history",
        "officers": f"{base}/officers",
        "persons_with_significant_control": f"{base}/persons-with-significant-control",
    }
    if c.psc_statements:
        links["persons_with_significant_control_statements"] = (
            f"{base}/persons-with-significant-control-statements"
        )
    if c.insolvency:
        links["insolvency"] = f"{base}/insolvency"  # listed even when the fetch missed it
    if c.exemption:
        links["exemptions"] = f"{base}/exemptions"
    doc["links"] = links
    return doc


def _officer_item(c: Company, m: Mandate) -> dict[str, Any]:
    p = m.person
    item: dict[str, Any] = {
        "name": p.ch_name,
        "officer_role": m.role,
        "appointed_on": m.start.isoformat(),
    }
    if m.end:
        item["resigned_on"] = m.end.isoformat()
    item.update(
        {
            "date_of_birth": {"month": p.birth.month, "year": p.birth.year},
            "nationality": p.nationality,
            "country_of_residence": p.residence,
            "occupation": p.occupation,
            "address": person_address(p.address),
            "links": {"officer": {"appointments": f"/officers/{p.pid}/appointments"}},
        }
    )
    return item


def uk_identification(c: Company, kind: str = "uk-limited-company") -> dict[str, str]:
    """A UK company as officer or PSC: the `identification` object of the API. The number is
    written as people type it, sometimes without its leading zero (as in real responses)."""
    odd = c.number.isdigit() and int(c.number) % 2 == 1
    number = c.number.lstrip("0") if odd else c.number
    return {
        "identification_type": kind,
        "legal_authority": "Companies Act 2006",
        "legal_form": "Public Limited Company" if c.ctype == "plc" else "Limited Company",
        "place_registered": "Companies House",
        "country_registered": "England" if c.jurisdiction == "england-wales" else "Scotland",
        "registration_number": number,
    }


def _corporate_officer_item(o: CorporateOfficer) -> dict[str, Any]:
    item: dict[str, Any] = {
        "name": o.company.name,
        "officer_role": o.role,
        "appointed_on": o.start.isoformat(),
    }
    if o.end:
        item["resigned_on"] = o.end.isoformat()
    item["address"] = person_address(o.company.address)
    item["identification"] = uk_identification(o.company)
    item["links"] = {"officer": {"appointments": f"/officers/{o.officer_id}/appointments"}}
    return item


def officers(c: Company) -> dict[str, Any]:
    ordered = sorted(c.mandates, key=lambda m: (m.end is not None, m.start))
    items = [_officer_item(c, m) for m in ordered]
    items += [_corporate_officer_item(o) for o in c.corporate_officers]
    resigned = sum(1 for m in c.mandates if m.end) + sum(1 for o in c.corporate_officers if o.end)
    return {
        "items": items,
        "active_count": len(items) - resigned,
        "resigned_count": resigned,
        "inactive_count": 0,
        "total_results": len(items),
        "items_per_page": 35,
        "start_index": 0,
        "kind": "officer-list",
        "etag": _etag("officers", c.number),
        "links": {"self": f"/company/{c.number}/officers"},
    }


def _psc_item(c: Company, psc: Psc, n: int) -> dict[str, Any]:
    holder = psc.holder
    base = f"/company/{c.number}/persons-with-significant-control"
    item: dict[str, Any]
    if isinstance(holder, Person):
        elements = {"title": holder.title}
        first, _, middle = holder.forenames.partition(" ")
        elements["forename"] = first
        if middle:
            elements["middle_name"] = middle
        elements["surname"] = holder.surname
        item = {
            "kind": "individual-person-with-significant-control",
            "name": f"{holder.title} {holder.full_name}",
            "name_elements": elements,
            "nationality": holder.nationality,
            "country_of_residence": holder.residence,
            "date_of_birth": {"month": holder.birth.month, "year": holder.birth.year},
            "address": person_address(holder.address),
        }
        kind = "individual"
    elif isinstance(holder, Body):
        item = {
            "kind": "corporate-entity-person-with-significant-control",
            "name": holder.name,
            "identification": {
                "legal_authority": holder.legal_authority,
                "legal_form": holder.legal_form,
                "place_registered": holder.place_registered,
                "country_registered": holder.country_registered,
                "registration_number": holder.registration_number,
            },
            "address": person_address(holder.address),
        }
        kind = "corporate-entity"
    else:
        identification = uk_identification(holder)
        identification.pop("identification_type")
        item = {
            "kind": "corporate-entity-person-with-significant-control",
            "name": holder.name,
            "identification": identification,
            "address": person_address(holder.address),
        }
        kind = "corporate-entity"
    item["natures_of_control"] = list(psc.natures)
    item["notified_on"] = psc.notified.isoformat()
    if psc.ceased:
        item["ceased_on"] = psc.ceased.isoformat()
    psc_id = _tid("psc", c.number, n)
    item["etag"] = _etag("psc", c.number, n)
    item["links"] = {"self": f"{base}/{kind}/{psc_id}"}
    return item


def _super_secure_item(c: Company, n: int) -> dict[str, Any]:
    base = f"/company/{c.number}/persons-with-significant-control"
    return {
        "kind": "super-secure-person-with-significant-control",
        "description": "super-secure-persons-with-significant-control",
        "etag": _etag("super-secure", c.number, n),
        "links": {"self": f"{base}/super-secure/{_tid('super-secure', c.number, n)}"},
    }


def pscs(c: Company) -> dict[str, Any]:
    items = [_psc_item(c, p, n) for n, p in enumerate(c.pscs)]
    items += [_super_secure_item(c, n) for n in range(len(c.super_secure))]
    ceased = sum(1 for p in c.pscs if p.ceased)
    links = {"self": f"/company/{c.number}/persons-with-significant-control"}
    if c.psc_statements:
        links["persons_with_significant_control_statements"] = (
            f"/company/{c.number}/persons-with-significant-control-statements"
        )
    return {
        "items": items,
        "active_count": len(items) - ceased,
        "ceased_count": ceased,
        "total_results": len(items),
        "items_per_page": 25,
        "start_index": 0,
        "links": links,
    }


def psc_statements(c: Company) -> dict[str, Any]:
    items = [
        {
            "kind": "persons-with-significant-control-statement",
            "statement": code,
            "notified_on": on.isoformat(),
            "etag": _etag("psc-statement", c.number, n),
            "links": {
                "self": f"/company/{c.number}/persons-with-significant-control-statements/"
                f"{_tid('stmt', c.number, n)}"
            },
        }
        for n, (code, on) in enumerate(c.psc_statements)
    ]
    return {
        "items": items,
        "active_count": len(items),
        "ceased_count": 0,
        "total_results": len(items),
        "items_per_page": 25,
        "start_index": 0,
        "links": {"self": f"/company/{c.number}/persons-with-significant-control-statements"},
    }


def exemptions(c: Company) -> dict[str, Any]:
    """/company/{n}/exemptions (exemption_descriptions.yml): a listed company's DTR5 status."""
    assert c.exemption is not None
    code, since = c.exemption
    key = code.replace("-", "_")
    return {
        "kind": "exemptions",
        "etag": _etag("exemptions", c.number),
        "exemptions": {
            key: {"exemption_type": code, "items": [{"exempt_from": since.isoformat()}]}
        },
        "links": {"self": f"/company/{c.number}/exemptions"},
    }


def insolvency(c: Company) -> dict[str, Any]:
    cases = []
    for n, case in enumerate(c.insolvency, start=1):
        cases.append(
            {
                "number": str(n),
                "type": case.case_type,
                "dates": [{"type": t, "date": d.isoformat()} for t, d in case.dates],
                "practitioners": [
                    {
                        "name": name,
                        "appointed_on": on.isoformat(),
                        "role": "practitioner",
                        "address": {
                            "address_line_1": "1 Recovery Row",
                            "locality": "Leeds",
                            "postal_code": "LS1 4AP",
                        },
                    }
                    for name, on in case.practitioners
                ],
            }
        )
    return {"etag": _etag("insolvency", c.number), "status": c.status, "cases": cases}


def filing_history(c: Company) -> dict[str, Any]:
    ordered = sorted(enumerate(c.filings), key=lambda x: (x[1].date, x[0]), reverse=True)
    items = []
    for n, f in ordered:
        tid = _tid(c.number, n, f.type, f.date)
        item: dict[str, Any] = {
            "category": f.category,
            "type": f.type,
            "date": f.date.isoformat(),
            "description": f.description,
        }
        if f.subcategory:
            item["subcategory"] = list(f.subcategory)
        if f.values:
            item["description_values"] = dict(f.values)
        item["transaction_id"] = tid
        item["links"] = {"self": f"/company/{c.number}/filing-history/{tid}"}
        items.append(item)
    return {
        "items": items,
        "total_count": len(items),
        "items_per_page": len(items),
        "start_index": 0,
        "filing_history_status": "filing-history-available",
    }


def write_company(root: Path, c: Company) -> int:
    """Write one company's documents; return how many files were written."""
    folder = root / c.number
    folder.mkdir(parents=True, exist_ok=True)
    dump(folder / "profile.json", profile(c))
    dump(folder / "officers.json", officers(c))
    dump(folder / "persons-with-significant-control.json", pscs(c))
    dump(folder / "filing-history.json", filing_history(c))
    written = 4
    if c.psc_statements:
        dump(folder / "persons-with-significant-control-statements.json", psc_statements(c))
        written += 1
    if c.insolvency and all(case.documented for case in c.insolvency):
        dump(folder / "insolvency.json", insolvency(c))
        written += 1
    if c.exemption:
        dump(folder / "exemptions.json", exemptions(c))
        written += 1
    return written


class Appointments:
    """`officers/<officer_id>/appointments.json` beside the company folders: each officer's
    appointments, as the API lists them. A file is extended when its officer turns up in a
    later company, so nothing is held in memory while a large world streams out."""

    def __init__(self, root: Path) -> None:
        self.root = root / "officers"
        self.files = 0

    def company(self, c: Company) -> None:
        for m in c.mandates:
            self._add(m.person.pid, _person_list(m.person), _appointment(c, m))
        for o in c.corporate_officers:
            self._add(o.officer_id, _corporate_list(o), _corporate_appointment(c, o))

    def _add(self, officer_id: str, head: dict[str, Any], item: dict[str, Any]) -> None:
        path = self.root / officer_id / "appointments.json"
        if path.exists():
            doc = json.loads(path.read_text(encoding="utf-8"))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.files += 1
            doc = {**head, "items": []}
        doc["items"].append(item)
        doc["items"].sort(key=lambda i: (i["appointed_on"], i["appointed_to"]["company_number"]))
        doc["total_results"] = len(doc["items"])
        doc["active_count"] = sum(1 for i in doc["items"] if "resigned_on" not in i)
        doc["resigned_count"] = doc["total_results"] - doc["active_count"]
        doc["etag"] = _etag("appointments", officer_id, len(doc["items"]))
        dump(path, doc)


def _list_head(officer_id: str, name: str, corporate: bool) -> dict[str, Any]:
    return {
        "kind": "personal-appointment",
        "name": name,
        "is_corporate_officer": corporate,
        "items_per_page": 35,
        "start_index": 0,
        "links": {"self": f"/officers/{officer_id}/appointments"},
    }


def _person_list(p: Person) -> dict[str, Any]:
    head = _list_head(p.pid, f"{p.forenames} {p.surname.upper()}", False)
    head["date_of_birth"] = {"month": p.birth.month, "year": p.birth.year}
    return head


def _corporate_list(o: CorporateOfficer) -> dict[str, Any]:
    return _list_head(o.officer_id, o.company.name, True)


def _appointed_to(c: Company) -> dict[str, str]:
    return {"company_number": c.number, "company_name": c.name, "company_status": c.status}


def _appointment(c: Company, m: Mandate) -> dict[str, Any]:
    p = m.person
    first, _, middle = p.forenames.partition(" ")
    elements = {"title": p.title, "forename": first, "surname": p.surname.upper()}
    if middle:
        elements["other_forenames"] = middle
    item: dict[str, Any] = {
        "officer_role": m.role,
        "name": f"{p.forenames} {p.surname.upper()}",
        "name_elements": elements,
        "appointed_to": _appointed_to(c),
        "appointed_on": m.start.isoformat(),
        "nationality": p.nationality,
        "country_of_residence": p.residence,
        "occupation": p.occupation,
        "address": person_address(p.address),
        "links": {"company": f"/company/{c.number}"},
    }
    if m.end:
        item["resigned_on"] = m.end.isoformat()
    return item


def _corporate_appointment(c: Company, o: CorporateOfficer) -> dict[str, Any]:
    item: dict[str, Any] = {
        "officer_role": o.role,
        "name": o.company.name,
        "appointed_to": _appointed_to(c),
        "appointed_on": o.start.isoformat(),
        "address": person_address(o.company.address),
        "identification": uk_identification(o.company),
        "links": {"company": f"/company/{c.number}"},
    }
    if o.end:
        item["resigned_on"] = o.end.isoformat()
    return item


def disqualified(d: Disqualification) -> dict[str, Any]:
    p = d.person
    first, _, middle = p.forenames.partition(" ")
    doc: dict[str, Any] = {"forename": first}
    if middle:
        doc["other_forenames"] = middle
    doc.update(
        {
            "surname": p.surname.upper(),
            "title": p.title,
            "date_of_birth": p.birth.isoformat(),
            "nationality": p.nationality,
            "kind": "natural-disqualification",
            "etag": _etag("disq", d.disq_id),
            "disqualifications": [
                {
                    "disqualification_type": d.disqualification_type,
                    "disqualified_from": d.start.isoformat(),
                    "disqualified_until": d.end.isoformat(),
                    "reason": {
                        "act": "company-directors-disqualification-act-1986",
                        "description_identifier": d.reason,
                        "section": d.section,
                    },
                    "company_names": list(d.company_names),
                    "case_identifier": d.case_identifier,
                    "court_name": d.court_name,
                    "heard_on": d.start.isoformat(),
                    "address": person_address(p.address),
                }
            ],
            "links": {"self": f"/disqualified-officers/natural/{d.disq_id}"},
        }
    )
    return doc


def write_disqualified(root: Path, d: Disqualification) -> None:
    root.mkdir(parents=True, exist_ok=True)
    dump(root / f"{d.disq_id}.json", disqualified(d))
