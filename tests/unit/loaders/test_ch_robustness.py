"""Any value in any field of a Companies House item gives records or a reason, never a crash."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from graph_schema.provenance import Provenance
from loaders.companies_house.basic_data import row_records
from loaders.companies_house.company_docs import case_records, filing_records, profile_records
from loaders.companies_house.disqualified import disqualified_records
from loaders.companies_house.insolvency_filings import episodes
from loaders.companies_house.officers import OfficerHints, appointment_records, officer_records
from loaders.companies_house.psc import psc_records
from loaders.companies_house.registration import registration
from loaders.contract import BadRecord

PROV = Provenance(source="companies-house", record_id="t")
CKEY = "GB-COH-01234567"

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["2020-02-30", "2020-01-01", "director", "wound-up-on", "1234567"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)

SAMPLES: dict[str, tuple[dict[str, Any], Callable[[dict[str, Any]], object]]] = {
    "officer": (
        {
            "name": "SMITH, John",
            "officer_role": "director",
            "appointed_on": "2010-01-01",
            "date_of_birth": {"month": 5, "year": 1970},
            "address": {"locality": "York"},
            "identification": None,
            "links": {"officer": {"appointments": "/officers/A/appointments"}},
        },
        lambda item: officer_records(CKEY, item, PROV, "fallback"),
    ),
    "appointment": (
        {
            "appointed_to": {"company_number": "1", "company_name": "A", "company_status": "x"},
            "officer_role": "secretary",
            "appointed_on": "2010-01-01",
            "name": "A B",
            "identification": None,
            "date_of_birth": None,
        },
        lambda item: appointment_records(
            {"name": "A B", "date_of_birth": {"month": 1, "year": 1970}},
            item,
            PROV,
            OfficerHints(officer_id="O1", birth="1970-01"),
            [],
        ),
    ),
    "registration": (
        {
            "identification_type": "uk-limited-company",
            "registration_number": "1",
            "legal_authority": "Limited Company, England And Wales",
            "place_registered": "Companies House",
            "country_registered": "England",
        },
        lambda item: [registration(item, "own", "x")],
    ),
    "filing_episodes": (
        {
            "category": "insolvency",
            "subcategory": ["voluntary"],
            "type": "LIQ02",
            "date": "2020-01-01",
            "description": "liquidation-voluntary-statement-of-affairs",
        },
        lambda item: episodes([item, {**item, "type": "600"}], complete=False),
    ),
    "psc": (
        {
            "kind": "corporate-entity-person-with-significant-control",
            "name": "Holdco Ltd",
            "identification": {"registration_number": "1", "country_registered": "England"},
            "natures_of_control": ["ownership-of-shares-25-to-50-percent"],
            "notified_on": "2016-04-06",
            "address": {"premises": "1"},
            "links": {"self": "/x/P1"},
        },
        lambda item: psc_records("01234567", item, PROV),
    ),
    "case": (
        {
            "type": "compulsory-liquidation",
            "number": "1",
            "dates": [{"type": "wound-up-on", "date": "2020-01-01"}],
            "practitioners": [{"name": "A"}],
        },
        lambda item: case_records(CKEY, item, PROV),
    ),
    "filing": (
        {
            "category": "accounts",
            "type": "AA",
            "date": "2020-01-01",
            "transaction_id": "T",
            "description": "accounts-with-accounts-type-dormant",
            "description_values": {"made_up_date": "2019-12-31"},
        },
        lambda item: filing_records(CKEY, item, PROV),
    ),
    "profile": (
        {
            "company_name": "A",
            "company_status": "active",
            "type": "ltd",
            "sic_codes": ["1"],
            "date_of_creation": "2000-01-01",
            "registered_office_address": {"locality": "Leeds"},
            "previous_company_names": [{"name": "B", "ceased_on": "2001-01-01"}],
            "accounts": {"last_accounts": {"made_up_to": "2019-12-31", "type": "dormant"}},
        },
        lambda item: profile_records(CKEY, item, PROV, None),
    ),
    "disqualified": (
        {
            "forename": "A",
            "surname": "B",
            "date_of_birth": "1970-01-01",
            "disqualifications": [
                {"disqualified_from": "2020-01-01", "reason": {"act": None}, "company_names": ["C"]}
            ],
        },
        lambda item: disqualified_records(item, PROV, "id"),
    ),
    "basic_data": (
        {
            "CompanyName": "A",
            "CompanyNumber": "1",
            "CompanyStatus": "Active",
            "IncorporationDate": "01/01/2000",
            "SICCode.SicText_1": "1234 - X",
            "PreviousName_1.CompanyName": "B",
            "PreviousName_1.CONDATE": "01/01/2001",
            "Accounts.LastMadeUpDate": "31/12/2019",
            "RegAddress.PostTown": "Leeds",
        },
        lambda item: row_records(item, PROV),
    ),
}


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(SAMPLES)), field_index=st.integers(0, 20), value=JSON)
def test_any_value_in_any_field_is_records_or_a_reason(
    kind: str, field_index: int, value: Any
) -> None:
    sample, parse = SAMPLES[kind]
    field = sorted(sample)[field_index % len(sample)]
    try:
        result = parse({**sample, field: value})
    except BadRecord as exc:
        assert str(exc)  # a reason the rejects file can show
    except ValueError as exc:  # a check on a canonical record: the loaders report it too
        assert str(exc)
    else:
        assert isinstance(result, list)


def test_the_unmodified_samples_parse() -> None:
    # So that the property above starts from good items, not from already broken ones.
    for sample, parse in SAMPLES.values():
        result = parse(sample)
        assert isinstance(result, list) and result
