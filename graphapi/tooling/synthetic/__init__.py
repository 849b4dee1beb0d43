"""Seeded synthetic registry: a UK-shaped world with planted risk cases, written as each
registry publishes it.

`generate(companies, seed, out)` writes
- `out/companies-house/<number>/{profile,officers,persons-with-significant-control,
  persons-with-significant-control-statements,filing-history,insolvency,exemptions}.json`
  (Companies House public API shapes: no shareholder list, the PSC register instead; an
  insolvency document for some insolvent companies and not others, as a bulk fetch has gaps),
- `out/companies-house/officers/<officer_id>/appointments.json` (each officer's appointments),
- `out/companies-house-disqualified/<officer id>.json` (disqualified officer documents),
- `out/ch-accounts/<yyyy-mm>/Prod224_<run>_<number>_<yyyymmdd>.html` (each UK company's latest
  annual accounts as inline XBRL, in the shape of its accounts type: accounts_world.py),
- `out/nbb-accounts/<enterprise number>-<year>.csv` (the Belgian companies' NBB deposits, CSV
  export),
- `out/bods/ownership.jsonl` (BODS 0.4: the Belgian and French companies' beneficial-owner
  registers, statements with source type officialRegister),
- `out/ftm/shareholders.jsonl` (FollowTheMoney `Ownership`: the shareholder lists of the few
  companies whose shareholders reach a second source),
- `out/ledger/{clients,invoices}.csv` (the firm's own ledger: a sample of the companies as
  clients, their invoices and payments, with planted payment cases: ledger.py),
- `out/world.json` (the generator's parameters, written once the registry files are complete),
- `out/ground_truth.json` (the plan: what each signal must flag, at which severity, and what
  it must not).
Same seed, same bytes: one `random.Random` per stream, no wall clock, stable orders.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graphapi.tooling.synthetic.accounts_plant import plant_accounts
from graphapi.tooling.synthetic.accounts_world import AccountsWriter
from graphapi.tooling.synthetic.background import Background
from graphapi.tooling.synthetic.factory import HISTORY_YEARS, Factory
from graphapi.tooling.synthetic.ledger import (
    MAX_SAMPLE,
    SAMPLE_EVERY,
    plant_ledger_cases,
    planted_sample,
    write_ledger,
)
from graphapi.tooling.synthetic.params import DEFAULT_AS_OF, PARAMS
from graphapi.tooling.synthetic.plant_structure import StructurePlanter
from graphapi.tooling.synthetic.truth import build
from graphapi.tooling.synthetic.update import apply_update, plant_future
from graphapi.tooling.synthetic.world import Company, World
from graphapi.tooling.synthetic.writers_bods import BodsWriter
from graphapi.tooling.synthetic.writers_ch import Appointments, write_company, write_disqualified
from graphapi.tooling.synthetic.writers_ftm import FtmWriter

__all__ = ["GenerationSummary", "generate", "plant"]

MIN_COMPANIES = 300


@dataclass(frozen=True)
class GenerationSummary:
    out: Path
    seed: int
    as_of: date
    companies: int
    planted: int
    background: int
    ch_files: int
    bods_lines: int
    ftm_lines: int
    disqualified: int
    accounts_files: int = 0
    positives: dict[str, int] = field(default_factory=dict)


def plant(f: Factory, world: World, companies: int) -> StructurePlanter:
    """All planted cases; how many scales with the size of the world (about 10 %)."""
    p = StructurePlanter(f, world)
    unit = max(2, companies // 1000)
    big = max(1, companies // 5000)
    p.worked_cycle()
    p.exactly_quarter()
    p.cross_border()
    plant_future(p)
    p.firms = p.corporate_secretaries(2 * big)
    for i in range(big):
        p.mass_address(i)
        p.independent_director(i)
    for i in range(unit):
        for k in (1, 2, 3):
            p.failed_director(3 * i + k - 1, k)
        p.solvent_endings(i)
        p.disqualified(i)
        p.hidden_controller(i)
        p.front_person(i)
        p.front_person(i + 1)  # the other age variant (19 / 78)
        for v in range(3):
            p.phoenix(3 * i + v)
        p.late_change(i)
        p.dormant(i)
        p.dormant(i + unit)
        p.cycle(i)
        p.ubo(i)
        p.widely_held(i)
        p.widely_held(i + unit)
        p.register_statements(i)
        p.uk_groups(i)
    return p


def generate(
    companies: int,
    seed: int,
    out: Path,
    as_of: date | None = None,
    version: int = 1,
    history_years: int = HISTORY_YEARS,
    with_accounts: bool = True,
) -> GenerationSummary:
    """Generate a world of `companies` companies and write it under `out`.

    `version=2` writes the same world after a planted insolvency and a director change
    (update.py); its ground truth is dated three months after `as_of`. `history_years` bounds
    the background companies' yearly filings (planted cases keep theirs: detectors need them).
    `with_accounts=False` writes no accounts and plants no financial case (the benchmark, which
    loads a bulk accounts zip of its own, generates its worlds so).
    """
    if companies < MIN_COMPANIES:
        raise ValueError(f"at least {MIN_COMPANIES} companies are needed to plant every case")
    if version not in (1, 2):
        raise ValueError(f"version must be 1 or 2, not {version}")
    if history_years < 1:
        raise ValueError(f"history_years must be at least 1, not {history_years}")
    as_of = as_of or DEFAULT_AS_OF
    factory = Factory(random.Random(seed), as_of)
    world = World(as_of)
    planter = plant(factory, world, companies)
    # The ledger's cases draw from their own stream: the rest of the world stays as it was.
    world_rng, factory.rng = factory.rng, random.Random(f"{seed}:ledger")
    ledger_cases = plant_ledger_cases(planter)
    factory.rng = world_rng
    # Chosen before a version 2 update changes any status: both versions bill the same clients.
    planted_clients = planted_sample(world.companies, ledger_cases)
    book = plant_accounts(planter, companies, cases=with_accounts)
    n_background = companies - len(world.companies)
    if n_background < 0:
        raise ValueError(
            f"{companies} companies are fewer than the {len(world.companies)} planted ones"
        )
    ch_root = out / "companies-house"
    (out / "bods").mkdir(parents=True, exist_ok=True)
    ch_root.mkdir(parents=True, exist_ok=True)
    (out / "ftm").mkdir(parents=True, exist_ok=True)
    ch_files = 0
    background_active: list[str] = []
    clients: list[Company] = []  # background companies the ledger bills
    appointments = Appointments(ch_root)
    accounts = AccountsWriter(
        out / "ch-accounts", seed, book, as_of, out / "nbb-accounts", enabled=with_accounts
    )
    bods_path = out / "bods" / "ownership.jsonl"
    ftm_path = out / "ftm" / "shareholders.jsonl"
    with (
        bods_path.open("w", encoding="utf-8", newline="\n") as fh,
        ftm_path.open("w", encoding="utf-8", newline="\n") as fh_ftm,
    ):
        bods = BodsWriter(fh, as_of)
        ftm = FtmWriter(fh_ftm)
        # Background companies stream: made, written, forgotten (only their keys stay). They
        # come first so that a version 2 update cannot change what they draw.
        factory.rng = random.Random(f"{seed}:background")
        background = Background(factory, history_years, secretaries=planter.firms)
        for _ in range(n_background):
            c = background.make()
            ch_files += write_company(ch_root, c, as_of)
            appointments.company(c)
            accounts.company(c, background=True)
            if c.status == "active":
                background_active.append(c.key)
                if len(background_active) % SAMPLE_EVERY == 0 and len(clients) < MAX_SAMPLE:
                    clients.append(c)
        changes: list[dict[str, Any]] = []
        if version == 2:
            factory.rng = random.Random(f"{seed}:update")
            changes = apply_update(planter)
        for c in world.companies:
            if c.scheme == "GB-COH":
                ch_files += write_company(ch_root, c, as_of)
                appointments.company(c)
                accounts.company(c)
            else:
                bods.company(c)
                accounts.company(c)
            if c.shareholders_published:
                ftm.shareholders(c)
        bods_lines, ftm_lines = bods.lines, ftm.lines
    ch_files += appointments.files
    for d in world.disqualifications:
        write_disqualified(out / "companies-house-disqualified", d)
    # What was generated, written once every registry file is: a benchmark can check and reuse
    # the world without its ground truth (which takes minutes to derive at 1M companies).
    manifest = {
        "companies": companies,
        "seed": seed,
        "as_of": as_of.isoformat(),
        "version": version,
        "background_history_years": history_years,
        "accounts": with_accounts,
    }
    (out / "world.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    truth = build(
        world,
        PARAMS,
        seed=seed,
        background_active=background_active,
        background_total=n_background,
    )
    truth["version"] = version
    clients += planted_clients
    truth["ledger"] = write_ledger(out, ledger_cases, clients, seed, as_of)
    truth["background_history_years"] = history_years
    if version == 2:
        truth["previous_as_of"] = as_of.isoformat()
        truth["changes"] = changes
    (out / "ground_truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return GenerationSummary(
        out=out,
        seed=seed,
        as_of=world.as_of,
        companies=companies,
        planted=len(world.companies),
        background=n_background,
        ch_files=ch_files,
        bods_lines=bods_lines,
        ftm_lines=ftm_lines,
        disqualified=len(world.disqualifications),
        accounts_files=accounts.files,
        positives={k: len(v["positives"]) for k, v in truth["signals"].items()},
    )
