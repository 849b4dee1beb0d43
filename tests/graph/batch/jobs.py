"""Helpers: run a portfolio job against the test Neo4j the way the CLI does."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from graph_schema.db import open_async_driver
from graph_schema.settings import Settings
from graph_schema.signal_params import SignalParams
from graphapi.analytics.assess import Assessment, UboAssessment
from graphapi.batch import screen, ubo_check
from graphapi.batch.runner import Job, JobSummary, run_job
from graphapi.services.assessment import assess_companies, check_ubo


def ubo_job(input: Path, output: Path, as_of: date, **options: object) -> Job[UboAssessment]:
    return Job(
        input=input, output=output, as_of=as_of, params=SignalParams(), assess=check_ubo,
        render=ubo_check.render_ubo, columns=ubo_check.OWNER_COLUMNS, to_csv=ubo_check.ubo_csv,
        companion=ubo_check.COMPANIES,
        **options,  # type: ignore[arg-type]
    )  # fmt: skip


def screen_job(input: Path, output: Path, as_of: date, **options: object) -> Job[Assessment]:
    return Job(
        input=input, output=output, as_of=as_of, params=SignalParams(), assess=assess_companies,
        render=screen.render_screen, columns=screen.COLUMNS, to_csv=screen.screen_csv,
        **options,  # type: ignore[arg-type]
    )  # fmt: skip


def run(settings: Settings, job: Job[Any]) -> JobSummary:
    async def main() -> JobSummary:
        driver = open_async_driver(settings.neo4j)
        try:
            return await run_job(driver, settings.neo4j.database, job)
        finally:
            await driver.close()

    return asyncio.run(main())
