"""Companies House bulk zips: built in the test from sample members, streamed member by member."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

from graph_schema.financials import FinancialStatement
from loaders.accounts.ch_bulk import read_ch_accounts, read_ch_zip
from loaders.rejects import Rejection

MEMBERS = [
    "Prod223_3384_14033910_20220831.html",
    "Prod223_2911_08119445_20201231.html",
    "Prod224_9953_00003006_20090731.xml",
    "Prod223_3951_15052776_20240831_CIC.zip",  # a CIC wrapper zip inside the bulk zip
]


def _bulk(ch_dir: Path, path: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("__MACOSX/._Prod223_3384_14033910_20220831.html", b"\x00\x05junk")
        for name in MEMBERS:
            z.writestr(name, (ch_dir / name).read_bytes())
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def test_a_bulk_zip_streams_every_member(ch_dir: Path, tmp_path: Path) -> None:
    path = _bulk(
        ch_dir,
        tmp_path / "Accounts_Bulk_Data-2026-01-02.zip",
        {"Prod223_9999_12345678_20250101.pdf": b"%PDF-1.4 not accounts"},
    )
    items = list(read_ch_accounts(path))
    statements = [i for i in items if isinstance(i, FinancialStatement)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    current = {s.company.number: s for s in statements if not s.comparative}
    assert set(current) == {"14033910", "08119445", "00003006", "15052776"}
    assert {s.provenance.source_file for s in statements} == {path.name}
    cic = current["15052776"]
    assert cic.provenance.record_id == (
        "Prod223_3951_15052776_20240831_CIC.zip/CIC-15052776/accounts/financialStatement.xhtml"
    )
    assert cic.equity is not None and cic.equity.value == 3365
    # The PDF is reported, not silently dropped; the __MACOSX entry is not a member.
    assert [(r.location.record, r.reason.split(" (")[0]) for r in rejections] == [
        ("Prod223_9999_12345678_20250101.pdf", "not an accounts file")
    ]


def test_an_oversized_member_is_rejected_and_the_rest_still_loads(
    ch_dir: Path, tmp_path: Path
) -> None:
    path = _bulk(ch_dir, tmp_path / "bulk.zip")
    chunks = [path.read_bytes()]
    items = list(read_ch_zip(chunks, "bulk.zip", max_member_bytes=100_000))
    rejected = [i for i in items if isinstance(i, Rejection)]
    # Bluecrest (518 kB) is over the limit; the others load.
    assert [r.location.record for r in rejected] == ["Prod223_2911_08119445_20201231.html"]
    assert {i.company.number for i in items if isinstance(i, FinancialStatement)} == {
        "14033910",
        "00003006",
        "15052776",
    }


def test_a_truncated_zip_reports_where_it_stopped(ch_dir: Path, tmp_path: Path) -> None:
    data = _bulk(ch_dir, tmp_path / "bulk.zip").read_bytes()
    items = list(read_ch_zip([data[: len(data) * 2 // 3]], "bulk.zip"))
    assert isinstance(items[-1], Rejection) and "unreadable zip" in items[-1].reason
    assert any(isinstance(i, FinancialStatement) for i in items)


def _generated(ch_dir: Path, members: int) -> bytes:
    """A bulk zip of `members` micro-entity filings (one sample under many member names)."""
    sample = (ch_dir / "Prod223_3384_14033910_20220831.html").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for n in range(members):
            z.writestr(f"Prod223_3384_{14033910:08d}_20220831_{n}.html", sample)
    return buf.getvalue()


def _peak(data: bytes) -> tuple[int, int]:
    chunks = (data[i : i + 65536] for i in range(0, len(data), 65536))
    tracemalloc.start()
    count = 0
    for item in read_ch_zip(chunks, "generated.zip"):
        assert isinstance(item, FinancialStatement)
        count += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


def test_memory_stays_flat_whatever_the_number_of_members(ch_dir: Path) -> None:
    small, large = _generated(ch_dir, 20), _generated(ch_dir, 200)
    count_small, peak_small = _peak(small)
    count_large, peak_large = _peak(large)
    assert (count_small, count_large) == (20, 200)
    # Ten times the members, not ten times the Python memory held by the reader: what grows
    # is buffering noise (a chunk more or less at the peak), under 1 MiB in all.
    assert peak_large < 2 * peak_small
    assert peak_large < 1 << 20


def test_statements_come_out_before_the_zip_is_read(ch_dir: Path) -> None:
    data = _generated(ch_dir, 200)
    consumed = 0

    def chunks() -> Iterator[bytes]:
        nonlocal consumed
        for i in range(0, len(data), 4096):
            consumed += 1
            yield data[i : i + 4096]

    first = next(iter(read_ch_zip(chunks(), "generated.zip")))
    assert isinstance(first, FinancialStatement)
    assert consumed < len(data) / 4096 / 20  # the first member, not the whole zip
