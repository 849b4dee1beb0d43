"""What Neo4j would refuse is caught before a batch is sent, with the field named: a lone
surrogate anywhere in a record (nested models and lists too), an indexed value too long."""

from __future__ import annotations

import pytest

from graph_schema.edges import Directorship
from graph_schema.nodes import CompanyRecord, Identifier, PersonRecord, Record
from graph_schema.provenance import Provenance
from loaders.write.pipeline import MAX_INDEXED_CHARS, lone_surrogate, too_long, unwritable

OK = Provenance(source="x", record_id="1")
BAD = "Jan \ud800"


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (PersonRecord(key="P1", name=BAD, provenance=OK), "name"),
        (
            PersonRecord(key="P1", name="Jan", provenance=Provenance(source="x", record_id=BAD)),
            "provenance",
        ),
        (CompanyRecord(key="C1", former_names=["A", BAD], provenance=OK), "former_names"),
        (
            CompanyRecord(
                key="C1", identifiers=[Identifier(scheme="GB-COH", value=BAD)], provenance=OK
            ),
            "identifiers",
        ),
        (Directorship(key="d", src="P1", dst=BAD, role="director", provenance=OK), "dst"),
    ],
    ids=["field", "nested model", "list", "list of models", "link endpoint"],
)
def test_a_lone_surrogate_is_found_and_its_field_named(record: Record, field: str) -> None:
    clean = PersonRecord(key="P2", name="Marie", provenance=OK)
    expected = f"{field} holds a lone surrogate (not a character)"
    assert lone_surrogate([clean, record]) == expected
    assert unwritable([clean, record]) == expected


def test_clean_records_pass() -> None:
    records: list[Record] = [
        PersonRecord(key="P1", name="Zoë Ødegård 李", provenance=OK),
        CompanyRecord(key="C1", former_names=["A\x1fB", "\u202eRTL"], provenance=OK),
    ]
    assert unwritable(records) is None


def test_an_indexed_value_too_long_is_refused_before_the_surrogate_check() -> None:
    long = PersonRecord(key="P1", name="x" * (MAX_INDEXED_CHARS + 1), provenance=OK)
    assert (
        too_long([long])
        == f"name is {MAX_INDEXED_CHARS + 1:,} characters long; at most 2,000 can be indexed"
    )
    assert unwritable([long]) == too_long([long])
