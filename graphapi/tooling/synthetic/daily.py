"""One day of registry updates for a generated world: what a daily refresh of 1 % of its
companies brings, as Companies House API documents, with the list of what changed.

A refresh re-fetches a company's documents whole (its profile, officer list, PSC register,
filing history, insolvency cases), so the day's folder holds every document of each touched
company: most of it restates what the graph already holds, and one thing has changed, the way
the register records it:

- `new-officer`: a director appointed on the day (AP01 filed);
- `resignation`: a serving director's `resigned_on` (TM01 filed);
- `psc-change`: a new person with significant control notified on the day and, where one is
  registered, a current one ceasing (PSC01 / PSC07 filed);
- `insolvency`: a creditors' voluntary liquidation opened (`wound-up-on`), status `liquidation`;
- `filing`: a confirmation statement (CS01), a routine filing `duegraph changes` does not
  report (it is no change in who runs, owns or controls the company).

It reads and writes only the documents of a generated world (`generate(...)` output: one
folder per company under `companies-house/`, `world.json`), so it works on any world the
generator writes. `changes.json` lists each planted change with what `duegraph changes` must
report for its company.
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

KINDS = ("new-officer", "resignation", "psc-change", "insolvency", "filing")
SHARE = 0.01  # of the world's companies touched in one day
CH = "companies-house"

_FORENAMES = ("Amelia", "Oliver", "Priya", "Tomasz", "Grace", "Kwame", "Isla", "Mateo", "Hana")
_SURNAMES = ("Ashworth", "Okafor", "Lindqvist", "Moreau", "Pemberton", "Rahman", "Castell")
_PSC_LINK = "/company/{number}/persons-with-significant-control/individual"
_CITIES = (("Leeds", "LS2 7HY"), ("Bristol", "BS1 4DJ"), ("Glasgow", "G1 1XQ"))


@dataclass(frozen=True)
class Planted:
    company: str  # graph key (GB-COH-<number>)
    kind: str  # one of KINDS
    reported: tuple[str, ...]  # ChangeKind names `duegraph changes` must report for it
    detail: str  # who or what, on the day


@dataclass(frozen=True)
class Day:
    folder: Path  # the day's `companies-house` folder (load it with `duegraph load ch-api`)
    date: date
    world_companies: int
    changes: list[Planted]

    @property
    def companies(self) -> list[str]:
        return sorted({c.company for c in self.changes})


def company_key(number: str) -> str:
    return f"GB-COH-{number}"


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


Change = tuple[tuple[str, ...], str]  # (what `duegraph changes` reports, a description)


class _DayWriter:
    def __init__(self, on: date, rng: random.Random) -> None:
        self.on = on
        self.rng = rng
        self.serial = 0

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def person(self) -> dict[str, Any]:
        forename, surname = self.rng.choice(_FORENAMES), self.rng.choice(_SURNAMES)
        city, postcode = self.rng.choice(_CITIES)
        born = self.rng.randint(1950, 2000)
        return {
            "forename": forename,
            "surname": surname,
            "date_of_birth": {"month": self.rng.randint(1, 12), "year": born},
            "nationality": "British",
            "country_of_residence": "United Kingdom",
            "address": {
                "premises": str(self.rng.randint(1, 200)),
                "address_line_1": "Market Street",
                "locality": city,
                "postal_code": postcode,
                "country": "England",
            },
        }

    def filing(self, number: str, category: str, ftype: str, description: str) -> dict[str, Any]:
        transaction = f"day{self.on:%Y%m%d}{self._next():06d}"
        return {
            "category": category,
            "type": ftype,
            "date": self.on.isoformat(),
            "description": description,
            "transaction_id": transaction,
            "links": {"self": f"/company/{number}/filing-history/{transaction}"},
        }

    def new_officer(self, docs: dict[str, dict[str, Any]], number: str) -> Change:
        who = self.person()
        officers = docs["officers.json"]
        officers["items"].append(
            {
                "name": f"{who['surname'].upper()}, {who['forename']}",
                "officer_role": "director",
                "appointed_on": self.on.isoformat(),
                "date_of_birth": who["date_of_birth"],
                "nationality": who["nationality"],
                "country_of_residence": who["country_of_residence"],
                "occupation": "Director",
                "address": who["address"],
                "links": {"officer": {"appointments": f"/officers/day{self._next()}/appointments"}},
            }
        )
        _count(officers, "active_count", 1)
        _count(officers, "total_results", 1)
        self._file(docs, number, "officers", "AP01", "appoint-person-director-company-with-name")
        return ("DIRECTOR_APPOINTED",), f"{officers['items'][-1]['name']} appointed director"

    def resignation(self, docs: dict[str, dict[str, Any]], number: str) -> Change:
        officers = docs["officers.json"]
        serving = _serving_director(officers)
        assert serving is not None  # chosen only where there is one
        serving["resigned_on"] = self.on.isoformat()
        _count(officers, "active_count", -1)
        _count(officers, "resigned_count", 1)
        description = "termination-director-company-with-name-termination-date"
        self._file(docs, number, "officers", "TM01", description)
        return ("DIRECTOR_ENDED",), f"{serving['name']} resigned"

    def psc_change(self, docs: dict[str, dict[str, Any]], number: str) -> Change:
        register = docs.setdefault("persons-with-significant-control.json", {"items": []})
        reported = ["CONTROLLER_ADDED"]
        current = next(
            (
                item
                for item in register["items"]
                if item.get("kind") == "individual-person-with-significant-control"
                and not item.get("ceased_on")
            ),
            None,
        )
        if current is not None:
            current["ceased_on"] = self.on.isoformat()
            _count(register, "active_count", -1)
            _count(register, "ceased_count", 1)
            reported.append("CONTROLLER_ENDED")
            self._file(docs, number, "persons-with-significant-control", "PSC07", "cessation")
        who = self.person()
        psc_id = f"day{self._next()}"
        register["items"].append(
            {
                "kind": "individual-person-with-significant-control",
                "name": f"{who['forename']} {who['surname']}",
                "name_elements": {"forename": who["forename"], "surname": who["surname"]},
                "nationality": who["nationality"],
                "country_of_residence": who["country_of_residence"],
                "date_of_birth": who["date_of_birth"],
                "address": who["address"],
                "natures_of_control": [
                    "ownership-of-shares-25-to-50-percent",
                    "voting-rights-25-to-50-percent",
                ],
                "notified_on": self.on.isoformat(),
                "links": {"self": f"{_PSC_LINK.format(number=number)}/{psc_id}"},
            }
        )
        _count(register, "active_count", 1)
        _count(register, "total_results", 1)
        description = "notification-of-a-person-with-significant-control"
        self._file(docs, number, "persons-with-significant-control", "PSC01", description)
        ceased = f"; {current['name']} ceased" if current is not None else ""
        return tuple(reported), f"{who['forename']} {who['surname']} notified{ceased}"

    def insolvency(self, docs: dict[str, dict[str, Any]], number: str) -> Change:
        cases = docs.setdefault("insolvency.json", {"cases": []})
        cases["status"] = "liquidation"
        cases["cases"].append(
            {
                "number": str(len(cases["cases"]) + 1),
                "type": "creditors-voluntary-liquidation",
                "dates": [{"type": "wound-up-on", "date": self.on.isoformat()}],
                "practitioners": [
                    {
                        "name": "Northgate Recovery LLP",
                        "appointed_on": self.on.isoformat(),
                        "role": "practitioner",
                    }
                ],
            }
        )
        profile = docs["profile.json"]
        profile["company_status"] = "liquidation"
        profile["has_insolvency_history"] = True
        self._file(
            docs, number, "insolvency", "LIQ02", "liquidation-voluntary-statement-of-affairs"
        )
        return ("INSOLVENCY",), "creditors' voluntary liquidation opened"

    def routine_filing(self, docs: dict[str, dict[str, Any]], number: str) -> Change:
        self._file(docs, number, "confirmation-statement", "CS01", "confirmation-statement")
        return (), "confirmation statement filed"

    def _file(
        self, docs: dict[str, dict[str, Any]], number: str, category: str, ftype: str, what: str
    ) -> None:
        history = docs.setdefault("filing-history.json", {"items": []})
        history["items"].insert(0, self.filing(number, category, ftype, what))  # newest first
        _count(history, "total_count", 1)


def _count(doc: dict[str, Any], name: str, step: int) -> None:
    if isinstance(doc.get(name), int):
        doc[name] += step


def _serving_director(officers: dict[str, Any]) -> dict[str, Any] | None:
    for item in officers.get("items", []):
        if item.get("officer_role") == "director" and not item.get("resigned_on"):
            return item  # type: ignore[no-any-return]
    return None


def _eligible(docs: dict[str, dict[str, Any]]) -> bool:
    """An active company with a serving director: every kind of change can happen to it."""
    profile = docs.get("profile.json", {})
    return (
        profile.get("company_status") == "active"
        and "officers.json" in docs
        and _serving_director(docs["officers.json"]) is not None
    )


def write_day(world: Path, out: Path, seed: int = 1, share: float = SHARE) -> Day:
    """Write the day after `world`'s as-of date into `out` (emptied first): `out/companies-house/`
    with the touched companies' documents, and `out/changes.json`."""
    manifest = _read(world / "world.json")
    on = date.fromisoformat(manifest["as_of"]) + timedelta(days=1)
    source = world / CH
    names = sorted(entry.name for entry in source.iterdir() if entry.is_dir())
    wanted = max(len(KINDS), round(len(names) * share))
    rng = random.Random(seed)
    rng.shuffle(names)
    shutil.rmtree(out, ignore_errors=True)
    folder = out / CH
    folder.mkdir(parents=True)
    writer = _DayWriter(on, rng)
    changes: list[Planted] = []
    for number in names:
        if len(changes) == wanted:
            break
        docs = {path.name: _read(path) for path in sorted((source / number).glob("*.json"))}
        if not _eligible(docs):
            continue
        kind = KINDS[len(changes) % len(KINDS)]
        plant = {
            "new-officer": writer.new_officer,
            "resignation": writer.resignation,
            "psc-change": writer.psc_change,
            "insolvency": writer.insolvency,
            "filing": writer.routine_filing,
        }[kind]
        reported, detail = plant(docs, number)
        (folder / number).mkdir()
        for name, doc in docs.items():
            _write(folder / number / name, doc)
        changes.append(Planted(company_key(number), kind, reported, detail))
    day = Day(folder, on, len(names), changes)
    _write(
        out / "changes.json",
        {
            "date": on.isoformat(),
            "world_companies": len(names),
            "changes": [asdict(c) for c in changes],
        },
    )
    return day
