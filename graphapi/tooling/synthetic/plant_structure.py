"""Planted cases about structure: busy addresses, dormant shells, ownership cycles, UBO
discrepancies, widely held companies, and a few Belgian and French companies."""

from __future__ import annotations

from datetime import date, timedelta

from graphapi.tooling.synthetic import names
from graphapi.tooling.synthetic.background import adult, ordinary
from graphapi.tooling.synthetic.factory import ACTIVITIES, PSC_REGIME_START, add_months
from graphapi.tooling.synthetic.plant_history import Planter
from graphapi.tooling.synthetic.world import Address, Company, Person, Share

OWN = "ownership-of-shares-{}-percent"
VOTE = "voting-rights-{}-percent"
APPOINT = "right-to-appoint-and-remove-directors"
NO_PSC = "no-individual-or-entity-with-signficant-control"  # sic: the enumeration's spelling

# The cycle of docs/analytics.md §Worked examples, in percent of T held by each person.
CYCLE_EXPECTED = {"P": 19.57, "Q": 47.83, "R": 32.61}


def band(b: str) -> list[str]:
    natures = [OWN.format(b), VOTE.format(b)]
    return [*natures, APPOINT] if b != "25-to-50" else natures


def _iso(value: str) -> date:
    return date.fromisoformat(value)


class StructurePlanter(Planter):
    # --- MASS_REGISTRATION_ADDRESS -----------------------------------------------------------
    def mass_address(self, i: int) -> None:
        f = self.f
        addr = Address(str(100 + i), "Carver Street", "London", f"WC2H {i % 9 + 1}JQ", "England")
        failing_activities = f.rng.sample(ACTIVITIES, 3)
        others = [a for a in ACTIVITIES if a[1][:4] not in {x[1][:4] for x in failing_activities}]
        active: list[Company] = []
        failed: list[Company] = []
        for n in range(26):
            created = self.ago(1 + n, 20) if n < 16 else self.ago(30 + 3 * n, 20)
            person = adult(f, created)
            c = ordinary(
                f,
                created,
                directors=[person],
                owners=[(person, 100.0)],
                activity=f.rng.choice(others),
            )
            f.move(c, addr, created + timedelta(days=1))
            active.append(c)
        for n in range(6):
            created = self.ago(30 + 3 * n, 40)
            person = adult(f, created)
            c = ordinary(
                f,
                created,
                directors=[person],
                owners=[(person, 100.0)],
                activity=failing_activities[n % 3],
            )
            f.move(c, addr, created + timedelta(days=1))
            on = self.ago(2 + 3 * n, 20)
            c.filings = [x for x in c.filings if x.date <= on]
            if n < 3:
                f.dissolve(c, on, voluntary=False)
            else:
                f.insolve(c, "creditors-voluntary-liquidation", on)
            failed.append(c)
        self.keep(*active, *failed)
        self.case(
            "MASS_REGISTRATION_ADDRESS",
            active,
            f"{addr.text}: 26 active companies, 16 incorporated in the last 24 months, 6 more "
            "struck off or insolvent in the last 24 months",
            unscored=[c.key for c in failed],
        )
        # A busy but legitimate accountant's address: old, healthy companies only.
        office = Address(f"{10 + i}", "Market Place", "Harrogate", f"HG1 {i % 9 + 1}AB", "England")
        clients = []
        for n in range(24):
            created = self.ago(70 + 7 * n, 60)
            person = adult(f, created)
            c = ordinary(f, created, directors=[person], owners=[(person, 100.0)])
            f.move(c, office, created + timedelta(days=30))
            clients.append(c)
        self.keep(*clients)
        self.hard_negative(
            "MASS_REGISTRATION_ADDRESS",
            clients,
            f"{office.text}: accountant with 24 old, healthy client companies (no new or "
            "failing ones: the churn condition of MASS_REGISTRATION_ADDRESS fails, so the address "
            "is not flagged; the rating must stay <= 2)",
            max_sev=2,
        )

    # --- independent director with many clean mandates -------------------------------------------
    def independent_director(self, i: int) -> None:
        f = self.f
        pro = f.person(born=f.born_aged(62, self.w.as_of))
        boards = []
        for n in range(15):
            created = self.ago(40 + 9 * n, 60)
            owner = adult(f, created)
            c = ordinary(f, created, directors=[owner], owners=[(owner, 100.0)])
            f.appoint(c, pro, created + timedelta(days=f.rng.randint(60, 700)))
            boards.append(c)
        self.keep(*boards)
        self.hard_negative(
            "FRONT_PERSON", boards, f"{pro.full_name}: independent director with 15 clean mandates"
        )

    # --- DORMANT_REACTIVATION --------------------------------------------------------------------
    def dormant(self, i: int) -> None:
        f = self.f
        created = date(self.w.as_of.year - 13 + i % 3, 1 + i % 12, 10)
        owner = adult(f, created)
        shell = ordinary(
            f,
            created,
            directors=[owner],
            owners=[(owner, 100.0)],
            accounts="dormant",
            until=self.ago(54),
        )
        last = max(
            _iso(x.values["made_up_date"]) for x in shell.filings if x.category == "accounts"
        )
        woke = self.ago(14, 60)
        shell.mandates[0].end = woke
        shell.holdings[0].end = woke
        shell.pscs[0].ceased = woke
        f.file(
            shell,
            "officers",
            "TM01",
            woke,
            "termination-director-company-with-name-termination-date",
            officer_name=owner.full_name,
            termination_date=woke.isoformat(),
        )
        newcomer = adult(f, woke)
        f.appoint(shell, newcomer, woke)
        f.own(shell, newcomer, 100.0, woke)
        f.move(shell, f.address(), woke + timedelta(days=10))
        batch = woke + timedelta(days=20)
        for year in (last.year + 1, last.year + 2):
            made_up = add_months(date(year, created.month, 1), 1) - timedelta(days=1)
            f.accounts(shell, made_up, batch, "micro-entity")
        self.keep(shell)
        self.case(
            "DORMANT_REACTIVATION",
            [shell],
            f"dormant accounts until {last.year}, then on {woke} all directors replaced, owner "
            f"changed, office moved and 2 years of accounts filed on {batch}",
            persons=[newcomer],
        )
        same = adult(f, created)
        revived = ordinary(
            f,
            created,
            directors=[same],
            owners=[(same, 100.0)],
            accounts="micro-entity",
            dormant_years=(2000, 2021),
        )
        holder = adult(f, created)
        holding = ordinary(
            f, created, directors=[holder], owners=[(holder, 100.0)], accounts="dormant"
        )
        self.keep(revived, holding)
        self.hard_negative(
            "DORMANT_REACTIVATION",
            [revived],
            "dormant company activated by its existing owner and director",
        )
        self.hard_negative(
            "DORMANT_REACTIVATION", [holding], "dormant holding company without changes"
        )

    # --- CIRCULAR_OWNERSHIP ---------------------------------------------------------------------
    def worked_cycle(self) -> None:
        """docs/analytics.md §Worked examples: T 30 % A, 40 % B, 30 % R; A 60 % P, 40 % Q; B 80 % Q,
        20 % T."""
        f = self.f
        created = self.ago(90)
        p, q, r = (adult(f, created) for _ in range(3))
        t = ordinary(f, created, directors=[r], owners=[])
        a = ordinary(f, created, directors=[p], owners=[])
        b = ordinary(f, created, directors=[q], owners=[])
        start = created + timedelta(days=5)
        for company, holder, pct in (
            (t, a, 30.0),
            (t, b, 40.0),
            (t, r, 30.0),
            (a, p, 60.0),
            (a, q, 40.0),
            (b, q, 80.0),
            (b, t, 20.0),
        ):
            f.own(company, holder, pct, start, declare=False)
        # The register under UK rules (majority chains, no multiplication).
        for company, holder, b_ in (
            (t, p, "25-to-50"),
            (t, q, "25-to-50"),
            (t, r, "25-to-50"),
            (a, p, "50-to-75"),
            (a, q, "25-to-50"),
            (b, q, "75-to-100"),
        ):
            f.psc(company, holder, band(b_), max(start, PSC_REGIME_START))
        self.keep(t, a, b)
        self.case(
            "CIRCULAR_OWNERSHIP",
            [t, b],
            "the worked cycle example: T is held 30 % by A, 40 % by B and 30 % by R; A "
            "60 % by P and 40 % by Q; B 80 % by Q and 20 % by T (cycle T->B->T)",
            persons=[p, q, r],
            expected={
                "target": t.key,
                "A": a.key,
                "B": b.key,
                "integrated_ownership_percent": {
                    "P": {
                        "person": p.full_name,
                        "birth_year_month": p.birth_year_month,
                        "percent": CYCLE_EXPECTED["P"],
                    },
                    "Q": {
                        "person": q.full_name,
                        "birth_year_month": q.birth_year_month,
                        "percent": CYCLE_EXPECTED["Q"],
                    },
                    "R": {
                        "person": r.full_name,
                        "birth_year_month": r.birth_year_month,
                        "percent": CYCLE_EXPECTED["R"],
                    },
                },
                "simple_paths_percent": {"P": 18.0, "Q": 44.0, "R": 30.0},
            },
        )
        self.hard_negative(
            "UBO_DISCREPANCY",
            [t],
            "2.6 worked example: P, Q and R are declared 25-50 %, right under UK PSC rules "
            "(majority chains) and under AMLR (P is a BO via Art. 54(a): controls A, 30 % of T)",
        )

    def cycle(self, i: int) -> None:
        f = self.f
        created = self.ago(60, 400)
        p1, p2 = adult(f, created), adult(f, created)
        c1 = ordinary(f, created, directors=[p1], owners=[])
        c2 = ordinary(f, created, directors=[p2], owners=[])
        for company, holder, pct in (
            # 60/40 both ways: walk-sum shares (71.4 %, 28.6 %) and UK majority-chain
            # attribution (60 %, 40 %) fall in the same PSC bands, so the register is right
            # under either rule set.
            (c1, p1, 60.0),
            (c1, c2, 40.0),
            (c2, p2, 60.0),
            (c2, c1, 40.0),
        ):
            f.own(company, holder, pct, created, declare=False)
        for company, holder, b_ in (
            (c1, p1, "50-to-75"),
            (c1, p2, "25-to-50"),
            (c2, p2, "50-to-75"),
            (c2, p1, "25-to-50"),
        ):
            f.psc(company, holder, band(b_), created)
        self.keep(c1, c2)
        self.case(
            "CIRCULAR_OWNERSHIP",
            [c1, c2],
            f"{c1.name} holds 40 % of {c2.name}, which holds 40 % of it",
            persons=[p1, p2],
        )
        # Intra-group cross-holding under a parent outside the cycle: at most severity 2.
        boss = adult(f, created)
        parent = ordinary(f, created, directors=[boss], owners=[(boss, 100.0)])
        s1 = ordinary(f, created, directors=[boss], owners=[])
        s2 = ordinary(f, created, directors=[boss], owners=[])
        for company, holder, pct in (
            (s1, parent, 70.0),
            (s1, s2, 30.0),
            (s2, parent, 70.0),
            (s2, s1, 30.0),
        ):
            f.own(company, holder, pct, created, declare=False)
        for company in (s1, s2):
            f.psc(company, boss, band("75-to-100"), created)
        self.keep(parent, s1, s2)
        self.case(
            "CIRCULAR_OWNERSHIP",
            [s1, s2],
            f"group cross-holding under {parent.name}, an outside parent: severity 2 only",
            severity_cap=2,
        )

    # --- UBO_DISCREPANCY / NO_UBO_FOUND ---------------------------------------------------------
    def ubo(self, i: int) -> None:
        f = self.f
        created = self.ago(50, 600)
        a, b = adult(f, created), adult(f, created)
        missing = ordinary(f, created, directors=[a], owners=[(a, 55.0)])
        f.own(missing, b, 45.0, created, declare=False)
        self.case(
            "UBO_DISCREPANCY",
            [missing],
            f"MISSING_DECLARED: {b.full_name} holds 45 % but is not on the PSC register",
            persons=[b],
            expected={"type": "MISSING_DECLARED"},
        )
        c, d = adult(f, created), adult(f, created)
        unsupported = ordinary(f, created, directors=[c], owners=[(c, 90.0)])
        f.own(unsupported, d, 10.0, created, declare=False)
        f.psc(unsupported, d, band("50-to-75"), created)
        self.case(
            "UBO_DISCREPANCY",
            [unsupported],
            f"UNSUPPORTED_DECLARED: {d.full_name} is declared 50-75 % but holds 10 %",
            persons=[d],
            expected={"type": "UNSUPPORTED_DECLARED"},
        )
        e, g = adult(f, created), adult(f, created)
        straddle = ordinary(f, created, directors=[g], owners=[(g, 72.0)])
        f.own(straddle, e, Share(minimum=22, maximum=34), created, declare=False)
        f.psc(straddle, e, band("25-to-50"), created)
        self.keep(missing, unsupported, straddle)
        self.hard_negative(
            "UBO_DISCREPANCY",
            [straddle],
            f"{e.full_name} holds 22-34 % (straddles 25 %) and is declared 25-50 %",
        )

    def widely_held(self, i: int) -> None:
        f = self.f
        created = self.ago(80, 900)
        holders = [adult(f, created) for _ in range(7)]
        w = ordinary(
            f,
            created,
            directors=holders[:2],
            owners=list(zip(holders, [20.0, 20.0, 15.0, 15.0, 10.0, 10.0, 10.0], strict=True)),
        )
        w.psc_statement = NO_PSC
        self.keep(w)
        self.case(
            "NO_UBO_FOUND",
            [w],
            "widely held: 7 shareholders, none above 20 %",
            severity_cap=2,
        )

    def exactly_quarter(self) -> None:
        """Four holders of exactly 25 %: nobody under '> 25 %', four BOs under '>= 25 %'."""
        f = self.f
        created = self.ago(70)
        holders = [adult(f, created) for _ in range(4)]
        q = ordinary(f, created, directors=holders[:2], owners=[(h, 25.0) for h in holders])
        q.psc_statement = NO_PSC
        self.keep(q)
        for kind in ("NO_UBO_FOUND", "UBO_DISCREPANCY"):
            self.case(
                kind, [], "four holders of exactly 25 %: depends on the rule set", unscored=[q.key]
            )

    # --- Belgian and French companies ----------------------------------------------------------
    def cross_border(self) -> None:
        f = self.f
        rows = [
            ("BE-BCE_KBO", "Vlaamse Bouwgroep NV", "BE", ("Gent", "9000", "Belgium")),
            ("BE-BCE_KBO", "Brusselse Transportdiensten BV", "BE", ("Brussel", "1000", "Belgium")),
            ("BE-BCE_KBO", "Ateliers Liégeois SRL", "BE", ("Liège", "4000", "Belgium")),
            ("BE-BCE_KBO", "Gentse Drukkerij BV", "BE", ("Gent", "9000", "Belgium")),
            ("FR-SIREN", "Boulangerie Dupont SAS", "FR", ("Lyon", "69002", "France")),
            ("FR-SIREN", "Transports Martin SARL", "FR", ("Lille", "59000", "France")),
        ]
        foreign: list[Company] = []
        for scheme, name, culture, (city, postcode, country) in rows:
            created = self.ago(f.rng.randint(60, 240))
            base = f.rng.randrange(10_000_000, 99_999_999)
            number = (
                names.be_enterprise_number(base) if scheme == "BE-BCE_KBO" else names.fr_siren(base)
            )
            f.claim_name(name)
            company = Company(
                scheme=scheme,
                number=number,
                name=name,
                created=created,
                sic=[],
                address=Address(
                    str(f.rng.randint(1, 90)),
                    "Kouter" if culture == "BE" else "Rue de la République",
                    city,
                    postcode,
                    country,
                ),
                ctype="foreign",
                jurisdiction=culture.lower(),
            )
            owners: list[Person] = [
                f.person(born=f.born_aged(f.rng.randint(30, 65), created), culture_code=culture)
                for _ in range(2)
            ]
            # 80 %: multiplied (80 %) and majority-chain (100 %) shares of the UK subsidiary
            # fall in the same 75-100 band.
            for owner, pct in zip(owners, (80.0, 20.0), strict=True):
                f.own(company, owner, pct, created, declare=False)
            foreign.append(company)
        vbg = foreign[0]
        boss = vbg.holdings[0].holder
        assert isinstance(boss, Person)
        created = vbg.created + timedelta(days=400)
        uk = ordinary(f, created, directors=[boss], owners=[], core="VLAAMSE BOUWGROEP UK")
        f.own(uk, vbg, 100.0, created, declare=False)
        f.psc(uk, boss, band("75-to-100"), created)  # majority of the Belgian parent
        self.keep(*foreign, uk)
