"""The three accounts formats of `duegraph load` and `bulk-import`.

- `ch-accounts`: Companies House accounts, single iXBRL/XBRL files, folders of them and the bulk
  accounts zips (daily `Prod223_*`, monthly `Prod224_*` members), streamed member by member.
- `nbb-accounts`: NBB Central Balance Sheet Office deposits, the CSV export and the XBRL
  instance (the same deposit in both formats is one statement in the graph: same key).
- `inpi-accounts`: French comptes annuels from the INPI RNE (JSON), named after the publisher
  like the other two (Companies House, NBB): INPI publishes the RNE's accounts, and a
  greffe or a commercial provider would publish them in other shapes.

One source record is one filing: its statements (company and group, own period and the prior
year it carries) and the company they belong to. Unreadable and contradictory filings are the
readers' rejections, with file, member and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from graph_schema.financials import FinancialStatement
from loaders.accounts import ch_bulk, inpi, nbb_csv, nbb_statements, nbb_xbrl
from loaders.accounts.ch_statements import FORMAT as CH_FORMAT
from loaders.accounts.ch_statements import read_ch_filing
from loaders.accounts.records import filing_records
from loaders.contract import Format, Parsed, ParseResult
from loaders.rejects import Location, Rejection
from loaders.source import ByteCounter

Item = FinancialStatement | Rejection
CH_SUFFIXES = (*ch_bulk.FILING_SUFFIXES, ".zip")
NBB_SUFFIXES = (".csv", ".xbrl", ".xml")
INPI_SUFFIXES = (".json", ".jsonl", ".ndjson")


def _location(st: FinancialStatement) -> Location:
    prov = st.provenance
    if prov.source_file is not None:
        return Location(prov.source_file, record=prov.record_id)
    return Location(prov.record_id)


def _filing(st: FinancialStatement) -> tuple[str | None, str, str]:
    return st.provenance.source_file, st.provenance.record_id, st.company.key


def filings(items: Iterable[Item]) -> Iterator[ParseResult]:
    """Statements read one after the other from the same filing become one source record."""
    group: list[FinancialStatement] = []
    for item in items:
        if group and (isinstance(item, Rejection) or _filing(item) != _filing(group[0])):
            yield Parsed(_location(group[0]), filing_records(group))
            group = []
        if isinstance(item, Rejection):
            yield item
        else:
            group.append(item)
    if group:
        yield Parsed(_location(group[0]), filing_records(group))


def _read_files(
    path: Path, suffixes: tuple[str, ...], fmt: str, read: Callable[[Path], Iterable[Item]]
) -> Iterator[Item]:
    """What `read` finds in a file or every file under a folder (sorted); a file of another
    kind is a rejection, so that a folder reads the same whole or entry by entry (bulk-import's
    parallel parse)."""
    found = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in found:
        if file.name.lower().endswith(suffixes):
            yield from read(file)
        else:
            reason = f"not a {fmt} file (expected {', '.join(suffixes)}): not read"
            yield Rejection(Location(file.name), reason, format=fmt)


def _counted(chunks: Iterable[bytes], counter: ByteCounter) -> Iterator[bytes]:
    for chunk in chunks:
        counter.done += len(chunk)
        yield chunk


def _ch_file(file: Path, counter: ByteCounter) -> Iterator[Item]:
    with file.open("rb") as fh:
        head = fh.read(4)
    if head == ch_bulk.ZIP_MAGIC:
        chunks = _counted(ch_bulk.file_chunks(file), counter)
        yield from ch_bulk.read_ch_zip(chunks, source_file=file.name)
    else:
        data = file.read_bytes()
        counter.done += len(data)
        yield from read_ch_filing(data, file.name)


def parse_ch_accounts(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    read = partial(_ch_file, counter=counter)
    yield from filings(_read_files(path, CH_SUFFIXES, CH_FORMAT, read))


def _nbb_file(file: Path, counter: ByteCounter) -> Iterator[Item]:
    data = file.read_bytes()
    counter.done += len(data)
    if data.lstrip()[:1] == b"<":
        yield from nbb_xbrl.read_nbb_xbrl(data, file.name)
    else:
        yield from nbb_csv.read_nbb_csv(data, file.name)


def parse_nbb_accounts(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    read = partial(_nbb_file, counter=counter)
    yield from filings(_read_files(path, NBB_SUFFIXES, nbb_statements.FORMAT, read))


def _inpi_file(file: Path, counter: ByteCounter) -> Iterator[Item]:
    yield from inpi.read_inpi_accounts(file)
    counter.done += file.stat().st_size


def parse_inpi_accounts(path: Path, counter: ByteCounter) -> Iterator[ParseResult]:
    read = partial(_inpi_file, counter=counter)
    yield from filings(_read_files(path, INPI_SUFFIXES, inpi.FORMAT, read))


CH_ACCOUNTS = Format(
    CH_FORMAT,
    "Companies House annual accounts: iXBRL/XBRL files, folders, bulk accounts zips "
    "(daily Prod223, monthly Prod224)",
    parse_ch_accounts,
    entries_independent=True,
)
NBB_ACCOUNTS = Format(
    nbb_statements.FORMAT,
    "Belgian NBB annual accounts deposits: CSV export and XBRL instance",
    parse_nbb_accounts,
    entries_independent=True,
)
INPI_ACCOUNTS = Format(
    inpi.FORMAT,
    "French comptes annuels from the INPI RNE (JSON, JSON Lines)",
    parse_inpi_accounts,
    entries_independent=True,
)
