"""Planted financial cases: deteriorations the financial findings must flag, at the severity
docs/accounts.md gives, and the hard negatives that look like them but are not.

Each case is an ordinary UK company (one director-owner, an old incorporation, its accounts
type's full filing history) whose latest accounts carry a planted series of figures
(`AccountsBook.series`, oldest first, written by accounts_world.py). The planted series bends
one thing and keeps the rest healthy, so that a case is a case of its own kind only.

The thresholds planted against are `FinancialParams`' defaults (graph_schema/
financial_params.py); a unit test checks that they still are.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from graphapi.tooling.synthetic.accounts_figures import (
    DORMANT,
    MICRO,
    Year,
    balance,
    geared,
    healthy,
    with_pnl,
)
from graphapi.tooling.synthetic.accounts_world import (
    PREFIX,
    AccountsBook,
    accounts_filings,
    next_accounts,
)
from graphapi.tooling.synthetic.background import adult, ordinary
from graphapi.tooling.synthetic.factory import add_months
from graphapi.tooling.synthetic.plant_history import Planter
from graphapi.tooling.synthetic.world import Case, Company

SMALL = "small"
ABRIDGED = "unaudited-abridged"
# FinancialParams defaults planted against (a unit test compares them).
OVERDUE_SEVERE_DAYS = 180
HOLDING_SIC = "64209"  # SIC 2007: activities of other holding companies n.e.c.


class AccountsPlanter:
    def __init__(self, p: Planter) -> None:
        self.p = p
        self.f = p.f
        self.rng = p.f.rng
        self.book = AccountsBook()

    # --- helpers ---------------------------------------------------------------------------------
    def _company(self, kind: str, created: date | None = None) -> Company:
        created = created or self.p.ago(self.rng.randint(60, 200), 28)
        owner = adult(self.f, created)
        c = ordinary(self.f, created, directors=[owner], owners=[(owner, 100.0)], accounts=kind)
        self.p.keep(c)
        return c

    def _series(self, c: Company, years: list[Year]) -> None:
        self.book.series[c.key] = years

    def _pnl(self, y: Year, kind: str, turnover: int, result: int) -> Year:
        return with_pnl(y, kind, turnover, result)

    # --- deteriorations -------------------------------------------------------------------------
    def negative_equity(self) -> None:
        rng = self.rng
        for share, sev in ((rng.uniform(0.35, 0.9), 3), (rng.uniform(0.03, 0.18), 2)):
            c = self._company(MICRO)
            years = healthy(rng, [MICRO] * 3, deficit=share)
            self._series(c, years)
            why = f"micro-entity, net liabilities {share:.0%} of total assets"
            self.p.case("NEGATIVE_EQUITY", {c: sev}, why)
            self.p.case("LOW_SOLVENCY", {c: sev}, f"{why}: solvency {1 / (1 + share):.2f}")

    def gearing(self) -> None:
        rng = self.rng
        for g, ratio, sev in ((rng.uniform(1.3, 2.6), 0.25, 2), (rng.uniform(3.5, 7.0), 0.1, 3)):
            c = self._company(SMALL)
            years = healthy(rng, [SMALL] * 3)
            last = years[-1]
            y = geared(rng, last.total_assets, int(last.total_assets * ratio), g, last.employees)
            years[-1] = with_pnl(y, SMALL, last.turnover or 0, last.result or 0)
            years[-1] = replace(years[-1], result=abs(last.result or 1))
            self._series(c, years)
            self.p.case("HIGH_GEARING", {c: sev}, f"net bank debt {g:.1f} times equity")
        c = self._company(SMALL)
        years = healthy(rng, [SMALL] * 3)
        last = years[-1]
        g = rng.uniform(0.6, 0.95)
        y = geared(rng, last.total_assets, int(last.total_assets * 0.3), g, last.employees)
        years[-1] = with_pnl(y, SMALL, last.turnover or 0, abs(last.result or 1))
        self._series(c, years)
        self.p.hard_negative("HIGH_GEARING", [c], f"bank-financed, net debt {g:.2f} x equity")

    def losses(self) -> None:
        rng = self.rng
        for run, sev, kind in ((2, 2, ABRIDGED), (3, 3, SMALL)):
            c = self._company(kind)
            years = [self._result(y, kind, 1) for y in healthy(rng, [kind] * 3)]
            for i in range(1, run + 1):
                years[-i] = self._result(years[-i], kind, -1)
            self._series(c, years)
            self.p.case("CONSECUTIVE_LOSSES", {c: sev}, f"{kind} accounts: {run} loss years")
        for at in (-1, -2):  # one loss year, last or the year before: no run
            c = self._company(SMALL)
            years = [self._result(y, SMALL, 1) for y in healthy(rng, [SMALL] * 3)]
            years[at] = self._result(years[at], SMALL, -1)
            self._series(c, years)
            self.p.hard_negative("CONSECUTIVE_LOSSES", [c], "a single loss year between profits")

    def _result(self, y: Year, kind: str, sign: int) -> Year:
        turnover = y.turnover or self.rng.randrange(800_000, 4_000_000)
        margin = self.rng.uniform(0.02, 0.08) * sign
        return with_pnl(y, kind, turnover, int(turnover * margin))

    def drops(self) -> None:
        rng = self.rng
        for before, drop, sev in ((rng.randint(15, 22), 0.3, 2), (rng.randint(24, 40), 0.6, 3)):
            c = self._company(SMALL)
            years = healthy(rng, [SMALL] * 3)
            after = int(before * (1 - drop))
            years[-2] = replace(years[-2], employees=before)
            years[-1] = replace(years[-1], employees=after)
            self._series(c, years)
            self.p.case("HEADCOUNT_DROP", {c: sev}, f"average staff {before} -> {after}")
        for drop, sev in ((rng.uniform(0.35, 0.45), 2), (rng.uniform(0.55, 0.7), 3)):
            c = self._company(SMALL)
            years = healthy(rng, [SMALL] * 3)
            old = years[-2].turnover or 1_000_000
            new = int(old * (1 - drop))
            years[-1] = with_pnl(years[-1], SMALL, new, max(1, new // 50))
            self._series(c, years)
            self.p.case("TURNOVER_DROP", {c: sev}, f"turnover {old} -> {new} (-{drop:.0%})")
        c = self._company(MICRO)
        years = healthy(rng, [MICRO] * 3)
        years[-2] = replace(years[-2], employees=3)
        years[-1] = replace(years[-1], employees=1)
        self._series(c, years)
        self.p.hard_negative("HEADCOUNT_DROP", [c], "micro-entity: staff 3 -> 1 (2 people)")
        c = self._company(SMALL)
        c.sic = [HOLDING_SIC]
        years = [
            replace(with_pnl(y, SMALL, 0, abs(y.result or 1)), employees=0, bank_within=0)
            for y in healthy(self.rng, [SMALL] * 3)
        ]
        years = [replace(y, bank_after=0, bank_within=0) for y in years]
        self._series(c, years)
        why = "holding company: no turnover, no staff, dividends from subsidiaries"
        for kind in ("TURNOVER_DROP", "HEADCOUNT_DROP", "HIGH_GEARING", "CONSECUTIVE_LOSSES"):
            self.p.hard_negative(kind, [c], why)

    def overdue(self) -> None:
        rng = self.rng
        as_of = self.p.w.as_of
        for late in (rng.randint(20, 140), rng.randint(200, 400)):
            # Due at the end of a month, at least `late` days before the world's date; the
            # period whose accounts are late ends nine months before.
            due = (as_of - timedelta(days=late)).replace(day=1) - timedelta(days=1)
            late_end = add_months(due.replace(day=1), -8) - timedelta(days=1)
            created = date(rng.randint(2008, 2016), late_end.month, rng.randint(1, 28))
            c = self._company(MICRO, created)
            c.filings = [
                x
                for x in c.filings
                if x.category != "accounts" or x.values["made_up_date"] < late_end.isoformat()
            ]
            nxt = next_accounts(c, as_of) or {}
            days = (as_of - date.fromisoformat(nxt["next_due"])).days
            self._series(c, healthy(rng, [MICRO] * 3))
            sev = 4 if days > OVERDUE_SEVERE_DAYS else 3
            self.p.case(
                "ACCOUNTS_OVERDUE", {c: sev}, f"accounts due {nxt['next_due']}, {days} days late"
            )

    def dormant(self) -> None:
        rng = self.rng
        c = self._company(DORMANT)
        last = accounts_filings(c)[-1]
        last.description = PREFIX + SMALL
        active = balance(
            rng,
            rng.randrange(80_000, 300_000),
            rng.randrange(20_000, 60_000),
            employees=rng.randint(3, 8),
        )
        active = with_pnl(
            active, SMALL, rng.randrange(200_000, 900_000), rng.randrange(5_000, 30_000)
        )
        years = [*healthy(rng, [DORMANT, DORMANT]), active]
        self._series(c, years)
        self.p.case(
            "REACTIVATED_AFTER_DORMANT",
            {c: 2},
            "dormant accounts, then small accounts with turnover and staff",
        )
        c = self._company(DORMANT)
        self._series(c, healthy(rng, [DORMANT] * 3))
        why = "dormant company filing dormant accounts every year"
        for kind in ("REACTIVATED_AFTER_DORMANT", "ACCOUNTS_OVERDUE", "NEGATIVE_EQUITY"):
            self.p.hard_negative(kind, [c], why)

    def behind(self) -> None:
        """Other planted companies whose filing history leaves accounts overdue at the world's
        date are cases too: the reactivated dormant shells file two years at once and stay a
        year behind."""
        as_of = self.p.w.as_of
        planted = {k for c in self.p.w.cases if c.kind == "ACCOUNTS_OVERDUE" for k in c.positives}
        for c in self.p.w.companies:
            nxt = next_accounts(c, as_of) if c.key not in planted else None
            if nxt is None or not nxt["overdue"]:
                continue
            days = (as_of - date.fromisoformat(nxt["next_due"])).days
            sev = 4 if days > OVERDUE_SEVERE_DAYS else 3
            why = f"{c.name}: accounts to {nxt['next_made_up_to']} not filed"
            self.p.case(
                "ACCOUNTS_OVERDUE", {c: sev}, f"{why}, due {nxt['next_due']}, {days} days late"
            )

    def deposit_missing(self) -> None:
        """The last Belgian company leaves its latest due deposit out (DEPOSIT_MISSING 3); the
        others have deposited every due year, the year just closed not being due yet."""
        belgian = [c for c in self.p.w.companies if c.scheme == "BE-BCE_KBO"]
        if not belgian:
            return
        late = belgian[-1]
        self.book.nbb_missing[late.key] = 1
        self.p.case("DEPOSIT_MISSING", {late: 3}, f"{late.name}: latest due NBB deposit missing")
        why = "NBB deposits of every due year; the year just closed is not due yet"
        self.p.hard_negative("DEPOSIT_MISSING", belgian[:-1], why)

    def young_thin_equity(self) -> None:
        rng = self.rng
        created = self.p.ago(rng.randint(19, 22), 20)
        c = self._company(ABRIDGED, created)
        c.filings = [x for x in c.filings if x.category != "accounts"]
        made_up = add_months(date(created.year + 1, created.month, 1), 1) - timedelta(days=1)
        self.f.accounts(c, made_up, made_up + timedelta(days=rng.randint(40, 90)), ABRIDGED)
        assets = rng.randrange(150_000, 600_000)
        y = balance(rng, assets, int(assets * rng.uniform(0.01, 0.04)), employees=rng.randint(2, 9))
        y = self._result(y, ABRIDGED, 1)
        self._series(c, [y, y])
        why = "young company, first accounts: thin equity, a profit, no bank debt"
        for kind in ("NEGATIVE_EQUITY", "LOW_SOLVENCY", "HIGH_GEARING", "CONSECUTIVE_LOSSES"):
            self.p.hard_negative(kind, [c], why)


def plant_accounts(p: Planter, companies: int, *, cases: bool = True) -> AccountsBook:
    """The financial cases (about 20 companies per 1,000 of the world, at least one round), and
    the background cases that collect micro-entities with small net liabilities. Without
    `cases` (a world written without accounts), only the planted companies whose filing
    history leaves their accounts overdue: the profiles still say so."""
    a = AccountsPlanter(p)
    if not cases:
        a.behind()
        return a.book
    for _ in range(max(1, companies // 1000)):
        a.negative_equity()
        a.gearing()
        a.losses()
        a.drops()
        a.overdue()
        a.dormant()
        a.young_thin_equity()
    a.behind()
    a.deposit_missing()
    why = "background micro-entity: small net liabilities (a director's loan), severity 2"
    for kind in ("NEGATIVE_EQUITY", "LOW_SOLVENCY"):
        case = Case(case_id=f"background-{kind.lower()}", kind=kind, description=why)
        p.w.cases.append(case)
        a.book.background.append(case)
    return a.book
