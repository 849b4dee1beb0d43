"""Clean background companies: 1-3 directors, owners summing to 100 %, regular filings.

They carry no planted risk: persons are used only here, names are dissimilar, nobody failed.
Generated one at a time so that a large world streams to disk.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from datetime import date, timedelta

from graphapi.tooling.synthetic.factory import HISTORY_YEARS, Factory, add_months
from graphapi.tooling.synthetic.world import Company, Person

# Ownership splits never put anybody at exactly 25 % (rule-set dependent, planted on purpose).
SPLITS: list[list[float]] = [
    [100],
    [50, 50],
    [60, 40],
    [70, 30],
    [80, 20],
    [90, 10],
    [40, 30, 30],
    [50, 30, 20],
    [34, 33, 33],
    [60, 20, 20],
]
ACCOUNT_KINDS = ["micro-entity", "total-exemption-full", "small", "unaudited-abridged"]
ACCOUNT_WEIGHTS = [55, 25, 10, 10]
SECRETARY_CLIENTS = 25


def adult(f: Factory, created: date, lo: int = 24, hi: int = 70) -> Person:
    """A person aged lo..hi on `created` (never a teenager), and at most 88 today."""
    hi = max(lo, min(hi, 88 - (f.as_of.year - created.year)))
    return f.person(born=f.born_aged(f.rng.randint(lo, hi), created))


def ordinary(
    f: Factory,
    created: date,
    *,
    directors: Sequence[Person] | None = None,
    owners: Sequence[tuple[Person | Company, float]] | None = None,
    activity: tuple[str, str] | None = None,
    core: str | None = None,
    address_same_as: Company | None = None,
    accounts: str | None = None,
    until: date | None = None,
    dormant_years: tuple[int, int] | None = None,
    history_years: int = HISTORY_YEARS,
) -> Company:
    """A normal company: directors appointed at incorporation, owners, yearly filings."""
    rng = f.rng
    company = f.company(
        created,
        activity=activity,
        core=core,
        address=address_same_as.address if address_same_as else None,
    )
    if directors is None:
        n = rng.choices([1, 2, 3], weights=[55, 35, 10])[0]
        directors = [adult(f, created) for _ in range(n)]
    for person in directors:
        f.appoint(company, person, created)
    if owners is None:
        split = rng.choice([s for s in SPLITS if len(s) >= len(directors)] or SPLITS[:1])
        holders: list[Person] = list(directors)[: len(split)]
        while len(holders) < len(split):
            holders.append(adult(f, created))
        owners = list(zip(holders, split, strict=True))
    for holder, pct in owners:
        f.own(company, holder, pct, created)
    kind = accounts or rng.choices(ACCOUNT_KINDS, weights=ACCOUNT_WEIGHTS)[0]
    f.yearly(
        company,
        accounts=kind,
        until=until,
        dormant_years=dormant_years,
        history_years=history_years,
    )
    return company


def _created(f: Factory) -> date:
    rng = f.rng
    if rng.random() < 0.15:  # young companies: incorporated in the last two years
        return f.as_of - timedelta(days=rng.randint(40, 720))
    return date(rng.randint(2000, f.as_of.year - 3), rng.randint(1, 12), rng.randint(1, 28))


class Background:
    """Draws background companies; a few are 100 % subsidiaries of earlier ones.

    `history_years` bounds their filing histories (accounts and confirmation statements, the
    bulk of a company's records): a registry snapshot rather than every filing since 2000.
    """

    def __init__(
        self,
        f: Factory,
        history_years: int = HISTORY_YEARS,
        secretaries: Sequence[Company] = (),
    ) -> None:
        self.f = f
        self.history_years = history_years
        self._parents: deque[Company] = deque(maxlen=64)
        # Company secretarial firms and how many more clients each takes (a small pool: an
        # appointments list grows with every client).
        self._secretaries = {firm.key: (firm, SECRETARY_CLIENTS) for firm in secretaries}

    def make(self) -> Company:
        f, rng = self.f, self.f.rng
        created = _created(f)
        parents = [p for p in self._parents if p.created < created and p.status == "active"]
        if parents and rng.random() < 0.03:
            company = self._subsidiary(rng.choice(parents), created)
        else:
            dormant = rng.random() < 0.04
            company = ordinary(
                f,
                created,
                accounts="dormant" if dormant else None,
                history_years=self.history_years,
            )
            if rng.random() < 0.03 and created < add_months(f.as_of, -36):
                # Voluntary strike-off of a solvent company: never a bankruptcy.
                age = (f.as_of - created).days
                f.dissolve(company, f.as_of - timedelta(days=rng.randint(60, min(1500, age - 400))))
                company.filings = [
                    x for x in company.filings if x.date <= (company.ceased or f.as_of)
                ]
            elif created < add_months(f.as_of, -60):
                self._history(company)
        if company.status == "active" and len(company.holdings) and rng.random() < 0.2:
            self._parents.append(company)
        if self._secretaries and rng.random() < 0.04:
            key = rng.choice(sorted(self._secretaries))
            firm, left = self._secretaries[key]
            appointment = f.corporate_officer(company, firm, "corporate-secretary", company.created)
            appointment.end = company.ceased
            if left > 1:
                self._secretaries[key] = (firm, left - 1)
            else:
                del self._secretaries[key]
        return company

    def _subsidiary(self, parent: Company, created: date) -> Company:
        """100 % owned by a UK parent: the register names the parent (a relevant legal
        entity), and a parent director sits on the board."""
        f = self.f
        boss = parent.mandates[0].person
        company = ordinary(
            f, created, directors=[boss], owners=[], history_years=self.history_years
        )
        f.own(company, parent, 100.0, created, declare=False)
        f.psc(
            company,
            parent,
            [
                "ownership-of-shares-75-to-100-percent",
                "voting-rights-75-to-100-percent",
                "right-to-appoint-and-remove-directors",
            ],
            created,
        )
        return company

    def _history(self, company: Company) -> None:
        """Old companies: sometimes a director changed or the office moved, years ago."""
        f, rng = self.f, self.f.rng
        latest = add_months(f.as_of, -30)
        span = (latest - company.created).days
        if rng.random() < 0.15 and span > 400:
            leaver = company.mandates[0]
            on = company.created + timedelta(days=rng.randint(365, span))
            leaver.end = on
            f.file_termination(company, leaver.person, on)
            f.appoint(company, adult(f, on), on)
        if rng.random() < 0.1 and span > 400:
            f.move(company, f.address(), company.created + timedelta(days=rng.randint(365, span)))
