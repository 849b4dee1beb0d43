"""Portfolio views of the firm's ledger, pure: the rating x exposure matrix, exposure by sector
and by group, the review schedule and the dunning list, each line with its reason.

Input: one `PortfolioLine` per current client (its exposure and payment behaviour at a date,
its internal rating under the scoring profile, its group). Amounts of different currencies are
never added: every total is per currency. docs/analytics.md ("Portfolio views") explains each
view and its order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from graph_schema.ledger import Client, Invoice
from graphapi.analytics.exposure import money
from graphapi.analytics.payment import Behaviour, Exposure, OpenItem, open_items

ZERO = Decimal(0)
# Exposure bands of the matrix (open balance, client currency): lower bounds.
BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal("100000"), "100k+"),
    (Decimal("50000"), "50k-100k"),
    (Decimal("10000"), "10k-50k"),
    (Decimal("0.01"), "under 10k"),
)
NIL_BAND = "nil"
BAND_ORDER = (NIL_BAND, "under 10k", "10k-50k", "50k-100k", "100k+")
UNRATED_WEIGHT = 3  # dunning priority of a client without a rating: as a medium risk
NO_SEGMENT = "(no segment)"


def band_of(open_amount: Decimal) -> str:
    for floor, name in BANDS:
        if open_amount >= floor:
            return name
    return NIL_BAND


@dataclass(frozen=True)
class ClientRating:
    """A client's internal rating: as the last scoring run stored it, or computed for the
    view (`stored` False) when it was never scored."""

    rating: int
    label: str
    as_of: date
    stored: bool
    profile: str
    moved_by: str | None
    explanation: tuple[str, ...]
    review_months: int
    next_review_on: date


@dataclass(frozen=True)
class PortfolioLine:
    client: Client
    exposure: Exposure
    behaviour: Behaviour
    rating: ClientRating | None
    group: str  # the top of its group (its own company, or its client key when unresolved)
    group_name: str | None
    company_name: str | None = None
    invoices: tuple[Invoice, ...] = ()

    @property
    def sector(self) -> str:
        return self.client.segment or NO_SEGMENT

    @property
    def name(self) -> str:
        return self.client.name or self.company_name or self.client.client_id


@dataclass(frozen=True)
class MatrixCell:
    rating: int | None  # None: not rated
    band: str
    currency: str | None
    clients: int
    open: Decimal
    overdue: Decimal


def rating_matrix(lines: Sequence[PortfolioLine]) -> list[MatrixCell]:
    """Clients and open balance per rating and exposure band (non-empty cells), by rating
    then band."""
    cells: dict[tuple[int | None, str, str | None], list[PortfolioLine]] = {}
    for line in lines:
        rating = line.rating.rating if line.rating else None
        key = (rating, band_of(line.exposure.open), line.exposure.currency)
        cells.setdefault(key, []).append(line)
    out = [
        MatrixCell(
            rating,
            band,
            currency,
            len(ls),
            sum((x.exposure.open for x in ls), ZERO),
            sum((x.exposure.overdue for x in ls), ZERO),
        )
        for (rating, band, currency), ls in cells.items()
    ]
    return sorted(out, key=lambda c: (c.rating or 0, BAND_ORDER.index(c.band), c.currency or ""))


@dataclass(frozen=True)
class Slice:
    """Exposure of a set of clients (a sector, a group)."""

    key: str
    name: str | None
    currency: str | None
    clients: tuple[str, ...]  # client keys
    open: Decimal
    overdue: Decimal
    limits: Decimal  # credit limits set
    without_limit: int
    worst_rating: int | None

    @property
    def over_limits(self) -> Decimal:
        return max(ZERO, self.open - self.limits)


def _slices(
    lines: Sequence[PortfolioLine], key_of: dict[str, tuple[str, str | None]]
) -> list[Slice]:
    by: dict[tuple[str, str | None], list[PortfolioLine]] = {}
    names: dict[str, str | None] = {}
    for line in lines:
        key, name = key_of[line.client.key]
        names[key] = name
        by.setdefault((key, line.exposure.currency), []).append(line)
    out = []
    for (key, currency), ls in by.items():
        ratings = [x.rating.rating for x in ls if x.rating]
        out.append(
            Slice(
                key=key,
                name=names[key],
                currency=currency,
                clients=tuple(sorted(x.client.key for x in ls)),
                open=sum((x.exposure.open for x in ls), ZERO),
                overdue=sum((x.exposure.overdue for x in ls), ZERO),
                limits=sum((x.exposure.credit_limit for x in ls if x.exposure.credit_limit), ZERO),
                without_limit=sum(1 for x in ls if x.exposure.credit_limit is None),
                worst_rating=max(ratings, default=None),
            )
        )
    return sorted(out, key=lambda s: (-s.open, s.key, s.currency or ""))


def by_sector(lines: Sequence[PortfolioLine]) -> list[Slice]:
    """Exposure per sector (the ledger's segment), the largest open balance first."""
    return _slices(lines, {x.client.key: (x.sector, x.sector) for x in lines})


def by_group(lines: Sequence[PortfolioLine]) -> list[Slice]:
    """Exposure per group (clients under the same top company; a client alone is its own
    group), the largest open balance first."""
    return _slices(lines, {x.client.key: (x.group, x.group_name) for x in lines})


@dataclass(frozen=True)
class ReviewItem:
    line: PortfolioLine
    due_on: date | None  # None: never rated, due now
    reason: str


def review_schedule(
    lines: Sequence[PortfolioLine], as_of: date, within_days: int = 0
) -> list[ReviewItem]:
    """Clients due for a re-check by `as_of + within_days`: their next review date (the last
    scoring run's date plus the review interval of their rating) has come, or they were
    never rated. Overdue reviews first, then by rating (highest risk first)."""
    horizon = as_of + timedelta(days=within_days)
    out = []
    for line in lines:
        r = line.rating
        if r is None or not r.stored:
            why = "never rated under a scoring profile: due now"
            if r is not None:
                why += f" (rating {r.rating} {r.label} if scored today)"
            out.append(ReviewItem(line, None, why))
            continue
        if r.next_review_on > horizon:
            continue
        late = (as_of - r.next_review_on).days
        when = f"{late} days overdue" if late > 0 else (
            "due today" if late == 0 else f"due in {-late} days"
        )  # fmt: skip
        out.append(
            ReviewItem(
                line,
                r.next_review_on,
                f"rating {r.rating} ({r.label}): reviewed every {r.review_months} months, last "
                f"rated {r.as_of}, next review {r.next_review_on} ({when})",
            )
        )
    return sorted(
        out,
        key=lambda i: (
            i.due_on or date.min,
            -(i.line.rating.rating if i.line.rating else 0),
            i.line.client.key,
        ),
    )


@dataclass(frozen=True)
class DunningItem:
    line: PortfolioLine
    overdue: Decimal
    priority: Decimal  # overdue amount x risk weight (the rating, 3 when unrated)
    oldest: OpenItem | None
    reason: str


def dunning_list(lines: Sequence[PortfolioLine]) -> list[DunningItem]:
    """Clients with something overdue, the highest priority first: the overdue amount weighted
    by risk (the internal rating 1-5; an unrated client counts as 3), ties by the oldest
    overdue invoice."""
    out = []
    for line in lines:
        b = line.behaviour
        overdue = b.aged.overdue
        if overdue <= 0:
            continue
        weight = line.rating.rating if line.rating else UNRATED_WEIGHT
        late = _open_overdue(line)
        oldest = late[0] if late else None
        cur = b.currency
        parts = [f"{money(overdue, cur)} overdue"]
        over_60 = b.aged.buckets["61-90"] + b.aged.buckets["over_90"]
        if over_60 > 0:
            parts.append(f"{money(over_60, cur)} more than 60 days")
        if oldest is not None:
            parts.append(
                f"oldest {oldest.invoice.number} {oldest.days_overdue} days past due "
                f"({money(oldest.open, cur)})"
            )
        if b.days_beyond_terms is not None and b.days_beyond_terms > 0:
            parts.append(f"pays {b.days_beyond_terms:g} days beyond terms on average")
        if line.rating:
            moved = f", moved by {line.rating.moved_by}" if line.rating.moved_by else ""
            parts.append(f"rating {line.rating.rating} ({line.rating.label}{moved})")
        else:
            parts.append("not rated")
        out.append(DunningItem(line, overdue, overdue * weight, oldest, "; ".join(parts)))
    return sorted(
        out,
        key=lambda d: (
            -d.priority,
            -(d.oldest.days_overdue if d.oldest else 0),
            d.line.client.key,
        ),
    )


def _open_overdue(line: PortfolioLine) -> list[OpenItem]:
    """The client's overdue invoices, most overdue first (in its currency)."""
    cur = line.behaviour.currency
    docs = [i for i in line.invoices if cur is None or i.currency == cur]
    return [i for i in open_items(docs, line.behaviour.as_of) if i.days_overdue > 0]
