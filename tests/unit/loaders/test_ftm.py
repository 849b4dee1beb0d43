"""FtM parser: entities -> canonical records, without the database."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

from graph_schema.changes import Retraction, TopicsAdded
from graph_schema.edges import AddressLink, Directorship, Relation, Shareholding
from graph_schema.nodes import AddressRecord, CompanyRecord, PersonRecord
from loaders.contract import Parsed
from loaders.ftm import FORMAT
from tests.unit.loaders.parsed import parse, reasons_of, records_of


def _entity(entity_id: str, schema: str, **props: Any) -> dict[str, Any]:
    values = {k: v if isinstance(v, list) else [v] for k, v in props.items()}
    return {"id": entity_id, "schema": schema, "properties": values}


def _write(tmp_path: Path, *lines: object, name: str = "e.jsonl") -> Path:
    path = tmp_path / name
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_company_key_prefers_a_national_register_number_then_the_lei(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _entity("c1", "Company", name="Acme Ltd", jurisdiction="gb", registrationNumber="123"),
        _entity("c2", "Company", name="Lei Co", leiCode="529900T8BM49AURSDO55"),
        _entity("c3", "Organization", name="Plain Org", registrationNumber="x-1"),
        _entity("c4", "Company", name="Bad Number", jurisdiction="gb", registrationNumber="??"),
    )
    companies = {c.provenance.record_id: c for c in records_of(parse(FORMAT, path), CompanyRecord)}
    assert companies["c1"].key == "GB-COH-00000123"
    assert companies["c1"].jurisdiction == "GB"
    assert [i.key for i in companies["c1"].identifiers] == [
        "GB-COH-00000123",
        "XI-OPENSANCTIONS-c1",
    ]
    assert companies["c2"].key == "XI-LEI-529900T8BM49AURSDO55"
    assert companies["c3"].key == "XI-OPENSANCTIONS-c3"
    # A number that fails its check is never the key, but is kept (unvalidated) and reported.
    assert companies["c4"].key == "XI-OPENSANCTIONS-c4"
    assert [(i.key, i.validated) for i in companies["c4"].identifiers] == [
        ("XI-OPENSANCTIONS-c4", True),
        ("GB-COH-??", False),
    ]
    notices = {i.location.line: i.warnings for i in parse(FORMAT, path) if isinstance(i, Parsed)}
    assert notices[4] == [
        "number kept unvalidated: registrationNumber not a Companies House company number: '??'"
    ]


def test_company_fields_and_sanction_topic_merged_into_existing_topics(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {
            "op": "ADD",
            "entity": {
                **_entity(
                    "c1",
                    "Company",
                    name="Acme LLC",
                    alias=["ACME"],
                    previousName="Old Acme",
                    incorporationDate="2010-12-24",
                    dissolutionDate="2020",
                    status="Active",
                    legalForm="LLC",
                    country="ru",
                    topics=["poi"],
                ),
                "last_change": "2024-05-01T10:00:00",
            },
        },
        _entity("s1", "Sanction", entity="c1", authority="OFAC"),
    )
    items = parse(FORMAT, path)
    assert len(items) == 2 and all(isinstance(i, Parsed) for i in items)
    (company,) = records_of(items, CompanyRecord)
    assert company.name == "Acme LLC"
    assert company.former_names == ["ACME", "Old Acme"]
    assert company.incorporated_on == date(2010, 12, 24)
    assert company.dissolved_on is None  # a year alone is not a day
    assert (company.status, company.legal_form, company.jurisdiction) == ("active", "LLC", "RU")
    assert company.topics == ["poi", "sanction"]
    assert company.provenance.seen_at == date(2024, 5, 1)
    assert company.provenance.source == "ftm"


def test_person_key_uses_birth_year_month_and_links_resolve_forward(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _entity("o1", "Ownership", owner="p1", asset="c1", percentage="51,5", startDate="2015"),
        _entity("d1", "Directorship", director="p1", organization="c1", role="General Director"),
        _entity("f1", "Family", person="p2", relative="p1", relationship="Son"),
        _entity("p1", "Person", name="Ivan Petrov", birthDate="1965-09-03", nationality="ru"),
        _entity("p2", "Person", name="Pavel Petrov", birthDate="1990"),
        _entity("c1", "Company", name="Target LLC"),
    )
    items = parse(FORMAT, path)
    assert reasons_of(items) == []
    persons = {p.provenance.record_id: p for p in records_of(items, PersonRecord)}
    ivan = persons["p1"]
    assert (ivan.birth_year_month, ivan.birth_date, ivan.nationality) == (
        "1965-09",
        date(1965, 9, 3),
        "RU",
    )
    assert ivan.match_basis == "name+birth_year_month"
    assert persons["p2"].match_basis == "source_record"  # a year alone never merges persons
    (share,) = records_of(items, Shareholding)
    assert (share.src, share.dst, share.share_exact, share.start) == (
        ivan.key,
        "XI-OPENSANCTIONS-c1",
        51.5,
        None,
    )
    (director,) = records_of(items, Directorship)
    assert (director.role, director.role_label) == ("managing_director", "General Director")
    (relation,) = records_of(items, Relation)
    assert (relation.src, relation.dst, relation.relationship) == (
        persons["p2"].key,
        ivan.key,
        "Son",
    )
    # the link lines carry minimal endpoint copies with the endpoint's own provenance
    first = items[0]
    assert isinstance(first, Parsed)
    stubs = [r for r in first.records if isinstance(r, PersonRecord)]
    assert [(s.key, s.provenance.record_id) for s in stubs] == [(ivan.key, "p1")]


def test_addresses_from_entities_and_strings(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _entity("p1", "Person", name="Ann Lee", addressEntity=["a1", "missing"], country="de"),
        _entity("a1", "Address", full="Schillerstraße 19, 76135 Karlsruhe", country="de"),
        _entity("c1", "Company", name="Acme", address="1 Main St, Springfield", country="us"),
    )
    items = parse(FORMAT, path)
    assert reasons_of(items) == []
    addresses = {a.text: a for a in records_of(items, AddressRecord)}
    assert set(addresses) == {"Schillerstraße 19, 76135 Karlsruhe", "1 Main St, Springfield"}
    links = records_of(items, AddressLink)
    assert {(link.dst, link.kind) for link in links} == {
        (addresses["Schillerstraße 19, 76135 Karlsruhe"].key, "registered"),
        (addresses["1 Main St, Springfield"].key, "registered"),
    }


def test_malformed_lines_are_rejected_with_the_reason(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _entity("c2", "Company", name="Good Co"),
        '{"id": "broken',
        "[1, 2]",
        {"schema": "Company", "properties": {}},
        _entity("w1", "Wizard", name="Merlin"),
        _entity("c1", "Company", name="Acme", incorporationDate="2023-02-30"),
        _entity("o1", "Ownership", owner="c1", asset="nowhere"),  # resolved when written
        _entity("o2", "Ownership", owner="c2", asset="c2", percentage="lots"),
        _entity("o3", "Ownership", owner="c2", asset="c2", percentage="150"),
        _entity("o4", "Ownership", asset="c2"),
        {"op": "UPSERT", "entity": _entity("c9", "Company", name="X")},
        {"op": "DEL", "entity": {"id": "c8"}},
        _entity("pay", "Payment", payer="c2", beneficiary="c2", amountEur="5"),
    )
    items = parse(FORMAT, path)
    assert len(items) == 13  # one result per line
    reasons = reasons_of(items)
    assert reasons[0].startswith("invalid JSON: ")
    assert reasons[1:] == [
        "expected an FtM entity object, found list",
        "missing key field id",
        "unknown FtM schema 'Wizard'",
        "invalid date '2023-02-30' in incorporationDate",
        "invalid percentage 'lots'",
        "share 150.0 is outside 0–100",
        "missing key field owner",
        "unknown delta op 'UPSERT'; expected one of ADD, MOD, DEL",
    ]
    parsed = [i for i in items if isinstance(i, Parsed)]
    # the good company; o1: its link (to a reference) and c1's stub; DEL: a Retraction; Payment
    assert [len(p.records) for p in parsed] == [1, 2, 1, 0]
    assert [p.change for p in parsed] == [None, None, "deleted", None]


def test_non_utf8_gzip_bom_and_crlf(tmp_path: Path) -> None:
    good = json.dumps(_entity("c1", "Company", name="Acme")).encode()
    raw = b"\xef\xbb\xbf" + good + b"\r\n" + b'{"id": "\xff\xfe"}\r\n'
    path = tmp_path / "e.jsonl.gz"
    path.write_bytes(gzip.compress(raw))
    items = parse(FORMAT, path)
    assert [type(i).__name__ for i in items] == ["Parsed", "Rejection"]
    assert reasons_of(items)[0].startswith("not UTF-8")
    assert [c.name for c in records_of(items, CompanyRecord)] == ["Acme"]


def test_folder_skips_the_delta_version_index_and_empty_files(tmp_path: Path) -> None:
    _write(tmp_path, {"versions": {}, "updated_at": "2024-05-28"}, name="delta-index.json")
    (tmp_path / "1.entities.delta.jsonl").write_bytes(b"")
    _write(tmp_path, {"op": "MOD", "entity": _entity("c1", "Company", name="A")}, name="2.jsonl")
    items = parse(FORMAT, tmp_path)
    assert len(items) == 1 and isinstance(items[0], Parsed)


def test_a_sanction_means_what_its_authority_and_program_say(tmp_path: Path) -> None:
    """Built from OpenSanctions' documented shapes (docs/topics; the ru_mfa_sanctions, cn_sanctions
    and worldbank_debarred crawlers' Sanction entities): no real counter-sanction sample exists."""
    path = _write(
        tmp_path,
        _entity("lm", "Company", name="Lockheed Martin", country="us"),
        _entity("s1", "Sanction", entity="lm", country="cn", programId="CN-UEL"),
        _entity("wolf", "Person", name="Paul Wolfowitz", topics=["role.pep"]),
        {
            **_entity("s2", "Sanction", entity="wolf", programId="RU-MFA"),
            "datasets": ["ru_mfa_sanctions"],
        },
        _entity("agha", "Person", name="Janan Agha"),
        _entity("s3", "Sanction", entity="agha", country="ru", unscId="TAi.001"),
        _entity("bridge", "Company", name="Bridge Builders"),
        _entity(
            "s4", "Sanction", entity="bridge", authority="World Bank", program="Fraudulent practice"
        ),
        _entity("ofac", "Company", name="Front Co"),
        _entity("s5", "Sanction", entity="ofac", country="us", authority="OFAC"),
        # The source's own classification wins: a counter-sanctioned company stays one.
        _entity("gd", "Company", name="General Dynamics", topics=["sanction.counter", "debarment"]),
        _entity("s6", "Sanction", entity="gd", country="us", authority="SAM"),
    )
    items = parse(FORMAT, path)
    assert reasons_of(items) == []
    topics = {
        r.name: r.topics
        for r in [*records_of(items, CompanyRecord), *records_of(items, PersonRecord)]
    }
    assert topics == {
        "Lockheed Martin": ["sanction.counter"],
        "Paul Wolfowitz": ["role.pep", "sanction.counter"],
        "Janan Agha": ["sanction"],  # Russia implementing a UN Security Council listing
        "Bridge Builders": ["debarment"],
        "Front Co": ["sanction"],
        "General Dynamics": ["debarment", "sanction.counter"],
    }


def test_topics_outside_ftm_vocabulary_are_left_out_with_a_notice(tmp_path: Path) -> None:
    path = _write(tmp_path, _entity("c1", "Company", name="Acme", topics=["sanction", "evil"]))
    (item,) = parse(FORMAT, path)
    assert isinstance(item, Parsed)
    (company,) = item.records
    assert isinstance(company, CompanyRecord) and company.topics == ["sanction"]
    assert item.warnings == [
        "unknown value left out: topics evil (not in FollowTheMoney's vocabulary)"
    ]


def test_a_delta_names_what_is_not_in_it_by_reference(tmp_path: Path) -> None:
    """An OpenSanctions delta (documented op/entity lines) that changes an Ownership and adds a
    Sanction about entities that did not change and so are not in the file."""
    path = _write(
        tmp_path,
        {
            "op": "MOD",
            "entity": _entity("o1", "Ownership", owner="p1", asset="c1", percentage="60"),
        },
        {"op": "ADD", "entity": _entity("s1", "Sanction", entity="c1", country="gb")},
        {"op": "ADD", "entity": _entity("c2", "Company", name="New Co")},
        {"op": "DEL", "entity": {"id": "p9"}},
        name="20240528074703-npf.entities.delta.jsonl",
    )
    items = parse(FORMAT, path)
    assert reasons_of(items) == []
    assert [i.change for i in items if isinstance(i, Parsed)] == [
        "modified",
        "added",
        "added",
        "deleted",
    ]
    (share,) = records_of(items, Shareholding)
    assert (share.src, share.dst) == ("ref:XI-OPENSANCTIONS-p1", "ref:XI-OPENSANCTIONS-c1")
    assert share.key.startswith("ref-key:")  # settled by the writer once resolved
    (added,) = records_of(items, TopicsAdded)
    assert (added.key, added.topics) == ("ref:XI-OPENSANCTIONS-c1", ["sanction"])
    (company,) = records_of(items, CompanyRecord)
    assert company.complete == ("topics",)  # a delta line's topics are its whole list
    assert company.graph_props()["topics"] is None  # none: the graph's old topics go
    (gone,) = records_of(items, Retraction)
    assert (gone.record_id, gone.identifier, gone.on) == (
        "p9",
        "XI-OPENSANCTIONS-p9",
        date(2024, 5, 28),
    )
