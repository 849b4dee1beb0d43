"""KBO/BCE parser (no database): the synthetic full set in tests/fixtures/kbo, a hand-written
update extract (tests/fixtures/kbo-update-0151, built from the documented layout), the real
daily update extract 0147 of the shared samples, and broken rows."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graph_schema.changes import ExtractCheck
from graph_schema.edges import AddressLink
from graph_schema.events import EventKind
from graph_schema.nodes import AddressRecord, CompanyRecord, EventRecord, Record
from loaders.contract import Parsed, ParseResult
from loaders.kbo.codes import is_establishment_number, nace_code, parse_kbo_date, situation_kind
from loaders.kbo.parse import parse
from loaders.rejects import Rejection
from loaders.source import ByteCounter

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "kbo"
UPDATE = FIXTURE.parent / "kbo-update-0151"


def _run(path: Path) -> tuple[list[Parsed], list[Rejection]]:
    items: list[ParseResult] = list(parse(path, ByteCounter()))
    parsed = [i for i in items if isinstance(i, Parsed)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    return parsed, rejected


def _records(parsed: list[Parsed]) -> list[Record]:
    return [r for p in parsed for r in p.records]


def test_every_row_of_the_snapshot_is_one_result() -> None:
    rows = sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in FIXTURE.glob("*.csv"))
    parsed, rejected = _run(FIXTURE)
    assert rejected == []
    assert len(parsed) == rows


def test_enterprise_fields_codes_and_situation_events() -> None:
    records = _records(_run(FIXTURE)[0])
    firm = next(
        r
        for r in records
        if isinstance(r, CompanyRecord) and r.key == "BE-BCE_KBO-0812345603" and r.legal_form
    )
    assert firm.legal_form == "Besloten vennootschap (610)"
    assert firm.status == "active"
    assert firm.incorporated_on == date(2015, 3, 15)
    assert firm.provenance.seen_at == date(2026, 11, 1)
    events = {r.company: r for r in records if isinstance(r, EventRecord)}
    assert {k: e.kind for k, e in events.items()} == {
        "BE-BCE_KBO-0823456754": EventKind.BANKRUPTCY,
        "BE-BCE_KBO-0834567808": EventKind.LIQUIDATION,
        "BE-BCE_KBO-0700112247": EventKind.JUDICIAL_REORGANISATION,
        "BE-BCE_KBO-0711223301": EventKind.DISSOLUTION,
    }
    bankrupt = events["BE-BCE_KBO-0823456754"]
    assert bankrupt.date == date(2026, 11, 1)
    assert "observed in KBO snapshot 2026-11-01" in (bankrupt.description or "")
    sole = next(r for r in records if isinstance(r, CompanyRecord) and r.key.endswith("0555123476"))
    assert sole.legal_form == "natural person"


def test_names_addresses_and_activities() -> None:
    records = _records(_run(FIXTURE)[0])
    names = {r.key: r.name for r in records if isinstance(r, CompanyRecord) and r.name}
    # Dutch legal name preferred over French; abbreviations and commercial names not stored.
    assert names["BE-BCE_KBO-0812345603"] == "Dakwerken Peeters"
    assert names["BE-BCE_KBO-0823456754"] == "Bouwbedrijf Janssens"
    assert names["BE-BCE_KBO-0456789034"] == "Voorbeeld Logistiek"  # not in enterprise.csv
    assert "Peeters Daken Antwerpen" not in names.values()  # an establishment unit's name
    codes = {r.key: r.activity_codes for r in records if isinstance(r, CompanyRecord)}
    assert codes["BE-BCE_KBO-0812345603"] == ["NACE:43.91", "NACE1.1:45.22", "NACE:41.20"]
    addresses = [r for r in records if isinstance(r, AddressRecord)]
    assert addresses[0].text == "Voorbeeldstraat 12 bus 3, 2000 Antwerpen, België"
    assert addresses[0].key == addresses[1].key  # two companies at one address: one node
    links = {r.src: r for r in records if isinstance(r, AddressLink)}
    assert links["BE-BCE_KBO-0711223301"].end == date(2020, 12, 31)
    assert len(links) == 4  # REGO only: the establishment address (BAET) is not modelled


def _broken_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "kbo"
    shutil.copytree(FIXTURE, folder)
    with (folder / "enterprise.csv").open("ab") as fh:
        fh.write(b'"0200.065.766","AC","000","2","610","","01-01-2000"\n')  # bad check digits
        fh.write(b'"0456.789.034","AC","000","2","610","","31-02-2020"\n')  # impossible date
        fh.write(b'"0456.789.034","AC","000","2","999","","01-01-2020"\n')  # unknown form
        fh.write(b'"0456.789.034","AC","000"\n')  # wrong column count
        fh.write(b'"0456.789.034","XX","000","2","610","","01-01-2020"\n')  # unknown status
    with (folder / "denomination.csv").open("ab") as fh:
        fh.write(b'"0834.567.808","2","001","Caf\xe9 Namen"\n')  # Latin-1, not UTF-8
    with (folder / "activity.csv").open("ab") as fh:
        fh.write(b'"0834.567.808","001","2008","43910","WEIRD"\n')
        fh.write(b'"0834.567.808","001","2008","4x","MAIN"\n')
        fh.write(b'"0834.567.808","001","2008","47110","MAIN"\n')
    return folder


def test_broken_rows_are_rejected_with_the_reason(tmp_path: Path) -> None:
    parsed, rejected = _run(_broken_copy(tmp_path))
    reasons = sorted(r.reason for r in rejected)
    assert len(rejected) == 8
    assert any("invalid Belgian enterprise number '0200.065.766'" in r for r in reasons)
    assert "invalid date '31-02-2020' in StartDate" in reasons
    assert "unknown JuridicalForm code '999'" in reasons
    assert "unknown Status code 'XX'" in reasons
    assert "expected 7 columns, found 3" in reasons
    assert any(r.startswith("not UTF-8") for r in reasons)
    assert "unknown Classification 'WEIRD'" in reasons
    assert "invalid NaceCode '4x'" in reasons
    # The good row of the same entity still arrives.
    codes = [
        r.activity_codes
        for r in _records(parsed)
        if isinstance(r, CompanyRecord) and r.activity_codes
    ]
    assert ["NACE:47.11"] in codes


def test_an_unexpected_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "kbo"
    shutil.copytree(FIXTURE, folder)
    (folder / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    _, rejected = _run(folder)
    assert [r.location.file for r in rejected] == ["notes.csv"]


@pytest.mark.parametrize(
    ("texts", "kind"),
    [
        (["Opening faillissement", "Ouverture de faillite"], EventKind.BANKRUPTCY),
        (["Sluiting faillissement", "Clôture de faillite"], EventKind.INSOLVENCY_CLOSED),
        (["Gerechtelijke reorganisatie"], EventKind.JUDICIAL_REORGANISATION),
        (["Vrijwillige ontbinding - vereffening"], EventKind.LIQUIDATION),
        (["Dissolution judiciaire ou nullité"], EventKind.DISSOLUTION),
        (["Fusie door oprichting"], EventKind.DISSOLUTION),
        (["Juridische oprichting"], None),
        (["Normale toestand"], None),
    ],
)
def test_situation_kind_reads_the_description(texts: list[str], kind: EventKind | None) -> None:
    assert situation_kind("999", texts) == kind


def test_small_helpers() -> None:
    assert parse_kbo_date("05-05-2005", "StartDate") == date(2005, 5, 5)
    assert parse_kbo_date("", "StartDate") is None
    with pytest.raises(ValueError, match="invalid date '2005-05-05' in StartDate"):
        parse_kbo_date("2005-05-05", "StartDate")
    assert nace_code("2008", "43910") == "NACE:43.91"
    with pytest.raises(ValueError, match="unknown NaceVersion"):
        nace_code("1999", "43910")
    assert is_establishment_number("2.100.000.114")
    assert not is_establishment_number("2.100.000.115")
    assert not is_establishment_number("0812.345.603")


def test_the_zip_as_downloaded_reads_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "KboOpenData_0150_2026_11_Full.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for csv in sorted(FIXTURE.glob("*.csv")):
            zf.write(csv, csv.name)
    from_zip, rejected = _run(archive)
    from_folder, _ = _run(FIXTURE)
    assert rejected == []
    assert _records(from_zip) == _records(from_folder)


def test_one_file_of_a_set_uses_its_siblings_codes_and_date() -> None:
    parsed, rejected = _run(FIXTURE / "enterprise.csv")
    assert rejected == [] and len(parsed) == 6
    events = [r for r in _records(parsed) if isinstance(r, EventRecord)]
    assert {e.date for e in events} == {date(2026, 11, 1)}
    assert len(events) == 4


def test_a_real_daily_update_extract_is_read_deletes_first(datasets_dir: Path) -> None:
    """The real update extract 0147 (snapshot 11-10-2025) in the shared samples."""
    folder = datasets_dir / "kbo" / "KboOpenData_0147_2025_10_12_Update"
    items = list(parse(folder, ByteCounter()))
    parsed = [i for i in items if isinstance(i, Parsed)]
    assert len(items) == len(parsed) == 22608  # every row of the 16 files, none rejected
    assert Counter(p.change for p in parsed if p.change) == {
        "added": 273,
        "modified": 363,
        "deleted": 390,
    }
    # 162 enterprises deleted, 4 of them inserted again: 158 left the open data.
    removed = [
        r
        for p in parsed
        if p.location.file == "enterprise_delete.csv"
        for r in p.records
        if isinstance(r, CompanyRecord)
    ]
    assert len(removed) == 158 and {r.status for r in removed} == {"stopped"}
    events = [r for p in parsed for r in p.records if isinstance(r, EventRecord)]
    assert len(events) == 158
    assert {(e.kind, e.date) for e in events} == {(EventKind.STATUS_CHANGE, date(2025, 10, 11))}
    (check,) = [r for p in parsed for r in p.records if isinstance(r, ExtractCheck)]
    assert (check.number, check.kind, check.snapshot) == (147, "update", date(2025, 10, 11))
    last = parsed[-1]
    assert [type(r).__name__ for r in last.records][-1] == "ExtractApplied"
    # per table, the delete file before the insert file
    order = [p.location.file for p in parsed]
    for table in ("enterprise", "denomination", "address", "activity", "contact"):
        assert order.index(f"{table}_delete.csv") < order.index(f"{table}_insert.csv")


def test_an_update_file_alone_is_refused_with_the_reason(tmp_path: Path) -> None:
    _, rejected = _run(UPDATE / "enterprise_insert.csv")
    assert [r.reason for r in rejected] == [
        "an update extract is applied whole: load its folder or zip (a table's deletes and "
        "inserts go together, in ExtractNumber order)"
    ]
    folder = tmp_path / "no-meta"
    shutil.copytree(UPDATE, folder)
    (folder / "meta.csv").unlink()
    parsed, rejected = _run(folder)
    assert {r.location.file for r in rejected} == {
        f"{t}_{op}.csv"
        for t in ("enterprise", "establishment", "denomination", "address", "activity")
        for op in ("delete", "insert")
    }
    assert {r.reason for r in rejected} == {
        "a KBO update without meta.csv and its ExtractNumber: the order of updates cannot be "
        "checked"
    }


def test_a_folder_of_extracts_is_read_in_extract_number_order(tmp_path: Path) -> None:
    later = tmp_path / "a-later"
    shutil.copytree(UPDATE, later)
    meta = (later / "meta.csv").read_text(encoding="utf-8")
    (later / "meta.csv").write_text(meta.replace('"0151"', '"0152"'), encoding="utf-8")
    shutil.copytree(UPDATE, tmp_path / "b-earlier")
    items = list(parse(tmp_path, ByteCounter()))
    checks = [
        r.number
        for i in items
        if isinstance(i, Parsed)
        for r in i.records
        if isinstance(r, ExtractCheck)
    ]
    assert checks == [151, 152]
