"""Planted cases for the Belgian- and French-shaped worlds (regional.py writes them).

The UK world's history scenarios (plant_history.py: a director who left a bankrupt company and
now runs another, one to three failures, left shortly or longer before, namesakes; phoenix
successors; in Belgium, where the UBO register gives owners, hidden controllers and front
persons) and regional ones (domiciliation addresses, a French personal ban), on companies keyed
the way the registries key them (KBO enterprise numbers, SIRENs) and with the endings those
registries publish: a Belgian bankruptcy or voluntary liquidation as a KBO juridical situation,
a French liquidation judiciaire or radiation as a BODACC announcement. Every case states at
planting time what must be flagged and at which severity; that plan is the ground truth.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from stdnum import luhn

from graphapi.tooling.synthetic.background import adult
from graphapi.tooling.synthetic.factory import ACTIVITIES, Factory, add_months
from graphapi.tooling.synthetic.plant_history import Planter
from graphapi.tooling.synthetic.world import (
    Address,
    Company,
    Holding,
    Insolvency,
    Person,
    Share,
    World,
)

# What each registry publishes as the end of a company (regional.py's writers read these).
BANKRUPTCY = "bankruptcy"  # BE: KBO juridical situation 050, opening of bankruptcy
VOLUNTARY_LIQUIDATION = "voluntary-liquidation"  # BE: 012, solvent dissolution and liquidation
LIQUIDATION_JUDICIAIRE = "liquidation-judiciaire"  # FR: BODACC procédure collective
RADIATION = "radiation"  # FR: BODACC radiation du RCS after a dissolution (solvent)
INSOLVENT = {BANKRUPTCY, LIQUIDATION_JUDICIAIRE}

SCHEMES = {"be": "BE-BCE_KBO", "fr": "FR-SIREN"}
_TOWNS = {
    "be": [
        ("Antwerpen", "2000", "Meir"),
        ("Gent", "9000", "Veldstraat"),
        ("Brussel", "1000", "Nieuwstraat"),
        ("Leuven", "3000", "Bondgenotenlaan"),
        ("Liège", "4000", "Rue Léopold"),
        ("Namur", "5000", "Rue de Fer"),
        ("Brugge", "8000", "Steenstraat"),
    ],
    "fr": [
        ("PARIS", "75002", "RUE DE LA PAIX"),
        ("LYON", "69002", "RUE DE LA RÉPUBLIQUE"),
        ("LILLE", "59000", "RUE NATIONALE"),
        ("NANTES", "44000", "RUE CRÉBILLON"),
        ("BORDEAUX", "33000", "COURS DE L'INTENDANCE"),
        ("TOULOUSE", "31000", "RUE D'ALSACE-LORRAINE"),
    ],
}
_COUNTRY = {"be": "Belgium", "fr": "France"}
# BE: besloten vennootschap (610) and naamloze vennootschap (014); FR: SARL (5499), SAS (5710).
FORMS = {"be": ("610", "014"), "fr": ("5499", "5710")}
_SUFFIX = {"610": "BV", "014": "NV", "5499": "SARL", "5710": "SAS"}


class RegionalPlanter(Planter):
    """The UK history planter's scenarios on Belgian or French companies."""

    def __init__(self, f: Factory, w: World, country: str, first_extract: date) -> None:
        super().__init__(f, w)
        self.country = country
        self.scheme = SCHEMES[country]
        # Endings are planted after the first dated extract, so that a KBO situation is
        # observed on its own day (an update extract), never back-dated by a full set.
        self.first_extract = first_extract
        self._numbers: set[str] = set()
        # FR personal sanctions as BODACC publishes them: (name, company, judgment, years).
        self.bans: list[tuple[str, Company, date, int]] = []
        # BE UBO-register statements instead of an owner: (company, BODS reason, date).
        self.statements: list[tuple[Company, str, date]] = []

    # --- companies as the registries key them ---------------------------------------------
    def number(self) -> str:
        rng = self.f.rng
        while True:
            if self.country == "be":
                base = rng.randrange(2_000_000, 9_999_999)  # 0xxx.xxx.xxx: legal persons
                number = f"0{base:07d}{97 - base % 97:02d}"
            else:
                body = f"{rng.randrange(30_000_000, 99_999_999):08d}"
                number = body + luhn.calc_check_digit(body)
            if number not in self._numbers:
                self._numbers.add(number)
                return number

    def address(self) -> Address:
        rng = self.f.rng
        locality, postcode, street = rng.choice(_TOWNS[self.country])
        return Address(str(rng.randint(1, 600)), street, locality, postcode, _COUNTRY[self.country])

    def company(
        self,
        created: date,
        *,
        activity: tuple[str, str] | None = None,
        core: str | None = None,
        address: Address | None = None,
    ) -> Company:
        f = self.f
        if core is None:
            core, sic = f.company_core(activity)
            core = core.title()
        else:
            sic = (activity or f.rng.choice(ACTIVITIES))[1]
            if not f.claim_name(core):
                raise ValueError(f"company name {core!r} already used")
        form = f.rng.choice(FORMS[self.country])
        return Company(
            scheme=self.scheme,
            number=self.number(),
            name=f"{core} {_SUFFIX[form]}",
            created=created,
            sic=[sic],  # a UK SIC 2007 code: its first four digits are the NACE class
            address=address or self.address(),
            ctype=form,
            jurisdiction=self.country,
        )

    def live(
        self,
        created: date,
        directors: list[Person],
        *,
        activity: tuple[str, str] | None = None,
        core: str | None = None,
        address_same_as: Company | None = None,
        address: Address | None = None,
        owners: list[tuple[Person | Company, float]] | None = None,
        **kw: Any,
    ) -> Company:
        if address_same_as is not None:
            address = address_same_as.address
        company = self.company(created, activity=activity, core=core, address=address)
        for person in directors:
            self.f.appoint(company, person, created)
        # Who owns it, as its beneficial-owner register entry states (BE: the UBO register).
        for holder, pct in owners or []:
            company.holdings.append(Holding(holder, Share(exact=pct), created))
        company.filings.clear()  # no Companies House filings in these registries
        self.keep(company)
        return company

    # --- endings ------------------------------------------------------------------------
    def insolve(self, company: Company, case_type: str, opened: date) -> Insolvency:
        if opened <= self.first_extract:
            raise ValueError(f"{company.name}: ending {opened} before the first extract")
        case = Insolvency(case_type, opened, [("opened-on", opened)])
        company.insolvency.append(case)
        if case_type not in INSOLVENT:
            company.status = "dissolved"
            company.ceased = opened
            for m in company.mandates:
                if m.end is None:
                    m.end = opened
            return case
        company.status = "insolvent"
        self.case("COMPANY_INSOLVENT", {company: 5}, f"{company.name}: {case_type}")
        self._fails_its_directors(company, opened)
        return case

    def failed_company(
        self,
        director: Person,
        opened: date,
        case_type: str,
        *,
        left: date | None = None,
        created: date | None = None,
        activity: tuple[str, str] | None = None,
    ) -> Company:
        f = self.f
        created = created or add_months(opened, -f.rng.randint(30, 90))
        company = self.live(created, [director, adult(f, created)], activity=activity)
        if left is not None:
            mandate = next(m for m in company.mandates if m.person is director)
            mandate.end = left
        self.insolve(company, self.insolvent_type, opened)
        return company

    @property
    def insolvent_type(self) -> str:
        return BANKRUPTCY if self.country == "be" else LIQUIDATION_JUDICIAIRE

    @property
    def solvent_type(self) -> str:
        return VOLUNTARY_LIQUIDATION if self.country == "be" else RADIATION

    # --- hard negatives -----------------------------------------------------------------
    def solvent_endings(self, i: int) -> None:
        """A voluntary liquidation (BE) or a radiation after dissolution (FR): not a
        bankruptcy; the director's other company must not get DIRECTOR_PAST_BANKRUPTCIES."""
        f = self.f
        person = adult(f, self.ago(120))
        ended = self.live(self.ago(f.rng.randint(60, 110)), [person])
        on = self.ago(f.rng.randint(4, 20), 20)
        self.insolve(ended, self.solvent_type, on)
        other = self.live(self.ago(f.rng.randint(30, 90)), [person])
        why = f"{ended.name} ended by {self.solvent_type}, a solvent ending"
        self.hard_negative("COMPANY_INSOLVENT", [ended], why)
        self.hard_negative(
            "DIRECTOR_PAST_BANKRUPTCIES", [other], f"director {person.full_name}: {why}"
        )
        # A plain bankruptcy, nothing else.
        self.failed_company(adult(f, self.ago(100)), self.ago(2, 40), self.insolvent_type)

    def left_long_before(self, i: int) -> None:
        """Left a company 40 months before its bankruptcy (outside the 36-month window): his
        present company is no case, and the move is no late change."""
        f = self.f
        person = adult(f, self.ago(150), 30, 55)
        opened = self.ago(8, 100)
        failed = self.failed_company(
            person,
            opened,
            self.insolvent_type,
            left=add_months(opened, -40),
            created=add_months(opened, -90),
        )
        target = self.live(self.ago(f.rng.randint(60, 100)), [person])
        why = f"{person.full_name} left {failed.name} 40 months before its bankruptcy"
        self.hard_negative("DIRECTOR_PAST_BANKRUPTCIES", [target], why)
        self.hard_negative("LATE_DIRECTOR_CHANGE", [target], why)

    def joined_after(self, i: int) -> None:
        """Appointed after the bankruptcy opened (a manager taking over the remains): not
        involved in it."""
        f = self.f
        opened = self.ago(10, 60)
        failed = self.failed_company(adult(f, self.ago(120)), opened, self.insolvent_type)
        person = adult(f, self.ago(60))
        f.appoint(failed, person, opened + timedelta(days=20))
        target = self.live(self.ago(f.rng.randint(40, 90)), [person])
        why = f"{person.full_name} joined {failed.name} after its bankruptcy opened"
        self.hard_negative("DIRECTOR_PAST_BANKRUPTCIES", [target], why)

    def mass_address(self, i: int) -> None:
        """A domiciliation address with 26 active companies, 16 of them registered in the last
        two years by a formation agent (four batches) and 6 more ended there; beside it an
        accountant's office with 24 old, healthy clients (hard negative)."""
        f = self.f
        town, postcode, _ = _TOWNS[self.country][i % len(_TOWNS[self.country])]
        street = "Avenue Louise" if self.country == "be" else "RUE DU FAUBOURG SAINT-HONORÉ"
        hub = Address(str(300 + i), street, town, postcode, _COUNTRY[self.country])
        active: list[Company] = []
        for n in range(26):
            created = self.ago(2 + 5 * (n // 4)) if n < 16 else self.ago(30 + 3 * n, 20)
            active.append(self.live(created, [adult(f, created)], address=hub))
        ended: list[Company] = []
        for n in range(6):
            created = self.ago(30 + 3 * n, 40)
            c = self.live(created, [adult(f, created)], address=hub)
            how = self.insolvent_type if n < 3 else self.solvent_type
            self.insolve(c, how, self.ago(3 + 3 * n, 20))
            ended.append(c)
        self.case(
            "MASS_REGISTRATION_ADDRESS",
            dict.fromkeys(active, 2),
            f"{hub.text}: 26 active companies, 16 registered in the last 24 months, 6 more "
            "ended there",
            unscored=ended,
        )
        office = Address(
            str(10 + i),
            "Grote Markt" if self.country == "be" else "PLACE BELLECOUR",
            town,
            postcode,
            _COUNTRY[self.country],
        )
        clients = []
        for n in range(24):
            created = self.ago(70 + 7 * n, 60)
            clients.append(self.live(created, [adult(f, created)], address=office))
        self.hard_negative(
            "MASS_REGISTRATION_ADDRESS",
            clients,
            f"{office.text}: accountant with 24 old, healthy client companies (no churn)",
        )

    def register_statements(self, i: int) -> None:
        """BE: the UBO register states that a company's beneficial owners could not be
        identified or confirmed yet (UBO_REGISTER_STATEMENT 2, no NO_UBO_FOUND on its own), or
        that it has none, its senior managing officials standing in (NO_UBO_FOUND 2, the
        Belgian "pseudo-UBO")."""
        f = self.f
        created = self.ago(f.rng.randint(30, 150))
        pending = self.live(created, [adult(f, created)])
        reason = "subjectUnableToConfirmOrIdentifyBeneficialOwner"
        self.statements.append((pending, reason, self.ago(f.rng.randint(3, 24))))
        self.case("UBO_REGISTER_STATEMENT", {pending: 2}, f"UBO register: {reason}")
        self.hard_negative("NO_UBO_FOUND", [pending], f"UBO register: {reason}, its own finding")
        created = self.ago(f.rng.randint(30, 150))
        none = self.live(created, [adult(f, created), adult(f, created)])
        self.statements.append((none, "noBeneficialOwners", self.ago(f.rng.randint(3, 24))))
        self.case(
            "NO_UBO_FOUND",
            {none: 2},
            "UBO register: no beneficial owner; the senior managing officials stand in",
        )
        self.hard_negative("UBO_REGISTER_STATEMENT", [none], "no beneficial owner: NO_UBO_FOUND")

    def banned_namesake(self, i: int) -> None:
        """FR: a BODACC faillite personnelle names someone with the name of a gérant of a
        clean company. BODACC gives no birth date and persons never merge on a name alone, so
        the gérant's company stays clean (it is in the clean set the rating is checked on)."""
        f = self.f
        person = adult(f, self.ago(150), 30, 60)
        self.live(self.ago(f.rng.randint(40, 100)), [person])
        failed = self.failed_company(adult(f, self.ago(120)), self.ago(16, 60), self.insolvent_type)
        self.bans.append((f"{person.surname} {person.forenames}", failed, self.ago(10, 60), 10))


def plant_regional(p: RegionalPlanter, companies: int) -> None:
    """Every regional case; how many scales with the size of the world."""
    unit = max(2, companies // 500)
    for i in range(unit):
        for k in (1, 2, 3):
            p.failed_director(3 * i + k - 1, k)
        p.solvent_endings(i)
        p.left_long_before(i)
        p.joined_after(i)
        for v in range(3):
            p.phoenix(3 * i + v)
        if p.country == "fr":
            p.banned_namesake(i)
        else:  # both need the UBO register's owners
            p.hidden_controller(i)
            p.front_person(i)
            p.front_person(i + 1)  # the other age variant (19 / 78)
            p.register_statements(i)
    for i in range(max(1, companies // 2500)):
        p.mass_address(i)
