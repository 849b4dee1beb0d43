"""Companies House public API response documents, one folder per company.

Shapes follow the documented API (company profile, officers list, PSC list, insolvency, filing
history, disqualified officer); enumerated values come from companieshouse/api-enumerations.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from graphapi.tooling.synthetic.world import Address, Company, Disqualification, Person, Psc


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
    doc["etag"] = _etag("profile", c.number)
    base = f"/company/{c.number}"
    links = {
        "self": base,
        "filing_history": f"{base}/filing-history",
        "officers": f"{base}/officers",
        "persons_with_significant_control": f"{base}/persons-with-significant-control",
    }
    if c.insolvency:
        links["insolvency"] = f"{base}/insolvency"
    doc["links"] = links
    return doc


def officers(c: Company) -> dict[str, Any]:
    items = []
    ordered = sorted(c.mandates, key=lambda m: (m.end is not None, m.start), reverse=False)
    for m in ordered:
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
        items.append(item)
    resigned = sum(1 for m in c.mandates if m.end)
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
    else:
        item = {
            "kind": "corporate-entity-person-with-significant-control",
            "name": holder.name,
            "identification": {
                "legal_authority": "Companies Act 2006",
                "legal_form": "Private Limited Company",
                "place_registered": "Register Of Companies For England And Wales",
                "country_registered": "England",
                "registration_number": holder.number,
            },
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


def pscs(c: Company) -> dict[str, Any]:
    items = [_psc_item(c, p, n) for n, p in enumerate(c.pscs)]
    ceased = sum(1 for p in c.pscs if p.ceased)
    links = {"self": f"/company/{c.number}/persons-with-significant-control"}
    if c.psc_statement:
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
    return {
        "items": [
            {
                "kind": "persons-with-significant-control-statement",
                "statement": c.psc_statement,
                "notified_on": max(c.created, date(2016, 4, 6)).isoformat(),
                "etag": _etag("psc-statement", c.number),
                "links": {
                    "self": f"/company/{c.number}/persons-with-significant-control-statements/"
                    f"{_tid('stmt', c.number)}"
                },
            }
        ],
        "active_count": 1,
        "ceased_count": 0,
        "total_results": 1,
        "items_per_page": 25,
        "start_index": 0,
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
    if c.psc_statement:
        dump(folder / "persons-with-significant-control-statements.json", psc_statements(c))
        written += 1
    if c.insolvency:
        dump(folder / "insolvency.json", insolvency(c))
        written += 1
    return written


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
