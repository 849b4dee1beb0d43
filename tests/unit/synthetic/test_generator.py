"""The synthetic registry generator: deterministic, valid public formats, consistent truth."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from graph_schema.identifiers import identifier_key
from graph_schema.keys import person_key
from graph_schema.names import person_fingerprint
from graphapi.cli.generate import generate_command
from graphapi.tooling.synthetic import generate
from graphapi.tooling.synthetic.factory import (
    ACTIVITIES,
    CROWDED_QUALIFIERS,
    NAME_SURNAMES,
    PREFIXES,
    QUALIFIERS,
    Factory,
    add_months,
)
from tests.cli import invoke

AS_OF = date(2026, 6, 30)
FILING_CATEGORIES = {
    "incorporation", "accounts", "officers", "address", "change-of-name", "gazette",
    "confirmation-statement", "insolvency",
}  # fmt: skip
PSC_KINDS = {
    "individual-person-with-significant-control",
    "corporate-entity-person-with-significant-control",
    "super-secure-person-with-significant-control",
}
INSOLVENT = {"compulsory-liquidation", "creditors-voluntary-liquidation", "in-administration"}
MIN_POSITIVES = {
    "COMPANY_INSOLVENT": 20, "DIRECTOR_PAST_BANKRUPTCIES": 10, "DISQUALIFIED_DIRECTOR": 2,
    "HIDDEN_CONTROLLER": 4, "FRONT_PERSON": 4, "PHOENIX_SUCCESSOR": 6,
    "LATE_DIRECTOR_CHANGE": 4, "MASS_REGISTRATION_ADDRESS": 20, "DORMANT_REACTIVATION": 4,
    "CIRCULAR_OWNERSHIP": 4, "UBO_DISCREPANCY": 8, "NO_UBO_FOUND": 4,
    "UBO_REGISTER_STATEMENT": 14,
    "NEGATIVE_EQUITY": 4, "LOW_SOLVENCY": 4, "HIGH_GEARING": 4, "CONSECUTIVE_LOSSES": 4,
    "HEADCOUNT_DROP": 4, "TURNOVER_DROP": 4, "ACCOUNTS_OVERDUE": 4,
    "REACTIVATED_AFTER_DORMANT": 2, "DEPOSIT_MISSING": 1,
}  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    generate(2000, 11, out)
    return out


@pytest.fixture(scope="module")
def truth(world: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((world / "ground_truth.json").read_text())
    return data


@pytest.fixture(scope="module")
def bods(world: Path) -> list[dict[str, Any]]:
    lines = (world / "bods" / "ownership.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def ftm(world: Path) -> list[dict[str, Any]]:
    lines = (world / "ftm" / "shareholders.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def enums(datasets_dir: Path) -> dict[str, Any]:
    folder = datasets_dir / "companies-house" / "api-enumerations"
    merged: dict[str, Any] = {}
    for name in ("constants", "psc_descriptions", "disqualified_officer_descriptions"):
        merged.update(yaml.safe_load((folder / f"{name}.yml").read_text()))
    return merged


def _docs(world: Path, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(company number, document) for every company folder holding `name`."""
    for folder in sorted((world / "companies-house").iterdir()):
        if folder.name == "officers":
            continue  # officers/<officer_id>/appointments.json, not a company
        path = folder / name
        if path.exists():
            yield folder.name, json.loads(path.read_text(encoding="utf-8"))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _iso(value: str) -> date:
    return date.fromisoformat(value)


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    generate(400, 5, tmp_path / "a")
    generate(400, 5, tmp_path / "b")
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert len(a) > 1000
    assert a == b


def test_different_seeds_give_different_worlds(tmp_path: Path) -> None:
    generate(400, 5, tmp_path / "a")
    generate(400, 6, tmp_path / "b")
    truth_a = json.loads((tmp_path / "a" / "ground_truth.json").read_text())
    truth_b = json.loads((tmp_path / "b" / "ground_truth.json").read_text())
    assert (
        set(truth_a["clean"]).isdisjoint(truth_b["clean"]) or truth_a["clean"] != truth_b["clean"]
    )
    assert (tmp_path / "a" / "bods" / "ownership.jsonl").read_bytes() != (
        tmp_path / "b" / "bods" / "ownership.jsonl"
    ).read_bytes()


def test_too_small_a_world_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        generate(100, 1, tmp_path)


def test_profiles_use_valid_enumerations(
    world: Path, enums: dict[str, Any], truth: dict[str, Any]
) -> None:
    count = 0
    overdue: set[str] = set()
    for number, doc in _docs(world, "profile.json"):
        count += 1
        assert doc["company_number"] == number
        assert doc["company_status"] in enums["company_status"]
        assert doc["type"] in enums["company_type"]
        assert doc["jurisdiction"] in enums["jurisdiction"]
        assert all(code in enums["sic_descriptions"] for code in doc["sic_codes"])
        assert set(doc["registered_office_address"]) == {
            "address_line_1", "locality", "postal_code", "country",
        }  # fmt: skip
        created = _iso(doc["date_of_creation"])
        assert created <= AS_OF
        if doc["company_status"] == "dissolved":
            assert _iso(doc["date_of_cessation"]) > created
        accounts = doc.get("accounts", {})
        if "last_accounts" in accounts:
            assert accounts["last_accounts"]["type"] in enums["account_type"]
        if doc["company_status"] == "active":
            # Young companies have no last accounts yet, but every active company has a due
            # date; only the planted overdue cases are late.
            nxt = accounts["next_accounts"]
            assert accounts["next_due"] == nxt["due_on"] > accounts["next_made_up_to"]
            assert nxt["overdue"] is (_iso(nxt["due_on"]) < AS_OF)
            if nxt["overdue"]:
                overdue.add(f"GB-COH-{number}")
    assert count > 1900
    assert overdue == set(truth["signals"]["ACCOUNTS_OVERDUE"]["positives"])


def test_officers_match_the_api_shape(world: Path, enums: dict[str, Any]) -> None:
    corporate = 0
    docs = list(_docs(world, "officers.json"))
    assert len(docs) > 1900  # every company has officers
    for _, doc in docs:
        assert doc["total_results"] == len(doc["items"]) >= 1
        assert doc["active_count"] + doc["resigned_count"] == doc["total_results"]
        for item in doc["items"]:
            assert item["officer_role"] in enums["officer_role"]
            if "identification" in item:  # a company as officer: its UK registration
                corporate += 1
                ident = item["identification"]
                assert item["officer_role"].startswith("corporate-")
                assert ident["identification_type"] in enums["identification_type"]
                identifier_key("GB-COH", ident["registration_number"])
                assert "date_of_birth" not in item
                continue
            surname, forenames = item["name"].split(", ")
            assert surname == surname.upper() and forenames
            assert 1 <= item["date_of_birth"]["month"] <= 12
            assert 1930 < item["date_of_birth"]["year"] < 2010
            assert item["links"]["officer"]["appointments"].startswith("/officers/")
            if "resigned_on" in item:
                assert _iso(item["resigned_on"]) > _iso(item["appointed_on"])
    assert corporate >= 10  # corporate secretaries and directors


def test_appointments_lists_match_the_officer_lists(world: Path) -> None:
    """/officers/{officer_id}/appointments: every appointment of each officer, across
    companies, in the shape of the real responses."""
    listed: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for number, doc in _docs(world, "officers.json"):
        for item in doc["items"]:
            oid = item["links"]["officer"]["appointments"].split("/")[2]
            listed[oid].add((number, item["officer_role"]))
    folder = world / "companies-house" / "officers"
    files = {p.parent.name: json.loads(p.read_text()) for p in folder.glob("*/appointments.json")}
    assert set(files) == set(listed)
    several = 0
    for oid, doc in files.items():
        assert doc["kind"] == "personal-appointment" and doc["total_results"] == len(doc["items"])
        assert doc["links"]["self"] == f"/officers/{oid}/appointments"
        got = {(i["appointed_to"]["company_number"], i["officer_role"]) for i in doc["items"]}
        assert got == listed[oid], oid
        several += len({n for n, _ in got}) > 1
        for item in doc["items"]:
            assert set(item["appointed_to"]) == {"company_number", "company_name", "company_status"}
        assert doc["is_corporate_officer"] == any("identification" in i for i in doc["items"])
    assert several >= 20  # directors of several companies: what the lists are for


def test_psc_natures_and_statements_are_known_values(world: Path, enums: dict[str, Any]) -> None:
    natures = enums["description"]
    seen = 0
    for _, doc in _docs(world, "persons-with-significant-control.json"):
        assert doc["active_count"] + doc["ceased_count"] == doc["total_results"]
        for item in doc["items"]:
            seen += 1
            assert item["kind"] in PSC_KINDS
            if item["kind"].startswith("super-secure"):
                assert set(item) == {"kind", "description", "etag", "links"}
                continue
            assert item["natures_of_control"]
            assert all(n in natures for n in item["natures_of_control"])
            if item["kind"].startswith("individual"):
                assert item["name_elements"]["surname"] in item["name"]
            elif item["identification"]["country_registered"] in ("England", "Scotland"):
                identifier_key("GB-COH", item["identification"]["registration_number"])
    assert seen > 1500
    statements = list(_docs(world, "persons-with-significant-control-statements.json"))
    codes = {i["statement"] for _, doc in statements for i in doc["items"]}
    assert codes <= set(enums["statement_description"])
    assert len(codes) >= 7  # no PSC, and each kind of "not identified / confirmed yet"


def test_insolvency_and_filing_history_use_valid_values(world: Path, enums: dict[str, Any]) -> None:
    cases = 0
    for _, doc in _docs(world, "insolvency.json"):
        for case in doc["cases"]:
            cases += 1
            assert case["type"] in enums["insolvency_case_type"]
            assert all(d["type"] in enums["insolvency_case_date_type"] for d in case["dates"])
    assert cases >= 10
    histories = list(_docs(world, "filing-history.json"))
    assert len(histories) > 1900
    for _, doc in histories:
        assert doc["total_count"] == len(doc["items"])
        dates = [item["date"] for item in doc["items"]]
        assert dates == sorted(dates, reverse=True)  # newest first, as the API lists them
        for item in doc["items"]:
            assert item["category"] in FILING_CATEGORIES
            if item["type"] == "AA":
                kind = item["description"].removeprefix("accounts-with-accounts-type-")
                assert kind in enums["account_type"]
                assert _iso(item["description_values"]["made_up_date"]) < _iso(item["date"])


def test_disqualified_officers_use_valid_reasons(world: Path, enums: dict[str, Any]) -> None:
    docs = [json.loads(p.read_text()) for p in (world / "companies-house-disqualified").iterdir()]
    assert len(docs) >= 2
    for doc in docs:
        for d in doc["disqualifications"]:
            assert d["reason"]["description_identifier"] in enums["description_identifier"]
            assert d["reason"]["act"] in enums["act"]
            assert d["disqualification_type"] in enums["disqualification_type"]
            assert _iso(d["disqualified_from"]) <= AS_OF <= _iso(d["disqualified_until"])


def test_every_identifier_is_valid_for_its_scheme(world: Path, bods: list[dict[str, Any]]) -> None:
    for folder in (world / "companies-house").iterdir():
        if folder.name != "officers":
            assert identifier_key("GB-COH", folder.name) == f"GB-COH-{folder.name}"
    schemes: dict[str, int] = defaultdict(int)
    for st in bods:
        if st["recordType"] == "entity":
            (ident,) = st["recordDetails"]["identifiers"]
            assert (
                identifier_key(ident["scheme"], ident["id"]) == f"{ident['scheme']}-{ident['id']}"
            )
            schemes[ident["scheme"]] += 1
    assert schemes["BE-BCE_KBO"] >= 4 and schemes["FR-SIREN"] >= 2
    names = {st["recordDetails"]["name"] for st in bods if st["recordType"] == "entity"}
    assert "Vlaamse Bouwgroep NV" in names


def test_bods_records_reference_earlier_records(bods: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    statement_ids = [st["statementId"] for st in bods]
    assert len(statement_ids) == len(set(statement_ids))
    for st in bods:
        assert st["publicationDetails"]["bodsVersion"] == "0.4"
        details = st["recordDetails"]
        if st["recordType"] == "relationship":
            assert details["subject"] in seen and details["interestedParty"] in seen
            (interest,) = details["interests"]
            assert interest["type"] == "shareholding"
            # A beneficial-owner register's statement (not a shareholder list).
            assert interest["beneficialOwnershipOrControl"] is True
            assert st["source"]["type"] == ["officialRegister"]
            assert 25 < interest["share"]["exact"] <= 100
        elif st["recordType"] == "person":
            assert len(details["birthDate"]) == 7  # YYYY-MM, as Companies House publishes
        seen.add(st["recordId"])


def test_uk_companies_publish_no_shareholder_list(
    world: Path, bods: list[dict[str, Any]], ftm: list[dict[str, Any]], truth: dict[str, Any]
) -> None:
    """Companies House publishes the PSC register, never shareholders; BODS covers only the
    non-UK companies' registers; a shareholder list reaches FtM for a few companies only (the
    second source of the discrepancy cases), and there its owners sum to 100 %."""
    for st in bods:
        if st["recordType"] == "entity":
            assert st["recordDetails"]["identifiers"][0]["scheme"] != "GB-COH"
    totals: dict[str, float] = defaultdict(float)
    for entity in ftm:
        if entity["schema"] == "Ownership":
            props = entity["properties"]
            if "endDate" not in props or _iso(props["endDate"][0]) > AS_OF:
                totals[props["asset"][0]] += float(props["percentage"][0])
    assert 10 <= len(totals) < 0.05 * truth["counts"]["companies"]
    assert all(abs(total - 100) < 1e-6 for total in totals.values()), totals
    discrepant = {k.lower() for k in truth["signals"]["UBO_DISCREPANCY"]["positives"]}
    assert discrepant <= set(totals)


def test_ftm_shareholders_join_psc_persons(world: Path, ftm: list[dict[str, Any]]) -> None:
    """duegraph matches persons on normalised name + birth year-month across sources."""
    ftm_keys = {
        person_key(e["properties"]["name"][0], e["properties"]["birthDate"][0],
                   source="ftm", source_person_id=e["id"])[0]
        for e in ftm
        if e["schema"] == "Person"
    }  # fmt: skip
    psc_keys = set()
    for _, doc in _docs(world, "persons-with-significant-control.json"):
        for item in doc["items"]:
            if item["kind"].startswith("individual"):
                dob = item["date_of_birth"]
                ym = f"{dob['year']:04d}-{dob['month']:02d}"
                key, basis = person_key(item["name"], ym, source="ch", source_person_id="x")
                assert basis == "name+birth_year_month"
                psc_keys.add(key)
    assert len(ftm_keys & psc_keys) >= 10


def test_different_persons_never_share_name_and_birth_month(world: Path) -> None:
    """Only deliberate namesakes share a name, and they differ in birth year-month."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, doc in _docs(world, "officers.json"):
        for item in doc["items"]:
            if "identification" in item:
                continue  # a company
            dob = item["date_of_birth"]
            ident = (person_fingerprint(item["name"]), f"{dob['year']}-{dob['month']}")
            owners[ident].add(item["links"]["officer"]["appointments"])
    assert len(owners) > 1000
    assert all(len(ids) == 1 for ids in owners.values())
    by_name = defaultdict(set)
    for fingerprint, ym in owners:
        by_name[fingerprint].add(ym)
    assert any(len(yms) > 1 for yms in by_name.values())  # the planted namesakes


def test_ground_truth_is_consistent(world: Path, truth: dict[str, Any], bods: list[Any]) -> None:
    existing = {f"GB-COH-{n}" for n, _ in _docs(world, "profile.json")}
    for st in bods:
        if st["recordType"] == "entity":
            (ident,) = st["recordDetails"]["identifiers"]
            existing.add(f"{ident['scheme']}-{ident['id']}")
    assert truth["counts"]["companies"] == len(existing) == 2000
    assert truth["as_of"] == "2026-06-30" and truth["seed"] == 11
    severe: set[str] = set()
    unscored: set[str] = set()
    for kind, signal in truth["signals"].items():
        positives = set(signal["positives"])
        negatives = {h["company"] for h in signal["hard_negatives"]}
        assert positives <= existing and negatives <= existing
        assert set(signal["unscored"]) <= existing
        assert not positives & negatives, kind
        assert len(positives) >= MIN_POSITIVES[kind], kind
        # Every positive carries the severity it was planted with (1-5), every hard negative
        # the highest it may get.
        assert set(signal["severity"]) == positives
        assert all(1 <= sev <= 5 for sev in signal["severity"].values())
        assert all(0 <= h["max_severity"] <= 2 for h in signal["hard_negatives"])
        severe |= {k for k, sev in signal["severity"].items() if sev >= 3}
        unscored |= set(signal["unscored"])
    clean = set(truth["clean"])
    assert clean <= existing and not clean & (severe | unscored)
    assert len(clean) / len(existing) > 0.85  # mostly clean background
    # Widely held companies, group cycles, register statements: planted at 2 at most.
    for kind in ("NO_UBO_FOUND", "UBO_REGISTER_STATEMENT", "MASS_REGISTRATION_ADDRESS"):
        assert max(truth["signals"][kind]["severity"].values()) <= 2, kind
    assert truth["counts"]["background_companies"] / 2000 > 0.85


def test_insolvency_truth_matches_the_files(world: Path, truth: dict[str, Any]) -> None:
    """Every planted insolvency shows in the files: in its insolvency document when the fetch
    got it, else in the filing history (and the profile's status) alone."""
    docs = {f"GB-COH-{n}": d for n, d in _docs(world, "insolvency.json")}
    histories = {f"GB-COH-{n}": d for n, d in _docs(world, "filing-history.json")}
    profiles = {f"GB-COH-{n}": d for n, d in _docs(world, "profile.json")}
    signal = truth["signals"]["COMPANY_INSOLVENT"]
    gaps = 0
    for key in signal["positives"]:
        assert profiles[key]["company_status"] in ("liquidation", "administration")
        if key in docs:
            assert any(case["type"] in INSOLVENT for case in docs[key]["cases"])
        else:
            gaps += 1
            assert profiles[key]["has_insolvency_history"] is True
        filings = [i for i in histories[key]["items"] if i["category"] == "insolvency"]
        assert {i["type"] for i in filings} & {"600", "COCOMP", "AM01", "LRESEX"}, key
    assert 0 < gaps < len(signal["positives"])  # some documents missing, not all
    for negative in signal["hard_negatives"]:
        cases = docs.get(negative["company"], {"cases": []})["cases"]
        assert not any(case["type"] in INSOLVENT for case in cases)
        items = histories[negative["company"]]["items"]
        if profiles[negative["company"]]["company_status"] == "liquidation":  # solvent MVL
            assert "LIQ01" in {i["type"] for i in items}
    flagged = set(signal["positives"])
    assert {k for k, d in docs.items() if any(c["type"] in INSOLVENT for c in d["cases"])} <= (
        flagged
    )


def test_bankruptcy_history_persons_are_directors_of_insolvent_companies(
    world: Path, truth: dict[str, Any]
) -> None:
    officers = {f"GB-COH-{n}": d for n, d in _docs(world, "officers.json")}
    insolvent = set(truth["signals"]["COMPANY_INSOLVENT"]["positives"])
    counts: dict[int, int] = defaultdict(int)
    for person in truth["persons"]:
        counts[min(person["bankruptcies"], 3)] += 1
        for case in person["cases"]:
            assert case["company"] in insolvent
            names = [i["name"] for i in officers[case["company"]]["items"]]
            assert person["ch_name"] in names
    assert counts[1] and counts[2] and counts[3]


def test_mass_address_case_holds_in_the_files(world: Path, truth: dict[str, Any]) -> None:
    profiles = {f"GB-COH-{n}": d for n, d in _docs(world, "profile.json")}
    positives = truth["signals"]["MASS_REGISTRATION_ADDRESS"]["positives"]
    addresses = defaultdict(list)
    for key in positives:
        office = profiles[key]["registered_office_address"]
        addresses[(office["address_line_1"], office["postal_code"])].append(profiles[key])
    for companies in addresses.values():
        assert len(companies) >= 20
        recent = [c for c in companies if _iso(c["date_of_creation"]) > add_months(AS_OF, -24)]
        assert len(recent) / len(companies) >= 0.5


def test_dormant_reactivation_shows_in_filing_history(world: Path, truth: dict[str, Any]) -> None:
    histories = {f"GB-COH-{n}": d for n, d in _docs(world, "filing-history.json")}
    for key in truth["signals"]["DORMANT_REACTIVATION"]["positives"]:
        items = histories[key]["items"]
        dormant = [i for i in items if i["description"].endswith("type-dormant")]
        assert len(dormant) >= 2
        accounts_days: dict[str, int] = defaultdict(int)
        for item in items:
            if item["type"] == "AA" and not item["description"].endswith("dormant"):
                accounts_days[item["date"]] += 1
        assert max(accounts_days.values()) >= 2  # two years of accounts filed on one day
        assert {"AP01", "TM01", "AD01"} <= {i["type"] for i in items}


def test_worked_cycle_example_has_the_exact_shares(
    truth: dict[str, Any], ftm: list[dict[str, Any]]
) -> None:
    (case,) = [c for c in truth["cases"] if c.get("expected", {}).get("A")]
    expected = case["expected"]
    ids = {e["id"]: e for e in ftm}
    holdings: dict[tuple[str, str], float] = {}
    for e in ftm:
        if e["schema"] == "Ownership":
            props = e["properties"]
            holdings[(props["owner"][0], props["asset"][0])] = float(props["percentage"][0])
    t, a, b = (expected[k].lower() for k in ("target", "A", "B"))
    companies = [t, a, b]
    persons = sorted({p for p, s in holdings if s in companies and ids[p]["schema"] == "Person"})
    assert len(persons) == 3
    big_a = np.array([[holdings.get((i, j), 0) / 100 for j in companies] for i in companies])
    big_p = np.array([[holdings.get((p, j), 0) / 100 for j in companies] for p in persons])
    owned = big_p @ np.linalg.inv(np.eye(3) - big_a)
    by_name = {ids[p]["properties"]["name"][0]: owned[n, 0] for n, p in enumerate(persons)}
    for letter, row in expected["integrated_ownership_percent"].items():
        assert round(100 * by_name[row["person"]], 2) == row["percent"], letter
    self_owned = (big_a @ np.linalg.inv(np.eye(3) - big_a))[0, 0]
    assert round(self_owned, 4) == round(0.08 / 0.92, 4)
    assert case["positives"] == {expected["target"]: 2, expected["B"]: 2}


def test_cli_command_writes_a_world(tmp_path: Path) -> None:
    args = ("--companies", "350", "--seed", "3", "--out", str(tmp_path))
    result = invoke(generate_command, *args)
    assert result.exit_code == 0, result.output
    assert "COMPANY_INSOLVENT" in result.stdout
    truth = json.loads((tmp_path / "ground_truth.json").read_text())
    assert truth["counts"]["companies"] == 350
    bad = invoke(generate_command, *args, "--as-of", "2026-02-30")
    assert bad.exit_code != 0


def test_as_of_moves_the_world(tmp_path: Path) -> None:
    generate(350, 3, tmp_path, date(2024, 12, 31))
    truth = json.loads((tmp_path / "ground_truth.json").read_text())
    assert truth["as_of"] == "2024-12-31"
    for _, doc in _docs(tmp_path, "filing-history.json"):
        assert all(_iso(item["date"]) <= date(2024, 12, 31) for item in doc["items"])


def test_name_pools_cannot_look_alike_by_accident(enums: dict[str, Any]) -> None:
    words = [
        w.lower()
        for w in (
            *PREFIXES,
            *QUALIFIERS,
            *CROWDED_QUALIFIERS,
            *NAME_SURNAMES,
            *(a for a, _ in ACTIVITIES),
        )
    ]
    assert len(words) == len(set(words))
    for w in words:
        assert not any(w != other and w in other for other in words), w
    assert all(sic in enums["sic_descriptions"] for _, sic in ACTIVITIES)


def test_version_two_is_the_same_world_after_two_changes(tmp_path: Path) -> None:
    generate(400, 5, tmp_path / "v1")
    generate(400, 5, tmp_path / "v2", version=2)
    v1, v2 = _files(tmp_path / "v1"), _files(tmp_path / "v2")
    t1 = json.loads(v1.pop("ground_truth.json"))
    t2 = json.loads(v2.pop("ground_truth.json"))
    assert json.loads(v1.pop("world.json"))["version"] == 1
    assert json.loads(v2.pop("world.json"))["version"] == 2
    assert t2["version"] == 2 and t2["previous_as_of"] == t1["as_of"] == "2026-06-30"
    assert t2["as_of"] == "2026-09-30"
    insolvency, director = t2["changes"]
    doomed, changing = insolvency["company"], director["company"]
    changed = {name for name in v1.keys() | v2.keys() if v1.get(name) != v2.get(name)}
    number = doomed.removeprefix("GB-COH-")
    other = changing.removeprefix("GB-COH-")
    lists = {n for n in changed if n.startswith("companies-house/officers/")}
    assert changed - lists <= {
        f"companies-house/{number}/profile.json",
        f"companies-house/{number}/insolvency.json",  # unless the fetch missed it
        f"companies-house/{number}/filing-history.json",
        f"companies-house/{other}/officers.json",
        f"companies-house/{other}/filing-history.json",
    }
    assert f"companies-house/{number}/profile.json" in changed
    assert f"companies-house/{other}/officers.json" in changed
    # The doomed company's officers (its status in their lists), the leaver and the newcomer.
    assert 3 <= len(lists) <= 5
    assert doomed in t1["clean"] and doomed not in t1["signals"]["COMPANY_INSOLVENT"]["positives"]
    assert doomed in t2["signals"]["COMPANY_INSOLVENT"]["positives"]
    # The doomed company's director runs another company, which now has a bankrupt director.
    gained = set(t2["signals"]["DIRECTOR_PAST_BANKRUPTCIES"]["positives"]) - set(
        t1["signals"]["DIRECTOR_PAST_BANKRUPTCIES"]["positives"]
    )
    assert len(gained) == 1 and gained <= set(t1["clean"])


def test_front_person_cases_hold_in_the_files(world: Path, truth: dict[str, Any]) -> None:
    """A nominee (under 21 or over 75) arrives within 90 days of a failed director leaving,
    who still holds a majority on the PSC register."""
    officers = {f"GB-COH-{n}": d for n, d in _docs(world, "officers.json")}
    pscs = {f"GB-COH-{n}": d for n, d in _docs(world, "persons-with-significant-control.json")}
    failed = {p["ch_name"] for p in truth["persons"] if p["bankruptcies"] >= 2}
    cases = [c for c in truth["cases"] if c["kind"] == "FRONT_PERSON" and c["positives"]]
    assert len(cases) >= 4
    for case in cases:
        ((key, severity),) = case["positives"].items()
        assert severity == 4  # four indicators
        items = officers[key]["items"]
        (left,) = [i for i in items if "resigned_on" in i]
        (nominee,) = [i for i in items if "resigned_on" not in i]
        assert left["name"] in failed
        gap = _iso(nominee["appointed_on"]) - _iso(left["resigned_on"])
        assert 0 <= gap.days <= 90
        age = _iso(nominee["appointed_on"]).year - nominee["date_of_birth"]["year"]
        assert age <= 21 or age >= 75
        surname = left["name"].split(",")[0].lower()
        majority = [
            p
            for p in pscs[key]["items"]
            if surname in p["name"].lower() and "ceased_on" not in p
            and "ownership-of-shares-75-to-100-percent" in p["natures_of_control"]
        ]  # fmt: skip
        assert majority


def _yearly_filings(world: Path) -> dict[str, list[date]]:
    """Accounts and confirmation statements per company, by filing date."""
    return {
        f"GB-COH-{n}": [
            _iso(i["date"])
            for i in d["items"]
            if i["category"] in {"accounts", "confirmation-statement"}
        ]
        for n, d in _docs(world, "filing-history.json")
    }


def test_history_years_bound_background_filings_and_spare_the_planted_cases(
    tmp_path: Path,
) -> None:
    generate(400, 5, tmp_path / "full")
    generate(400, 5, tmp_path / "short", history_years=1)
    full, short = _yearly_filings(tmp_path / "full"), _yearly_filings(tmp_path / "short")
    truth = json.loads((tmp_path / "short" / "ground_truth.json").read_text())
    assert truth["background_history_years"] == 1
    assert (
        json.loads((tmp_path / "full" / "ground_truth.json").read_text())[
            "background_history_years"
        ]
        == 40
    )
    assert set(full) == set(short)  # the same companies
    # A company keeps its whole history (planted cases, young companies) or only last year's
    # filings and this year's (filed up to 9 months after the period ends), nothing older.
    cut = [k for k in full if short[k] != full[k]]
    for key in cut:
        assert all(d.year >= AS_OF.year - 2 for d in short[key]), key
        assert set(short[key]) < set(full[key]), key
    # Most background companies are older than two years: their histories were cut.
    assert len(cut) > 0.6 * truth["counts"]["background_companies"]
    assert sum(len(full[k]) for k in cut) > 4 * sum(len(short[k]) for k in cut)
    # Planted cases keep their whole history: detectors read it (dormant accounts, late changes).
    for key in truth["signals"]["DORMANT_REACTIVATION"]["positives"]:
        assert short[key] == full[key]
    # Nothing else moves: same names, same officers, same ownership lines.
    for part in ("bods/ownership.jsonl", "ftm/shareholders.jsonl"):
        assert (tmp_path / "full" / part).read_bytes() == (tmp_path / "short" / part).read_bytes()
    with pytest.raises(ValueError, match="history_years"):
        generate(400, 5, tmp_path / "none", history_years=0)


def test_cli_history_years_option(tmp_path: Path) -> None:
    args = ["--companies", "350", "--seed", "3", "--out", str(tmp_path), "--history-years", "2"]
    result = invoke(generate_command, *args)
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "ground_truth.json").read_text())["background_history_years"] == 2


def test_a_full_name_space_moves_to_new_words_and_names_stay_dissimilar() -> None:
    # One activity holds about 12k three-word names: 20k draws must overflow into the
    # second pool, as a world of 1M companies does across all activities.
    f = Factory(random.Random(3), AS_OF)
    activity = ACTIVITIES[0]
    cores = [f.company_core(activity)[0] for _ in range(20_000)]
    token_sets = [frozenset(c.lower().replace("&", " ").split()) for c in cores]
    # Three distinct words each and no two alike: two names share at most two words, so the
    # token Jaccard of any pair stays at or under 0.5 (the phoenix rule needs 0.6).
    assert all(len(t) == 3 for t in token_sets)
    assert len(set(token_sets)) == len(cores)
    crowded = {w.lower() for w in CROWDED_QUALIFIERS}
    late = token_sets[15_000:]
    assert all(t & crowded for t in late)
    assert not any(t & crowded for t in token_sets[:5_000])
