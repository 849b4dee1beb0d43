"""Annual accounts of a generated world, written as Companies House publishes them (and the
NBB deposits of its Belgian companies: accounts_nbb.py).

Every accounts filing of a company's filing history (`AA`, made up to a date, of an accounts
type) is published as an inline XBRL file: `out/ch-accounts/<yyyy-mm filed>/Prod224_<run>_
<number>_<yyyymmdd>.html`, the monthly bulk product's members unzipped by month (the
`ch-accounts` loader reads the folder). Only each company's latest filings are written (two by
default, three years of figures with the prior year each carries; planted cases say how many):
the financial findings look at no more than the last three years.

Figures come from a seeded stream of their own per company (`<seed>:accounts:<company>`), so
that adding accounts changes nothing else in the world, and from the planted cases' series
(accounts_plant.py). The profile's `next_accounts` (period end and due date, `overdue`) is
derived from the filing history: next period end a year after the last one (for a first
accounts, a year after incorporation), due nine months after it (21 months after incorporation
for first accounts), as the Companies Act 2006 s.442 sets for private companies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from graphapi.tooling.synthetic.accounts_figures import MICRO, Year, healthy
from graphapi.tooling.synthetic.accounts_ixbrl import filing, member_name
from graphapi.tooling.synthetic.accounts_nbb import deposit_csv, due_years
from graphapi.tooling.synthetic.factory import add_months
from graphapi.tooling.synthetic.world import Case, Company, Filing

PREFIX = "accounts-with-accounts-type-"
WRITTEN = 2  # latest filings written per company unless a planted case says otherwise
# Background micro-entities whose latest balance sheet shows small net liabilities (a director's
# loan funding the company): common among UK micro-entities, flagged at severity 2 only.
SMALL_DEFICIT_SHARE = 0.08
SMALL_DEFICIT = (0.02, 0.2)  # net liabilities as a share of total assets
# Companies whose obligation to file is suspended or ended: no next accounts on the profile.
_NO_NEXT = frozenset({"dissolved", "liquidation", "administration", "receivership"})


@dataclass
class AccountsBook:
    """Planted series (company key -> years, oldest first, the last one the latest filing's)
    and the background case collecting micro-entities with small net liabilities."""

    series: dict[str, list[Year]] = field(default_factory=dict)
    background: list[Case] = field(default_factory=list)
    # Belgian companies -> how many of their latest due deposits are missing.
    nbb_missing: dict[str, int] = field(default_factory=dict)


def accounts_filings(c: Company) -> list[Filing]:
    found = [f for f in c.filings if f.category == "accounts" and "made_up_date" in f.values]
    return sorted(found, key=lambda f: (f.values["made_up_date"], f.date))


def kind_of(f: Filing) -> str:
    return f.description.removeprefix(PREFIX)


def _end(f: Filing) -> date:
    return date.fromisoformat(f.values["made_up_date"])


def next_accounts(c: Company, as_of: date) -> dict[str, Any] | None:
    """The profile's `accounts` fields about the next accounts, or None when none are due."""
    if c.status in _NO_NEXT or c.scheme != "GB-COH":
        return None
    filed = accounts_filings(c)
    if filed:
        period_end = add_months(_end(filed[-1]).replace(day=1), 13) - timedelta(days=1)
        due = add_months(period_end.replace(day=1), 10) - timedelta(days=1)
    else:
        period_end = add_months(c.created.replace(day=1), 13) - timedelta(days=1)
        due = add_months(c.created, 21)
    return {
        "next_made_up_to": period_end.isoformat(),
        "next_due": due.isoformat(),
        "overdue": due < as_of,
        "next_accounts": {
            "period_end_on": period_end.isoformat(),
            "due_on": due.isoformat(),
            "overdue": due < as_of,
        },
        "accounting_reference_date": {"day": str(period_end.day), "month": str(period_end.month)},
    }


class AccountsWriter:
    """UK filings under `root`, Belgian NBB deposits under `nbb_root`."""

    def __init__(
        self,
        root: Path,
        seed: int,
        book: AccountsBook,
        as_of: date,
        nbb_root: Path,
        *,
        enabled: bool = True,
    ) -> None:
        self.enabled = enabled
        self.root = root
        self.nbb_root = nbb_root
        self.seed = seed
        self.book = book
        self.as_of = as_of
        self.files = 0
        self._folders: set[str] = set()
        if enabled:
            root.mkdir(parents=True, exist_ok=True)
            nbb_root.mkdir(parents=True, exist_ok=True)

    def _nbb(self, c: Company) -> None:
        years = due_years(c, self.as_of, self.book.nbb_missing.get(c.key, 0))
        if not years:
            return
        rng = random.Random(f"{self.seed}:accounts:{c.key}")
        figures = healthy(rng, ["small"] * len(years))
        for year, y in zip(years, figures, strict=True):
            text = deposit_csv(c, year, y, f"{year + 1}-{c.number[-8:]}")
            path = self.nbb_root / f"{c.number}-{year}.csv"
            path.write_text(text, encoding="utf-8", newline="\n")
            self.files += 1

    def company(self, c: Company, *, background: bool = False) -> None:
        if not self.enabled:
            return
        if c.scheme == "BE-BCE_KBO":
            self._nbb(c)
            return
        if c.scheme != "GB-COH":
            return
        filings = accounts_filings(c)
        planted = self.book.series.get(c.key)
        n = len(planted) - 1 if planted else WRITTEN
        written = filings[-n:] if n > 0 else []
        if not written:
            return
        first = len(filings) == len(written)  # the earliest written is the company's first
        kinds = [kind_of(written[0]), *(kind_of(f) for f in written)]
        if planted is None:
            rng = random.Random(f"{self.seed}:accounts:{c.key}")
            deficit = None
            if (
                background
                and c.status == "active"
                and kinds[-1] == MICRO
                and rng.random() < SMALL_DEFICIT_SHARE
            ):
                deficit = rng.uniform(*SMALL_DEFICIT)
                self._small_deficit(c)
            years = healthy(rng, kinds, deficit=deficit)
        else:
            years = planted[-(len(written) + 1) :]
        for i, f in enumerate(written):
            end = _end(f)
            start = add_months(end.replace(day=1), -11)
            prior = None
            if not (i == 0 and first):
                p_end = start - timedelta(days=1)
                prior = (add_months(p_end.replace(day=1), -11), p_end, years[i])
            elif start <= c.created:
                start = c.created
            text = filing(c.number, c.name, kind_of(f), (start, end), years[i + 1], prior)
            month = f"{f.date:%Y-%m}"
            folder = self.root / month
            if month not in self._folders:
                folder.mkdir(exist_ok=True)
                self._folders.add(month)
            path = folder / member_name(c.number, end, f.date)
            path.write_text(text, encoding="utf-8", newline="\n")
            self.files += 1

    def _small_deficit(self, c: Company) -> None:
        for case in self.book.background:
            case.positives[c.key] = 2
