"""The French registries as they publish: the RNE (INPI) company JSON and BODACC announcements.

The RNE record is each company's current formality (docs/loaders.md, "French RNE"): its
identity, registered office and `composition.pouvoirs`, the dirigeants with their role code,
dates and birth month and year (all the open data gives). BODACC publishes the procédures
collectives (a liquidation judiciaire: `familleavis` collective, the judgment in `jugement`)
and the radiations (`radiationaurcs`), in the opendatasoft export's JSON Lines shape.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import IO, Any

from graphapi.tooling.synthetic.plant_regional import LIQUIDATION_JUDICIAIRE, RADIATION
from graphapi.tooling.synthetic.world import Company, Mandate

# The dirigeant's role code by legal form: gérant (30) of an SARL, président (73) of an SAS.
_ROLE = {"5499": "30", "5710": "73"}
_COURTS = ["Tribunal de commerce de Paris", "Tribunal de commerce de Lyon"]


def _individu(m: Mandate) -> dict[str, Any]:
    p = m.person
    return {
        "descriptionPersonne": {
            "nom": p.surname.upper(),
            "prenoms": p.forenames.split(),
            "dateDeNaissance": p.birth_year_month,
        }
    }


def _power(c: Company, m: Mandate, as_of: date) -> dict[str, Any]:
    power: dict[str, Any] = {
        "typeDePersonne": "INDIVIDU",
        "roleEntreprise": _ROLE[c.ctype],
        "dateDebut": m.start.isoformat(),
        "actif": m.end is None or m.end > as_of,
        "individu": _individu(m),
    }
    if m.end is not None and m.end <= as_of:
        power["dateFin"] = m.end.isoformat()
    return power


def rne_company(c: Company, as_of: date) -> dict[str, Any]:
    a = c.address
    entreprise = {
        "siren": c.number,
        "denomination": c.name.upper(),
        "formeJuridique": c.ctype,
        # NAF rév. 2: the SIC 2007 code's first four digits are the NACE class it refines.
        "codeApe": f"{c.sic[0][:2]}.{c.sic[0][2:4]}Z",
        "dateImmat": c.created.isoformat(),
    }
    return {
        "siren": c.number,
        "updatedAt": as_of.isoformat(),
        "formality": {
            "siren": c.number,
            "typePersonne": "M",
            "content": {
                "natureCreation": {
                    "dateCreation": c.created.isoformat(),
                    "formeJuridique": c.ctype,
                },
                "personneMorale": {
                    "identite": {"entreprise": entreprise},
                    "adresseEntreprise": {
                        "adresse": {
                            "numVoie": a.premises,
                            "voie": a.street,
                            "codePostal": a.postal_code,
                            "commune": a.locality,
                            "pays": "FRANCE",
                            "codePays": "FR",
                        }
                    },
                    "composition": {"pouvoirs": [_power(c, m, as_of) for m in c.mandates]},
                },
            },
        },
    }


class BodaccWriter:
    """One announcement per judgment or radiation, published a few days after it."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.lines = 0

    def ban(self, name: str, c: Company, on: date, years: int) -> None:
        """A personal sanction: the person by name only, as BODACC publishes it."""
        self.lines += 1
        complement = (
            f"Jugement prononçant la faillite personnelle à l'encontre de Monsieur {name}, "
            f"pour une durée de {years} ans."
        )
        row = {
            "id": f"A{on:%Y}{self.lines:06d}",
            "dateparution": (on + timedelta(days=9)).isoformat(),
            "numeroannonce": self.lines,
            "commercant": c.name.upper(),
            "registre": [c.number],
            "tribunal": _COURTS[self.lines % len(_COURTS)],
            "familleavis": "collective",
            "familleavis_lib": "Procédures collectives",
            "jugement": json.dumps(
                {
                    "nature": "Jugement prononçant la faillite personnelle",
                    "date": on.isoformat(),
                    "complementJugement": complement,
                },
                ensure_ascii=False,
            ),
        }
        self.out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")

    def company(self, c: Company, as_of: date) -> None:
        for case in c.insolvency:
            if case.opened > as_of:
                continue
            self.lines += 1
            published = case.opened + timedelta(days=9)
            row: dict[str, Any] = {
                "id": f"A{published:%Y}{self.lines:06d}",
                "dateparution": published.isoformat(),
                "numeroannonce": self.lines,
                "commercant": c.name.upper(),
                "registre": [c.number, f"{c.number[:3]} {c.number[3:6]} {c.number[6:]}"],
                "tribunal": _COURTS[self.lines % len(_COURTS)],
            }
            if case.case_type == LIQUIDATION_JUDICIAIRE:
                row["familleavis"] = "collective"
                row["familleavis_lib"] = "Procédures collectives"
                row["jugement"] = json.dumps(
                    {
                        "nature": "Jugement d'ouverture de liquidation judiciaire",
                        "date": case.opened.isoformat(),
                        "complementJugement": "Jugement prononçant la liquidation judiciaire.",
                    },
                    ensure_ascii=False,
                )
            elif case.case_type == RADIATION:
                row["familleavis"] = "radiation"
                row["familleavis_lib"] = "Radiations"
                row["radiationaurcs"] = json.dumps(
                    {"radiationPM": "O", "dateCessationActivitePM": case.opened.isoformat()}
                )
            else:
                raise ValueError(f"no BODACC announcement for {case.case_type}")
            self.out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
