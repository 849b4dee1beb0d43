"""UK Companies House loaders: API folders, PSC snapshot, BasicCompanyData, disqualifications."""

from __future__ import annotations

from loaders.companies_house import api_folders, basic_data, disqualified, psc_snapshot
from loaders.contract import Format

FORMATS: list[Format] = [
    api_folders.FORMAT,
    psc_snapshot.FORMAT,
    basic_data.FORMAT,
    disqualified.FORMAT,
]
