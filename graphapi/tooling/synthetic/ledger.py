"""A firm's ledger for the generated world: its clients (a sample of the world's companies) and
fifteen months of invoices, credit notes and payments, with three planted cases.

Written as an accounting package exports it (`duegraph ledger import` reads it):
- `out/ledger/clients.csv`: `Client ID, Name, Company number, Country, Payment terms,
  Credit limit, Currency, Account manager, Segment` (limits as `£50,000.00`, terms `Net 30`);
  a few clients have a name and no number, as client files do;
- `out/ledger/invoices.csv`: `Customer, Document type, Invoice No, Applies to, Invoice date,
  Due date, Amount, Currency, Paid amount, Payment date`, dates `dd/mm/yyyy`; an invoice paid
  in one go carries its payment on its own row, partial payments are `Payment` rows;
- the plan, under `ledger` in `out/ground_truth.json`.

Planted cases (the companies are planted in the world, so their registry story is known):
- **slow payer**: a company with nothing against it in the registers (rated clean) that pays
  its invoices 45-75 days past due and has invoices open past 60 and 90 days;
- **group over its limits**: a parent and two subsidiaries (the PSC register names the parent
  as relevant legal entity of each) billed separately; the parent and the first subsidiary are
  each within their own limit, the second subsidiary has no limit set, and together they owe
  more than the sum of their limits;
- **shared failed director**: three clients with one director in common, who left two
  companies that later went into insolvent liquidation; together they owe a stated amount.
Every other client pays within a few days of its terms.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from graphapi.tooling.synthetic.background import adult, ordinary
from graphapi.tooling.synthetic.factory import add_months
from graphapi.tooling.synthetic.plant_structure import CONTROL_75, StructurePlanter
from graphapi.tooling.synthetic.world import Company, Person

LEDGER_MONTHS = 15
MAX_SAMPLE = 120  # background clients
MAX_PLANTED_SAMPLE = 30  # clients among the planted companies (their registry story varies)
COUNTRY = {"GB-COH": "GB", "BE-BCE_KBO": "BE", "FR-SIREN": "FR"}
SAMPLE_EVERY = 7  # one background active company in so many becomes a client
NAME_ONLY_EVERY = 10  # one sampled client in so many is given by name (no number)
CLIENT_HEADER = ["Client ID", "Name", "Company number", "Country", "Payment terms",
                 "Credit limit", "Currency", "Account manager", "Segment"]  # fmt: skip
INVOICE_HEADER = ["Customer", "Document type", "Invoice No", "Applies to", "Invoice date",
                  "Due date", "Amount", "Currency", "Paid amount", "Payment date"]  # fmt: skip
OWNERS = ("A. Patel", "J. Morgan", "S. Okafor", "L. Williams")
SEGMENTS = ("Retail", "Wholesale", "Construction", "Public sector")
CURRENCY = "GBP"


@dataclass
class LedgerCases:
    """The planted ledger cases: their companies and the director they share."""

    slow_payer: Company
    group_parent: Company
    group_subsidiaries: list[Company]
    shared_director: Person
    failed: list[Company]
    shared_clients: list[Company]


@dataclass
class _Client:
    client_id: str
    key: str
    number: str
    name: str
    country: str
    terms: int
    limit: Decimal | None
    name_only: bool = False
    owner: str = OWNERS[0]
    segment: str = SEGMENTS[0]


@dataclass
class _Doc:
    client: str
    kind: str  # Invoice | Credit note | Payment
    number: str
    issued: date
    due: date | None
    amount: Decimal
    applies_to: str = ""
    paid: Decimal | None = None
    paid_on: date | None = None


@dataclass
class LedgerBook:
    as_of: date
    clients: list[_Client] = field(default_factory=list)
    docs: list[_Doc] = field(default_factory=list)
    _next: int = 1

    def number(self, prefix: str = "INV") -> str:
        n = self._next
        self._next += 1
        return f"{prefix}-{n:06d}"


def plant_ledger_cases(p: StructurePlanter) -> LedgerCases:
    """The companies the ledger cases need, planted in the world (call with the ledger's own
    random stream so that the rest of the world draws what it always drew)."""
    f = p.f
    created = p.ago(f.rng.randint(60, 120))
    slow = ordinary(f, created, directors=[adult(f, created)])
    p.keep(slow)
    # A group: the parent's owner is a person; each subsidiary names the parent on its PSC
    # register (a relevant legal entity), so the group shows in the graph.
    created = p.ago(f.rng.randint(100, 180))
    owner = adult(f, created)
    parent = ordinary(f, created, directors=[owner], owners=[(owner, 100.0)])
    subs = []
    for _ in range(2):
        sub_created = created + timedelta(days=f.rng.randint(90, 900))
        sub = ordinary(f, sub_created, directors=[adult(f, sub_created)], owners=[])
        f.psc(sub, parent, CONTROL_75, sub_created)
        subs.append(sub)
    p.keep(parent, *subs)
    p._no_ubo_finding(
        [parent, *subs],
        f"{', '.join(s.name for s in subs)} <- {parent.name} <- {owner.full_name}: owner "
        "followed through the register's relevant legal entities",
    )
    # A director who left two companies 20 months before each went into insolvent liquidation
    # (still within the history window), and now directs three of the firm's clients.
    person = adult(f, p.ago(150), 35, 55)
    failed = []
    for j in range(2):
        opened = p.ago(8 + 14 * j, 60)
        failed.append(
            p.failed_company(
                person, opened, "creditors-voluntary-liquidation", left=add_months(opened, -20)
            )
        )
    shared = [p.live(p.ago(f.rng.randint(30, 90)), [person, adult(f, p.ago(90))]) for _ in range(3)]
    names = ", ".join(c.name for c in failed)
    p.expect_history(
        person,
        shared,
        f"{person.full_name} ({person.birth_year_month}) directs three of the firm's clients "
        f"and left two companies before their insolvency: {names}",
    )
    return LedgerCases(slow, parent, subs, person, failed, shared)


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _day(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


class LedgerWriter:
    """Draws the clients and their documents (one random stream), then writes the files."""

    def __init__(self, rng: random.Random, as_of: date) -> None:
        self.rng = rng
        self.book = LedgerBook(as_of)
        self.start = add_months(as_of, -LEDGER_MONTHS)

    def client(
        self,
        company: Company,
        *,
        terms: int | None = None,
        limit: Decimal | None = None,
        no_limit: bool = False,
        name_only: bool = False,
    ) -> _Client:
        rng = self.rng
        n = len(self.book.clients) + 1
        chosen = (
            limit if limit is not None else Decimal(rng.choice((10, 15, 25, 40, 60, 80)) * 1000)
        )
        client = _Client(
            client_id=f"C{n:05d}",
            key=company.key,
            number=company.number,
            name=company.name,
            country=COUNTRY[company.scheme],
            terms=terms if terms is not None else rng.choice((30, 30, 45, 60)),
            limit=None if no_limit else chosen,
            name_only=name_only,
            owner=rng.choice(OWNERS),
            segment=rng.choice(SEGMENTS),
        )
        self.book.clients.append(client)
        return client

    def invoice(self, c: _Client, issued: date, amount: Decimal) -> _Doc:
        doc = _Doc(c.client_id, "Invoice", self.book.number(), issued,
                   issued + timedelta(days=c.terms), amount)  # fmt: skip
        self.book.docs.append(doc)
        return doc

    def pay(self, doc: _Doc, on: date, amount: Decimal | None = None) -> None:
        """A payment of `doc` (all of it by default) on `on`, if it is before as_of."""
        if on > self.book.as_of:
            return
        paid = doc.amount if amount is None else amount
        if amount is None and doc.paid is None:
            doc.paid, doc.paid_on = paid, on  # one payment: on the invoice's own row
            return
        self.book.docs.append(
            _Doc(doc.client, "Payment", self.book.number("PAY"), on, None, paid,
                 applies_to=doc.number)
        )  # fmt: skip

    def _amount(self, lo: int, hi: int) -> Decimal:
        return Decimal(self.rng.randint(lo * 100, hi * 100)) / 100

    def ordinary_history(self, c: _Client) -> None:
        """Monthly-ish invoices paid within a few days of the terms; now and then a partial
        payment or a credit note."""
        rng = self.rng
        issued = self.start + timedelta(days=rng.randint(0, 25))
        while issued <= self.book.as_of:
            doc = self.invoice(c, issued, self._amount(300, 6000))
            assert doc.due is not None
            roll = rng.random()
            if roll < 0.06:
                note = _Doc(c.client_id, "Credit note", self.book.number("CN"),
                            issued + timedelta(days=rng.randint(3, 20)), None,
                            (doc.amount * Decimal("0.1")).quantize(Decimal("0.01")),
                            applies_to=doc.number)  # fmt: skip
                if note.issued <= self.book.as_of:
                    self.book.docs.append(note)
                    self.pay(doc, doc.due + timedelta(days=rng.randint(-3, 6)),
                             doc.amount - note.amount)  # fmt: skip
                else:
                    self.pay(doc, doc.due + timedelta(days=rng.randint(-3, 6)))
            elif roll < 0.12:
                half = (doc.amount / 2).quantize(Decimal("0.01"))
                self.pay(doc, doc.due - timedelta(days=rng.randint(0, 5)), half)
                self.pay(doc, doc.due + timedelta(days=rng.randint(5, 12)), doc.amount - half)
            else:
                self.pay(doc, doc.due + timedelta(days=rng.randint(-4, 7)))
            issued += timedelta(days=rng.randint(24, 40))

    def slow_history(self, c: _Client) -> dict[str, Any]:
        """Invoices paid 45-75 days past due; the last ones still open."""
        rng = self.rng
        issued = self.start + timedelta(days=rng.randint(0, 10))
        while issued <= self.book.as_of:
            doc = self.invoice(c, issued, self._amount(2000, 9000))
            assert doc.due is not None
            self.pay(doc, doc.due + timedelta(days=rng.randint(45, 75)))
            issued += timedelta(days=rng.randint(25, 35))
        return {"payments_days_late": [45, 75]}

    def open_balance(self, c: _Client, total: Decimal, parts: int, oldest_days: int) -> None:
        """Invoices still unpaid today, summing to `total`, the oldest `oldest_days` old."""
        base = (total / parts).quantize(Decimal("0.01"))
        for i in range(parts):
            amount = base if i < parts - 1 else total - base * (parts - 1)
            issued = self.book.as_of - timedelta(days=oldest_days * (parts - i) // parts)
            self.invoice(c, issued, amount)

    def settled_history(self, c: _Client, months: int = 9) -> None:
        """Earlier invoices, all paid on time (the open balance comes on top)."""
        rng = self.rng
        issued = self.start
        end = add_months(self.book.as_of, -3)
        while issued <= end and months > 0:
            doc = self.invoice(c, issued, self._amount(1000, 5000))
            assert doc.due is not None
            self.pay(doc, doc.due + timedelta(days=rng.randint(-2, 4)))
            issued += timedelta(days=rng.randint(28, 40))
            months -= 1

    def write(self, out: Path) -> tuple[Path, Path]:
        folder = out / "ledger"
        folder.mkdir(parents=True, exist_ok=True)
        clients, invoices = folder / "clients.csv", folder / "invoices.csv"
        with clients.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(CLIENT_HEADER)
            for c in self.book.clients:
                w.writerow([c.client_id, c.name, "" if c.name_only else c.number,
                            c.country, f"Net {c.terms}",
                            f"£{_money(c.limit)}" if c.limit is not None else "",
                            CURRENCY, c.owner, c.segment])  # fmt: skip
        with invoices.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(INVOICE_HEADER)
            for d in sorted(self.book.docs, key=lambda d: (d.issued, d.number)):
                paid = _money(d.paid) if d.paid is not None else ""
                w.writerow([d.client, d.kind, d.number, d.applies_to, _day(d.issued),
                            _day(d.due), _money(d.amount), CURRENCY, paid,
                            _day(d.paid_on)])  # fmt: skip
        return clients, invoices

    def open_at(self, client_id: str, on: date) -> Decimal:
        """What the plan leaves open for a client at `on` (invoices less payments and credit
        notes dated by then): the generator's own bookkeeping, stated in the truth."""
        owed = Decimal(0)
        for d in self.book.docs:
            if d.client != client_id or d.issued > on:
                continue
            if d.kind == "Invoice":
                owed += d.amount
                if d.paid is not None and d.paid_on is not None and d.paid_on <= on:
                    owed -= d.paid
            else:
                owed -= d.amount
        return owed


def planted_sample(companies: list[Company], cases: LedgerCases) -> list[Company]:
    """Active planted companies outside the ledger's own cases, one in `SAMPLE_EVERY`: clients
    whose registry story is a planted case (they pay on time: the registers alone speak)."""
    taken = {id(c) for c in (cases.slow_payer, cases.group_parent, *cases.group_subsidiaries,
                             *cases.failed, *cases.shared_clients)}  # fmt: skip
    active = [c for c in companies if c.status == "active" and id(c) not in taken]
    return active[::SAMPLE_EVERY][:MAX_PLANTED_SAMPLE]


def write_ledger(
    out: Path, cases: LedgerCases, sample: list[Company], seed: int, as_of: date
) -> dict[str, Any]:
    """Write the ledger files; return the plan for ground_truth.json (`ledger`). `sample`:
    the ordinary clients, each paying within a few days of its terms."""
    w = LedgerWriter(random.Random(f"{seed}:ledger-books"), as_of)
    for i, company in enumerate(sample):
        c = w.client(company, name_only=i % NAME_ONLY_EVERY == NAME_ONLY_EVERY - 1)
        w.ordinary_history(c)
    slow = w.client(cases.slow_payer, terms=30, limit=Decimal(40000))
    slow_plan = w.slow_history(slow)
    # The group: parent 55,000 open of 60,000; first subsidiary 38,000 of 40,000; the second
    # has no limit set and owes 30,000: 123,000 together against 100,000 of limits.
    group_spec = [
        (cases.group_parent, Decimal(60000), Decimal(55000)),
        (cases.group_subsidiaries[0], Decimal(40000), Decimal(38000)),
        (cases.group_subsidiaries[1], None, Decimal(30000)),
    ]
    group = []
    for company, limit, owed in group_spec:
        c = w.client(company, terms=30, limit=limit, no_limit=limit is None)
        w.settled_history(c)
        w.open_balance(c, owed, 4, 50)
        group.append((c, owed))
    shared = []
    for company, owed in zip(cases.shared_clients, (Decimal(31000), Decimal(27500),
                                                     Decimal(25500)), strict=True):  # fmt: skip
        c = w.client(company, terms=45, limit=Decimal(40000))
        w.settled_history(c, months=6)
        w.open_balance(c, owed, 3, 40)
        shared.append((c, owed))
    clients_path, invoices_path = w.write(out)
    limits = [c.limit for c, _ in group if c.limit is not None]
    return {
        "as_of": as_of.isoformat(),
        "ledger": "demo",
        "files": [str(clients_path.relative_to(out)), str(invoices_path.relative_to(out))],
        "currency": CURRENCY,
        "clients": len(w.book.clients),
        "name_only_clients": sum(1 for c in w.book.clients if c.name_only),
        "documents": len(w.book.docs),
        "cases": {
            "slow_payer": {
                "client_id": slow.client_id,
                "company": slow.key,
                "payment_terms_days": slow.terms,
                "open": str(w.open_at(slow.client_id, as_of)),
                "description": f"{slow.name} pays {slow_plan['payments_days_late'][0]}-"
                f"{slow_plan['payments_days_late'][1]} days past its terms; nothing against it "
                "in the registers",
                **slow_plan,
            },
            "group_over_limits": {
                "parent": cases.group_parent.key,
                "clients": [
                    {
                        "client_id": c.client_id,
                        "company": c.key,
                        "credit_limit": None if c.limit is None else str(c.limit),
                        "open": str(owed),
                    }
                    for c, owed in group
                ],  # fmt: skip
                "combined_open": str(sum((o for _, o in group), Decimal(0))),
                "sum_of_limits": str(sum(limits, Decimal(0))),
                "description": "a parent and two subsidiaries: each with a limit is within "
                "it, together they owe more than all their limits",
            },
            "shared_failed_director": {
                "director": cases.shared_director.full_name,
                "birth_year_month": cases.shared_director.birth_year_month,
                "failed_companies": [c.key for c in cases.failed],
                "clients": [
                    {"client_id": c.client_id, "company": c.key, "open": str(owed)}
                    for c, owed in shared
                ],
                "combined_open": str(sum((o for _, o in shared), Decimal(0))),
                "description": "three clients share a director who left two companies before "
                "their insolvent liquidation",
            },
        },
    }
