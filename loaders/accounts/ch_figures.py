"""The canonical figures of one Companies House filing, for one scope and one period.

A `FactTable` holds the numeric facts of one scope: the company alone (no
`GroupCompanyDataDimension` member) or its consolidated group (`= Consolidated`); the two never
mix. A figure is read from a fact whose dimensions are exactly one of the accepted sets (so
segment totals, `Secured` members, equity components and maturity breakdowns are never taken
for totals), or computed from balance-sheet lines with the formula recorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from graph_schema.financials import Figure
from loaders.accounts import ch_concepts as cc
from loaders.accounts.xbrl_facts import Fact

DimSet = frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Value:
    value: Decimal
    source: str  # concept, with its dimension members when it has some: "Creditors[WithinOneYear]"
    formula: str | None = None  # when computed from other lines
    parts: tuple[str, ...] = ()  # the concepts a computed value comes from

    def figure(self) -> Figure:
        if self.formula is not None:
            return Figure(value=self.value, sources=self.parts, formula=self.formula)
        return Figure(value=self.value, sources=(self.source,))


@dataclass(frozen=True)
class _Entry:
    start: date | None
    end: date
    dims: DimSet
    value: Decimal
    scale: int


@dataclass
class FactTable:
    """Numeric figure facts of one scope of one filing, by concept local name."""

    consolidated: bool
    entries: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    conflicts: set[str] = field(default_factory=set)  # concepts tagged twice with two values
    notes: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, facts: Iterable[Fact], consolidated: bool) -> FactTable:
        table = cls(consolidated)
        for f in facts:
            if not f.numeric or f.value is None or f.context.end is None:
                continue
            if not cc.is_figure_namespace(f.namespace):
                continue
            dims = frozenset(f.context.dims) - cc.NEUTRAL_DIMS
            group = f.context.member(cc.GROUP_DIM)
            if (group == cc.CONSOLIDATED) != consolidated or group not in (None, cc.CONSOLIDATED):
                continue
            dims = frozenset(d for d in dims if d[0] != cc.GROUP_DIM)
            entry = _Entry(f.context.start, f.context.end, dims, f.value, f.scale)
            table.entries[f.name].append(entry)
        return table

    def dates(self) -> set[date]:
        return {e.end for entries in self.entries.values() for e in entries}

    def has_facts(self) -> bool:
        return bool(self.entries)

    def get(
        self, name: str, dims_options: tuple[DimSet, ...], end: date, start: date | None
    ) -> Value | None:
        """The value of `name` at `end` (an instant when start is None, else that duration)."""
        by_dims: dict[DimSet, set[Decimal]] = defaultdict(set)
        for e in self.entries.get(name, ()):
            if e.end != end or e.start != start or e.dims not in dims_options:
                continue
            value = e.value
            if e.scale < 0 and name in ("AverageNumberEmployeesDuringPeriod", "EmployeesTotal"):
                value = value.scaleb(-e.scale)  # a headcount is printed in units
                self.notes.append(
                    f"{name}: scale {e.scale} on a headcount ignored ({e.value} read as {value})"
                )
            by_dims[e.dims].add(value)
        if not by_dims:
            return None
        # The first accepted dimension set wins; one set tagged with two values is a conflict.
        dims = min(by_dims, key=dims_options.index)
        values = by_dims[dims]
        if len(values) > 1:
            self.conflicts.add(f"{name} at {end}: {', '.join(sorted(map(str, values)))}")
        value = next(iter(values))
        if value < 0 and name in cc.POSITIVE_BY_NATURE:
            self.notes.append(f"{name}: tagged negative ({value}), read as {-value}")
            value = -value
        members = ",".join(sorted(m for _, m in dims))
        return Value(value, f"{name}[{members}]" if members else name)

    def pick(
        self, picks: cc.Pick | tuple[cc.Pick, ...], end: date, start: date | None = None
    ) -> Value | None:
        for p in (picks,) if isinstance(picks, cc.Pick) else picks:
            for name in p.names:
                if (v := self.get(name, p.dims, end, start)) is not None:
                    return v
        return None

    def only_with_other_dims(self, name: str, end: date, start: date | None) -> bool:
        return any(e.end == end and e.start == start and e.dims for e in self.entries.get(name, ()))


def _sum(parts: list[Value]) -> Figure:
    if len(parts) == 1:
        return parts[0].figure()
    total = sum((p.value for p in parts), Decimal(0))
    sources = tuple(s for p in parts for s in (p.parts or (p.source,)))
    return Figure(value=total, sources=sources, formula=" + ".join(p.source for p in parts))


def _reconcile(tagged: Value, calc: Decimal, how: str, notes: list[str]) -> Value:
    """Keep a signed subtotal, unless the filing's own lines prove that its sign was lost."""
    if tagged.value == calc:
        return tagged
    if tagged.value == -calc and calc != 0:
        notes.append(
            f"{tagged.source}: tagged {tagged.value} but {how} = {calc}: the sign was lost "
            f"in tagging; {calc} kept"
        )
        return Value(calc, tagged.source)
    notes.append(f"{tagged.source}: tagged {tagged.value}, {how} = {calc}; kept as tagged")
    return tagged


def _borrowing(t: FactTable, name: str, end: date) -> Value | None:
    """One borrowing concept: its total, else its within- plus after-one-year parts."""
    if (v := t.get(name, cc.NO_DIMS + cc.ALL_PERIODS, end, None)) is not None:
        return v
    parts = [
        v
        for dims in (cc.WITHIN_ONE_YEAR, cc.AFTER_ONE_YEAR)
        if (v := t.get(name, dims, end, None)) is not None
    ]
    if not parts:
        return None
    return Value(sum((p.value for p in parts), Decimal(0)), " + ".join(p.source for p in parts))


def financial_debts(t: FactTable, end: date) -> Figure | None:
    """Borrowings: bank loans and overdrafts + other loans + finance leases, else
    TotalBorrowings (which some filers use for bank loans alone, so the parts come first).
    `Secured` members and maturity breakdowns are never added."""
    parts: list[Value] = []
    bank = _borrowing(t, cc.BANK_LOANS_AND_OVERDRAFTS, end)
    if bank is not None:
        parts.append(bank)
    else:
        parts += [
            v
            for n in (cc.BANK_LOANS, cc.BANK_OVERDRAFTS)
            if (v := _borrowing(t, n, end)) is not None
        ]
    parts += [
        v
        for n in (cc.OTHER_BORROWINGS, cc.FINANCE_LEASES)
        if (v := _borrowing(t, n, end)) is not None
    ]
    if parts:
        return _sum(parts)
    if (total := _borrowing(t, cc.TOTAL_BORROWINGS, end)) is not None:
        return Figure(value=total.value, sources=(total.source,))
    return None


def _creditors_within(
    t: FactTable, ca: Value, prep: Value | None, nca: Value, end: date, notes: list[str]
) -> Value:
    """Creditors within one year when not tagged as such: the undimensioned `Creditors` when it
    is the balance sheet's line (current assets - net current assets), else that difference."""
    calc = ca.value + (prep.value if prep else Decimal(0)) - nca.value
    plain = t.get("Creditors", cc.NO_DIMS, end, None)
    if plain is not None and plain.value == calc:
        notes.append(
            "Creditors tagged without maturity: read as due within one year "
            "(current assets - net current assets)"
        )
        return plain
    formula = f"{ca.source}{' + ' + prep.source if prep else ''} - {nca.source}"
    parts = (ca.source, *((prep.source,) if prep else ()), nca.source)
    return Value(calc, formula, formula=formula, parts=parts)


@dataclass
class _Lines:
    """The balance-sheet lines of one date, as tagged (then reconciled)."""

    ca: Value | None
    prep: Value | None
    cr1: Value | None
    cr2: Value | None
    accruals: Value | None
    prov: Value | None
    nca: Value | None
    talcl: Value | None
    fa: Value | None
    unpaid: Value | None
    net_assets: Value | None
    equity: Value | None


def _read_lines(t: FactTable, end: date, notes: list[str]) -> _Lines:
    lines = _Lines(
        ca=t.pick(cc.CURRENT_ASSETS, end),
        prep=t.pick(cc.PREPAYMENTS_OUTSIDE_CA, end),
        cr1=t.pick(cc.CREDITORS_WITHIN, end),
        cr2=t.pick(cc.CREDITORS_AFTER, end),
        accruals=t.pick(cc.ACCRUALS_OUTSIDE_CREDITORS, end),
        prov=t.pick(cc.PROVISIONS, end),
        nca=t.pick(cc.NET_CURRENT_ASSETS, end),
        talcl=t.pick(cc.TOTAL_ASSETS_LESS_CL, end),
        fa=t.pick(cc.FIXED_ASSETS, end),
        unpaid=t.pick(cc.CALLED_UP_NOT_PAID, end),
        net_assets=t.pick(cc.NET_ASSETS, end),
        equity=t.pick(cc.EQUITY, end),
    )
    if lines.cr1 is None and lines.ca is not None and lines.nca is not None:
        lines.cr1 = _creditors_within(t, lines.ca, lines.prep, lines.nca, end, notes)
    _reconcile_chain(lines, notes)
    return lines


def _value(v: Value | None) -> Decimal:
    return v.value if v is not None else Decimal(0)


def _reconcile_chain(x: _Lines, notes: list[str]) -> None:
    """Check the equity chain against the filing's own lines; repair a sign lost in tagging."""
    if x.nca is not None and x.ca is not None and x.cr1 is not None:
        calc = x.ca.value + _value(x.prep) - x.cr1.value
        x.nca = _reconcile(x.nca, calc, "current assets - creditors within one year", notes)
    if x.talcl is not None and x.fa is not None and x.nca is not None:
        calc = x.fa.value + x.nca.value + _value(x.unpaid)
        x.talcl = _reconcile(x.talcl, calc, "fixed assets + net current assets", notes)
    if x.net_assets is not None and x.talcl is not None:
        calc = x.talcl.value - _value(x.cr2) - _value(x.prov) - _value(x.accruals)
        how = "total assets less current liabilities - long-term creditors - provisions - accruals"
        x.net_assets = _reconcile(x.net_assets, calc, how, notes)
    if x.equity is not None and x.net_assets is not None:
        if x.equity.source == x.net_assets.source:
            x.equity = x.net_assets
        else:
            x.equity = _reconcile(x.equity, x.net_assets.value, "net assets", notes)


def _fixed_assets(t: FactTable, x: _Lines, end: date) -> Figure | None:
    if x.fa is not None:
        return x.fa.figure()
    if x.talcl is not None and x.nca is not None and x.unpaid is None:
        return Figure(
            value=x.talcl.value - x.nca.value,
            sources=(x.talcl.source, x.nca.source),
            formula=f"{x.talcl.source} - {x.nca.source}",
        )
    parts = [v for n in cc.FIXED_ASSET_PARTS if (v := t.get(n, cc.NO_DIMS, end, None)) is not None]
    return _sum(parts) if parts else None


def _current_assets(x: _Lines) -> Figure | None:
    if x.ca is not None:
        return _sum([x.ca, x.prep]) if x.prep is not None else x.ca.figure()
    if x.nca is not None and x.cr1 is not None:
        return Figure(
            value=x.nca.value + x.cr1.value,
            sources=(x.nca.source, x.cr1.source),
            formula=f"{x.nca.source} + {x.cr1.source}",
        )
    return None


def _total_assets(x: _Lines, fa: Figure | None, ca: Figure | None) -> Figure | None:
    if fa is not None and ca is not None:
        unpaid = (
            (x.unpaid.value, (x.unpaid.source,), f" + {x.unpaid.source}")
            if x.unpaid
            else (Decimal(0), (), "")
        )
        return Figure(
            value=fa.value + ca.value + unpaid[0],
            sources=fa.sources + ca.sources + unpaid[1],
            formula=f"fixed assets ({fa.formula or fa.sources[0]}) + current assets "
            f"({ca.formula or ca.sources[0]}){unpaid[2]}",
        )
    if x.talcl is not None and x.cr1 is not None:
        return _sum([x.talcl, x.cr1])
    return None


def balance_sheet(t: FactTable, end: date, notes: list[str]) -> dict[str, Figure]:
    x = _read_lines(t, end, notes)
    out: dict[str, Figure] = {}
    fa, ca = _fixed_assets(t, x, end), _current_assets(x)
    for name, fig in (
        ("fixed_assets", fa),
        ("current_assets", ca),
        ("total_assets", _total_assets(x, fa, ca)),
    ):
        if fig is not None:
            out[name] = fig
    debts = [v for v in (x.cr1, x.cr2) if v is not None]
    if debts:
        total = _sum(debts + ([x.accruals] if x.accruals is not None else []))
        out["total_debts"] = total
        if "total_assets" in out and x.equity is not None:
            implied = out["total_assets"].value - x.equity.value - _value(x.prov)
            if implied != total.value:
                notes.append(
                    f"total assets - equity - provisions = {implied}, creditors add up "
                    f"to {total.value}: a liability line is not tagged"
                )
    for name, value in (
        ("current_liabilities", x.cr1),
        ("long_term_debts", x.cr2),
        ("provisions", x.prov),
        ("equity", x.equity),
    ):
        if value is not None:
            out[name] = value.figure()
    cash = [v for p in (cc.CASH, cc.CURRENT_INVESTMENTS) if (v := t.pick(p, end)) is not None]
    if cash:
        out["cash"] = _sum(cash)
    for name, pick in (
        ("inventories", cc.INVENTORIES),
        ("trade_receivables", cc.TRADE_RECEIVABLES),
        ("trade_payables", cc.TRADE_PAYABLES),
    ):
        if (v := t.pick(pick, end)) is not None:
            out[name] = v.figure()
    if (fd := financial_debts(t, end)) is not None:
        out["financial_debts"] = fd
    return out


PROFIT_AND_LOSS = (
    ("turnover", cc.TURNOVER),
    ("cost_of_sales", cc.COST_OF_SALES),
    ("gross_margin", cc.GROSS_MARGIN),
    ("staff_costs", cc.STAFF_COSTS),
    ("depreciation", cc.DEPRECIATION),
    ("operating_result", cc.OPERATING_RESULT),
    ("profit_before_tax", cc.PROFIT_BEFORE_TAX),
    ("net_result", cc.NET_RESULT),
    ("employees", cc.EMPLOYEES),
)


def profit_and_loss(t: FactTable, start: date, end: date, notes: list[str]) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for name, pick in PROFIT_AND_LOSS:
        if (v := t.pick(pick, end, start)) is not None:
            out[name] = v.figure()
        elif name == "turnover" and any(t.only_with_other_dims(n, end, start) for n in pick.names):
            notes.append("turnover tagged only by segment or breakdown: no company total stated")
    return out
