"""Companies House API responses written from the API documentation, not real data.

The shapes and codes are those of Companies House's public API reference (company profile,
officer list, officer appointment list, PSC list, insolvency and filing history resources) and
of companieshouse/api-enumerations (constants.yml, filing_history_descriptions.yml); the
companies, people and dates are invented. Each company shows one rule of issue 20; the real
samples under ../shared/datasets/companies-house/ lack these cases (their SOURCE.md says so).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

JANE = "JaneDoe1"  # officer id of a director who is a secretary elsewhere
NOMINEES = "CorpOfficer9"  # officer id of a body corporate (is_corporate_officer)


def write(root: Path, relative: str, doc: Any) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")


def profile(number: str, name: str, status: str, **extra: Any) -> dict[str, Any]:
    return {
        "company_number": number,
        "company_name": name,
        "company_status": status,
        "type": "ltd",
        "date_of_creation": "2005-01-10",
        "jurisdiction": "england-wales",
        **extra,
    }


def officer_link(oid: str) -> dict[str, Any]:
    return {"officer": {"appointments": f"/officers/{oid}/appointments"}}


def filing(
    ftype: str, description: str, on: str, tx: str, category: str = "insolvency"
) -> dict[str, Any]:
    return {
        "category": category,
        "type": ftype,
        "description": description,
        "date": on,
        "transaction_id": tx,
    }


def history(*items: dict[str, Any]) -> dict[str, Any]:
    # Newest first, as the API lists them; all of them (total_count).
    ordered = sorted(items, key=lambda i: i["date"], reverse=True)
    return {"items": ordered, "total_count": len(ordered), "start_index": 0}


HOLDCO_ID = {
    "identification_type": "uk-limited-company",
    "registration_number": "3849195",
    "legal_authority": "Limited Company, England And Wales",
    "legal_form": "Limited",
    "place_registered": "Companies House",
}


def documented_world(root: Path) -> Path:
    # ACME: a director who is also a secretary of BETA; a UK company as corporate secretary and
    # corporate PSC (its number without the leading zero); a company as `nominee-director`;
    # an officer role Companies House may add later.
    write(root, "01234567/profile.json", profile("01234567", "ACME TRADING LIMITED", "active"))
    write(
        root,
        "01234567/officers.json",
        {
            "kind": "officer-list",
            "items": [
                {
                    "name": "DOE, Jane",
                    "officer_role": "director",
                    "appointed_on": "2015-01-01",
                    "date_of_birth": {"month": 3, "year": 1975},
                    "nationality": "British",
                    "links": officer_link(JANE),
                },
                {
                    "name": "HOLDCO LIMITED",
                    "officer_role": "corporate-secretary",
                    "appointed_on": "2015-01-01",
                    "identification": HOLDCO_ID,
                    "links": officer_link("Holdco1"),
                },
                {
                    "name": "NOMINEE SERVICES LTD",
                    "officer_role": "nominee-director",
                    "appointed_on": "2015-01-01",
                    "resigned_on": "2015-01-02",
                    "links": officer_link("Nominee1"),
                },
                {
                    "name": "ROE, Richard",
                    "officer_role": "chief-wizard",
                    "appointed_on": "2018-01-01",
                    "date_of_birth": {"month": 7, "year": 1980},
                    "links": officer_link("Roe1"),
                },
            ],
        },
    )
    write(
        root,
        "01234567/persons-with-significant-control.json",
        {
            "items": [
                {
                    "kind": "corporate-entity-person-with-significant-control",
                    "name": "Holdco Limited",
                    "identification": {
                        "legal_authority": "Limited Company, England And Wales",
                        "legal_form": "Limited",
                        "registration_number": "3849195",
                    },
                    "natures_of_control": ["ownership-of-shares-75-to-100-percent"],
                    "notified_on": "2016-04-06",
                    "links": {
                        "self": "/company/01234567/persons-with-significant-control/"
                        "corporate-entity/PscHoldco"
                    },
                }
            ]
        },
    )
    write(root, "03849195/profile.json", profile("03849195", "HOLDCO LIMITED", "active"))
    # BETA: the same officer id as a secretary, with no date of birth (as the API publishes
    # secretaries).
    write(root, "05555555/profile.json", profile("05555555", "BETA LIMITED", "active"))
    write(
        root,
        "05555555/officers.json",
        {
            "items": [
                {
                    "name": "DOE, Jane",
                    "officer_role": "secretary",
                    "appointed_on": "2016-05-01",
                    "links": officer_link(JANE),
                }
            ]
        },
    )
    # Her appointments list: DELTA is known only from it.
    write(
        root,
        f"officers/{JANE}/appointments.json",
        {
            "kind": "personal-appointment",
            "name": "Jane DOE",
            "date_of_birth": {"month": 3, "year": 1975},
            "is_corporate_officer": False,
            "links": {"self": f"/officers/{JANE}/appointments"},
            "items": [
                {
                    "appointed_to": {
                        "company_number": "01234567",
                        "company_name": "ACME TRADING LIMITED",
                        "company_status": "active",
                    },
                    "officer_role": "director",
                    "appointed_on": "2015-01-01",
                    "name": "Jane DOE",
                    "name_elements": {"forename": "Jane", "surname": "DOE"},
                    "links": {"company": "/company/01234567"},
                },
                {
                    "appointed_to": {
                        "company_number": "05555555",
                        "company_name": "BETA LIMITED",
                        "company_status": "active",
                    },
                    "officer_role": "secretary",
                    "appointed_on": "2016-05-01",
                    "name": "Jane DOE",
                    "links": {"company": "/company/05555555"},
                },
                {
                    "appointed_to": {
                        "company_number": "7777777",
                        "company_name": "DELTA SERVICES LIMITED",
                        "company_status": "liquidation",
                    },
                    "officer_role": "director",
                    "appointed_on": "2012-02-01",
                    "resigned_on": "2019-12-31",
                    "name": "Jane DOE",
                    "links": {"company": "/company/07777777"},
                },
            ],
        },
    )
    # A body corporate's appointments list (no legal form in its name).
    write(
        root,
        f"officers/{NOMINEES}/appointments.json",
        {
            "name": "GAMMA NOMINEES",
            "is_corporate_officer": True,
            "links": {"self": f"/officers/{NOMINEES}/appointments"},
            "items": [
                {
                    "appointed_to": {
                        "company_number": "06666666",
                        "company_name": "EPSILON LIMITED",
                        "company_status": "active",
                    },
                    "officer_role": "nominee-secretary",
                    "appointed_on": "2010-06-01",
                    "name": "GAMMA NOMINEES",
                }
            ],
        },
    )
    # LIQCO: liquidated, no insolvency document fetched: the filing history tells a CVL.
    write(
        root,
        "08888888/profile.json",
        profile("08888888", "LIQCO LIMITED", "dissolved", date_of_cessation="2021-06-15"),
    )
    write(
        root,
        "08888888/filing-history.json",
        history(
            filing("AA", "accounts-with-accounts-type-small", "2019-06-01", "L1", "accounts"),
            filing("600", "liquidation-voluntary-appointment-of-liquidator", "2020-05-01", "L2"),
            filing("LIQ02", "liquidation-voluntary-statement-of-affairs", "2020-05-05", "L3"),
            filing(
                "LIQ14",
                "liquidation-voluntary-creditors-return-of-final-meeting",
                "2021-03-01",
                "L4",
            ),
            filing("GAZ2", "gazette-dissolved-liquidation", "2021-06-15", "L5", "gazette"),
        ),
    )
    # SOLVENT: a members' voluntary liquidation (declaration of solvency): solvent.
    write(
        root,
        "09999999/profile.json",
        profile("09999999", "SOLVENT LIMITED", "dissolved", date_of_cessation="2021-01-20"),
    )
    write(
        root,
        "09999999/filing-history.json",
        history(
            filing("LIQ01", "liquidation-voluntary-declaration-of-solvency", "2020-02-10", "S1"),
            filing("600", "liquidation-voluntary-appointment-of-liquidator", "2020-02-11", "S2"),
            filing(
                "LIQ13", "liquidation-voluntary-members-return-of-final-meeting", "2020-10-15", "S3"
            ),
            filing("GAZ2", "gazette-dissolved-liquidation", "2021-01-20", "S4", "gazette"),
        ),
    )
    # CASECO: an insolvency document and the filings of the same case: one event, the case's,
    # with the filings as its provenance; one date of a type Companies House may add later.
    write(root, "01111111/profile.json", profile("01111111", "CASECO LIMITED", "liquidation"))
    write(
        root,
        "01111111/insolvency.json",
        {
            "cases": [
                {
                    "type": "creditors-voluntary-liquidation",
                    "number": "1",
                    "dates": [
                        {"type": "wound-up-on", "date": "2020-05-01"},
                        {"type": "assets-realised-on", "date": "2020-09-01"},
                    ],
                }
            ],
            "status": ["liquidation"],
        },
    )
    write(
        root,
        "01111111/filing-history.json",
        history(
            filing("600", "liquidation-voluntary-appointment-of-liquidator", "2020-05-06", "C1"),
            filing("LIQ02", "liquidation-voluntary-statement-of-affairs", "2020-05-06", "C2"),
        ),
    )
    # STATUSCO: only the profile says it is in administration: an undated fact.
    write(root, "02222222/profile.json", profile("02222222", "STATUSCO LIMITED", "administration"))
    # NEWCODE: a case type and a company status Companies House may add later.
    write(root, "04444444/profile.json", profile("04444444", "NEWCODE LIMITED", "in-transition"))
    write(
        root,
        "04444444/insolvency.json",
        {
            "cases": [
                {
                    "type": "new-procedure-added-later",
                    "number": "1",
                    "dates": [{"type": "wound-up-on", "date": "2023-03-01"}],
                }
            ]
        },
    )
    return root
