"""Belgian- and French-shaped worlds with planted cases, written as those registries publish.

`generate_regional("be", companies, seed, out)` writes
- `out/kbo/KboOpenData_<n>_…_Full/` and `…_Update/` folders: the KBO open data, a full set
  five years before `as_of` and a daily update for each later day with a change (writers_kbo.py).
  The KBO holds no directors;
- `out/ftm/directors.jsonl`: FollowTheMoney `Company`, `Person` (birth month and year) and
  `Directorship` entities, the form in which Belgian directors and managers reach duegraph (the
  Belgian Official Gazette publishes appointments as scanned deeds; the nbb-accounts loader does
  not read the directors listed in NBB deposits);
- `out/bods/ubo-register.jsonl`: each company's beneficial owners as the UBO register's extracts
  give them to an obliged entity, BODS 0.4 statements (writers_bods.py).

`generate_regional("fr", …)` writes
- `out/rne/companies.jsonl`: the RNE (INPI) company JSON, dirigeants with roles and dates;
- `out/bodacc/annonces.jsonl`: BODACC procédures collectives and radiations.

Both write `out/world.json` and `out/ground_truth.json` (truth.py's shape), whose `signals`
hold only the kinds the jurisdiction's data can support (`SCORED`; docs/analytics.md, "Measuring
on planted ground truth", says why the others are left out). Same seed, same bytes.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import IO, Any

from graphapi.tooling.synthetic.background import adult
from graphapi.tooling.synthetic.factory import Factory, add_months
from graphapi.tooling.synthetic.params import DEFAULT_AS_OF, PARAMS
from graphapi.tooling.synthetic.plant_regional import RegionalPlanter, plant_regional
from graphapi.tooling.synthetic.truth import build
from graphapi.tooling.synthetic.world import Company, Holding, Share, World
from graphapi.tooling.synthetic.writers_bods import REGISTERS, BodsWriter
from graphapi.tooling.synthetic.writers_fr import BodaccWriter, rne_company
from graphapi.tooling.synthetic.writers_ftm import FtmWriter
from graphapi.tooling.synthetic.writers_kbo import write_kbo

__all__ = ["FOLDERS", "SCORED", "generate_regional"]

MIN_REGIONAL_COMPANIES = 200
# The kinds each jurisdiction's published data can support (docs/analytics.md).
SCORED: dict[str, tuple[str, ...]] = {
    "be": (
        "COMPANY_INSOLVENT",
        "DIRECTOR_PAST_BANKRUPTCIES",
        "LATE_DIRECTOR_CHANGE",
        "PHOENIX_SUCCESSOR",
        "MASS_REGISTRATION_ADDRESS",
        "HIDDEN_CONTROLLER",
        "FRONT_PERSON",
        "NO_UBO_FOUND",
        "UBO_REGISTER_STATEMENT",
    ),
    "fr": (
        "COMPANY_INSOLVENT",
        "DIRECTOR_PAST_BANKRUPTCIES",
        "LATE_DIRECTOR_CHANGE",
        "PHOENIX_SUCCESSOR",
        "MASS_REGISTRATION_ADDRESS",
    ),
}
# The formats that read each jurisdiction's folders, in load order.
FOLDERS: dict[str, tuple[tuple[str, str], ...]] = {
    "be": (("kbo", "kbo"), ("ftm", "ftm"), ("bods", "bods")),
    "fr": (("fr-rne", "rne"), ("bodacc", "bodacc")),
}
FIRST_EXTRACT = 100  # the full set's ExtractNumber
_ROLES = {"610": "Zaakvoerder", "014": "Bestuurder"}


class DirectorsWriter(FtmWriter):
    """FtM directorships: each person and company once, before the links that name them."""

    def directors(self, c: Company, as_of: date) -> None:
        org = self.company(c)
        for n, m in enumerate(c.mandates):
            props = {
                "director": [self.person(m.person)],
                "organization": [org],
                "role": [_ROLES.get(c.ctype, "Bestuurder")],
                "startDate": [m.start.isoformat()],
            }
            if m.end is not None and m.end <= as_of:
                props["endDate"] = [m.end.isoformat()]
            self._emit(f"directorship-{org}-{n}", "Directorship", props)


def _background(p: RegionalPlanter, snapshot: date) -> Company:
    """A clean company from before the full set, with one to three directors (one may have
    been replaced years ago)."""
    f = p.f
    created = add_months(snapshot, -f.rng.randint(1, 240))
    n = f.rng.choices([1, 2, 3], weights=[55, 35, 10])[0]
    company = p.company(created)
    for _ in range(n):
        f.appoint(company, adult(f, created), created)
    # Its beneficial owner as the UBO register states it: the first director, alone.
    company.holdings.append(Holding(company.mandates[0].person, Share(exact=100.0), created))
    if f.rng.random() < 0.2:
        left = add_months(created, f.rng.randint(6, 60))
        if left < add_months(p.w.as_of, -24):
            company.mandates[0].end = left
            f.appoint(company, adult(f, left), left)
    company.filings.clear()
    return company


def generate_regional(
    country: str, companies: int, seed: int, out: Path, as_of: date | None = None
) -> dict[str, Any]:
    """Write a `country` ("be" or "fr") world of `companies` companies; returns a summary."""
    if country not in SCORED:
        raise ValueError(f"no regional world for {country!r}: be or fr")
    if companies < MIN_REGIONAL_COMPANIES:
        raise ValueError(f"at least {MIN_REGIONAL_COMPANIES} companies are needed")
    as_of = as_of or DEFAULT_AS_OF
    snapshot = add_months(as_of, -60)
    factory = Factory(random.Random(f"{seed}:{country}"), as_of)
    world = World(as_of)
    planter = RegionalPlanter(factory, world, country, snapshot)
    plant_regional(planter, companies)
    n_background = companies - len(world.companies)
    if n_background < 0:
        raise ValueError(f"{companies} companies are fewer than the planted ones")
    background = [_background(planter, snapshot) for _ in range(n_background)]
    every = [*world.companies, *background]
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, int] = {}
    if country == "be":
        files["kbo extracts"] = write_kbo(out / "kbo", every, snapshot, FIRST_EXTRACT)
        (out / "bods").mkdir(exist_ok=True)
        with _lines(out / "bods" / "ubo-register.jsonl") as fh:
            bods = BodsWriter(fh, as_of)
            for c in every:
                if c.holdings:
                    bods.company(c)
            for c, reason, when in planter.statements:
                _statement(bods, c, reason, when)
        files["bods lines"] = bods.lines
        (out / "ftm").mkdir(exist_ok=True)
        with _lines(out / "ftm" / "directors.jsonl") as fh:
            ftm = DirectorsWriter(fh)
            for c in every:
                ftm.directors(c, as_of)
        files["ftm lines"] = ftm.lines
    else:
        (out / "rne").mkdir(exist_ok=True)
        (out / "bodacc").mkdir(exist_ok=True)
        with _lines(out / "rne" / "companies.jsonl") as fh:
            for c in every:
                fh.write(json.dumps(rne_company(c, as_of), ensure_ascii=False) + "\n")
        with _lines(out / "bodacc" / "annonces.jsonl") as fh:
            bodacc = BodaccWriter(fh)
            for c in every:
                bodacc.company(c, as_of)
            for name, c, on, years in planter.bans:
                bodacc.ban(name, c, on, years)
        files["rne companies"] = len(every)
        files["bodacc announcements"] = bodacc.lines
    manifest = {"jurisdiction": country, "companies": companies, "seed": seed}
    manifest["as_of"] = as_of.isoformat()
    (out / "world.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    truth = build(
        world,
        PARAMS,
        seed=seed,
        background_active=[c.key for c in background],
        background_total=n_background,
    )
    kinds = SCORED[country]
    truth["jurisdiction"] = country
    truth["signals"] = {k: v for k, v in truth["signals"].items() if k in kinds}
    for name in ("positives", "hard_negatives"):
        counts = truth["counts"][name]
        truth["counts"][name] = {k: n for k, n in counts.items() if k in kinds}
    truth["cases"] = [c for c in truth["cases"] if c["kind"] in kinds]
    (out / "ground_truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return {
        "jurisdiction": country,
        "as_of": as_of,
        "companies": companies,
        "planted": len(world.companies),
        "files": files,
        "positives": {k: len(v["positives"]) for k, v in truth["signals"].items()},
    }


def _statement(bods: BodsWriter, c: Company, reason: str, when: date) -> None:
    """A UBO-register entry naming no owner: an unspecified interested party with its reason
    (BODS 0.4 codelist `unspecifiedReason`)."""
    subject = bods.entity(c)
    details = {
        "isComponent": False,
        "subject": subject,
        "interestedParty": {"reason": reason, "description": f"UBO register: {reason}"},
        "interests": [
            {
                "type": "unknownInterest",
                "beneficialOwnershipOrControl": True,
                "startDate": when.isoformat(),
            }
        ],
    }
    rid = f"rel-{subject}-statement"
    bods._emit(rid, "relationship", subject, when, details, REGISTERS[c.scheme])


def _lines(path: Path) -> IO[str]:
    return path.open("w", encoding="utf-8", newline="\n")
