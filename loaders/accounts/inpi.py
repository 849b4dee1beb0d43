"""French comptes annuels as the INPI publishes them from the RNE ("bilans saisis", JSON).

Built from INPI's documented shape, not from a real sample (none was obtainable, see
docs/accounts.md): one record per filing with `siren`, `dateCloture`, `typeBilan` (C complete
accounts, S simplified, K consolidated, B bank, A insurance), `confidentiality` and
`bilanSaisi.bilan` = {`identite`: {siren, dateClotureExercice, dureeExerciceN, codeDevise, ...},
`detail`: {`pages`: [{`numero`, `liasses`: [{`code`, `m1`, `m2`, `m3`, `m4`}]}]}}. Amounts are
strings of digits with leading zeros and an optional minus, in euros.

A file is a JSON array of records, one record, or JSON Lines of records or of arrays (the
RNE stock); arrays are streamed with ijson.
"""

from __future__ import annotations

import json
from calendar import monthrange
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import ijson

from graph_schema.errors import InvalidInput
from graph_schema.financials import (
    AccountsType,
    CompanyRef,
    Figure,
    FinancialStatement,
    SourceFormat,
)
from graph_schema.identifiers import normalise_identifier
from graph_schema.provenance import Provenance
from loaders.accounts import inpi_codes
from loaders.rejects import Location, Rejection

SOURCE = "inpi-rne"
FORMAT = "inpi-accounts"
_TYPES = {"C": AccountsType.FULL, "K": AccountsType.FULL, "S": AccountsType.SIMPLIFIED}

Lines = dict[str, dict[str, Decimal]]  # code -> {"m1": amount, ...}


def _amount(raw: object) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueError(f"amount {raw!r} is not a number") from None


def _lines(bilan: Mapping[str, Any]) -> Lines:
    lines: Lines = {}
    pages = (bilan.get("detail") or {}).get("pages") or []
    for page in pages:
        for liasse in page.get("liasses") or []:
            code = str(liasse.get("code") or "").strip().upper()
            if not code:
                continue
            cols = {
                m: v for m in ("m1", "m2", "m3", "m4") if (v := _amount(liasse.get(m))) is not None
            }
            if code in lines and lines[code] != cols:
                raise ValueError(f"line {code} given twice with different amounts")
            lines[code] = cols
    return lines


def _figures(lines: Lines, rules: Mapping[str, inpi_codes.Rule], year: int) -> dict[str, Figure]:
    """Figures of year N (year=0) or N-1 (year=1); a code without that column is absent."""
    out: dict[str, Figure] = {}
    for name, rule in rules.items():
        found: list[tuple[str, Decimal]] = []
        for code in rule.codes:
            cols = inpi_codes.columns(code)
            if cols is None or code not in lines or cols[year] not in lines[code]:
                continue
            found.append((code, lines[code][cols[year]]))
            if not rule.sum:
                break
        if not found:
            continue
        if len(found) == 1:
            out[name] = Figure(value=found[0][1], sources=(found[0][0],))
        else:
            out[name] = Figure(
                value=sum((v for _, v in found), Decimal(0)),
                sources=tuple(c for c, _ in found),
                formula=" + ".join(c for c, _ in found),
            )
    return out


def _date(raw: object) -> date | None:
    try:
        return date.fromisoformat(str(raw)[:10]) if raw else None
    except ValueError:
        return None


def _months_before(end: date, months: int) -> date:
    """The first day of a period of `months` months ending on `end` (2024-12-31, 12 ->
    2024-01-01)."""
    after = end + timedelta(days=1)
    year, month = divmod(after.year * 12 + after.month - 1 - months, 12)
    return date(year, month + 1, min(after.day, monthrange(year, month + 1)[1]))


def read_inpi_record(
    record: Mapping[str, Any], file_name: str, index: int
) -> Iterator[FinancialStatement | Rejection]:
    """The statements (year N and the N-1 comparatives) of one INPI bilan record."""
    record_id = str(record.get("id") or f"{record.get('siren')}-{record.get('dateCloture')}")
    location = Location(file_name, line=index, record=record_id)
    bilan = ((record.get("bilanSaisi") or {}).get("bilan")) or {}
    identite = bilan.get("identite") or {}
    type_bilan = str(record.get("typeBilan") or identite.get("codeTypeBilan") or "").upper()
    if type_bilan not in inpi_codes.TYPES:
        reason = f"typeBilan {type_bilan or 'missing'!r} (bank/insurance/unknown) is not mapped"
        yield Rejection(location, reason, raw=None, format=FORMAT)
        return
    try:
        siren = normalise_identifier("FR-SIREN", str(record.get("siren") or identite.get("siren")))
        lines = _lines(bilan)
    except (InvalidInput, ValueError) as exc:
        yield Rejection(location, f"unreadable bilan: {exc}", format=FORMAT)
        return
    end = _date(identite.get("dateClotureExercice") or record.get("dateCloture"))
    if end is None:
        yield Rejection(location, "no closing date (dateCloture)", format=FORMAT)
        return
    if not lines:
        reason = f"no figures (confidentiality {record.get('confidentiality')!r})"
        yield Rejection(location, reason, format=FORMAT)
        return
    months = str(identite.get("dureeExerciceN") or "").strip()
    start = _months_before(end, int(months)) if months.isdigit() else None
    rules = inpi_codes.TYPES[type_bilan]
    common: dict[str, Any] = dict(
        company=CompanyRef(scheme=siren[0], number=siren[1]),
        company_name=record.get("denomination") or identite.get("denomination"),
        accounts_type=_TYPES[type_bilan],
        consolidated=type_bilan == "K",
        accounting_standard="PCG",
        model={"C": "2050-2053", "K": "2050-2053 (consolidated)", "S": "2033"}[type_bilan],
        currency=str(identite.get("codeDevise") or "EUR"),
        source_format=SourceFormat.INPI_JSON,
        provenance=Provenance(
            source=SOURCE,
            record_id=record_id,
            source_file=file_name,
            seen_at=_date(record.get("dateDepot")),
        ),
    )
    yield FinancialStatement(
        period_start=start, period_end=end, **common, **_figures(lines, rules, 0)
    )
    prior = _figures(lines, rules, 1)
    if prior:
        prior_end = (
            (start - timedelta(days=1))
            if start
            else date(end.year - 1, end.month, min(end.day, 28))
        )
        notes = () if start else ("prior period end assumed one year before the closing date",)
        yield FinancialStatement(
            period_end=prior_end, comparative=True, notes=notes, **common, **prior
        )


def _records(path: Path) -> Iterable[tuple[int, Any]]:
    """(line or position, record) from a JSON array, one object or JSON Lines."""
    with path.open("rb") as fh:
        first = fh.readline()
        try:
            json.loads(first)
            lines_mode = True
        except ValueError:
            lines_mode = False
        fh.seek(0)
        if not lines_mode:
            head = fh.read(64).lstrip()
            fh.seek(0)
            if head.startswith(b"["):
                for i, item in enumerate(ijson.items(fh, "item", use_float=False), start=1):
                    yield i, item
            else:
                yield 1, json.load(fh)
            return
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except ValueError as exc:
                yield (
                    n,
                    Rejection(
                        Location(path.name, line=n), f"bad JSON: {exc}", raw=raw, format=FORMAT
                    ),
                )
                continue
            for item in value if isinstance(value, list) else [value]:
                yield n, item


def read_inpi_accounts(path: Path) -> Iterator[FinancialStatement | Rejection]:
    for n, record in _records(path):
        if isinstance(record, Rejection):
            yield record
        elif not isinstance(record, dict):
            yield Rejection(
                Location(path.name, line=n),
                "record is not a JSON object",
                raw=record,
                format=FORMAT,
            )
        else:
            yield from read_inpi_record(record, path.name, n)
