"""The NBB XBRL instance of a deposit, CBSO "dictionary" taxonomy (frameworks since 2022).

The element name does not identify the rubric: facts are a few generic metrics (`met:am1`
amount, `met:am2` amount that may be negative, `met:dec1`, `met:dte1` ...) and the rubric is the
set of explicit dimension members of the context (`dim:part`, `dim:bas`, `dim:ntr`, `dim:rst`,
`dim:typ`, `dim:spec` ...); `dim:prd` gives the column (`prd:m1` current year, `prd:m2` the
previous year). The table below was established by matching every value of the Profinance
deposit (model m01-f, framework 25.0) against its CSV export (see docs/accounts.md); rubrics it
cannot tell apart, and rubrics that deposit does not fill in, are not mapped.
The legacy "pfs" taxonomy (2007-2021, named elements such as `pfs:Equity`) is rejected with
that reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from graph_schema.financials import FinancialStatement, SourceFormat
from loaders.accounts.nbb_statements import FORMAT, Deposit, Period, statements
from loaders.accounts.xbrl_facts import Document, Fact, XbrlError, iso_date, read_document
from loaders.rejects import Location, Rejection

MET = "http://www.nbb.be/be/fr/cbso/dict/met"
_PFS = re.compile(r"^http://www\.nbb\.be/be/fr/pfs/")
_MODEL = re.compile(r"/(m\d\d-[a-z])\.xsd$")

Key = tuple[str, frozenset[tuple[str, str]]]


def _key(metric: str, members: str) -> Key:
    pairs = (m.split(":") for m in members.split())
    return metric, frozenset((d, f"m{v}") for d, v in pairs)


# rubric <- (metric, members other than prd); framework 25.0, established on model m01-f.
RUBRICS: dict[Key, str] = {
    _key("am1", "part:1 bas:25"): "20/58",
    _key("am1", "part:3 bas:25"): "10/49",
    _key("am1", "part:1 bas:2"): "21/28",
    _key("am1", "part:1 bas:12"): "29/58",
    _key("am1", "part:1 bas:13 sts:2"): "3",
    _key("am1", "part:1 bas:9 rst:2"): "40/41",
    _key("am1", "part:1 bas:9 rst:2 typ:3"): "40",
    _key("am1", "part:1 bas:9 rst:2 typ:1"): "41",
    _key("am1", "part:1 bas:22"): "50/53",
    _key("am1", "part:1 bas:23"): "54/58",
    _key("am2", "part:3 bas:37 ntr:4"): "10/15",
    _key("am1", "part:3 bas:50"): "17/49",
    _key("am1", "part:3 bas:50 rst:1"): "17",
    _key("am1", "part:3 bas:50 rst:2"): "42/48",
    _key("am1", "part:3 bas:50 rst:2 typ:3"): "44",
    _key("am1", "part:3 bas:50 rst:2 spec:6"): "45",
    _key("am1", "part:3 bas:24"): "492/3",
    _key("am1", "part:4 bas:53 ntr:17"): "70",
    _key("am1", "part:4 bas:119 ntr:17"): "60/61",
    _key("am2", "part:4 bas:118 ntr:17"): "9900",
    _key("am2", "part:4 bas:1 ntr:7"): "62",
    _key("am1", "part:4 bas:1 bkd:1 ntr:6 spec:9"): "630",
    _key("am2", "part:4 bas:44 ntr:6"): "9901",
    _key("am2", "part:4 bas:59 spec:16"): "9903",
    _key("am2", "part:4 bas:59"): "9904",
    # Inferred: the only average-FTE figure of the notes (part 6); equal to CSV 9087 here, but
    # a dozen rubrics of this deposit are 1, so this one is not proven by values alone.
    _key("dec1", "part:6 bas:73 qlt:3 typ:16 wkr:1"): "9087",
}
_START = frozenset({("bas", "m27"), ("mmt", "m1"), ("part", "m2")})
_END = frozenset({("bas", "m27"), ("mmt", "m2"), ("part", "m2")})
_NUMBER = frozenset({("bas", "m26"), ("part", "m2"), ("psn", "m1"), ("qlt", "m1")})
_NAME = frozenset({("bas", "m29"), ("part", "m2"), ("psn", "m1")})


def _split(fact: Fact) -> tuple[str | None, frozenset[tuple[str, str]]]:
    dims = dict(fact.context.dims)
    prd = dims.pop("prd", None)
    return prd, frozenset(dims.items())


def _deposit(doc: Document) -> Deposit:
    rubrics: dict[str, dict[str, Decimal]] = {"m1": {}, "m2": {}}
    dates: dict[tuple[str, str], date] = {}
    number = name = currency = None
    for f in doc.facts:
        if f.namespace != MET:
            continue
        prd, members = _split(f)
        if f.numeric and f.value is not None and prd in rubrics:
            code = RUBRICS.get((f.name, members))
            if code is not None:
                rubrics[prd][code] = f.value
                if f.unit and len(f.unit) == 3 and f.unit.isupper():
                    currency = currency or f.unit
        elif f.name == "dte1" and prd in rubrics and members in (_START, _END):
            if (d := iso_date(f.text)) is not None:
                dates[(prd, "start" if members == _START else "end")] = d
        elif f.name == "str2" and members == _NUMBER and prd is None:
            number = number or (f.text or "").strip() or None
        elif f.name == "str2" and members == _NAME and prd is None:
            name = name or (f.text or "").strip() or None
    if number is None:
        number = next((c.identifier for c in doc.contexts.values() if c.identifier), None)
    model = next((m.group(1) for s in doc.schema_refs if (m := _MODEL.search(s))), None)

    def period(prd: str) -> Period | None:
        end = dates.get((prd, "end"))
        return Period(dates.get((prd, "start")), end, rubrics[prd]) if end else None

    return Deposit(number, name, model, currency, None, period("m1"), period("m2"))


def read_nbb_xbrl(data: bytes, file_name: str) -> Iterator[FinancialStatement | Rejection]:
    location = Location(file_name)
    try:
        doc = read_document(data)
    except XbrlError as exc:
        yield Rejection(location, f"unreadable XBRL: {exc}", format=FORMAT)
        return
    namespaces = doc.namespaces()
    if any(_PFS.match(ns) for ns in namespaces):
        reason = "legacy NBB pfs taxonomy (2007-2021 deposits): not read yet"
        yield Rejection(location, reason, format=FORMAT)
        return
    if MET not in namespaces:
        yield Rejection(location, "not an NBB CBSO dictionary-taxonomy instance", format=FORMAT)
        return
    yield from statements(_deposit(doc), location, SourceFormat.NBB_XBRL, file_name)
