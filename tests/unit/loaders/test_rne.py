"""The fr-rne format (no database).

No real RNE sample exists in the shared datasets: the records below are written from INPI's
documentation of the RNE company JSON ("Documentation technique API RNE", "Dictionnaire de
données du RNE") and the field-by-field model of its public client in data.gouv.fr's
annuaire-entreprises pipeline. SIRENs are made up, with valid check digits.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from graph_schema.edges import AddressLink, DeclaredOwnership, Directorship
from graph_schema.events import EventKind
from graph_schema.nodes import CompanyRecord, EventRecord, PersonRecord
from loaders.contract import Parsed, ParseResult
from loaders.formats import registry
from loaders.rejects import Rejection
from loaders.source import ByteCounter

FORMAT = registry()["fr-rne"]


def _person(nom: str, prenoms: list[str], born: str, **extra: Any) -> dict[str, Any]:
    return {
        "descriptionPersonne": {"nom": nom, "prenoms": prenoms, "dateDeNaissance": born, **extra}
    }


def sas() -> dict[str, Any]:
    """An SAS with a président, a directeur général who left, a corporate administrateur and
    its permanent representative, an auditor, and a declared beneficial owner."""
    return {
        "siren": "901234567",
        "updatedAt": "2025-03-02T10:11:12+01:00",
        "formality": {
            "siren": "901234567",
            "typePersonne": "M",
            "content": {
                "natureCreation": {"dateCreation": "2021-06-15", "formeJuridique": "5710"},
                "personneMorale": {
                    "identite": {
                        "entreprise": {
                            "siren": "901234567",
                            "denomination": "DUPONT CONSEIL",
                            "formeJuridique": "5710",
                            "codeApe": "70.22Z",
                            "dateImmat": "2021-06-20",
                        }
                    },
                    "adresseEntreprise": {
                        "adresse": {
                            "numVoie": "12",
                            "typeVoie": "RUE",
                            "voie": "DE LA PAIX",
                            "codePostal": "75002",
                            "commune": "PARIS",
                            "pays": "FRANCE",
                            "codePays": "FR",
                        }
                    },
                    "composition": {
                        "pouvoirs": [
                            {
                                "typeDePersonne": "INDIVIDU",
                                "roleEntreprise": "73",
                                "dateDebut": "2021-06-15",
                                "actif": True,
                                "individu": _person("DUPONT", ["Marie", "Anne"], "1970-05"),
                            },
                            {
                                "typeDePersonne": "INDIVIDU",
                                "roleEntreprise": "53",
                                "dateDebut": "2021-06-15",
                                "actif": False,
                                "individu": _person("MARTIN", ["Paul"], "1982-11"),
                            },
                            {
                                "typeDePersonne": "ENTREPRISE",
                                "roleEntreprise": "65",
                                "dateDebut": "2022-01-10",
                                "entreprise": {
                                    "siren": "812345676",
                                    "denomination": "HOLDING DUPONT",
                                    "formeJuridique": "5499",
                                    "individuRepresentant": _person("DURAND", ["Luc"], "1965-02"),
                                },
                            },
                            {
                                "typeDePersonne": "INDIVIDU",
                                "roleEntreprise": "71",
                                "individu": _person("AUDIT", ["Claire"], "1975-01"),
                            },
                        ]
                    },
                    "beneficiairesEffectifs": [
                        {
                            "beneficiaire": _person("DUPONT", ["Marie"], "1970-05"),
                            "modalite": {
                                "dateEffet": "2021-06-15",
                                "detentionPartDirecte": True,
                                "detention25pCapital": True,
                                "detention25pDroitVote": True,
                            },
                        }
                    ],
                },
            },
        },
    }


def radiated_sarl() -> dict[str, Any]:
    """An SARL struck from the register after a total cessation, its gérant still listed."""
    return {
        "siren": "901234575",
        "updatedAt": "2024-11-30",
        "formality": {
            "siren": "901234575",
            "typePersonne": "M",
            "content": {
                "natureCreation": {"dateCreation": "2015-01-05", "formeJuridique": "5499"},
                "natureCessationEntreprise": {
                    "dateRadiation": "2024-11-28",
                    "etatAdministratifInsee": "C",
                },
                "personneMorale": {
                    "identite": {"entreprise": {"denomination": "BOULANGERIE DU COIN"}},
                    "detailCessationEntreprise": {
                        "dateCessationTotaleActivite": "2024-06-30",
                        "motifCessation": "Dissolution",
                    },
                    "composition": {
                        "pouvoirs": [
                            {
                                "typeDePersonne": "INDIVIDU",
                                "roleEntreprise": "30",
                                "individu": _person("DUPONT", ["Marie"], "1970-05"),
                            }
                        ]
                    },
                },
            },
        },
    }


def sole_trader() -> dict[str, Any]:
    return {
        "siren": "901234583",
        "formality": {
            "siren": "901234583",
            "typePersonne": "P",
            "content": {
                "personnePhysique": {
                    "identite": {
                        "entrepreneur": _person("LEROY", ["Jean"], "1990-03"),
                        "entreprise": {"codeApe": "4321A"},
                    }
                }
            },
        },
    }


def _parse(tmp_path: Path, *companies: Any, name: str = "rne.json") -> list[ParseResult]:
    path = tmp_path / name
    path.write_text(json.dumps(list(companies)), encoding="utf-8")
    return list(FORMAT.parse(path, ByteCounter()))


def _records(items: list[ParseResult], cls: type) -> list[Any]:
    return [r for i in items if isinstance(i, Parsed) for r in i.records if isinstance(r, cls)]


def test_a_company_its_dirigeants_with_roles_dates_and_birth_month(tmp_path: Path) -> None:
    items = _parse(tmp_path, sas())
    assert [type(i).__name__ for i in items] == ["Parsed"]
    companies = {c.key: c for c in _records(items, CompanyRecord)}
    dupont = companies["FR-SIREN-901234567"]
    assert (dupont.name, dupont.legal_form, dupont.activity_codes) == (
        "DUPONT CONSEIL",
        "Société par actions simplifiée (5710)",
        ["NACE:70.22"],
    )
    assert (dupont.incorporated_on, dupont.status, dupont.jurisdiction) == (
        date(2021, 6, 15),
        "active",
        "FR",
    )
    assert dupont.provenance.seen_at == date(2025, 3, 2)
    assert companies["FR-SIREN-812345676"].name == "HOLDING DUPONT"
    persons = {p.name: p for p in _records(items, PersonRecord)}
    assert (persons["Marie DUPONT"].birth_year_month, persons["Marie DUPONT"].match_basis) == (
        "1970-05",
        "name+birth_year_month",
    )
    assert "Claire AUDIT" not in persons  # the auditor is not a director
    roles = {(d.src, d.role, d.role_label, d.start, d.end) for d in _records(items, Directorship)}
    marie, paul, luc = (persons[n].key for n in ("Marie DUPONT", "Paul MARTIN", "Luc DURAND"))
    assert roles == {
        (marie, "managing_director", "Président de SAS (73)", date(2021, 6, 15), None),
        # no longer active and no end date published: ended on the record's update date
        (paul, "managing_director", "Directeur général (53)", date(2021, 6, 15), date(2025, 3, 2)),
        ("FR-SIREN-812345676", "board_member", "Administrateur (65)", date(2022, 1, 10), None),
        (
            luc,
            "permanent_representative",
            "représentant permanent de HOLDING DUPONT",
            date(2022, 1, 10),
            None,
        ),
    }
    (office,) = _records(items, AddressLink)
    (declared,) = _records(items, DeclaredOwnership)
    assert (declared.src, declared.share_min, declared.share_min_exclusive, declared.votes_min) == (
        marie,
        25.0,
        True,
        25.0,
    )
    assert office.kind == "registered"


def test_radiation_and_cessation_are_dated_events(tmp_path: Path) -> None:
    items = _parse(tmp_path, radiated_sarl())
    (company,) = _records(items, CompanyRecord)
    assert (company.status, company.dissolved_on, company.status_detail) == (
        "radiée",
        date(2024, 11, 28),
        "Dissolution",
    )
    events = {(e.kind, e.date) for e in _records(items, EventRecord)}
    assert events == {
        (EventKind.DISSOLUTION, date(2024, 11, 28)),
        (EventKind.STATUS_CHANGE, date(2024, 6, 30)),
    }
    (gerant,) = _records(items, Directorship)
    assert (gerant.role, gerant.role_label) == ("managing_director", "Gérant (30)")


def test_a_sole_trader_is_a_company_named_after_the_entrepreneur(tmp_path: Path) -> None:
    (company,) = _records(_parse(tmp_path, sole_trader()), CompanyRecord)
    assert (company.key, company.name, company.activity_codes) == (
        "FR-SIREN-901234583",
        "Jean LEROY",
        ["NACE:43.21"],
    )


def test_bad_company_objects_are_rejected_with_the_reason(tmp_path: Path) -> None:
    bad_siren = {**sas(), "siren": "901234568"}
    no_content = {"siren": "901234567", "formality": {"content": {}}}
    bad_birth = sas()
    power = bad_birth["formality"]["content"]["personneMorale"]["composition"]["pouvoirs"][0]
    power["individu"]["descriptionPersonne"]["dateDeNaissance"] = "1970-13"
    items = _parse(tmp_path, bad_siren, no_content, bad_birth, "not an object", radiated_sarl())
    reasons = [i.reason for i in items if isinstance(i, Rejection)]
    assert reasons == [
        "invalid SIREN '901234568': The number's checksum or check digit is invalid. in siren",
        "formality.content holds no personneMorale, personnePhysique or exploitation",
        "invalid dateDeNaissance '1970-13': month 13",
        "an RNE company must be a JSON object, got str",
    ]
    assert [i.location.record for i in items if isinstance(i, Parsed)] == ["[4]"]
