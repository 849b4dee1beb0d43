from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from graph_schema.edges import Directorship, Shareholding
from graph_schema.keys import person_key
from graph_schema.names import company_search_name, person_fingerprint
from graph_schema.nodes import CompanyRecord, PersonRecord
from graph_schema.provenance import Provenance

PROV = Provenance(source="test", record_id="r1")


def test_company_search_name_drops_case_accents_and_legal_forms() -> None:
    assert company_search_name("Vlaamse Bouwgroep NV") == "vlaamse bouwgroep"
    assert company_search_name("DUPONT CONSTRUCT LTD") == "dupont construct"
    assert company_search_name("Société Générale S.A.") == "societe generale"


def test_person_fingerprint_ignores_word_order_titles_and_accents() -> None:
    assert person_fingerprint("SMITH, John") == person_fingerprint("Mr John Smith")
    assert person_fingerprint("Émile Dupont") == person_fingerprint("DUPONT, Emile")


def test_persons_merge_on_name_and_birth_month_only() -> None:
    a, basis = person_key("SMITH, John", "1970-05", source="ch", source_person_id="x1")
    b, _ = person_key("John Smith", "1970-05", source="bods", source_person_id="y9")
    c, _ = person_key("John Smith", "1975-02", source="bods", source_person_id="y9")
    assert a == b and basis == "name+birth_year_month"
    assert a != c  # namesakes born years apart stay two people


def test_never_merge_on_name_alone() -> None:
    a, basis = person_key("John Smith", None, source="ch", source_person_id="x1")
    b, _ = person_key("John Smith", None, source="ch", source_person_id="x2")
    assert a != b and basis == "source_record"


def test_relationship_key_ignores_end_date_so_a_newer_file_updates_in_place() -> None:
    k1 = Directorship.make_key("p", "c", "director", date(2020, 1, 1))
    d1 = Directorship(
        key=k1, src="p", dst="c", role="director", start=date(2020, 1, 1), provenance=PROV
    )
    d2 = d1.model_copy(update={"end": date(2023, 5, 1)})
    assert d1.key == d2.key


def test_end_before_start_is_rejected() -> None:
    with pytest.raises(ValidationError, match="before start"):
        Directorship(
            key="k",
            src="p",
            dst="c",
            role="director",
            start=date(2021, 1, 1),
            end=date(2020, 1, 1),
            provenance=PROV,
        )


def test_share_ranges_are_checked() -> None:
    with pytest.raises(ValidationError, match="outside"):
        Shareholding(key="k", src="p", dst="c", share_exact=120, provenance=PROV)
    with pytest.raises(ValidationError, match="minimum"):
        Shareholding(key="k", src="p", dst="c", share_min=60, share_max=50, provenance=PROV)


def test_birth_year_month_format() -> None:
    with pytest.raises(ValidationError):
        PersonRecord(key="p", name="A", birth_year_month="1970-13", provenance=PROV)


def test_graph_props_leave_out_missing_values_and_carry_provenance() -> None:
    rec = CompanyRecord(key="GB-COH-00000001", name="Acme Ltd", provenance=PROV)
    props = rec.graph_props()
    assert props["name"] == "Acme Ltd"
    assert props["search_names"] == ["acme"]
    assert props["source"] == "test" and props["record_id"] == "r1"
    assert "legal_form" not in props and "former_names" not in props
