"""Companies House accounts as published: single iXBRL/XBRL files, folders of them, and the
bulk accounts zips (daily `Accounts_Bulk_Data-*.zip` with `Prod223_*` members, monthly
`Accounts_Monthly_Data-*.zip` with `Prod224_*` members), CIC wrapper zips inside included.

Zips are read with stream-unzip, member by member from a stream of chunks: memory holds one
filing at a time, whatever the number of members (Python's zipfile would first load the whole
central directory, one object per member). A member larger than `MAX_MEMBER_BYTES` is skipped
with a rejection rather than read into memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from stream_unzip import UnzipError, stream_unzip

from graph_schema.financials import FinancialStatement
from loaders.accounts.ch_statements import FORMAT, read_ch_filing
from loaders.rejects import Location, Rejection

MAX_MEMBER_BYTES = 64 * 1024 * 1024
CHUNK_BYTES = 1 << 16
ZIP_MAGIC = b"PK\x03\x04"
FILING_SUFFIXES = (".html", ".htm", ".xhtml", ".xml")

Item = FinancialStatement | Rejection


def read_ch_accounts(path: Path) -> Iterator[Item]:
    """Every statement (or rejection) of a file, a zip, or a folder of them (sorted)."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and (child.suffix.lower() in (*FILING_SUFFIXES, ".zip")):
                yield from read_ch_accounts(child)
        return
    with path.open("rb") as fh:
        head = fh.read(4)
    if head == ZIP_MAGIC:
        yield from read_ch_zip(file_chunks(path), source_file=path.name)
    else:
        yield from read_ch_filing(path.read_bytes(), path.name)


def file_chunks(path: Path, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(size):
            yield chunk


def _collect(chunks: Iterable[bytes], limit: int) -> bytes | None:
    """The member's bytes, or None (after draining it) when it exceeds `limit`."""
    buf = bytearray()
    too_big = False
    for chunk in chunks:  # every chunk must be consumed before the next member
        if too_big:
            continue
        buf += chunk
        if len(buf) > limit:
            too_big = True
            buf = bytearray()
    return None if too_big else bytes(buf)


def _skipped(name: str) -> bool:
    base = PurePosixPath(name).name
    # The CIC34 community interest report of a CIC wrapper carries no accounts figures.
    cic_report = "/cic34/" in f"/{name.lower()}"
    return (
        name.endswith("/")
        or name.startswith("__MACOSX/")
        or base.startswith("._")
        or not base
        or cic_report
    )


def read_ch_zip(
    chunks: Iterable[bytes], source_file: str, max_member_bytes: int = MAX_MEMBER_BYTES
) -> Iterator[Item]:
    """Stream a bulk accounts zip; each member's statements as soon as it is read."""
    try:
        for raw_name, _size, member_chunks in stream_unzip(chunks):
            name = raw_name.decode("utf-8", errors="replace")
            data = _collect(member_chunks, max_member_bytes)
            if _skipped(name):
                continue
            if data is None:
                reason = f"member larger than {max_member_bytes} bytes: not read"
                yield Rejection(Location(source_file, record=name), reason, format=FORMAT)
                continue
            yield from read_member(name, data, source_file)
    except UnzipError as exc:
        reason = f"unreadable zip ({type(exc).__name__}): the members after this point are lost"
        yield Rejection(Location(source_file), reason, format=FORMAT)


def read_member(name: str, data: bytes, source_file: str) -> Iterator[Item]:
    """One bulk member: a filing, or a CIC wrapper zip holding `CIC-<n>/accounts/...`."""
    if data[:4] == ZIP_MAGIC:
        yield from _read_wrapper(name, data, source_file)
    elif name.lower().endswith((*FILING_SUFFIXES, ".zip")) or data.lstrip()[:1] == b"<":
        # Some bulk members named .zip are plain HTML (seen in April 2021 files).
        yield from read_ch_filing(data, name, source_file)
    else:
        reason = "not an accounts file (neither XBRL/iXBRL nor a zip)"
        yield Rejection(Location(source_file, record=name), reason, format=FORMAT)


def _read_wrapper(name: str, data: bytes, source_file: str) -> Iterator[Item]:
    """A CIC wrapper zip: the accounts member(s) only (the CIC34 report carries no figures)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            accounts = [
                i
                for i in inner.infolist()
                if not i.is_dir()
                and i.filename.lower().endswith(FILING_SUFFIXES)
                and "/cic34/" not in f"/{i.filename.lower()}"
            ]
            if not accounts:
                reason = "zip member holds no accounts file"
                yield Rejection(Location(source_file, record=name), reason, format=FORMAT)
            for info in accounts:
                label = f"{name}/{info.filename}"
                if info.file_size > MAX_MEMBER_BYTES:
                    reason = f"member larger than {MAX_MEMBER_BYTES} bytes: not read"
                    yield Rejection(Location(source_file, record=label), reason, format=FORMAT)
                    continue
                yield from read_ch_filing(inner.read(info), label, source_file)
    except (zipfile.BadZipFile, OSError) as exc:
        reason = f"unreadable zip member: {exc}"
        yield Rejection(Location(source_file, record=name), reason, format=FORMAT)
