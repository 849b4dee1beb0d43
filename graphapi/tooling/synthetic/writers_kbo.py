"""The Belgian KBO/BCE open data as the FPS Economy publishes it: a full set, then daily update
extracts (docs/loaders.md, "KBO"). Neither holds directors.

The full set (`<table>.csv`) lists the enterprises active on its snapshot date; each update
(`<table>_delete.csv` then `<table>_insert.csv`) lists what changed: a new enterprise, or an
enterprise row replaced because its juridical situation changed (050 opening of bankruptcy, 012
voluntary dissolution and liquidation). The open data gives no date for a situation: the
update's snapshot date is the date the graph learns. Updates are written for the days on which
something changed, numbered without gaps after the full set.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from graphapi.tooling.synthetic.plant_regional import BANKRUPTCY, VOLUNTARY_LIQUIDATION
from graphapi.tooling.synthetic.world import Company

SITUATIONS = {BANKRUPTCY: "050", VOLUNTARY_LIQUIDATION: "012"}
# code.csv: the categories the rows use, in Dutch and French as published.
CODES = [
    ("Status", "AC", "NL", "Actief"),
    ("Status", "AC", "FR", "Actif"),
    ("TypeOfEnterprise", "2", "NL", "Rechtspersoon"),
    ("TypeOfEnterprise", "2", "FR", "Personne morale"),
    ("JuridicalForm", "014", "NL", "Naamloze vennootschap"),
    ("JuridicalForm", "014", "FR", "Société anonyme"),
    ("JuridicalForm", "610", "NL", "Besloten vennootschap"),
    ("JuridicalForm", "610", "FR", "Société à responsabilité limitée"),
    ("JuridicalSituation", "000", "NL", "Normale toestand"),
    ("JuridicalSituation", "000", "FR", "Situation normale"),
    ("JuridicalSituation", "012", "NL", "Vrijwillige ontbinding - vereffening"),
    ("JuridicalSituation", "012", "FR", "Dissolution volontaire - liquidation"),
    ("JuridicalSituation", "050", "NL", "Opening faillissement"),
    ("JuridicalSituation", "050", "FR", "Ouverture de faillite"),
    ("TypeOfAddress", "REGO", "NL", "Adres van de zetel"),
    ("TypeOfAddress", "REGO", "FR", "Adresse du siège"),
    ("TypeOfDenomination", "001", "NL", "Naam"),
    ("TypeOfDenomination", "001", "FR", "Dénomination"),
    ("Classification", "MAIN", "NL", "Hoofdactiviteit"),
    ("Classification", "MAIN", "FR", "Activité principale"),
]
ENTERPRISE = [
    "EnterpriseNumber",
    "Status",
    "JuridicalSituation",
    "TypeOfEnterprise",
    "JuridicalForm",
    "JuridicalFormCAC",
    "StartDate",
]
DENOMINATION = ["EntityNumber", "Language", "TypeOfDenomination", "Denomination"]
ACTIVITY = ["EntityNumber", "ActivityGroup", "NaceVersion", "NaceCode", "Classification"]
ADDRESS = [
    "EntityNumber",
    "TypeOfAddress",
    "CountryNL",
    "CountryFR",
    "Zipcode",
    "MunicipalityNL",
    "MunicipalityFR",
    "StreetNL",
    "StreetFR",
    "HouseNumber",
    "Box",
    "ExtraAddressInfo",
    "DateStrikingOff",
]


def dotted(number: str) -> str:
    """0812345603 -> 0812.345.603, as the open data writes enterprise numbers."""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


def _day(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def _enterprise(c: Company, situation: str) -> list[str]:
    return [dotted(c.number), "AC", situation, "2", c.ctype, "", _day(c.created)]


def _tables(c: Company) -> tuple[list[str], list[str], list[str]]:
    """Denomination, address and main activity rows (the activity as NACE-BEL 2008: the
    SIC 2007 code's first four digits are its NACE class)."""
    a = c.address
    # Language 2: Dutch (the legal name in the enterprise's language).
    name = [dotted(c.number), "2", "001", c.name]
    address = [dotted(c.number), "REGO", "", "", a.postal_code, a.locality, a.locality]
    address += [a.street, a.street, a.premises, "", "", ""]
    activity = [dotted(c.number), "001", "2008", c.sic[0], "MAIN"]
    return name, address, activity


def _meta(folder: Path, snapshot: date, kind: str, number: int) -> None:
    rows = [
        ["SnapshotDate", _day(snapshot)],
        ["ExtractTimestamp", f"{_day(snapshot)} 06:00:00"],
        ["ExtractType", kind],
        ["ExtractNumber", f"{number:04d}"],
        ["Version", "1.0.0"],
    ]
    _write(folder / "meta.csv", ["Variable", "Value"], rows)
    _write(
        folder / "code.csv", ["Category", "Code", "Language", "Description"], list(map(list, CODES))
    )


def write_kbo(root: Path, companies: list[Company], snapshot: date, number: int) -> int:
    """The full set at `snapshot` (extract `number`) and one update per later day with a
    change; returns how many extracts were written."""
    root.mkdir(parents=True, exist_ok=True)
    # day -> (new enterprises, (enterprise, situation) changes)
    days: dict[date, tuple[list[Company], list[tuple[Company, str]]]] = {}
    present = []
    for c in companies:
        if c.created <= snapshot:
            present.append(c)
        else:
            days.setdefault(c.created, ([], []))[0].append(c)
        for case in c.insolvency:
            if case.opened <= snapshot:
                raise ValueError(f"{c.name}: {case.case_type} before the full set's snapshot")
            days.setdefault(case.opened, ([], []))[1].append((c, SITUATIONS[case.case_type]))
    full = root / f"KboOpenData_{number:04d}_{snapshot:%Y_%m}_Full"
    full.mkdir()
    _meta(full, snapshot, "full", number)
    present.sort(key=lambda c: c.number)
    _write(full / "enterprise.csv", ENTERPRISE, [_enterprise(c, "000") for c in present])
    tables = [_tables(c) for c in present]
    _write(full / "denomination.csv", DENOMINATION, [t[0] for t in tables])
    _write(full / "address.csv", ADDRESS, [t[1] for t in tables])
    _write(full / "activity.csv", ACTIVITY, [t[2] for t in tables])
    written = 1
    for day in sorted(days):
        new, changed = days[day]
        number += 1
        folder = root / f"KboOpenData_{number:04d}_{day:%Y_%m_%d}_Update"
        folder.mkdir()
        _meta(folder, day, "update", number)
        situation = {c.key: s for c, s in changed}
        fresh = {c.key for c in new}
        rows = sorted(
            [_enterprise(c, situation.get(c.key, "000")) for c in new]
            + [_enterprise(c, s) for c, s in changed if c.key not in fresh]
        )
        deleted = sorted([dotted(c.number)] for c, _ in changed)
        _write(folder / "enterprise_delete.csv", ["EnterpriseNumber"], deleted)
        _write(folder / "enterprise_insert.csv", ENTERPRISE, rows)
        if new:
            tables = [_tables(c) for c in sorted(new, key=lambda c: c.number)]
            _write(folder / "denomination_insert.csv", DENOMINATION, [t[0] for t in tables])
            _write(folder / "address_insert.csv", ADDRESS, [t[1] for t in tables])
            _write(folder / "activity_insert.csv", ACTIVITY, [t[2] for t in tables])
        written += 1
    return written
