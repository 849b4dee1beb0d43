"""The bulk-import files: one row per node and link, merged as the writer merges, typed headers,
dangling references rejected with their source location. No database: the files are read back
as CSV (the graph-level equivalence is tests/graph/loaders/test_bulk_import.py)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from graph_schema import edges
from graph_schema.changes import Retraction
from graph_schema.edges import Directorship, Link, Shareholding
from graph_schema.events import EventKind
from graph_schema.keys import reference
from graph_schema.labels import RelType
from graph_schema.nodes import CompanyRecord, EventRecord, Identifier, PersonRecord, Record
from graph_schema.provenance import Provenance
from loaders.bulk.csv_files import ImportFiles, write_import_files
from loaders.bulk.prepare import prepare_import
from loaders.bulk.stage import ARRAY_DELIMITER, BULK_UPDATE, ENDPOINTS, BulkStage
from loaders.formats import registry
from loaders.rejects import Location, RejectSink
from loaders.write.pipeline import unwritable

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def _prov(source: str, record: str) -> Provenance:
    return Provenance(source=source, record_id=record, source_file="f.jsonl")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _files(
    tmp_path: Path, batches: list[tuple[list[Record], Location, str]], workers: int = 1
) -> ImportFiles:
    with BulkStage(tmp_path / "stage.sqlite") as stage:
        for records, location, fmt in batches:
            stage.add(records, location, fmt)
        stage.commit()
        return write_import_files(stage, tmp_path / "csv", NOW, workers)


def test_a_node_seen_twice_is_one_row_with_merged_facts_and_both_sources(tmp_path: Path) -> None:
    first = CompanyRecord(
        key="GB-COH-1",
        name="ACME LTD",
        incorporated_on=date(2001, 2, 3),
        identifiers=[Identifier(scheme="GB-COH", value="1")],
        provenance=_prov("companies-house", "r1"),
    )
    later = CompanyRecord(
        key="GB-COH-1",
        name="ACME HOLDINGS LTD",
        status="active",
        identifiers=[Identifier(scheme="GB-COH", value="1")],
        provenance=_prov("bods", "r2"),
    )
    again = CompanyRecord(key="GB-COH-1", provenance=_prov("companies-house", "r3"))
    files = _files(
        tmp_path,
        [
            ([first], Location("a.json", 1), "ch-api"),
            ([later], Location("b.jsonl", 7), "bods"),
            ([again], Location("a.json", 9), "ch-api"),
        ],
    )
    [row] = _rows(files.nodes["Company:Entity"])
    assert row["key"] == "GB-COH-1"
    assert row["name"] == "ACME HOLDINGS LTD"  # later facts win, as SET n += props
    assert row["status"] == "active"
    assert row["incorporated_on:date"] == "2001-02-03"  # kept: sparser records erase nothing
    assert row["record_id"] == "r3"
    assert row["sources:string[]"].split(ARRAY_DELIMITER) == ["companies-house", "bods"]
    assert row["first_loaded_at:datetime"] == NOW.isoformat()
    [ident] = _rows(files.nodes["Identifier"])
    assert (ident["key"], ident["scheme"], ident["value"]) == ("GB-COH-1", "GB-COH", "1")
    [link] = _rows(files.relationships["IDENTIFIED_BY"][0])
    assert (link[":START_ID"], link[":END_ID"]) == (row[":ID"], ident[":ID"])
    assert files.node_rows == 2 and files.relationship_rows == 1


def test_links_are_deduplicated_typed_and_point_at_node_ids(tmp_path: Path) -> None:
    person = PersonRecord(key="P1", name="Jan Peeters", provenance=_prov("bods", "p"))
    company = CompanyRecord(key="C1", name="X NV", provenance=_prov("bods", "c"))
    holding = Shareholding(
        key="owns-1", src="P1", dst="C1", share_exact=30.0, provenance=_prov("bods", "s1")
    )
    restated = Shareholding(
        key="owns-1",
        src="P1",
        dst="C1",
        share_exact=35.0,
        start=date(2020, 1, 1),
        provenance=_prov("bods", "s2"),
    )
    files = _files(
        tmp_path,
        [([person, company, holding], Location("o.jsonl", 1), "bods")]
        + [([restated], Location("o.jsonl", 2), "bods")],
    )
    ids = {r["key"]: r[":ID"] for label in files.nodes.values() for r in _rows(label)}
    [owns] = _rows(files.relationships["OWNS"][0])
    assert (owns[":START_ID"], owns[":END_ID"]) == (ids["P1"], ids["C1"])
    assert owns["share_exact:double"] == "35.0" and owns["start:date"] == "2020-01-01"
    assert owns["key"] == "owns-1"
    assert files.rejections == []


@pytest.mark.parametrize("workers", [1, 2], ids=["one-writer", "two-writer-processes"])
def test_dangling_links_and_orphan_events_are_rejected_where_they_came_from(
    tmp_path: Path, workers: int
) -> None:
    company = CompanyRecord(key="C1", name="X NV", provenance=_prov("kbo", "c"))
    to_nobody = Directorship(
        key="dir-1", src="P-missing", dst="C1", role="director", provenance=_prov("kbo", "d")
    )
    orphan = EventRecord(
        key="ev-1",
        company="C-missing",
        kind=EventKind.BANKRUPTCY,
        date=date(2024, 5, 1),
        provenance=_prov("kbo", "e"),
    )
    kept = EventRecord(
        key="ev-2", company="C1", kind=EventKind.BANKRUPTCY, provenance=_prov("kbo", "e2")
    )
    files = _files(
        tmp_path,
        [
            ([company, kept], Location("k.csv", 2), "kbo"),
            ([to_nobody], Location("k.csv", 3, "d"), "kbo"),
            ([orphan], Location("k.csv", 4), "kbo"),
        ],
        workers,
    )
    reasons = [(r.location.line, r.format, r.reason) for r in files.rejections]
    assert reasons == [  # node files first, then relationship files: the same with 2 writers
        (4, "kbo", "dangling reference: C-missing is not in the graph"),
        (3, "kbo", "dangling reference: P-missing -> C1 is not in the graph"),
    ]
    assert list(files.nodes) == ["Company:Entity", "Event"]
    assert list(files.relationships) == ["HAS_EVENT", "DIRECTOR_OF"]
    assert [r["key"] for r in _rows(files.nodes["Event"])] == ["ev-2"]
    assert len(_rows(files.relationships["HAS_EVENT"][0])) == 1
    assert _rows(files.relationships["DIRECTOR_OF"][0]) == []


def test_a_value_spanning_lines_marks_its_file_for_multiline_parsing(tmp_path: Path) -> None:
    one_line = CompanyRecord(key="C1", name="A", provenance=_prov("x", "1"))
    two_lines = EventRecord(
        key="ev-1",
        company="C1",
        kind=EventKind.BANKRUPTCY,
        description="Jugement\nd'ouverture",
        provenance=_prov("x", "2"),
    )
    files = _files(tmp_path, [([one_line, two_lines], Location("f", 1), "x")])
    assert files.multiline == [files.nodes["Event"]]
    args = files.arguments()
    assert "--multiline-fields-format=v2" in args
    assert f"--multiline-fields={files.nodes['Event']}" in args
    assert "--array-delimiter=U+001F" in args
    assert _rows(files.nodes["Event"])[0]["description"] == "Jugement\nd'ouverture"


def test_what_the_import_files_cannot_hold_is_refused_whole_with_the_loaders_reason(
    tmp_path: Path,
) -> None:
    company = CompanyRecord(key="C1", name="A", provenance=_prov("x", "1"))
    split = CompanyRecord(key="C2", former_names=["A\x1fB"], provenance=_prov("x", "2"))
    surrogate = PersonRecord(key="P1", name="Jan \ud800", provenance=_prov("x", "3"))
    # U+001F outside a list is only text: kept, as the transactional loader keeps it.
    odd_name = CompanyRecord(key="C3", name="A\x1fB", provenance=_prov("x", "4"))
    with BulkStage(tmp_path / "stage.sqlite") as stage:
        where = Location("f", 1)
        assert stage.add([company, split], where, "x") == (
            "former_names holds U+001F, the import files' list delimiter"
        )
        assert stage.add([company, surrogate], where, "x") == unwritable([company, surrogate])
        assert stage.add([odd_name], where, "x") is None
        assert stage.rows == 1  # nothing of a refused source record was staged
        files = write_import_files(stage, tmp_path / "csv", NOW)
    assert [r["name"] for r in _rows(files.nodes["Company:Entity"])] == ["A\x1fB"]


def _link_types() -> set[RelType]:
    found: set[RelType] = set()
    for value in vars(edges).values():
        if isinstance(value, type) and issubclass(value, Link) and value is not Link:
            rel_type = getattr(value, "rel_type", None)
            if isinstance(rel_type, RelType):
                found.add(rel_type)
    return found


@pytest.mark.parametrize("rel_type", sorted(_link_types()), ids=str)
def test_every_link_type_has_endpoint_labels(rel_type: RelType) -> None:
    assert rel_type in ENDPOINTS


def test_node_ids_follow_first_appearance_and_a_folded_stage_takes_no_more(
    tmp_path: Path,
) -> None:
    # Rows are appended and merged by key once (fold): the ids must still number nodes in the
    # order they were first seen, whatever their label or key order.
    person = PersonRecord(key="P-Z", name="Zoe", provenance=_prov("bods", "1"))
    company = CompanyRecord(key="C-A", name="A", provenance=_prov("bods", "2"))
    again = PersonRecord(key="P-Z", name="Zoe Peeters", provenance=_prov("ch", "3"))
    other = PersonRecord(key="P-A", name="Ann", provenance=_prov("ch", "4"))
    with BulkStage(tmp_path / "stage.sqlite") as stage:
        for number, record in enumerate([person, company, again, other]):
            assert stage.add([record], Location("f", number), "x") is None
        files = write_import_files(stage, tmp_path / "csv", NOW)
        with pytest.raises(RuntimeError, match="folded"):
            stage.add([other], Location("f", 9), "x")
    people = _rows(files.nodes["Person:Entity"])
    assert [(r[":ID"], r["key"], r["name"]) for r in people] == [
        ("1", "P-Z", "Zoe Peeters"),
        ("3", "P-A", "Ann"),
    ]
    assert people[0]["sources:string[]"].split(ARRAY_DELIMITER) == ["bods", "ch"]
    assert [r[":ID"] for r in _rows(files.nodes["Company:Entity"])] == ["2"]


def test_references_resolve_across_inputs_and_changes_are_refused(tmp_path: Path) -> None:
    """A link naming its endpoint by a source identifier (a later file's record) finds the node
    staged from any input; what only an existing graph can take (a deletion) is refused."""
    person = PersonRecord(
        key="person-1",
        name="Ann Lee",
        identifiers=[Identifier(scheme="XI-BODS", value="per-1")],
        provenance=_prov("bods", "p"),
    )
    company = CompanyRecord(
        key="GB-COH-1",
        identifiers=[Identifier(scheme="GB-COH", value="1")],
        provenance=_prov("bods", "c"),
    )
    src = reference("XI-BODS-per-1")
    link = Shareholding(
        key=Shareholding.make_key(src, "GB-COH-1", "shareholding", None),
        src=src,
        dst="GB-COH-1",
        share_exact=60.0,
        provenance=_prov("bods", "rel"),
    )
    lost = reference("XI-BODS-per-9")
    dangling = Shareholding(
        key=Shareholding.make_key(lost, "GB-COH-1", "shareholding", None),
        src=lost,
        dst="GB-COH-1",
        provenance=_prov("bods", "rel-9"),
    )
    deletion = Retraction(
        source="ftm", record_id="x", identifier="XI-OPENSANCTIONS-x", provenance=_prov("ftm", "x")
    )
    with BulkStage(tmp_path / "stage.sqlite") as stage:
        assert stage.add([link], Location("b.json", 1), "bods") is None  # before its endpoint
        assert stage.add([person, company], Location("a.json", 1), "bods") is None
        assert stage.add([dangling], Location("b.json", 2), "bods") is None
        refused = stage.add([deletion], Location("d.jsonl", 1), "ftm")
        assert refused is not None and "`duegraph load`" in refused
        stage.commit()
        files = write_import_files(stage, tmp_path / "csv", NOW)
    (owns,) = _rows(files.relationships["OWNS"][0])
    assert owns["key"] == Shareholding.make_key("person-1", "GB-COH-1", "shareholding", None)
    assert [(r.location.line, r.reason) for r in files.rejections] == [
        (2, "dangling reference: XI-BODS-per-9 is neither in this file nor in the graph")
    ]
    idents = {r["key"] for r in _rows(files.nodes["Identifier"])}
    assert idents == {"XI-BODS-per-1", "GB-COH-1"}  # persons carry identifiers too
    assert len(_rows(files.relationships["IDENTIFIED_BY"][0])) == 2


def test_a_kbo_full_set_stamps_its_extract_and_an_update_is_refused_whole(
    tmp_path: Path,
) -> None:
    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    kbo = registry()["kbo"]
    rejects = tmp_path / "rejects.jsonl"
    with RejectSink(rejects) as sink:
        report = prepare_import(
            [(kbo, fixtures / "kbo"), (kbo, fixtures / "kbo-update-0151")],
            tmp_path / "work",
            sink,
            NOW,
        )
    (state,) = _rows(report.files.nodes["LoadState"])
    assert (state["key"], state["extract_number:long"], state["extract_type"]) == (
        "kbo",
        "150",
        "full",
    )
    reasons = {json.loads(line)["reason"] for line in rejects.read_text().splitlines()}
    assert reasons == {BULK_UPDATE}
    # the update's rows from its meta.csv's order check on; its first meta rows carry nothing
    update_rows = sum(
        len(p.read_text(encoding="utf-8").splitlines()) - 1
        for p in (fixtures / "kbo-update-0151").glob("*.csv")
    )
    assert report.rejected == update_rows - 4


def test_a_fold_in_parallel_gives_the_files_of_a_fold_in_one_process(tmp_path: Path) -> None:
    # Parts are cut by the keys' last characters: short, empty and non-ASCII keys too, and
    # each key's repeats (later facts win, sources in first-seen order) stay in one part.
    batches: list[tuple[list[Record], Location, str]] = []
    keys = ["", "x", "é", "GB-COH-1", "GB-COH-12", "person-ab", "person-ba", "日本"]
    for round_ in range(3):
        for n, key in enumerate(keys):
            source = ("companies-house", "bods")[(n + round_) % 2]
            prov = _prov(source, f"r{round_}-{n}")
            company = CompanyRecord(key=key, name=f"C{round_}", provenance=prov)
            person = PersonRecord(key=f"p{n}", name=f"A {round_}", provenance=prov)
            event = EventRecord(
                key=f"e{n % 3}",
                company=key,
                kind=EventKind.FILING,
                date=date(2020, 1, 1 + n),
                provenance=prov,
            )
            director = Directorship(
                key=f"d{n % 4}",
                src=f"p{n}",
                dst=key,
                role="director",
                start=date(2019, 1, 1 + round_),
                provenance=prov,
            )
            batches.append(([company, person, event, director], Location("f.json", n), source))
    outputs = []
    for workers in (1, 3):
        out = tmp_path / str(workers)
        out.mkdir()
        with BulkStage(out / "stage.sqlite") as stage:
            for records, location, fmt in batches:
                assert stage.add(records, location, fmt) is None
            stage.commit()
            stage.fold(workers)
            files = write_import_files(stage, out / "csv", NOW, 1)
        assert sorted(p.name for p in out.iterdir()) == ["csv", "stage.sqlite"]  # parts removed
        assert files.node_rows and files.relationship_rows
        outputs.append({p.name: p.read_bytes() for p in sorted((out / "csv").iterdir())})
    assert outputs[0] == outputs[1]
    companies = [f for f in outputs[0] if f.startswith("nodes-Company")]
    assert [len(outputs[0][f].splitlines()) for f in companies] == [1 + len(keys)]
