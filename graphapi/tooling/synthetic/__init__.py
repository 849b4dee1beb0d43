"""Seeded synthetic registry: a world with planted risk cases, written in public formats.

`generate(companies, seed, out)` writes
- `out/companies-house/<number>/{profile,officers,persons-with-significant-control,
  filing-history,insolvency}.json` (Companies House public API shapes),
- `out/companies-house-disqualified/<officer id>.json` (disqualified officer documents),
- `out/bods/ownership.jsonl` (BODS 0.4 entity, person and shareholding records),
- `out/world.json` (the generator's parameters, written once the registry files are complete),
- `out/ground_truth.json` (what each signal must and must not flag).
Same seed, same bytes: one `random.Random` per stream, no wall clock, stable orders.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graphapi.tooling.synthetic.background import Background
from graphapi.tooling.synthetic.factory import HISTORY_YEARS, Factory
from graphapi.tooling.synthetic.params import DEFAULT_AS_OF, PARAMS
from graphapi.tooling.synthetic.plant_structure import StructurePlanter
from graphapi.tooling.synthetic.truth import build
from graphapi.tooling.synthetic.update import apply_update, plant_future
from graphapi.tooling.synthetic.world import World
from graphapi.tooling.synthetic.writers_bods import BodsWriter
from graphapi.tooling.synthetic.writers_ch import write_company, write_disqualified

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
    disqualified: int
    positives: dict[str, int] = field(default_factory=dict)


def plant(f: Factory, world: World, companies: int) -> None:
    """All planted cases; how many scales with the size of the world (about 10 %)."""
    p = StructurePlanter(f, world)
    unit = max(2, companies // 1000)
    big = max(1, companies // 5000)
    p.worked_cycle()
    p.exactly_quarter()
    p.cross_border()
    plant_future(p)
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


def generate(
    companies: int,
    seed: int,
    out: Path,
    as_of: date | None = None,
    version: int = 1,
    history_years: int = HISTORY_YEARS,
) -> GenerationSummary:
    """Generate a world of `companies` companies and write it under `out`.

    `version=2` writes the same world after a planted insolvency and a director change
    (update.py); its ground truth is dated three months after `as_of`. `history_years` bounds
    the background companies' yearly filings (planted cases keep theirs: detectors need them).
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
    plant(factory, world, companies)
    n_background = companies - len(world.companies)
    if n_background < 0:
        raise ValueError(
            f"{companies} companies are fewer than the {len(world.companies)} planted ones"
        )
    ch_root = out / "companies-house"
    (out / "bods").mkdir(parents=True, exist_ok=True)
    ch_root.mkdir(parents=True, exist_ok=True)
    ch_files = 0
    background_active: list[str] = []
    background_ended: list[str] = []
    with (out / "bods" / "ownership.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        bods = BodsWriter(fh, as_of)
        # Background companies stream: made, written, forgotten (only their keys stay). They
        # come first so that a version 2 update cannot change what they draw.
        factory.rng = random.Random(f"{seed}:background")
        background = Background(factory, history_years)
        for _ in range(n_background):
            c = background.make()
            ch_files += write_company(ch_root, c)
            bods.company(c)
            if c.status == "active":
                background_active.append(c.key)
            elif c.status == "dissolved":
                background_ended.append(c.key)
        changes: list[dict[str, Any]] = []
        if version == 2:
            factory.rng = random.Random(f"{seed}:update")
            changes = apply_update(factory, world)
        for c in world.companies:
            if c.scheme == "GB-COH":
                ch_files += write_company(ch_root, c)
            bods.company(c)
        bods_lines = bods.lines
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
    }
    (out / "world.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    truth = build(
        world,
        PARAMS,
        seed=seed,
        background_active=background_active,
        background_ended=background_ended,
        background_total=n_background,
    )
    truth["version"] = version
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
        disqualified=len(world.disqualifications),
        positives={k: len(v["positives"]) for k, v in truth["signals"].items()},
    )
