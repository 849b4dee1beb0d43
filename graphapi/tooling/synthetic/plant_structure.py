"""Planted cases about structure: busy addresses, dormant shells, ownership cycles, UBO
discrepancies and register statements, widely held companies, UK groups (UK and listed
parents), and a few Belgian and French companies.

UK companies carry the ownership information Companies House publishes: the PSC register and
its statements. A company's shareholder list reaches a second source (FtM) only where a case
needs two sources (`shareholders_published`): the UBO discrepancy cases and their hard
negatives, and the cycle of docs/analytics.md §Worked examples."""

from __future__ import annotations

from datetime import date, timedelta

from graphapi.tooling.synthetic import names
from graphapi.tooling.synthetic.background import adult, ordinary
from graphapi.tooling.synthetic.factory import ACTIVITIES, PSC_REGIME_START, Factory, add_months
from graphapi.tooling.synthetic.plant_history import Planter
from graphapi.tooling.synthetic.world import Address, Body, Company, Person, World

OWN = "ownership-of-shares-{}-percent"
VOTE = "voting-rights-{}-percent"
APPOINT = "right-to-appoint-and-remove-directors"
NO_PSC = "no-individual-or-entity-with-signficant-control"  # sic: the enumeration's spelling
# PSC statements that a registrable person is not identified or confirmed yet (severity 2).
PENDING_STATEMENTS = (
    "steps-to-find-psc-not-yet-completed",
    "psc-exists-but-not-identified",
    "psc-details-not-confirmed",
    "psc-contacted-but-no-response",
    "psc-has-failed-to-confirm-changed-details",
    "restrictions-notice-issued-to-psc",
)
UBO_KINDS = ("UBO_DISCREPANCY", "NO_UBO_FOUND", "UBO_REGISTER_STATEMENT")
CONTROL_75 = [
    "ownership-of-shares-75-to-100-percent",
    "voting-rights-75-to-100-percent",
    "right-to-appoint-and-remove-directors",
]

# The cycle of docs/analytics.md §Worked examples, in percent of T held by each person.
CYCLE_EXPECTED = {"P": 19.57, "Q": 47.83, "R": 32.61}


def band(b: str) -> list[str]:
    natures = [OWN.format(b), VOTE.format(b)]
    return [*natures, APPOINT] if b != "25-to-50" else natures


def _iso(value: str) -> date:
    return date.fromisoformat(value)


class StructurePlanter(Planter):
    def __init__(self, f: Factory, w: World) -> None:
        super().__init__(f, w)
        self.firms: list[Company] = []  # company secretarial firms (corporate_secretaries)

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
                self.insolve(c, "creditors-voluntary-liquidation", on)
            failed.append(c)
        self.keep(*active, *failed)
        # Size and churn (16 of 26 new): severity 2 (3 needs a national failure rate).
        self.case(
            "MASS_REGISTRATION_ADDRESS",
            dict.fromkeys(active, 2),
            f"{addr.text}: 26 active companies, 16 incorporated in the last 24 months, 6 more "
            "struck off or insolvent in the last 24 months",
            unscored=failed,  # registered there too; whether their report shows it is moot
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
            {shell: 3},
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
        20 % T.

        Their shareholder lists reach FtM (two sources); the PSC registers follow the UK rules:
        T names its relevant legal entities A and B (each above 25 %) and R, A names P and Q,
        B names Q (T's 20 % is not registrable)."""
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
        notified = max(start, PSC_REGIME_START)
        for company, holder, b_ in (
            (t, a, "25-to-50"),
            (t, b, "25-to-50"),
            (t, r, "25-to-50"),
            (a, p, "50-to-75"),
            (a, q, "25-to-50"),
            (b, q, "75-to-100"),
        ):
            f.psc(company, holder, band(b_), notified)
        for company in (t, a, b):
            company.shareholders_published = True
        self.keep(t, a, b)
        # The cycle T -> B -> T has outside owners (A, R; Q): it blocks nothing, severity 2.
        self.case(
            "CIRCULAR_OWNERSHIP",
            {t: 2, b: 2},
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
            [t, a, b],
            "2.6 worked example: the registers name R and the relevant legal entities A and B "
            "(P and Q above them are covered by A and B), A names P and Q, B names Q: all "
            "consistent with the shareholder lists",
        )

    def cycle(self, i: int) -> None:
        """Cross-holdings the PSC registers show: each company names the other as a relevant
        legal entity (40 % > 25 %)."""
        f = self.f
        created = self.ago(60, 400)
        p1, p2 = adult(f, created), adult(f, created)
        c1 = ordinary(f, created, directors=[p1], owners=[])
        c2 = ordinary(f, created, directors=[p2], owners=[])
        for company, holder, pct in (
            (c1, p1, 60.0),
            (c1, c2, 40.0),
            (c2, p2, 60.0),
            (c2, c1, 40.0),
        ):
            f.own(company, holder, pct, created, declare=False)
        for company, holder, b_ in (
            (c1, p1, "50-to-75"),
            (c1, c2, "25-to-50"),
            (c2, p2, "50-to-75"),
            (c2, c1, "25-to-50"),
        ):
            f.psc(company, holder, band(b_), created)
        self.keep(c1, c2)
        # Each has an outside owner (p1, p2): the cycle blocks nothing, severity 2.
        self.case(
            "CIRCULAR_OWNERSHIP",
            {c1: 2, c2: 2},
            f"{c1.name} holds 40 % of {c2.name}, which holds 40 % of it",
            persons=[p1, p2],
        )
        # Intra-group cross-holding under a parent outside the cycle: severity 2.
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
        for company, other in ((s1, s2), (s2, s1)):
            f.psc(company, parent, band("50-to-75"), created)
            f.psc(company, other, band("25-to-50"), created)
        self.keep(parent, s1, s2)
        self.case(
            "CIRCULAR_OWNERSHIP",
            {s1: 2, s2: 2},
            f"group cross-holding under {parent.name}, an outside parent: severity 2",
        )

    # --- UBO_DISCREPANCY: the PSC register against a shareholder list ---------------------------
    def ubo(self, i: int) -> None:
        """Two sources about one company: its PSC register and its shareholder list in FtM."""
        f = self.f
        created = self.ago(50, 600)

        def two_sources(owners: list[tuple[Person, float]], directors: list[Person]) -> Company:
            c = ordinary(f, created, directors=directors, owners=[])
            for holder, pct in owners:
                f.own(c, holder, pct, created, declare=False)
            c.shareholders_published = True
            self.keep(c)
            return c

        def discrepancy(company: Company, kind: str, person: Person, why: str) -> None:
            self.case(
                "UBO_DISCREPANCY",
                {company: 3},
                f"{kind}: {why}",
                persons=[person],
                expected={"type": kind},
            )

        a, b = adult(f, created), adult(f, created)
        missing = two_sources([(a, 55.0), (b, 45.0)], [a])
        f.psc(missing, a, band("50-to-75"), created)
        discrepancy(
            missing,
            "MISSING_DECLARED",
            b,
            f"{b.full_name} holds 45 % but is not on the PSC register",
        )
        c, d = adult(f, created), adult(f, created)
        unsupported = two_sources([(c, 90.0), (d, 10.0)], [c])
        f.psc(unsupported, c, band("75-to-100"), created)
        f.psc(unsupported, d, band("50-to-75"), created)
        discrepancy(
            unsupported,
            "UNSUPPORTED_DECLARED",
            d,
            f"{d.full_name} is declared 50-75 % but holds 10 %",
        )
        e, g = adult(f, created), adult(f, created)
        mismatch = two_sources([(e, 60.0), (g, 40.0)], [e])
        f.psc(mismatch, e, band("75-to-100"), created)
        f.psc(mismatch, g, band("25-to-50"), created)
        discrepancy(
            mismatch, "BAND_MISMATCH", e, f"{e.full_name} holds 60 % but is declared 75-100 %"
        )
        h = adult(f, created)
        none = two_sources([(h, 100.0)], [h])
        f.statement(none, NO_PSC, created)
        discrepancy(
            none,
            "DECLARED_NONE",
            h,
            f"the register states no registrable person, {h.full_name} holds 100 %",
        )
        x, y = adult(f, created), adult(f, created)
        agreeing = two_sources([(x, 30.0), (y, 70.0)], [y])
        f.psc(agreeing, x, band("25-to-50"), created)
        f.psc(agreeing, y, band("50-to-75"), created)
        self.hard_negative(
            "UBO_DISCREPANCY",
            [agreeing],
            f"{x.full_name} holds 30 % (declared 25-50 %), {y.full_name} 70 % (50-75 %): the "
            "shareholder list and the register agree",
        )

    # --- NO_UBO_FOUND: widely held -------------------------------------------------------------
    def widely_held(self, i: int) -> None:
        f = self.f
        created = self.ago(80, 900)
        holders = [adult(f, created) for _ in range(7)]
        w = ordinary(f, created, directors=holders[:2], owners=[])
        for holder, pct in zip(holders, [20.0, 20.0, 15.0, 15.0, 10.0, 10.0, 10.0], strict=True):
            f.own(w, holder, pct, created, declare=False)
        f.statement(w, NO_PSC, created)
        # Every other one's shareholder list reaches FtM too: it agrees with the statement.
        w.shareholders_published = i % 2 == 1
        self.keep(w)
        self.case(
            "NO_UBO_FOUND",
            {w: 2},
            "widely held: 7 shareholders, none above 20 %; the register states no registrable "
            "person" + ("; the shareholder list is published as well" if i % 2 else ""),
        )
        self.hard_negative("UBO_DISCREPANCY", [w], "the statement and the holdings agree")

    def exactly_quarter(self) -> None:
        """Four holders of exactly 25 %: nobody under '> 25 %', four BOs under '>= 25 %'."""
        f = self.f
        created = self.ago(70)
        holders = [adult(f, created) for _ in range(4)]
        q = ordinary(f, created, directors=holders[:2], owners=[])
        for holder in holders:
            f.own(q, holder, 25.0, created, declare=False)
        f.statement(q, NO_PSC, created)
        q.shareholders_published = True
        self.keep(q)
        for kind in ("NO_UBO_FOUND", "UBO_DISCREPANCY"):
            self.case(
                kind, {}, "four holders of exactly 25 %: depends on the rule set", unscored=[q]
            )

    # --- What a UK register shows: statements, groups, listed parents -------------------------
    def register_statements(self, i: int) -> None:
        """A PSC statement of each kind: its own, milder finding, never a discrepancy nor (on
        its own) NO_UBO_FOUND."""
        f = self.f
        for n, code in enumerate(PENDING_STATEMENTS):
            created = self.ago(f.rng.randint(30, 200))
            directors = [adult(f, created)]
            owners: list[tuple[Person | Company, float]] = []
            if (i + n) % 3 == 0:  # next to an identified PSC
                owners = [(directors[0], 60.0)]
            c = ordinary(f, created, directors=directors, owners=owners)
            f.statement(c, code, self.ago(f.rng.randint(3, 24)))
            self.keep(c)
            self.case("UBO_REGISTER_STATEMENT", {c: 2}, f"PSC statement {code}")
            for kind in ("UBO_DISCREPANCY", "NO_UBO_FOUND"):
                self.hard_negative(kind, [c], f"PSC statement {code}: a finding of its own")
        created = self.ago(f.rng.randint(30, 200))
        secure = ordinary(f, created, directors=[adult(f, created)], owners=[])
        secure.super_secure.append(max(created, PSC_REGIME_START))
        self.keep(secure)
        self.case("UBO_REGISTER_STATEMENT", {secure: 1}, "a super-secure PSC: details withheld")
        for kind in ("UBO_DISCREPANCY", "NO_UBO_FOUND"):
            self.hard_negative(kind, [secure], "a super-secure PSC exists")

    def uk_groups(self, i: int) -> None:
        """UK groups as the PSC register shows them: a subsidiary names its parent (a relevant
        legal entity, with its company number), the parent names its owner; a corporate
        director; a subsidiary of a US-listed and of a UK-listed parent."""
        f = self.f
        created = self.ago(f.rng.randint(80, 200))
        owner = adult(f, created)
        parent = ordinary(f, created, directors=[owner], owners=[(owner, 100.0)])
        sub_created = created + timedelta(days=f.rng.randint(60, 600))
        manager = adult(f, sub_created)
        sub = ordinary(f, sub_created, directors=[manager], owners=[])
        f.psc(sub, parent, CONTROL_75, sub_created)
        f.corporate_officer(sub, parent, "corporate-director", sub_created)
        grand = ordinary(f, sub_created, directors=[manager], owners=[])
        f.psc(grand, sub, CONTROL_75, sub_created)
        self.keep(parent, sub, grand)
        self._no_ubo_finding(
            [parent, sub, grand],
            f"{grand.name} <- {sub.name} <- {parent.name} <- {owner.full_name}: owner followed "
            "through the register's relevant legal entities",
        )
        # A UK subsidiary of a US-listed group: its only PSC is the listed parent.
        us = Body(
            name=f"{f.company_core()[0].title()} Inc.",
            legal_authority="Delaware General Corporation Law",
            legal_form="Corporation",
            place_registered="Delaware Secretary Of State",
            country_registered="United States",
            registration_number=str(f.rng.randint(1_000_000, 9_999_999)),
            address=Address(str(f.rng.randint(1, 900)), "Market Street", "Wilmington",
                            "DE 19801", "United States"),
        )  # fmt: skip
        us_created = self.ago(f.rng.randint(40, 200))
        us_sub = ordinary(f, us_created, directors=[adult(f, us_created)], owners=[])
        f.psc(us_sub, us, CONTROL_75, us_created)
        # A UK subsidiary of a UK-listed plc (exempt from keeping a PSC register: DTR5).
        plc_created = self.ago(f.rng.randint(150, 300))
        plc = ordinary(f, plc_created, directors=[adult(f, plc_created) for _ in range(3)],
                       owners=[])  # fmt: skip
        plc.ctype = "plc"
        plc.name = plc.name.rsplit(" ", 1)[0] + " PLC"
        plc.exemption = ("disclosure-transparency-rules-chapter-five-applies", PSC_REGIME_START)
        plc_sub_created = plc_created + timedelta(days=f.rng.randint(100, 2000))
        plc_sub = ordinary(f, plc_sub_created, directors=[adult(f, plc_sub_created)], owners=[])
        f.psc(plc_sub, plc, CONTROL_75, plc_sub_created)
        self.keep(us_sub, plc, plc_sub)
        self._no_ubo_finding(
            [us_sub, plc_sub],
            "owned by a listed parent the PSC register names as relevant legal entity",
        )
        self._no_ubo_finding(
            [plc],
            "listed plc exempt from keeping a PSC register",
            ("UBO_DISCREPANCY", "NO_UBO_FOUND"),
        )
        # The exemptions document is not read from API folders: no finding expected, none
        # wrong either.
        self.case("UBO_REGISTER_STATEMENT", {}, "plc exemption (exemptions.json)", unscored=[plc])

    def _no_ubo_finding(
        self, companies: list[Company], why: str, kinds: tuple[str, ...] = UBO_KINDS
    ) -> None:
        for kind in kinds:
            self.hard_negative(kind, companies, why)

    def corporate_secretaries(self, n: int) -> list[Company]:
        """Company secretarial firms: the corporate secretaries of some companies."""
        f = self.f
        firms = []
        for _ in range(n):
            created = self.ago(f.rng.randint(150, 300))
            boss = adult(f, created)
            firms.append(ordinary(f, created, directors=[boss], owners=[(boss, 100.0)]))
        self.keep(*firms)
        return firms

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
        # The Belgian parent is no relevant legal entity: the register names its owner.
        f.psc(uk, boss, band("75-to-100"), created)
        self.keep(*foreign, uk)
        self._no_ubo_finding(
            [uk], "UK subsidiary of a Belgian company: the register names its 80 % owner"
        )
