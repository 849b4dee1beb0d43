"""Planted cases about people's history: insolvencies, bankruptcies, bans, hidden controllers,
front persons, phoenixes and late director changes, each with its hard negatives.

Every case states, when it is planted, which companies must be flagged for which signal kind
and at which severity (docs/analytics.md gives the severities), including what a scenario
entails beyond its own kind (a failed company is insolvent; a director who failed twice is a
past-bankruptcies case on each of the companies he still directs). That plan is the ground
truth: nothing is derived afterwards from the written files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from graphapi.tooling.synthetic.background import adult, ordinary
from graphapi.tooling.synthetic.factory import ACTIVITIES, Factory, add_months
from graphapi.tooling.synthetic.world import (
    Case,
    Company,
    Disqualification,
    Failure,
    Insolvency,
    Person,
    World,
)

INSOLVENT_TYPES = ["creditors-voluntary-liquidation", "compulsory-liquidation", "in-administration"]
# Share of insolvent companies whose insolvency document a bulk fetch missed: their filing
# history and profile status still carry the insolvency.
INSOLVENCY_GAP = 1 / 3
WINDOW_MONTHS = 36  # docs/analytics.md §DIRECTOR_PAST_BANKRUPTCIES: the window after leaving
SHORTLY_MONTHS = 12


def dpb_severity(failures: list[Failure]) -> int:
    """DIRECTOR_PAST_BANKRUPTCIES for a director with these planted failures elsewhere
    (docs/analytics.md: 1 case 3, or 2 if only left 12-36 months before; 2 cases 4; 3+ 5)."""
    if len(failures) >= 3:
        return 5
    if len(failures) == 2:
        return 4
    if len(failures) == 1:
        return 2 if failures[0].tier == "leftLongerBefore" else 3
    return 0


class Planter:
    def __init__(self, f: Factory, w: World) -> None:
        self.f = f
        self.w = w
        self._n = 0

    def ago(self, months: int, jitter_days: int = 0) -> date:
        d = add_months(self.w.as_of, -months)
        return d - timedelta(days=self.f.rng.randint(0, jitter_days)) if jitter_days else d

    def keep(self, *companies: Company) -> None:
        self.w.companies.extend(companies)

    def case(
        self,
        kind: str,
        positives: Mapping[Company, int],
        description: str,
        *,
        persons: list[Person] | None = None,
        expected: dict[str, object] | None = None,
        unscored: Iterable[Company] = (),
    ) -> Case:
        """Companies that must be flagged for `kind`, each with the severity it must get."""
        self._n += 1
        case = Case(
            case_id=f"{kind.lower()}-{self._n:04d}",
            kind=kind,
            description=description,
            positives={c.key: sev for c, sev in positives.items()},
            persons=persons or [],
            expected=expected or {},
            unscored=[c.key for c in unscored],
        )
        self.w.cases.append(case)
        return case

    def hard_negative(
        self, kind: str, companies: list[Company], why: str, max_sev: int = 0
    ) -> None:
        """Companies that look like a case but are not: flagged above `max_sev` is an error."""
        self._n += 1
        self.w.cases.append(
            Case(
                case_id=f"hn-{kind.lower()}-{self._n:04d}",
                kind=kind,
                description=why,
                hard_negatives={c.key: max_sev for c in companies},
            )
        )

    # --- insolvencies and the bankruptcy histories they make -----------------------------------
    def insolve(self, company: Company, case_type: str, opened: date) -> Insolvency:
        """An insolvency, planted: COMPANY_INSOLVENT 5 (not for a members' voluntary
        liquidation), and a failure in the history of every director it concerns."""
        case = self.f.insolve(company, case_type, opened)
        case.documented = self.f.rng.random() >= INSOLVENCY_GAP
        if case_type == "members-voluntary-liquidation":
            return case
        gap = "" if case.documented else " (no insolvency document: filing history only)"
        self.case("COMPANY_INSOLVENT", {company: 5}, f"{company.name}: {case_type}{gap}")
        self._fails_its_directors(company, opened)
        return case

    def _fails_its_directors(self, company: Company, opened: date) -> None:
        """The insolvency opened on `opened` joins the history of each director involved."""
        for m in company.mandates:
            tier = self._tier(m.start, m.end, opened)
            if tier is not None:
                _, failures = self.w.failures.setdefault(id(m.person), (m.person, []))
                failures.append(Failure(company, opened, tier))

    @staticmethod
    def _tier(start: date, end: date | None, t: date) -> str | None:
        if start > t:
            return None  # joined after it opened (a liquidator would): not involved
        if end is None or t <= end:
            return "inOffice"
        if t <= add_months(end, SHORTLY_MONTHS):
            return "leftShortlyBefore"
        if t <= add_months(end, WINDOW_MONTHS):
            return "leftLongerBefore"
        return None

    def failures_of(self, person: Person, besides: Company | None = None) -> list[Failure]:
        """The person's planted failures (other than at `besides`), within five years."""
        horizon = add_months(self.w.as_of, -60)
        _, failures = self.w.failures.get(id(person), (person, []))
        return [x for x in failures if x.company is not besides and x.opened >= horizon]

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
        """A company `director` ran that became insolvent on `opened` (he may have left)."""
        f = self.f
        created = created or add_months(opened, -f.rng.randint(30, 90))
        co = adult(f, created)
        # A director who leaves before the insolvency leaves his shares behind too, so that
        # he is not also an owner of the failed company (which would be a different story).
        owners: list[tuple[Person | Company, float]] = (
            [(director, 60.0), (co, 40.0)] if left is None else [(co, 100.0)]
        )
        company = ordinary(
            f, created, directors=[director, co], owners=owners, until=opened, activity=activity
        )
        if left is not None:
            mandate = next(m for m in company.mandates if m.person is director)
            mandate.end = left
            f.file_termination(company, director, left)
            self._psc_leaves(company, director, left)
        self.insolve(company, case_type, opened)
        self.keep(company)
        return company

    @staticmethod
    def _psc_leaves(company: Company, person: Person, on: date) -> None:
        for psc in company.pscs:
            if psc.holder is person and psc.ceased is None:
                psc.ceased = on

    def live(self, created: date, directors: list[Person], **kw: Any) -> Company:
        company = ordinary(self.f, created, directors=directors, **kw)
        self.keep(company)
        return company

    def expect_history(self, person: Person, companies: Iterable[Company], why: str) -> None:
        """DIRECTOR_PAST_BANKRUPTCIES on companies `person` directs today, from the failures
        planted for him elsewhere (none: nothing)."""
        for c in companies:
            severity = dpb_severity(self.failures_of(person, besides=c))
            if severity:
                self.case("DIRECTOR_PAST_BANKRUPTCIES", {c: severity}, why, persons=[person])

    def namesake(self, person: Person, kinds: list[str]) -> None:
        """Same name, born some years later, director of a clean company: not the same
        person, so nothing may be flagged."""
        f = self.f
        b = person.birth
        born = next(
            d
            for years in (7, 8, 6, 9, 5, 10, 11, 12, 13, 14, 4, 3, 2, 15)
            if f.identity_free(
                person.forenames, person.surname, d := date(b.year + years, b.month, min(b.day, 28))
            )
        )
        twin = f.person(
            born=born,
            forenames=person.forenames,
            surname=person.surname,
            culture_code=person.country_code,
        )
        company = self.live(self.ago(f.rng.randint(40, 100)), [twin])
        for kind in kinds:
            self.hard_negative(
                kind,
                [company],
                f"namesake of {person.full_name} born "
                f"{twin.birth_year_month}, not {person.birth_year_month}",
            )

    # --- DIRECTOR_PAST_BANKRUPTCIES / COMPANY_INSOLVENT ------------------------------------------
    def failed_director(self, i: int, k: int) -> None:
        f = self.f
        person = adult(f, self.ago(150), 30, 55)
        failed = []
        for j in range(k):
            opened = self.ago(6 + 12 * j, 150)
            left = None
            if j == 0 and i % 3 == 1:
                left = add_months(opened, -5)  # left shortly before: also a late change
            elif j == 0 and i % 3 == 2:
                left = add_months(opened, -20)  # 12-36 months before: still a case
            failed.append(
                self.failed_company(person, opened, INSOLVENT_TYPES[(i + j) % 3], left=left)
            )
        target = self.live(self.ago(f.rng.randint(70, 140)), [person, adult(f, self.ago(140))])
        names = ", ".join(c.name for c in failed)
        why = (
            f"{person.full_name} ({person.birth_year_month}) directs {target.name} and was "
            f"director of {k} insolvent companies: {names}"
        )
        self.case(
            "DIRECTOR_PAST_BANKRUPTCIES",
            {target: dpb_severity(self.failures_of(person, besides=target))},
            why,
            persons=[person],
            expected={"cases": k},
        )
        # He still directs the failed companies he did not leave: each is a case there too.
        still = [c for c in failed if any(m.person is person and m.end is None for m in c.mandates)]
        self.expect_history(person, still, f"{why} (one of them, counting the others)")
        if i % 3 == 1:
            late = f"{person.full_name} left {failed[0].name} 5 months before its insolvency"
            self.case("LATE_DIRECTOR_CHANGE", {failed[0]: 3, target: 3}, late, persons=[person])
        if i % 2 == 0:
            self.namesake(person, ["DIRECTOR_PAST_BANKRUPTCIES", "HIDDEN_CONTROLLER"])

    def solvent_endings(self, i: int) -> None:
        """MVL, strike-off and voluntary dissolution: not insolvencies; their directors' other
        companies must not get DIRECTOR_PAST_BANKRUPTCIES."""
        f = self.f
        for how in ("mvl", "strike-off", "voluntary"):
            person = adult(f, self.ago(120))
            ended = self.live(self.ago(f.rng.randint(60, 110)), [person])
            on = self.ago(f.rng.randint(4, 20))
            ended.filings = [x for x in ended.filings if x.date <= on]
            if how == "mvl":
                case = self.insolve(ended, "members-voluntary-liquidation", on)
                # Half the solvent liquidations without their insolvency document: the
                # declaration of solvency (LIQ01) in the filing history says it is solvent.
                case.documented = i % 2 == 0
            else:
                f.dissolve(ended, on, voluntary=how == "voluntary")
            other = self.live(self.ago(f.rng.randint(30, 90)), [person])
            why = f"{ended.name} ended by {how}, a solvent ending"
            self.hard_negative("COMPANY_INSOLVENT", [ended], why)
            self.hard_negative(
                "DIRECTOR_PAST_BANKRUPTCIES", [other], f"director {person.full_name}: {why}"
            )
        # A plain insolvent company in administration, nothing else.
        self.failed_company(adult(f, self.ago(100)), self.ago(2, 40), "in-administration")

    # --- DISQUALIFIED_DIRECTOR -----------------------------------------------------------------
    def disqualified(self, i: int) -> None:
        f = self.f
        person = adult(f, self.ago(150), 30, 55)
        failed = self.failed_company(person, self.ago(40, 60), "compulsory-liquidation")
        start = self.ago(22, 60)
        self.w.disqualifications.append(
            Disqualification(
                person=person,
                disq_id=f.person_id(),
                start=start,
                end=date(start.year + 6, start.month, min(start.day, 28)),
                reason="court-to-disqualify-unfit-directors-of-insolvent-companies",
                section="6",
                company_names=[failed.name],
                case_identifier=f"INV{f.rng.randint(1000, 9999)}",
                court_name="High Court of Justice",
            )
        )
        # Still listed as director of the company he was banned over.
        self.case(
            "DISQUALIFIED_DIRECTOR",
            {failed: 5},
            f"banned {person.full_name} is still a director of {failed.name}",
            persons=[person],
        )
        if i % 2 == 0:
            target = self.live(self.ago(10, 60), [person, adult(f, self.ago(12))])
            role = "a director"
            dq = 5
            self.expect_history(person, [target], f"{person.full_name} directs {target.name}")
        else:
            clean = adult(f, self.ago(60))
            target = self.live(self.ago(30, 60), [clean], owners=[(person, 60.0), (clean, 40.0)])
            role = "the 60 % shareholder (not a director)"
            dq = 4
            self.case(
                "HIDDEN_CONTROLLER",
                {target: 5},
                f"banned {person.full_name} owns 60 % of {target.name}",
                persons=[person],
            )
        self.case(
            "DISQUALIFIED_DIRECTOR",
            {target: dq},
            f"{person.full_name} is disqualified until {start.year + 6} and is {role} of "
            f"{target.name}",
            persons=[person],
        )
        self.namesake(person, ["DISQUALIFIED_DIRECTOR"])

    # --- HIDDEN_CONTROLLER -------------------------------------------------------------------
    def hidden_controller(self, i: int) -> None:
        f = self.f
        person = adult(f, self.ago(150), 30, 60)
        self.failed_company(person, self.ago(18, 200), "creditors-voluntary-liquidation")
        clean = adult(f, self.ago(60))
        share = 60.0 if i % 2 == 0 else 30.0
        target = self.live(
            self.ago(36, 300), [clean], owners=[(person, share), (clean, 100.0 - share)]
        )
        self.case(
            "HIDDEN_CONTROLLER",
            {target: 4},
            f"{person.full_name}, director of an insolvent company, owns {share:g} % of "
            f"{target.name} without being a director",
            persons=[person],
        )
        investor = adult(f, self.ago(80))
        manager = adult(f, self.ago(80))
        passive = self.live(
            self.ago(50, 300), [manager], owners=[(investor, 45.0), (manager, 55.0)]
        )
        self.hard_negative("HIDDEN_CONTROLLER", [passive], "passive 45 % investor with no failures")

    # --- FRONT_PERSON --------------------------------------------------------------------------
    def front_person(self, i: int) -> None:
        f = self.f
        boss = adult(f, self.ago(160), 35, 55)
        first = self.failed_company(boss, self.ago(30, 100), "creditors-voluntary-liquidation")
        second = self.failed_company(boss, self.ago(14, 100), "compulsory-liquidation")
        # He still directs both: each is one past case on the other.
        self.expect_history(boss, [first, second], f"{boss.full_name} ran both into insolvency")
        partner = adult(f, self.ago(70))
        target = self.live(self.ago(70, 100), [boss], owners=[(boss, 80.0), (partner, 20.0)])
        left = self.ago(5, 40)
        mandate = target.mandates[0]
        mandate.end = left
        f.file_termination(target, boss, left)
        appointed = left + timedelta(days=30)
        age = 19 if i % 2 == 0 else 78
        nominee = f.person(born=f.born_aged(age, appointed))
        f.appoint(target, nominee, appointed)
        # Indicators (i) age and no prior mandates, (iv) a hidden controller on the company,
        # (v) appointed 30 days after a failed director left, (vii) no stake while the failed
        # person owns 80 %: four indicators, severity 4.
        self.case(
            "FRONT_PERSON",
            {target: 4},
            f"{nominee.full_name} (aged {age}, no prior mandates) appointed 30 days after "
            f"{boss.full_name} (2 insolvencies) left; {boss.full_name} still owns 80 %",
            persons=[nominee, boss],
        )
        self.case(
            "HIDDEN_CONTROLLER",
            {target: 5},
            f"{boss.full_name} owns 80 % of {target.name} after resigning (2 insolvencies)",
            persons=[boss],
        )
        young = f.person(born=f.born_aged(19, self.ago(8)))
        founder = self.live(self.ago(8, 60), [young], owners=[(young, 100.0)])
        self.hard_negative("FRONT_PERSON", [founder], "founder aged 19, no failure links")

    # --- PHOENIX_SUCCESSOR ----------------------------------------------------------------------
    def phoenix(self, i: int) -> None:
        f = self.f
        boss = adult(f, self.ago(160), 30, 55)
        activity = f.rng.choice(ACTIVITIES)
        opened = self.ago(14 + i % 8, 30)
        failed = self.failed_company(
            boss,
            opened,
            "creditors-voluntary-liquidation",
            created=self.ago(100, 300),
            activity=activity,
        )
        core = failed.name.rsplit(" ", 1)[0]
        born_on = opened + timedelta(days=f.rng.randint(30, 120))
        variant = i % 3
        if variant == 0:  # same director, address, activity and a similar name: (a)+(d), 5
            successor = self.live(
                born_on,
                [boss],
                activity=activity,
                core=f"{core} {opened.year + 1}",
                address_same_as=failed,
            )
            features, severity = "director, address, SIC code and name", 5
        elif variant == 1:  # same address and activity only: 3
            successor = self.live(
                born_on, [adult(f, born_on)], activity=activity, address_same_as=failed
            )
            features, severity = "address and SIC code", 3
        else:  # same director and address: (a) and another, 4
            other = f.rng.choice([a for a in ACTIVITIES if a[1][:4] != activity[1][:4]])
            successor = self.live(born_on, [boss], address_same_as=failed, activity=other)
            features, severity = "director and address", 4
        self.case(
            "PHOENIX_SUCCESSOR",
            {successor: severity},
            f"{successor.name} incorporated {born_on} within 12 months of the insolvency "
            f"of {failed.name} ({opened}); shares {features}",
            persons=[boss],
            # The report of the failed company may show its successor too.
            unscored=[failed],
        )
        if variant != 1:
            self.expect_history(boss, [successor], f"{boss.full_name} now directs {successor.name}")
        unrelated = self.live(born_on + timedelta(days=20), [adult(f, born_on)], activity=activity)
        self.hard_negative(
            "PHOENIX_SUCCESSOR",
            [unrelated],
            "incorporated in the window with the same SIC code only",
        )
        older = self.live(
            add_months(opened, -30), [adult(f, opened)], activity=activity, address_same_as=failed
        )
        self.hard_negative(
            "PHOENIX_SUCCESSOR",
            [older],
            "same address and SIC code but existed 30 months before the insolvency",
        )

    # --- LATE_DIRECTOR_CHANGE --------------------------------------------------------------------
    def late_change(self, i: int) -> None:
        f = self.f
        opened = self.ago(10, 60)
        leaver, arriver, owner = (adult(f, self.ago(90)) for _ in range(3))
        failed = self.live(
            self.ago(80, 300), [leaver, owner], owners=[(owner, 100.0)], until=opened
        )
        mandate = failed.mandates[0]
        mandate.end = add_months(opened, -4)
        f.file(
            failed,
            "officers",
            "TM01",
            mandate.end,
            "termination-director-company-with-name-termination-date",
            officer_name=leaver.full_name,
            termination_date=mandate.end.isoformat(),
        )
        f.appoint(failed, arriver, add_months(opened, -3))
        self.insolve(failed, "compulsory-liquidation", opened)
        later = self.live(self.ago(50, 300), [leaver])
        self.case(
            "LATE_DIRECTOR_CHANGE",
            {failed: 3, later: 3},
            f"{leaver.full_name} resigned from {failed.name} 4 months before its "
            f"insolvency and directs {later.name}; {arriver.full_name} arrived 3 months "
            "before",
            persons=[leaver, arriver],
        )
        self.expect_history(leaver, [later], f"{leaver.full_name} left {failed.name} shortly")
        # Resigned 45 months before the insolvency: outside the 36-month window.
        early = adult(f, self.ago(120))
        old_opened = self.ago(25, 60)
        old_failed = self.failed_company(
            adult(f, self.ago(120)),
            old_opened,
            "creditors-voluntary-liquidation",
            created=add_months(old_opened, -90),
        )
        f.appoint(old_failed, early, old_failed.created, add_months(old_opened, -45))
        now = self.live(self.ago(30, 200), [early])
        why = f"{early.full_name} left {old_failed.name} 45 months before its insolvency"
        self.hard_negative("DIRECTOR_PAST_BANKRUPTCIES", [now], why)
        self.hard_negative("LATE_DIRECTOR_CHANGE", [now], why)
        # Appointed after the insolvency opened (as liquidator would be): not a case.
        liq = adult(f, self.ago(120))
        liq_opened = self.ago(20, 60)
        liq_failed = self.failed_company(
            adult(f, self.ago(120)), liq_opened, "creditors-voluntary-liquidation"
        )
        f.appoint(liq_failed, liq, liq_opened + timedelta(days=60))
        liq_failed.insolvency[0].practitioners.append((liq.full_name, liq_opened))
        liq_now = self.live(self.ago(40, 200), [liq])
        why = f"{liq.full_name} joined {liq_failed.name} after its insolvency opened"
        self.hard_negative("DIRECTOR_PAST_BANKRUPTCIES", [liq_now], why)
        self.hard_negative("LATE_DIRECTOR_CHANGE", [liq_now], why)
