"""Making realistic companies and persons, and recording what happens to them as filings.

One `Factory` per generation run owns the uniqueness sets (company numbers, company names,
person identities), so that background and planted parts never collide by accident: two
persons share a name and birth year-month only when a case plants exactly that.
"""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import date, timedelta

from graphapi.tooling.synthetic import names
from graphapi.tooling.synthetic.world import (
    Address,
    Body,
    Company,
    CorporateOfficer,
    Filing,
    Holding,
    Insolvency,
    Mandate,
    Person,
    Psc,
    Share,
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# The filings an insolvency leaves in the filing history (days after it opens, form type,
# description code of companieshouse/api-enumerations filing_history_descriptions.yml, the
# case start date as a description value): what a bulk fetch still shows when the insolvency
# document itself is missing.
INSOLVENCY_FILINGS: dict[str, list[tuple[int, str, str, bool]]] = {
    "creditors-voluntary-liquidation": [
        (
            0,
            "LRESEX",
            "liquidation-voluntary-extraordinary-resolution-to-wind-up-with-case-start-date",
            True,
        ),
        (4, "600", "liquidation-voluntary-appointment-of-liquidator", False),
        (12, "LIQ02", "liquidation-voluntary-statement-of-affairs", False),
    ],
    "members-voluntary-liquidation": [
        (0, "LRESSP", "liquidation-voluntary-special-resolution-to-wind-up-case-start-date", True),
        (3, "LIQ01", "liquidation-voluntary-declaration-of-solvency", False),
        (3, "600", "liquidation-voluntary-appointment-of-liquidator", False),
    ],
    "compulsory-liquidation": [
        (9, "COCOMP", "liquidation-compulsory-winding-up-order-with-case-start-date", True),
        (40, "WU04", "liquidation-compulsory-appointment-liquidator", False),
    ],
    "in-administration": [
        (4, "AM01", "liquidation-in-administration-appointment-of-administrator", False),
        (60, "AM03", "liquidation-in-administration-proposals", False),
    ],
}
_SUBCATEGORY = {
    "creditors-voluntary-liquidation": ["voluntary"],
    "members-voluntary-liquidation": ["voluntary"],
    "compulsory-liquidation": ["compulsory"],
    "in-administration": ["administration"],
}
PSC_REGIME_START = date(2016, 4, 6)
CS01_START = date(2016, 6, 30)
# Filing histories are complete (a gap would look like dormancy); this only bounds very old ones.
HISTORY_YEARS = 40


def _words() -> list[str]:
    british = names.CULTURES[0][6]
    pool = [*names.PREFIXES, *names.QUALIFIERS, *(a for a, _ in names.ACTIVITIES), *british]
    lowered = [w.lower() for w in pool]
    return [
        w
        for w, lw in zip(pool, lowered, strict=True)
        if not any(lw != other and (lw in other or other in lw) for other in lowered)
    ]


# Words that may appear in company names: none is a substring of another (see names.py).
_NAME_WORDS = set(_words())
PREFIXES = [w for w in names.PREFIXES if w in _NAME_WORDS]
QUALIFIERS = [w for w in names.QUALIFIERS if w in _NAME_WORDS]
ACTIVITIES = [(a, s) for a, s in names.ACTIVITIES if a in _NAME_WORDS]
# New words only (no word of the pools above is part of one of them, nor the other way round).
CROWDED_QUALIFIERS = [
    w
    for w in names.CROWDED_QUALIFIERS
    if not any(w.lower() in o.lower() or o.lower() in w.lower() for o in _NAME_WORDS)
]
# Failed draws in a row after which the three-word name space counts as full. A world of 200k
# companies fills it to about 45 %: 60 failures in a row there has odds of about 1e-21, so
# worlds that fit never switch and keep the names they always had.
CROWDED_AFTER = 60
NAME_SURNAMES = [
    w for w in names.CULTURES[0][6] if w in _NAME_WORDS and w not in {*PREFIXES, *QUALIFIERS}
]


def fold(text: str) -> str:
    """Lower-case ASCII tokens: the identity used for uniqueness checks."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(sorted(_NON_ALNUM.sub(" ", ascii_text).split()))


def add_months(d: date, months: int) -> date:
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    day = min(d.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return date(year, month, day)


def share_band(pct: float) -> str | None:
    """The PSC band of a share: more than 25 % up to 50 %, and so on."""
    if pct > 75:
        return "75-to-100"
    if pct > 50:
        return "50-to-75"
    if pct > 25:
        return "25-to-50"
    return None


class Factory:
    def __init__(self, rng: random.Random, as_of: date) -> None:
        self.rng = rng
        self.as_of = as_of
        self._numbers: set[str] = set()
        self._names: set[str] = set()
        self._crowded = False  # the three-word name space is full: draw from the second pool
        self._persons: set[str] = set()

    # --- persons and addresses -------------------------------------------------------------
    def address(self, town: tuple[str, str, str] | None = None) -> Address:
        rng = self.rng
        locality, area, country = town or rng.choice(names.TOWNS)
        return Address(
            str(rng.randint(1, 240)),
            rng.choice(names.STREETS),
            locality,
            names.postcode(rng, area),
            country,
        )

    def person(
        self,
        born: date | None = None,
        *,
        forenames: str | None = None,
        surname: str | None = None,
        culture_code: str | None = None,
    ) -> Person:
        """A new person whose (name, birth year-month) identity is unused so far."""
        rng = self.rng
        for _ in range(200):
            if culture_code:
                c = next(c for c in names.CULTURES if c[1] == culture_code)
                culture = names.Culture(c[0], c[1], c[2])
                males, females, surnames = c[4], c[5], c[6]
            else:
                culture, males, females, surnames = names.pick_culture(rng)
            male = rng.random() < 0.6
            pool = males if male else females
            given = forenames or rng.choice(pool)
            if forenames is None and rng.random() < 0.35:
                middle = rng.choice(pool)
                if middle != given:
                    given = f"{given} {middle}"
            family = surname or rng.choice(surnames)
            birth = born or date(rng.randint(1948, 1998), rng.randint(1, 12), rng.randint(1, 28))
            ident = f"{fold(given + ' ' + family)}|{birth.year}-{birth.month}"
            if ident in self._persons:
                continue
            self._persons.add(ident)
            return Person(
                pid=names.officer_id(rng),
                title="Mr" if male else rng.choice(["Mrs", "Ms", "Miss"]),
                forenames=given,
                surname=family,
                birth=birth,
                nationality=culture.nationality,
                country_code=culture.code,
                residence="United Kingdom" if rng.random() < 0.85 else culture.country,
                address=self.address(),
                occupation=rng.choice(names.OCCUPATIONS),
            )
        raise RuntimeError("could not draw an unused person identity")

    def identity_free(self, forenames: str, surname: str, born: date) -> bool:
        return f"{fold(forenames + ' ' + surname)}|{born.year}-{born.month}" not in self._persons

    def born_aged(self, age: int, on: date) -> date:
        """A birth date so that the person is `age` years old on `on`."""
        days = self.rng.randint(30, 330)
        return date(on.year - age - 1, on.month, min(on.day, 28)) + timedelta(days=days)

    # --- companies ---------------------------------------------------------------------------
    def gb_number(self, created: date) -> str:
        # Numbers grow with time, as at Companies House (about 500k new companies a year).
        base = 2_000_000 + (created.year - 1985) * 450_000
        for _ in range(1000):
            number = f"{base + self.rng.randrange(450_000):08d}"
            if number not in self._numbers:
                self._numbers.add(number)
                return number
        raise RuntimeError("company number space exhausted")

    def person_id(self) -> str:
        return names.officer_id(self.rng)

    def claim_name(self, core: str) -> bool:
        ident = fold(core)
        if ident in self._names:
            return False
        self._names.add(ident)
        return True

    def company_core(self, activity: tuple[str, str] | None = None) -> tuple[str, str]:
        """A unique three-word name core and its SIC code."""
        rng = self.rng
        if not self._crowded:
            for _ in range(CROWDED_AFTER):
                word, sic = activity or rng.choice(ACTIVITIES)
                if rng.random() < 0.7:
                    core = f"{rng.choice(PREFIXES)} {rng.choice(QUALIFIERS)} {word}"
                else:
                    a, b = rng.sample(NAME_SURNAMES, 2)
                    core = f"{a} & {b} {word}"
                if self.claim_name(core):
                    return core.upper(), sic
            self._crowded = True
        for _ in range(500):
            word, sic = activity or rng.choice(ACTIVITIES)
            core = f"{rng.choice(PREFIXES)} {rng.choice(CROWDED_QUALIFIERS)} {word}"
            if self.claim_name(core):
                return core.upper(), sic
        raise RuntimeError("company name space exhausted")

    def company(
        self,
        created: date,
        *,
        activity: tuple[str, str] | None = None,
        core: str | None = None,
        address: Address | None = None,
        scottish: bool = False,
    ) -> Company:
        if core is None:
            core, sic = self.company_core(activity)
        else:
            sic = (activity or self.rng.choice(ACTIVITIES))[1]
            if not self.claim_name(core):
                raise ValueError(f"company name {core!r} already used")
        suffix = "LIMITED" if self.rng.random() < 0.5 else "LTD"
        if scottish:
            number = f"SC{self.rng.randrange(100_000, 999_999):06d}"
            while number in self._numbers:
                number = f"SC{self.rng.randrange(100_000, 999_999):06d}"
            self._numbers.add(number)
        else:
            number = self.gb_number(created)
        company = Company(
            scheme="GB-COH",
            number=number,
            name=f"{core} {suffix}",
            created=created,
            sic=[sic],
            address=address
            or self.address(self.rng.choice(names.SCOTTISH_TOWNS) if scottish else None),
            jurisdiction="scotland" if scottish else "england-wales",
        )
        self.file(company, "incorporation", "NEWINC", created, "incorporation-company")
        return company

    def file(
        self,
        company: Company,
        category: str,
        ftype: str,
        on: date,
        description: str,
        **values: str,
    ) -> None:
        company.filings.append(Filing(category, ftype, on, description, dict(values)))

    def file_termination(self, company: Company, person: Person, on: date) -> None:
        """The TM01 a company files when a director leaves."""
        self.file(
            company,
            "officers",
            "TM01",
            on,
            "termination-director-company-with-name-termination-date",
            officer_name=person.full_name,
            termination_date=on.isoformat(),
        )

    def appoint(
        self,
        company: Company,
        person: Person,
        start: date,
        end: date | None = None,
        role: str = "director",
    ) -> Mandate:
        mandate = Mandate(person, role, start, end)
        company.mandates.append(mandate)
        if start > company.created:
            self.file(
                company,
                "officers",
                "AP01",
                start,
                "appoint-person-director-company-with-name-date",
                officer_name=person.full_name,
                appointment_date=start.isoformat(),
            )
        if end is not None and end <= self.as_of:
            self.file_termination(company, person, end)
        return mandate

    def own(
        self,
        company: Company,
        holder: Person | Company,
        pct: float | Share,
        start: date,
        end: date | None = None,
        *,
        declare: bool = True,
    ) -> Holding:
        """A direct holding (BODS); `declare` also puts a >25 % holder on the PSC register."""
        share = pct if isinstance(pct, Share) else Share(exact=pct)
        holding = Holding(holder, share, start, end)
        company.holdings.append(holding)
        band = share_band(share.low()) if share.exact is not None else None
        if declare and band:
            natures = [f"ownership-of-shares-{band}-percent", f"voting-rights-{band}-percent"]
            if share.low() > 50:
                natures.append("right-to-appoint-and-remove-directors")
            self.psc(company, holder, natures, max(start, PSC_REGIME_START), end)
        return holding

    def psc(
        self,
        company: Company,
        holder: Person | Company | Body,
        natures: list[str],
        notified: date,
        ceased: date | None = None,
    ) -> None:
        company.pscs.append(Psc(holder, natures, max(notified, PSC_REGIME_START), ceased))

    def statement(self, company: Company, code: str, notified: date) -> None:
        """A PSC statement (psc_descriptions.yml `statement_description`)."""
        company.psc_statements.append((code, max(notified, PSC_REGIME_START)))

    def corporate_officer(
        self, company: Company, officer: Company, role: str, start: date
    ) -> CorporateOfficer:
        """A company as officer of another (corporate-secretary, corporate-director)."""
        appointment = CorporateOfficer(officer, role, start, officer_id=self.person_id())
        company.corporate_officers.append(appointment)
        return appointment

    # --- filings over time ------------------------------------------------------------------
    def yearly(
        self,
        company: Company,
        *,
        accounts: str = "micro-entity",
        until: date | None = None,
        dormant_years: tuple[int, int] | None = None,
        history_years: int = HISTORY_YEARS,
    ) -> None:
        """Annual accounts and confirmation statements from incorporation up to `until`, over
        at most the last `history_years` years."""
        rng = self.rng
        end = min(until or self.as_of, self.as_of)
        first = max(company.created.year + 1, end.year - HISTORY_YEARS)
        kept = end.year - history_years
        for year in range(first, end.year + 1):
            anniversary = date(year, company.created.month, min(company.created.day, 28))
            made_up = add_months(date(year, company.created.month, 1), 1) - timedelta(days=1)
            filed = made_up + timedelta(days=rng.randint(150, 270))
            # Years before `kept` still draw their dates: the random stream, hence every
            # later company, stays the same whatever the history length.
            if made_up > company.created and filed <= end and year >= kept:
                kind = accounts
                if dormant_years and dormant_years[0] <= made_up.year <= dormant_years[1]:
                    kind = "dormant"
                self.accounts(company, made_up, filed, kind)
            if anniversary >= CS01_START and anniversary + timedelta(days=10) <= end:
                cs01 = anniversary + timedelta(days=rng.randint(1, 10))
                if year >= kept:
                    self.file(
                        company,
                        "confirmation-statement",
                        "CS01",
                        cs01,
                        "confirmation-statement-with-no-updates",
                        made_up_date=anniversary.isoformat(),
                    )

    def accounts(self, company: Company, made_up: date, filed: date, kind: str) -> None:
        self.file(
            company,
            "accounts",
            "AA",
            filed,
            f"accounts-with-accounts-type-{kind}",
            made_up_date=made_up.isoformat(),
        )

    def move(self, company: Company, new: Address, on: date) -> None:
        old = company.address
        company.address = new
        self.file(
            company,
            "address",
            "AD01",
            on,
            "change-registered-office-address-company-with-date-old-address-new-address",
            change_date=on.isoformat(),
            old_address=old.text,
            new_address=new.text,
        )

    def insolve(
        self,
        company: Company,
        case_type: str,
        opened: date,
        practitioner: str | None = None,
    ) -> Insolvency:
        """Insolvent (or solvent MVL) winding up opened on `opened`."""
        if case_type == "in-administration":
            dates = [("administration-started-on", opened)]
            company.status = "administration"
        elif case_type == "compulsory-liquidation":
            dates = [("petitioned-on", opened - timedelta(days=60)), ("wound-up-on", opened)]
            company.status = "liquidation"
        elif case_type == "members-voluntary-liquidation":
            dates = [
                ("declaration-solvent-on", opened - timedelta(days=20)),
                ("wound-up-on", opened),
            ]
            company.status = "liquidation"
        else:  # creditors-voluntary-liquidation: the resolution to wind up
            dates = [("wound-up-on", opened)]
            company.status = "liquidation"
        practitioners = [(practitioner or "Harrow Insolvency LLP", opened + timedelta(days=3))]
        case = Insolvency(case_type, opened, dates, practitioners)
        company.insolvency.append(case)
        for days, ftype, description, with_date in INSOLVENCY_FILINGS.get(case_type, []):
            on = opened + timedelta(days=days)
            if on > self.as_of:
                continue
            values = {"case_start_date": opened.isoformat()} if with_date else {}
            company.filings.append(
                Filing("insolvency", ftype, on, description, values, _SUBCATEGORY[case_type])
            )
        return case

    def dissolve(self, company: Company, on: date, voluntary: bool = True) -> None:
        """Struck off the register (GAZ2): solvent, never a bankruptcy."""
        company.status = "dissolved"
        company.ceased = on
        self.file(
            company,
            "gazette",
            "GAZ2",
            on,
            "gazette-dissolved-voluntary" if voluntary else "gazette-dissolved-compulsory",
        )
        # Everything still running ends with the company.
        running: list[Mandate | Holding | CorporateOfficer] = [
            *company.mandates,
            *company.holdings,
            *company.corporate_officers,
        ]
        for link in running:
            if link.end is None:
                link.end = on
        for p in company.pscs:
            if p.ceased is None:
                p.ceased = on
